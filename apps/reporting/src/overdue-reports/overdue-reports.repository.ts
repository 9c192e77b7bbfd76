import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

import { OverdueReportView, overdueReportViewSchema } from '@dx/contracts';
import { queryRows } from '@dx/platform';

const reportRow = z.object({ payload: overdueReportViewSchema });

@Injectable()
export class OverdueReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records reports as overdue; returns those that were not already. */
  async raise(manager: EntityManager, reports: readonly OverdueReportView[]): Promise<OverdueReportView[]> {
    if (reports.length === 0) return [];
    const rows = await queryRows(
      manager,
      reportRow,
      `INSERT INTO reporting.overdue_report (hierarchy_version, measure, unit, period, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
       ON CONFLICT (hierarchy_version, measure, unit, period) DO NOTHING RETURNING payload`,
      [
        reports.map((r) => r.hierarchyVersion),
        reports.map((r) => r.measure),
        reports.map((r) => r.unit),
        reports.map((r) => r.period),
        reports.map((r) => JSON.stringify(r)),
      ],
    );
    return rows.map((r) => r.payload);
  }

  /** Removes reports that arrived; returns those that were overdue. */
  async clear(manager: EntityManager, reports: readonly OverdueReportView[]): Promise<OverdueReportView[]> {
    if (reports.length === 0) return [];
    const rows = await queryRows(
      manager,
      reportRow,
      // As a CTE: TypeORM answers a bare DELETE … RETURNING with [rows, count], a SELECT with rows.
      `WITH cleared AS (
         DELETE FROM reporting.overdue_report o USING unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(hierarchy_version, measure, unit, period)
         WHERE o.hierarchy_version = k.hierarchy_version AND o.measure = k.measure AND o.unit = k.unit AND o.period = k.period
         RETURNING o.payload)
       SELECT payload FROM cleared`,
      [reports.map((r) => r.hierarchyVersion), reports.map((r) => r.measure), reports.map((r) => r.unit), reports.map((r) => r.period)],
    );
    return rows.map((r) => r.payload);
  }

  async list(filter: { unit?: string; measure?: string; limit: number }): Promise<OverdueReportView[]> {
    const rows = await queryRows(
      this.dataSource,
      reportRow,
      `SELECT payload FROM reporting.overdue_report
       WHERE ($1::text IS NULL OR unit = $1) AND ($2::text IS NULL OR measure = $2)
       ORDER BY payload->>'dueDate' NULLS LAST, measure, unit, period LIMIT $3`,
      [filter.unit ?? null, filter.measure ?? null, filter.limit],
    );
    return rows.map((r) => r.payload);
  }
}
