import { EntityManager } from 'typeorm';

import { OverdueEvent } from '@dx/domain';

import { FactCoordinates } from '../facts/fact-store.port';

/** What an observation batch does to overdue reports (OverdueModule binds it to OverdueReportsRepository). */
export abstract class OverdueReports {
  /** Held until the batch commits: the scheduler, which takes the lock exclusively, never announces a report the batch answers. */
  abstract lockShared(manager: EntityManager): Promise<void>;

  /** Clears the open overdue reports that `facts` answer; returns the `overdue_cleared` events. */
  abstract clear(manager: EntityManager, facts: readonly FactCoordinates[], at: Date): Promise<OverdueEvent[]>;
}
