import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { OutboxWriter } from '@dx/platform';

import { FactStore, RecordedObservation } from '../facts/fact-store.port';
import { OverdueReports } from '../overdue/overdue-reports.port';
import { toReportOverdue } from '../overdue/overdue-event.util';
import { ClockService } from '../reference/clock.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { planRecompute } from './recompute-plan.util';
import { RecomputeValuesService } from './recompute-values.service';

// A type, not an interface: it is the SliceOutcome its consumer hands to the log (an index signature).
export type ApplyObservationsResult = {
  /** Facts whose current value changed (new events with a higher revision). */
  changedFacts: number;
  recomputed: number;
  /** Facts read back from PostgreSQL to recompute them. */
  factsRead: number;
  published: number;
  statusEvents: number;
};

/**
 * One batch of recorded observations, exactly once in effect: in ONE transaction the event ids are marked
 * processed, the facts upserted, exactly the affected indicator values recomputed from the stored facts,
 * the changed ones stored and their messages (values, slips, cleared overdue reports) written to the
 * outbox. The batch consumer commits the offsets after the commit; a re-delivery finds its ids processed
 * and changes nothing. No heartbeat inside the transaction: during a rebalance it throws, which would
 * roll back finished work (the consumer heartbeats between slices).
 */
@Injectable()
export class ApplyObservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: FactStore,
    private readonly recompute: RecomputeValuesService,
    private readonly overdue: OverdueReports,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(observations: ReadonlyArray<RecordedObservation>): Promise<ApplyObservationsResult> {
    const result: ApplyObservationsResult = { changedFacts: 0, recomputed: 0, factsRead: 0, published: 0, statusEvents: 0 };
    if (observations.length === 0) return result;
    // Taken once: a reference data change during the batch applies to the next one.
    const reference = this.reference.reference;
    const { catalogue, hierarchies } = reference;
    return this.dataSource.transaction(async (manager) => {
      await this.overdue.lockShared(manager);
      const changed = await this.facts.record(manager, observations, hierarchies);
      result.changedFacts = changed.length;
      if (changed.length === 0) return result;
      const plan = planRecompute(catalogue, hierarchies, changed, this.clock.now());
      const now = new Date();
      const outcome = await this.recompute.recompute(manager, reference, plan, now);
      const cleared = await this.overdue.clear(manager, changed, now);
      await this.outbox.enqueue(manager, [...outcome.events, ...cleared.map((e) => toReportOverdue(e, now))]);
      result.recomputed = outcome.recomputed;
      result.factsRead = outcome.factsRead;
      result.published = outcome.published;
      result.statusEvents = outcome.statusEvents;
      return result;
    });
  }
}
