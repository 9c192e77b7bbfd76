import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { OutboxWriter } from '@dx/platform';

import { ReferenceDataService } from '../reference/reference-data.service';
import { IndicatorValuesRepository } from './indicator-values.repository';
import { planFor, stillPublished } from './recompute-plan.util';
import { RecomputeValuesService } from './recompute-values.service';

export interface RecomputeForTargetsResult {
  recomputed: number;
  published: number;
  statusEvents: number;
}

/**
 * After an indicator's targets (or baseline, tolerance, regression threshold) changed: every stored value of
 * that indicator is recomputed with the reference data as it now is, in one transaction, and only those that
 * come out different are stored and published, with their status events. Values of other indicators cannot
 * change (targets are per indicator), and values never computed stay so (a target creates no data). Running
 * it again changes nothing, so a re-delivered change is harmless.
 */
@Injectable()
export class RecomputeForTargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly values: IndicatorValuesRepository,
    private readonly recompute: RecomputeValuesService,
    private readonly reference: ReferenceDataService,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(indicator: string): Promise<RecomputeForTargetsResult> {
    const reference = this.reference.reference;
    if (!reference.catalogue.indicator(indicator)) return { recomputed: 0, published: 0, statusEvents: 0 };
    return this.dataSource.transaction(async (manager) => {
      const refs = (await this.values.refsOf(manager, indicator)).filter((ref) => stillPublished(reference.hierarchies, ref));
      if (refs.length === 0) return { recomputed: 0, published: 0, statusEvents: 0 };
      const computedAt = new Date();
      const outcome = await this.recompute.recompute(manager, reference, planFor(reference.catalogue, reference.hierarchies, refs), computedAt);
      await this.outbox.enqueue(manager, outcome.events);
      return { recomputed: outcome.recomputed, published: outcome.published, statusEvents: outcome.statusEvents };
    });
  }
}
