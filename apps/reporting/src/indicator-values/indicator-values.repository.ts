import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { IndicatorValueRecord, indicatorValueRecordSchema, ProjectionView } from '@dx/contracts';
import { queryRows } from '@dx/platform';

import { StoredIndicatorValue } from './indicator-value.mapper';

const appliedRow = z.object({ payload: indicatorValueRecordSchema });
const pointRow = z.object({ hierarchy_version: z.string(), indicator: z.string(), unit: z.string(), period: z.string(), value: z.number().nullable() });

/** A unit's series of one indicator at one frequency, for its projection. */
export interface SeriesKey {
  hierarchyVersion: string;
  indicator: string;
  unit: string;
  frequency: string;
}

/** The values read model (write side). Every method runs inside the caller's transaction. */
@Injectable()
export class IndicatorValuesRepository {
  /**
   * Stores the values; a value computed earlier than the stored one is ignored (the latest computation
   * is the current value, whatever order messages are replayed in). Returns the records that changed.
   */
  async upsert(manager: EntityManager, values: readonly StoredIndicatorValue[]): Promise<IndicatorValueRecord[]> {
    if (values.length === 0) return [];
    const rows = await queryRows(
      manager,
      appliedRow,
      `INSERT INTO reporting.indicator_value AS v
         (hierarchy_version, indicator, unit, period, frequency, period_end_month, value, status, payload, computed_at, updated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::float8[], $8::text[], $9::jsonb[], $10::timestamptz[], $11::timestamptz[])
       ON CONFLICT (hierarchy_version, unit, indicator, period) DO UPDATE SET
         value = EXCLUDED.value, status = EXCLUDED.status, payload = EXCLUDED.payload,
         computed_at = EXCLUDED.computed_at, updated_at = EXCLUDED.updated_at
       WHERE v.computed_at <= EXCLUDED.computed_at
       RETURNING v.payload`,
      [
        values.map((v) => v.record.hierarchyVersion),
        values.map((v) => v.record.indicator),
        values.map((v) => v.record.unit),
        values.map((v) => v.record.period),
        values.map((v) => v.frequency),
        values.map((v) => v.periodEndMonth),
        values.map((v) => v.record.value),
        values.map((v) => v.record.status),
        values.map((v) => JSON.stringify(v.record)),
        values.map((v) => v.record.computedAt),
        values.map((v) => v.record.updatedAt),
      ],
    );
    return rows.map((r) => r.payload);
  }

  /** The points of each series, oldest first. */
  async seriesPoints(manager: EntityManager, keys: readonly SeriesKey[]): Promise<Map<string, Array<{ period: string; value: number | null }>>> {
    const result = new Map<string, Array<{ period: string; value: number | null }>>();
    if (keys.length === 0) return result;
    const rows = await queryRows(
      manager,
      pointRow,
      `SELECT v.hierarchy_version, v.indicator, v.unit, v.period, v.value FROM reporting.indicator_value v
       JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(hierarchy_version, indicator, unit, frequency)
         ON v.hierarchy_version = k.hierarchy_version AND v.unit = k.unit AND v.indicator = k.indicator AND v.frequency = k.frequency
       ORDER BY v.period_end_month`,
      [keys.map((k) => k.hierarchyVersion), keys.map((k) => k.indicator), keys.map((k) => k.unit), keys.map((k) => k.frequency)],
    );
    for (const row of rows) {
      const key = seriesKeyId(row.hierarchy_version, row.indicator, row.unit);
      const points = result.get(key) ?? [];
      points.push({ period: row.period, value: row.value });
      result.set(key, points);
    }
    return result;
  }

  /** Replaces the projections of the given series (undefined: the series has none any more). */
  async saveProjections(manager: EntityManager, projections: ReadonlyArray<{ key: SeriesKey; projection?: ProjectionView }>): Promise<void> {
    if (projections.length === 0) return;
    await manager.query(
      `DELETE FROM reporting.indicator_projection p USING unnest($1::text[], $2::text[], $3::text[]) AS k(hierarchy_version, indicator, unit)
       WHERE p.hierarchy_version = k.hierarchy_version AND p.indicator = k.indicator AND p.unit = k.unit`,
      [projections.map((p) => p.key.hierarchyVersion), projections.map((p) => p.key.indicator), projections.map((p) => p.key.unit)],
    );
    const present = projections.filter((p) => p.projection !== undefined);
    if (present.length === 0) return;
    await manager.query(
      `INSERT INTO reporting.indicator_projection (hierarchy_version, indicator, unit, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        present.map((p) => p.key.hierarchyVersion),
        present.map((p) => p.key.indicator),
        present.map((p) => p.key.unit),
        present.map((p) => JSON.stringify(p.projection)),
      ],
    );
  }
}

export function seriesKeyId(hierarchyVersion: string, indicator: string, unit: string): string {
  return `${hierarchyVersion}/${indicator}/${unit}`;
}
