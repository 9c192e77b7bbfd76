import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

import { Dimensions } from '@dx/domain';
import { queryRows, storedDocument } from '@dx/platform';

import { SubmissionAnswer, SubmissionChannel } from './submission.type';

const dimensionsColumn = z.record(z.string(), z.string()).nullable();
const currentRow = z.object({
  measure: z.string(),
  unit: z.string(),
  period: z.string(),
  dimensions_key: z.string(),
  dimensions: dimensionsColumn,
  value: z.number(),
  revision: z.number(),
  observation_id: z.string(),
});
const claimedRow = z.object({ event_id: z.string() });
const insertedRow = z.object({ observation_id: z.string() });
const submissionIdRow = z.object({ id: z.string() });
const submissionRow = z.object({
  status_code: z.union([z.literal(202), z.literal(422)]),
  response: storedDocument<SubmissionAnswer>(),
  request_hash: z.string().nullable(),
});
const historyRow = z.object({
  measure: z.string(),
  unit: z.string(),
  period: z.string(),
  dimensions: dimensionsColumn,
  value: z.number(),
  revision: z.number(),
  recorded_at: z.date(),
  superseded: z.boolean(),
  revisions: z.array(z.object({ revision: z.number(), value: z.number(), submissionId: z.string(), recordedAt: z.string() })),
});

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
  /** Another agency has revised the observation since: the platform's value is no longer this one. */
  supersededByAnotherAgency: boolean;
  revisions: Array<{ revision: number; value: number; submissionId: string; recordedAt: string }>;
}

/** The identity of an observation row: (measure, unit, period, dimensions). */
export function observationRowKey(o: { measure: string; unit: string; period: string; dimensionsKey: string }): string {
  return `${o.measure}|${o.unit}|${o.period}|${o.dimensionsKey}`;
}

/** Another transaction inserted a key this one found absent: the whole submission is re-run. */
export class ConcurrentFirstInsert extends Error {
  constructor() {
    super('a concurrent submission inserted the same observation first');
    this.name = 'ConcurrentFirstInsert';
  }
}

/** SQL of ingestion's observations, revisions and submissions; bulk statements over arrays (unnest). */
@Injectable()
export class ObservationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The current rows for these keys; with `lock`, locked until the transaction ends (in key order). */
  async current(
    manager: EntityManager,
    keys: ReadonlyArray<{ measure: string; unit: string; period: string; dimensionsKey: string }>,
    lock: boolean,
  ): Promise<StoredObservation[]> {
    if (keys.length === 0) return [];
    const sorted = [...keys].sort((a, b) => (observationRowKey(a) < observationRowKey(b) ? -1 : 1));
    const rows = await queryRows(
      manager,
      currentRow,
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

  /**
   * Kafka intake: claims the ids of the messages about to be applied, in this transaction, and returns those
   * not applied before. A concurrent transaction claiming the same ids makes this wait for its outcome, so
   * a message is applied once, whatever the replays and rebalances.
   */
  async claimMessages(manager: EntityManager, messageIds: ReadonlyArray<string>): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    // One order for every transaction: two that claim overlapping ranges cannot deadlock.
    const sorted = [...new Set(messageIds)].sort();
    const rows = await queryRows(
      manager,
      claimedRow,
      `INSERT INTO ingestion.processed_event (event_id) SELECT unnest($1::text[]) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [sorted],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  /**
   * Stores the final state of each changed key and one revision row per change. Keys not stored before are
   * inserted only if still absent: when a concurrent submission inserted one first, nothing of this
   * submission may stand (its revision numbers are wrong), so it throws `ConcurrentFirstInsert` to be re-run.
   */
  async saveChanges(
    manager: EntityManager,
    changes: ReadonlyArray<ObservationChange>,
    newKeys: ReadonlySet<string>,
    context: { agency: string; submissionId: string; recordedAt: Date },
  ): Promise<void> {
    if (changes.length === 0) return;
    const finalByKey = new Map<string, ObservationChange>();
    for (const change of changes) finalByKey.set(observationRowKey(change), change);
    // Key order, as the locking read: overlapping submissions take row locks in one order.
    const finals = [...finalByKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const inserts = finals.filter(([key]) => newKeys.has(key)).map(([, c]) => c);
    const updates = finals.filter(([key]) => !newKeys.has(key)).map(([, c]) => c);
    if (inserts.length > 0) {
      const inserted = await queryRows(
        manager,
        insertedRow,
        `INSERT INTO ingestion.observation
           (measure, unit, period, dimensions_key, dimensions, value, revision, observation_id, agency_code, submission_id, recorded_at)
         SELECT k.*, $9, $10, $11 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::float8[], $7::int[], $8::uuid[]) AS k
         ON CONFLICT (measure, unit, period, dimensions_key) DO NOTHING RETURNING observation_id`,
        [
          inserts.map((c) => c.measure),
          inserts.map((c) => c.unit),
          inserts.map((c) => c.period),
          inserts.map((c) => c.dimensionsKey),
          inserts.map((c) => (c.dimensions ? JSON.stringify(c.dimensions) : null)),
          inserts.map((c) => c.value),
          inserts.map((c) => c.revision),
          inserts.map((c) => c.observationId),
          context.agency,
          context.submissionId,
          context.recordedAt,
        ],
      );
      if (inserted.length < inserts.length) throw new ConcurrentFirstInsert();
    }
    if (updates.length > 0) {
      // These rows were read FOR UPDATE in this transaction: nobody changed them since.
      await manager.query(
        `UPDATE ingestion.observation o SET value = k.value, revision = k.revision, agency_code = $7, submission_id = $8, recorded_at = $9
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[]) AS k(measure, unit, period, dimensions_key, value, revision)
         WHERE o.measure = k.measure AND o.unit = k.unit AND o.period = k.period AND o.dimensions_key = k.dimensions_key`,
        [
          updates.map((c) => c.measure),
          updates.map((c) => c.unit),
          updates.map((c) => c.period),
          updates.map((c) => c.dimensionsKey),
          updates.map((c) => c.value),
          updates.map((c) => c.revision),
          context.agency,
          context.submissionId,
          context.recordedAt,
        ],
      );
    }
    await manager.query(
      `INSERT INTO ingestion.observation_revision (observation_id, revision, value, agency_code, submission_id, recorded_at)
       SELECT k.*, $4, $5, $6 FROM unnest($1::uuid[], $2::int[], $3::float8[]) AS k`,
      [
        changes.map((c) => c.observationId),
        changes.map((c) => c.revision),
        changes.map((c) => c.value),
        context.agency,
        context.submissionId,
        context.recordedAt,
      ],
    );
  }

  /** False when the agency already used this idempotency key (a concurrent request won). */
  async saveSubmission(
    manager: EntityManager,
    submission: { agency: string; channel: SubmissionChannel; idempotencyKey?: string; requestHash: string; status: number; answer: SubmissionAnswer },
  ): Promise<boolean> {
    const rows = await queryRows(
      manager,
      submissionIdRow,
      `INSERT INTO ingestion.submission (id, agency_code, channel, idempotency_key, request_hash, status_code, response)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (agency_code, idempotency_key) DO NOTHING RETURNING id`,
      [
        submission.answer.submissionId,
        submission.agency,
        submission.channel,
        submission.idempotencyKey ?? null,
        submission.requestHash,
        submission.status,
        JSON.stringify(submission.answer),
      ],
    );
    return rows.length > 0;
  }

  /** A stored submission; `requestHash` is null for submissions stored before fingerprints existed. */
  async findSubmission(
    agency: string,
    where: { id: string } | { idempotencyKey: string },
  ): Promise<{ status: 202 | 422; answer: SubmissionAnswer; requestHash: string | null } | undefined> {
    const [column, value] = 'id' in where ? ['id', where.id] : ['idempotency_key', where.idempotencyKey];
    const rows = await queryRows(
      this.dataSource,
      submissionRow,
      `SELECT status_code, response, request_hash FROM ingestion.submission WHERE agency_code = $1 AND ${column} = $2`,
      [agency, value],
    );
    return rows[0] ? { status: rows[0].status_code, answer: rows[0].response, requestHash: rows[0].request_hash } : undefined;
  }

  /**
   * The observations the agency wrote, each with the agency's own revisions only (never another agency's
   * values or submissions) and, as its value, the last one the agency sent.
   */
  async history(agency: string, filter: { measure?: string; unit?: string; period?: string }, limit: number): Promise<ObservationHistory[]> {
    const rows = await queryRows(
      this.dataSource,
      historyRow,
      `SELECT o.measure, o.unit, o.period, o.dimensions, own.value, own.revision, own.recorded_at, own.revision <> o.revision AS superseded, own.revisions
       FROM ingestion.observation o
       CROSS JOIN LATERAL (
         SELECT (array_agg(r.value ORDER BY r.revision DESC))[1] AS value, max(r.revision) AS revision,
                (array_agg(r.recorded_at ORDER BY r.revision DESC))[1] AS recorded_at,
                json_agg(json_build_object('revision', r.revision, 'value', r.value, 'submissionId', r.submission_id,
                                           'recordedAt', r.recorded_at) ORDER BY r.revision) AS revisions
         FROM ingestion.observation_revision r WHERE r.observation_id = o.observation_id AND r.agency_code = $1) own
       WHERE o.observation_id IN (SELECT observation_id FROM ingestion.observation_revision WHERE agency_code = $1)
         AND ($2::text IS NULL OR o.measure = $2) AND ($3::text IS NULL OR o.unit = $3) AND ($4::text IS NULL OR o.period = $4)
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
      supersededByAnotherAgency: r.superseded,
      revisions: r.revisions,
    }));
  }
}
