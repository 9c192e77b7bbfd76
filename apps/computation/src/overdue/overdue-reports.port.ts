import { EntityManager } from 'typeorm';

import { OverdueEvent } from '@dx/domain';

import { FactCoordinates } from '../facts/fact-store.port';
import { OverdueCandidate } from './overdue-candidates.util';

/**
 * Overdue reports, each announced once and cleared when answered (OverdueReportsModule binds it to
 * OverdueReportsRepository): observation batches clear them, `raiseOverdue` records them (the scheduler and
 * the rebuild). Every method runs inside the caller's transaction.
 */
export abstract class OverdueReports {
  /** Held until the batch commits: the scheduler, which takes the lock exclusively, never announces a report the batch answers. */
  abstract lockShared(manager: EntityManager): Promise<void>;

  /** Held while overdue reports are raised: waits for the batches in progress and holds new ones off until the commit. */
  abstract lockExclusive(manager: EntityManager): Promise<void>;

  /** `reportKey`s of the facts reported for `candidates`. */
  abstract reported(manager: EntityManager, candidates: readonly OverdueCandidate[]): Promise<Set<string>>;

  /** Records `events` not announced before; returns those (each report is announced once). */
  abstract raise(manager: EntityManager, events: readonly OverdueEvent[], at: Date): Promise<OverdueEvent[]>;

  /** Clears the open overdue reports that `facts` answer; returns the `overdue_cleared` events. */
  abstract clear(manager: EntityManager, facts: readonly FactCoordinates[], at: Date): Promise<OverdueEvent[]>;
}
