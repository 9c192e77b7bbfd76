import { z } from 'zod';

// One PostgreSQL advisory lock says "an instance of the computation service is running": every instance
// holds it shared for as long as it runs, the rebuild takes it exclusively for as long as it works. So
// neither starts while the other runs, whatever the consumer group shows (an instance's relay and overdue
// scheduler are not in the group).
export const RUNNING_LOCK_KEY = 'computation:running';

export const TAKE_RUNNING_LOCK_SHARED_SQL = `SELECT pg_try_advisory_lock_shared(hashtext('${RUNNING_LOCK_KEY}')) AS locked`;
export const TAKE_RUNNING_LOCK_EXCLUSIVE_SQL = `SELECT pg_try_advisory_lock(hashtext('${RUNNING_LOCK_KEY}')) AS locked`;
/** The one row either statement answers. */
export const runningLockRow = z.object({ locked: z.boolean() });

/** Raised, with nothing changed, when a rebuild would meet a running instance or its unpublished events. */
export class RebuildConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildConflict';
  }
}
