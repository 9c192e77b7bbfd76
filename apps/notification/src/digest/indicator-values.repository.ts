import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { statusSchema } from '@dx/contracts';
import { IndicatorValue } from '@dx/domain';

/** The latest value of an indicator for a unit and period, as the digest needs it. */
export interface DigestValue {
  readonly indicator: string;
  readonly unit: string;
  readonly period: string;
  readonly hierarchyVersion: string;
  readonly value: number | null;
  readonly expected?: number;
  readonly status: IndicatorValue['status'];
  readonly coverage: IndicatorValue['coverage'];
  readonly computedAt: Date;
}

const rowSchema = z.object({
  indicator: z.string(),
  unit: z.string(),
  period: z.string(),
  hierarchy_version: z.string(),
  value: z.number().nullable(),
  expected: z.number().nullable(),
  status: statusSchema,
  coverage: z.object({ reported: z.number().int(), expected: z.number().int() }),
});

/** The digest's read model of `dx.indicator-values.v1` (latest message per indicator, unit and period wins). */
@Injectable()
export class IndicatorValuesRepository {
  async upsert(manager: EntityManager, values: readonly DigestValue[]): Promise<void> {
    if (values.length === 0) return;
    await manager.query(
      `INSERT INTO notification.indicator_value (indicator, unit, period, hierarchy_version, value, expected, status, coverage, computed_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::jsonb[], $9::timestamptz[])
       ON CONFLICT (indicator, unit, period) DO UPDATE SET hierarchy_version = EXCLUDED.hierarchy_version, value = EXCLUDED.value,
         expected = EXCLUDED.expected, status = EXCLUDED.status, coverage = EXCLUDED.coverage, computed_at = EXCLUDED.computed_at
       WHERE notification.indicator_value.computed_at <= EXCLUDED.computed_at`,
      [
        values.map((v) => v.indicator),
        values.map((v) => v.unit),
        values.map((v) => v.period),
        values.map((v) => v.hierarchyVersion),
        values.map((v) => v.value),
        values.map((v) => v.expected ?? null),
        values.map((v) => v.status),
        values.map((v) => JSON.stringify(v.coverage)),
        values.map((v) => v.computedAt),
      ],
    );
  }

  /** Every stored value, as the domain's digest reads them. */
  async all(manager: EntityManager): Promise<IndicatorValue[]> {
    const rows: unknown[] = await manager.query(
      `SELECT indicator, unit, period, hierarchy_version, value, expected, status, coverage FROM notification.indicator_value`,
    );
    return rows.map((raw) => {
      const row = rowSchema.parse(raw);
      return {
        indicator: row.indicator,
        unit: row.unit,
        period: row.period,
        hierarchyVersion: row.hierarchy_version,
        value: row.value,
        ...(row.expected !== null ? { expected: row.expected } : {}),
        status: row.status,
        coverage: row.coverage,
      };
    });
  }
}
