import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { Dimensions } from '@dx/domain';

import { SubmissionAnswer, SubmissionChannel } from './submission.type';

export interface StoredObservation {
  measure: string;
  unit: string;
  period: string;
  dimensionsKey: string;
  dimensions?: Dimensions;
  value: number;
  revision: number;
  observationId: string;
}

export interface ObservationChange extends StoredObservation {
  previousValue?: number;
}

export interface ObservationHistory {
  measure: string;
  unit: string;
  period: string;
  dimensions?: Dimensions;
  value: number;
  revision: number;
  recordedAt: string;
  revisions: Array<{ revision: number; value: number; submissionId: string; recordedAt: string }>;
}

/** SQL of ingestion's observations, revisions and submissions; bulk statements over arrays (unnest). */
@Injectable()
export class ObservationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The current rows for these keys; with `lock`, locked until the transaction ends (in key order). */
  async current(manager: EntityManager, keys: ReadonlyArray<{ measure: string; unit: string; period: string; dimensionsKey: string }>, lock: boolean): Promise<StoredObservation[]> {
    if (keys.length === 0) return [];
    const sorted = [...keys].sort((a, b) => (`${a.measure}|${a.unit}|${a.period}|${a.dimensionsKey}` < `${b.measure}|${b.unit}|${b.period}|${b.dimensionsKey}` ? -1 : 1));
    const rows: Array<{ measure: string; unit: string; period: string; dimensions_key: string; dimensions: Dimensions | null; value: number; revision: number; observation_id: string }> =
      await manager.query(
        `SELECT o.measure, o.unit, o.period, o.dimensions_key, o.dimensions, o.value, o.revision, o.observation_id
         FROM ingestion.observation o
         JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS k(measure, unit, period, dimensions_key, n)
           ON o.measure = k.measure AND o.unit = k.unit AND o.period = k.period AND o.dimensions_key = k.dimensions_key
         ORDER BY k.n ${lock ? 'FOR UPDATE OF o' : ''}`,
        [sorted.map((k) => k.measure), sorted.map((k) => k.unit), sorted.map((k) => k.period), sorted.map((k) => k.dimensionsKey)],
      );
    return rows.map((r) => ({
      measure: r.measure,
      unit: r.unit,
      period: r.period,
      dimensionsKey: r.dimensions_key,
      ...(r.dimensions ? { dimensions: r.dimensions } : {}),
      value: r.value,
      revision: r.revision,
      observationId: r.observation_id,
    }));
  }

  /** Stores the final state of each changed key and one revision row per change. */
  async saveChanges(manager: EntityManager, changes: ReadonlyArray<ObservationChange>, context: { agency: string; submissionId: string; recordedAt: Date }): Promise<void> {
    if (changes.length === 0) return;
    const finalByKey = new Map<string, ObservationChange>();
    for (const change of changes) finalByKey.set(`${change.measure}|${change.unit}|${change.period}|${change.dimensionsKey}`, change);
    const finals = [...finalByKey.values()];
    await manager.query(
      `INSERT INTO ingestion.observation
         (measure, unit, period, dimensions_key, dimensions, value, revision, observation_id, agency_code, submission_id, recorded_at)
       SELECT k.*, $9, $10, $11 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::float8[], $7::int[], $8::uuid[]) AS k
       ON CONFLICT (measure, unit, period, dimensions_key) DO UPDATE SET
         value = EXCLUDED.value, revision = EXCLUDED.revision, agency_code = EXCLUDED.agency_code,
         submission_id = EXCLUDED.submission_id, recorded_at = EXCLUDED.recorded_at`,
      [
        finals.map((c) => c.measure),
        finals.map((c) => c.unit),
        finals.map((c) => c.period),
        finals.map((c) => c.dimensionsKey),
        finals.map((c) => (c.dimensions ? JSON.stringify(c.dimensions) : null)),
        finals.map((c) => c.value),
        finals.map((c) => c.revision),
        finals.map((c) => c.observationId),
        context.agency,
        context.submissionId,
        context.recordedAt,
      ],
    );
    await manager.query(
      `INSERT INTO ingestion.observation_revision (observation_id, revision, value, agency_code, submission_id, recorded_at)
       SELECT k.*, $4, $5, $6 FROM unnest($1::uuid[], $2::int[], $3::float8[]) AS k`,
      [changes.map((c) => c.observationId), changes.map((c) => c.revision), changes.map((c) => c.value), context.agency, context.submissionId, context.recordedAt],
    );
  }

  /** False when the agency already used this idempotency key (a concurrent request won). */
  async saveSubmission(
    manager: EntityManager,
    submission: { agency: string; channel: SubmissionChannel; idempotencyKey?: string; status: number; answer: SubmissionAnswer },
  ): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO ingestion.submission (id, agency_code, channel, idempotency_key, status_code, response)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency_code, idempotency_key) DO NOTHING RETURNING id`,
      [submission.answer.submissionId, submission.agency, submission.channel, submission.idempotencyKey ?? null, submission.status, JSON.stringify(submission.answer)],
    );
    return rows.length > 0;
  }

  async findSubmission(agency: string, where: { id: string } | { idempotencyKey: string }): Promise<{ status: 202 | 422; answer: SubmissionAnswer } | undefined> {
    const [column, value] = 'id' in where ? ['id', where.id] : ['idempotency_key', where.idempotencyKey];
    const rows: Array<{ status_code: 202 | 422; response: SubmissionAnswer }> = await this.dataSource.query(
      `SELECT status_code, response FROM ingestion.submission WHERE agency_code = $1 AND ${column} = $2`,
      [agency, value],
    );
    return rows[0] ? { status: rows[0].status_code, answer: rows[0].response } : undefined;
  }

  /** The agency's current values (those it last wrote), each with its revision history. */
  async history(agency: string, filter: { measure?: string; unit?: string; period?: string }, limit: number): Promise<ObservationHistory[]> {
    const rows: Array<{
      measure: string;
      unit: string;
      period: string;
      dimensions: Dimensions | null;
      value: number;
      revision: number;
      recorded_at: Date;
      revisions: ObservationHistory['revisions'];
    }> = await this.dataSource.query(
      `SELECT o.measure, o.unit, o.period, o.dimensions, o.value, o.revision, o.recorded_at,
              (SELECT json_agg(json_build_object('revision', r.revision, 'value', r.value, 'submissionId', r.submission_id,
                                                 'recordedAt', r.recorded_at) ORDER BY r.revision)
                 FROM ingestion.observation_revision r WHERE r.observation_id = o.observation_id) AS revisions
       FROM ingestion.observation o
       WHERE o.agency_code = $1 AND ($2::text IS NULL OR o.measure = $2) AND ($3::text IS NULL OR o.unit = $3)
         AND ($4::text IS NULL OR o.period = $4)
       ORDER BY o.measure, o.unit, o.period, o.dimensions_key LIMIT $5`,
      [agency, filter.measure ?? null, filter.unit ?? null, filter.period ?? null, limit],
    );
    return rows.map((r) => ({
      measure: r.measure,
      unit: r.unit,
      period: r.period,
      ...(r.dimensions ? { dimensions: r.dimensions } : {}),
      value: r.value,
      revision: r.revision,
      recordedAt: r.recorded_at.toISOString(),
      revisions: r.revisions,
    }));
  }
}
