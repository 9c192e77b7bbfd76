import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';

import { IndicatorValueRecord, indicatorValueRecordSchema, ProjectionView, projectionViewSchema } from '@dx/contracts';
import { queryRows } from '@dx/platform';

const recordRow = z.object({ payload: indicatorValueRecordSchema });
const projectionRow = z.object({ indicator: z.string(), payload: projectionViewSchema });
const periodRow = z.object({ period: z.string(), frequency: z.string() });

/** Read access to the values read model for the API's features (scorecard, series, ranking, exports). */
@Injectable()
export class IndicatorValuesReaderService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every stored value of the unit for the period, by indicator code. */
  async valuesOfUnit(hierarchyVersion: string, unit: string, period: string): Promise<Map<string, IndicatorValueRecord>> {
    const rows = await queryRows(
      this.dataSource,
      recordRow,
      `SELECT payload FROM reporting.indicator_value WHERE hierarchy_version = $1 AND unit = $2 AND period = $3`,
      [hierarchyVersion, unit, period],
    );
    return new Map(rows.map((r) => [r.payload.indicator, r.payload]));
  }

  /** The unit's projections at the next milestone, by indicator code. */
  async projectionsOfUnit(hierarchyVersion: string, unit: string, indicators?: readonly string[]): Promise<Map<string, ProjectionView>> {
    const rows = await queryRows(
      this.dataSource,
      projectionRow,
      `SELECT indicator, payload FROM reporting.indicator_projection
       WHERE hierarchy_version = $1 AND unit = $2 AND ($3::text[] IS NULL OR indicator = ANY($3::text[]))`,
      [hierarchyVersion, unit, indicators ?? null],
    );
    return new Map(rows.map((r) => [r.indicator, r.payload]));
  }

  /**
   * The unit's values of one indicator at one frequency whose periods end within [fromEndMonth,
   * toEndMonth], oldest first, and its value for the year `baselineYear` (its baseline), in one query.
   */
  async seriesWithBaseline(
    hierarchyVersion: string,
    indicator: string,
    unit: string,
    frequency: string,
    fromEndMonth: number,
    toEndMonth: number,
    baselineYear: string,
  ): Promise<{ points: IndicatorValueRecord[]; baseline?: IndicatorValueRecord }> {
    const rows = await queryRows(
      this.dataSource,
      recordRow.extend({ in_series: z.boolean() }),
      `SELECT payload, (frequency = $4 AND period_end_month BETWEEN $5 AND $6) AS in_series FROM reporting.indicator_value
       WHERE hierarchy_version = $1 AND unit = $2 AND indicator = $3
         AND ((frequency = $4 AND period_end_month BETWEEN $5 AND $6) OR (frequency = 'year' AND period = $7))
       ORDER BY period_end_month`,
      [hierarchyVersion, unit, indicator, frequency, fromEndMonth, toEndMonth, baselineYear],
    );
    return {
      points: rows.filter((r) => r.in_series).map((r) => r.payload),
      baseline: rows.find((r) => r.payload.period === baselineYear)?.payload,
    };
  }

  /** Values of one indicator and period for the given units, by unit code. */
  async valuesOfUnits(hierarchyVersion: string, indicator: string, period: string, units: readonly string[]): Promise<Map<string, IndicatorValueRecord>> {
    if (units.length === 0) return new Map();
    const rows = await queryRows(
      this.dataSource,
      recordRow,
      `SELECT payload FROM reporting.indicator_value
       WHERE hierarchy_version = $1 AND indicator = $2 AND period = $3 AND unit = ANY($4::text[])`,
      [hierarchyVersion, indicator, period, units],
    );
    return new Map(rows.map((r) => [r.payload.unit, r.payload]));
  }

  /** Periods for which the unit has values, newest first, with their frequency. */
  async periodsOfUnit(hierarchyVersion: string, unit: string): Promise<Array<{ period: string; frequency: string }>> {
    return queryRows(
      this.dataSource,
      periodRow,
      `SELECT period, min(frequency) AS frequency FROM reporting.indicator_value
       WHERE hierarchy_version = $1 AND unit = $2 GROUP BY period ORDER BY max(period_end_month) DESC, period DESC`,
      [hierarchyVersion, unit],
    );
  }
}
