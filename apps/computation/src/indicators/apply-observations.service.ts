import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { computeIndicators, formatPeriod, IndicatorValueRef, previousPeriod } from '@dx/domain';
import { OutboxWriter } from '@dx/platform';

import { FactsRepository, RecordedObservation } from '../facts/facts.repository';
import { OverdueReportsRepository } from '../overdue/overdue-reports.repository';
import { toReportOverdue } from '../overdue/overdue-event.util';
import { ClockService } from '../reference/clock.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { toIndicatorComputed, toStatusChanged } from './indicator-event.util';
import { IndicatorValuesRepository } from './indicator-values.repository';
import { planRecompute } from './recompute-plan.util';
import { valueChanges } from './value-changes.util';

export interface ApplyObservationsResult {
  /** Facts whose current value changed (new events with a higher revision). */
  changedFacts: number;
  recomputed: number;
  published: number;
  statusEvents: number;
}

/**
 * One batch of recorded observations, exactly once in effect: in ONE transaction the event ids are marked
 * processed, the facts upserted, exactly the affected indicator values recomputed from the stored facts,
 * the changed ones stored and their messages (values, slips, cleared overdue reports) written to the
 * outbox. The batch consumer commits the offsets after the commit; a re-delivery finds its ids processed
 * and changes nothing.
 */
@Injectable()
export class ApplyObservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: FactsRepository,
    private readonly values: IndicatorValuesRepository,
    private readonly overdue: OverdueReportsRepository,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(observations: ReadonlyArray<RecordedObservation>, heartbeat: () => Promise<void> = async () => undefined): Promise<ApplyObservationsResult> {
    const result: ApplyObservationsResult = { changedFacts: 0, recomputed: 0, published: 0, statusEvents: 0 };
    if (observations.length === 0) return result;
    const { catalogue, hierarchies } = this.reference;
    return this.dataSource.transaction(async (manager) => {
      await this.overdue.lockShared(manager);
      const changed = await this.facts.record(manager, observations);
      result.changedFacts = changed.length;
      if (changed.length === 0) return result;
      const plan = planRecompute(catalogue, hierarchies, changed, this.clock.now());
      await this.values.lockUnits(manager, plan.units);
      const facts = await this.facts.load(manager, plan.scope);
      const previous: IndicatorValueRef[] = plan.refs.map((r) => ({ ...r, period: formatPeriod(previousPeriod(r.period)) }));
      const stored = await this.values.load(manager, [...plan.refs, ...previous]);
      await heartbeat();
      const computed = computeIndicators(catalogue, hierarchies, facts, plan.refs);
      const { changed: changedValues, statusEvents } = valueChanges(catalogue, computed, stored);
      const now = new Date();
      await this.values.save(manager, changedValues, now);
      const cleared = await this.overdue.clear(manager, changed, now);
      await this.outbox.enqueue(manager, [
        ...changedValues.map((v) => toIndicatorComputed(v, now)),
        ...statusEvents.map((e) => toStatusChanged(e, now)),
        ...cleared.map((e) => toReportOverdue(e, now)),
      ]);
      result.recomputed = computed.length;
      result.published = changedValues.length;
      result.statusEvents = statusEvents.length;
      return result;
    });
  }
}
