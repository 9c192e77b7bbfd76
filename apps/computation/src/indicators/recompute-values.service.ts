import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { computeIndicators, formatPeriod, IndicatorValueRef, previousPeriod, ReferenceData } from '@dx/domain';
import { OutgoingEvent } from '@dx/messaging';

import { FactStore } from '../facts/fact-store.port';
import { toIndicatorComputed, toStatusChanged } from './indicator-event.util';
import { IndicatorValuesRepository } from './indicator-values.repository';
import { RecomputePlan, refKey } from './recompute-plan.util';
import { valueChanges } from './value-changes.util';

export interface RecomputeOutcome {
  recomputed: number;
  /** Facts read back to compute them: the cost that grows with the city, logged per slice. */
  factsRead: number;
  published: number;
  statusEvents: number;
  /** The messages of the changed values and their status events (several contracts), for the caller's outbox write. */
  events: OutgoingEvent<any>[];
}

/**
 * Recomputes the values of a plan in the caller's transaction, whatever made them stale (new facts, new
 * targets): locks their units in order, reads the facts they need after the lock, stores the values that
 * changed and returns their messages. A value that comes out as stored is neither stored nor published.
 */
@Injectable()
export class RecomputeValuesService {
  constructor(
    private readonly facts: FactStore,
    private readonly values: IndicatorValuesRepository,
  ) {}

  /** The year of the earliest fact, if any: a recomputation of whole series starts there. */
  firstFactYear(manager: EntityManager): Promise<number | undefined> {
    return this.facts.firstYear(manager);
  }

  /**
   * With `onlyStoredOrWithData`, a value never stored before is created only when some input of it was
   * reported: a plan that names whole series of units (a hierarchy change) must not publish a `no_data`
   * value for every period a unit has no report in, which new observations would never have created.
   */
  async recompute(
    manager: EntityManager,
    reference: ReferenceData,
    plan: RecomputePlan,
    computedAt: Date,
    options: { readonly onlyStoredOrWithData?: boolean } = {},
  ): Promise<RecomputeOutcome> {
    const { catalogue, hierarchies } = reference;
    await this.values.lockUnits(manager, plan.units);
    const facts = await this.facts.load(manager, plan.scope);
    const previous: IndicatorValueRef[] = plan.refs.map((r) => ({ ...r, period: formatPeriod(previousPeriod(r.period)) }));
    const stored = await this.values.load(manager, [...plan.refs, ...previous]);
    const all = computeIndicators(catalogue, hierarchies, facts, plan.refs);
    const computed = options.onlyStoredOrWithData ? all.filter((v) => stored.has(refKey(v)) || v.value !== null || v.coverage.reported > 0) : all;
    const { changed, statusEvents } = valueChanges(catalogue, computed, stored);
    await this.values.save(manager, changed, computedAt);
    return {
      recomputed: computed.length,
      factsRead: facts.size,
      published: changed.length,
      statusEvents: statusEvents.length,
      events: [...changed.map((v) => toIndicatorComputed(v, computedAt)), ...statusEvents.map((e) => toStatusChanged(e, computedAt))],
    };
  }
}
