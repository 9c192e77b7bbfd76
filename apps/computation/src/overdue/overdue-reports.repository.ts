import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { OverdueEvent, reportKey } from '@dx/domain';
import { queryRows } from '@dx/platform';

import { FactCoordinates } from '../facts/fact-store.port';
import { ReferenceDataService } from '../reference/reference-data.service';
import { OverdueCandidate } from './overdue-candidates.util';
import { OverdueReports } from './overdue-reports.port';

// One key for "who may touch overdue state": the scheduler takes it exclusively, observation batches
// shared, so a report that arrives while the scheduler runs is never announced overdue and left open.
const OVERDUE_LOCK = `hashtext('computation:overdue')`;

const reportRow = z.object({ measure: z.string(), unit: z.string(), period: z.string() });
const clearedRow = reportRow.extend({ due_date: z.string() });

/** Overdue reports announced and cleared. Runs inside the caller's transaction. */
@Injectable()
export class OverdueReportsRepository implements OverdueReports {
  constructor(private readonly reference: ReferenceDataService) {}

  async lockShared(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared(${OVERDUE_LOCK})`);
  }

  async lockExclusive(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${OVERDUE_LOCK})`);
  }

  /** `reportKey`s of the facts reported for `candidates`. */
  async reported(manager: EntityManager, candidates: readonly OverdueCandidate[]): Promise<Set<string>> {
    if (candidates.length === 0) return new Set();
    const rows = await queryRows(
      manager,
      reportRow,
      `SELECT DISTINCT f.measure, f.period, f.unit FROM computation.observation_fact f
       JOIN unnest($1::text[], $2::text[]) AS c(measure, period) ON f.measure = c.measure AND f.period = c.period`,
      [candidates.map((c) => c.measure), candidates.map((c) => c.period)],
    );
    return new Set(rows.map(reportKey));
  }

  /** Records `events` not announced before; returns those (each report is announced once). */
  async raise(manager: EntityManager, events: readonly OverdueEvent[], at: Date): Promise<OverdueEvent[]> {
    if (events.length === 0) return [];
    const rows = await queryRows(
      manager,
      reportRow,
      `INSERT INTO computation.overdue_report (measure, unit, period, due_date, raised_at)
       SELECT measure, unit, period, due_date::date, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(measure, unit, period, due_date)
       ON CONFLICT (measure, unit, period) DO NOTHING
       RETURNING measure, unit, period`,
      [events.map((e) => e.measure), events.map((e) => e.unit), events.map((e) => e.period), events.map((e) => e.dueDate), at],
    );
    const raised = new Set(rows.map(reportKey));
    return events.filter((e) => raised.has(reportKey(e)));
  }

  /** Clears the open overdue reports that `facts` answer; returns the `overdue_cleared` events. */
  async clear(manager: EntityManager, facts: readonly FactCoordinates[], at: Date): Promise<OverdueEvent[]> {
    if (facts.length === 0) return [];
    const rows = await queryRows(
      manager,
      clearedRow,
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
      `WITH cleared AS (
         UPDATE computation.overdue_report r SET cleared_at = $4
         FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[])) AS k(measure, unit, period)
         WHERE r.measure = k.measure AND r.unit = k.unit AND r.period = k.period AND r.cleared_at IS NULL
         RETURNING r.measure, r.unit, r.period, to_char(r.due_date, 'YYYY-MM-DD') AS due_date)
       SELECT * FROM cleared`,
      [facts.map((f) => f.measure), facts.map((f) => f.unit), facts.map((f) => f.period), at],
    );
    // A report is due from the units of the version in force for its period; the event names that version.
    return rows.map((r) => ({
      kind: 'overdue_cleared',
      measure: r.measure,
      unit: r.unit,
      period: r.period,
      dueDate: r.due_date,
      severity: 'info',
      hierarchyVersion: this.reference.hierarchies.inForce(r.period).id,
    }));
  }
}
