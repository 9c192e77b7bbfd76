import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { DeliveryContent } from '../channels/delivery-content.type';
import { DeliveryRecord, NewDelivery } from './delivery.type';

const channelSchema = z.enum(['email', 'webhook', 'inbox']);

const claimedSchema = z.object({
  id: z.string(),
  source: z.string(),
  alert_id: z.string().nullable(),
  subscription_id: z.string(),
  channel: channelSchema,
  content: z.custom<DeliveryContent>((v) => typeof v === 'object' && v !== null && 'channel' in v),
  attempts: z.number().int(),
  first_attempt_at: z.date().nullable(),
});

/** A delivery claimed for one attempt. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly alertId?: string;
  readonly subscriptionId: string;
  readonly channel: z.infer<typeof channelSchema>;
  readonly content: DeliveryContent;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly firstAttemptAt?: Date;
}

const recordSchema = z.object({
  id: z.string(),
  source: z.string(),
  subscription_id: z.string(),
  channel: channelSchema,
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  created_at: z.date(),
  due_at: z.date(),
  delivered_at: z.date().nullable(),
  last_result: z.string().nullable(),
  attempt_log: z.array(
    z.object({
      attempt: z.number().int(),
      at: z.coerce.date(),
      outcome: z.enum(['delivered', 'failed']),
      status_code: z.number().int().nullable(),
      error: z.string().nullable(),
    }),
  ),
});

/** Deliveries and their attempts; every method runs in the caller's transaction. */
@Injectable()
export class DeliveriesRepository {
  /** Stores new deliveries; one already made for the same source, subscription and channel is kept as it is. */
  async insert(manager: EntityManager, deliveries: readonly NewDelivery[], at: Date): Promise<number> {
    if (deliveries.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification.delivery (id, source, alert_id, subscription_id, channel, state, content, due_at, created_at)
       SELECT id, source, alert_id, subscription_id, channel, 'pending', content, due_at, $7
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::jsonb[], $8::timestamptz[])
         AS d(id, source, alert_id, subscription_id, channel, content, due_at)
       ON CONFLICT (source, subscription_id, channel) DO NOTHING RETURNING id`,
      [
        deliveries.map((d) => d.id),
        deliveries.map((d) => d.source),
        deliveries.map((d) => d.alertId ?? null),
        deliveries.map((d) => d.subscriptionId),
        deliveries.map((d) => d.channel),
        deliveries.map((d) => JSON.stringify(d.content)),
        at,
        deliveries.map((d) => d.dueAt),
      ],
    );
    return rows.length;
  }

  /**
   * Claims up to `limit` due deliveries for one attempt each: a lease until `leaseUntil` keeps every other
   * instance off them (`SKIP LOCKED`: no waiting on each other), and a crashed attempt is retried once it
   * lapses.
   */
  async claimDue(manager: EntityManager, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const rows: unknown[] = await manager.query(
      `WITH due AS (
         SELECT id FROM notification.delivery
         WHERE state = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
         ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE notification.delivery d SET lease_until = $2 FROM due WHERE d.id = due.id
         RETURNING d.id::text, d.source, d.alert_id, d.subscription_id::text, d.channel, d.content, d.attempts, d.first_attempt_at
       ) SELECT * FROM claimed`,
      [now, leaseUntil, limit],
    );
    return rows.map((raw) => {
      const row = claimedSchema.parse(raw);
      return {
        id: row.id,
        ...(row.alert_id !== null ? { alertId: row.alert_id } : {}),
        subscriptionId: row.subscription_id,
        channel: row.channel,
        content: row.content,
        attempts: row.attempts,
        ...(row.first_attempt_at ? { firstAttemptAt: row.first_attempt_at } : {}),
      };
    });
  }

  /** Records one attempt and what follows: delivered, failed for good, or pending again at `retryAt`. */
  async recordAttempt(
    manager: EntityManager,
    attempt: {
      readonly id: string;
      readonly number: number;
      readonly at: Date;
      readonly firstAttemptAt: Date;
      readonly outcome: 'delivered' | 'failed';
      readonly statusCode?: number;
      readonly error?: string;
      readonly retryAt?: Date;
    },
  ): Promise<void> {
    const state = attempt.outcome === 'delivered' ? 'delivered' : attempt.retryAt ? 'pending' : 'failed';
    await manager.query(
      `INSERT INTO notification.delivery_attempt (delivery_id, attempt, at, outcome, status_code, error) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (delivery_id, attempt) DO NOTHING`,
      [attempt.id, attempt.number, attempt.at, attempt.outcome, attempt.statusCode ?? null, attempt.error ?? null],
    );
    await manager.query(
      `WITH updated AS (
         UPDATE notification.delivery SET state = $2::text, attempts = $3, first_attempt_at = $4, last_attempt_at = $5::timestamptz,
           delivered_at = CASE WHEN $2::text = 'delivered' THEN $5::timestamptz ELSE NULL END, due_at = COALESCE($6::timestamptz, due_at),
           lease_until = NULL, last_result = $7
         WHERE id = $1 AND state = 'pending' RETURNING id
       ) SELECT id FROM updated`,
      [
        attempt.id,
        state,
        attempt.number,
        attempt.firstAttemptAt,
        attempt.at,
        attempt.retryAt ?? null,
        attempt.outcome === 'delivered' ? (attempt.statusCode ? `HTTP ${attempt.statusCode}` : 'delivered') : (attempt.error ?? 'failed'),
      ],
    );
  }

  /** Pending deliveries per channel (the retries waiting, and the ones due now). */
  async pendingByChannel(manager: EntityManager): Promise<Map<string, number>> {
    const rows: unknown[] = await manager.query(`SELECT channel, count(*)::int AS pending FROM notification.delivery WHERE state = 'pending' GROUP BY channel`);
    return new Map(rows.map((r) => z.object({ channel: z.string(), pending: z.number().int() }).parse(r)).map((r) => [r.channel, r.pending]));
  }

  /** The deliveries of some alerts with every attempt, oldest first. */
  async ofAlerts(manager: EntityManager, alertIds: readonly string[]): Promise<Array<DeliveryRecord & { alertId: string }>> {
    if (alertIds.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT d.id::text, d.source, d.alert_id, d.subscription_id::text, d.channel, d.state, d.attempts, d.created_at, d.due_at, d.delivered_at, d.last_result,
         COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'outcome', a.outcome, 'status_code', a.status_code, 'error', a.error) ORDER BY a.attempt)
                   FROM notification.delivery_attempt a WHERE a.delivery_id = d.id), '[]'::json) AS attempt_log
       FROM notification.delivery d WHERE d.alert_id = ANY($1::text[]) ORDER BY d.created_at, d.id`,
      [alertIds],
    );
    return rows.map((raw) => {
      const row = recordSchema.parse(raw);
      return {
        alertId: String(raw.alert_id),
        id: row.id,
        source: row.source,
        subscriptionId: row.subscription_id,
        channel: row.channel,
        state: row.state,
        attempts: row.attempts,
        createdAt: row.created_at,
        dueAt: row.due_at,
        ...(row.delivered_at ? { deliveredAt: row.delivered_at } : {}),
        ...(row.last_result !== null ? { lastResult: row.last_result } : {}),
        attemptLog: row.attempt_log.map((a) => ({
          attempt: a.attempt,
          at: a.at,
          outcome: a.outcome,
          ...(a.status_code !== null ? { statusCode: a.status_code } : {}),
          ...(a.error !== null ? { error: a.error } : {}),
        })),
      };
    });
  }
}
