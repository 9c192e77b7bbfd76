import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { ChangeType } from '@dx/contracts';

/** One entry of the change feed, as a feature records it (the cursor is given on append). */
export interface ChangeEntry {
  type: ChangeType;
  payload: object;
}

export const CHANGES_CHANNEL = 'reporting_changes';

/**
 * Appends to the change feed inside the caller's transaction, as its last step. The transaction-scoped
 * lock orders appends: a cursor is taken only after every earlier one committed, so a reader that saw
 * cursor n never sees n−1 appear later (no gap), even with several instances. NOTIFY wakes the streams.
 */
@Injectable()
export class ChangeLogService {
  async append(manager: EntityManager, entries: readonly ChangeEntry[], changedAt: Date): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('reporting:change-log'))`);
    await manager.query(
      `INSERT INTO reporting.change (type, payload, changed_at)
       SELECT e.type, e.payload, $3 FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS e(type, payload, n) ORDER BY e.n`,
      [entries.map((e) => e.type), entries.map((e) => JSON.stringify(e.payload)), changedAt],
    );
    await manager.query(`SELECT pg_notify($1, '')`, [CHANGES_CHANNEL]);
  }
}
