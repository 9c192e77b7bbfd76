import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { IndicatorComputedV1 } from '@dx/contracts';
import { toPeriod } from '@dx/domain';

import { ReferenceDataService } from '../reference/reference-data.service';
import { DigestValue, IndicatorValuesRepository } from './indicator-values.repository';

/**
 * Keeps the values the weekly digest reads: each indicator at its own frequency only (the digest never
 * looks at the coarser periods), the latest computation winning. Idempotent, so re-delivery is harmless.
 */
@Injectable()
export class RecordIndicatorValuesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly values: IndicatorValuesRepository,
    private readonly reference: ReferenceDataService,
  ) {}

  async execute(messages: readonly IndicatorComputedV1[]): Promise<number> {
    const latest = new Map<string, DigestValue>();
    for (const m of messages) {
      const indicator = this.reference.catalogue.indicator(m.indicator);
      if (!indicator || toPeriod(m.period).frequency !== indicator.frequency) continue;
      const value: DigestValue = {
        indicator: m.indicator,
        unit: m.unit,
        period: m.period,
        // The version in force for the period: the one computation reads the unit in.
        hierarchyVersion: this.reference.hierarchies.inForce(m.period).id,
        value: m.value,
        ...(m.expected !== undefined ? { expected: m.expected } : {}),
        status: m.status,
        coverage: m.coverage,
        computedAt: new Date(m.computedAt),
      };
      const key = `${m.indicator}/${m.unit}/${m.period}`;
      const known = latest.get(key);
      if (!known || known.computedAt <= value.computedAt) latest.set(key, value);
    }
    if (latest.size === 0) return 0;
    await this.dataSource.transaction((manager) => this.values.upsert(manager, [...latest.values()]));
    return latest.size;
  }
}
