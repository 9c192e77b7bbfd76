import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { severitySchema } from '@dx/contracts';
import { PillarCode } from '@dx/domain';

import { Subscription } from './subscription.type';

const rowSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  webhook_url: z.string().nullable(),
  webhook_secret: z.string().nullable(),
  inbox: z.boolean(),
  scope: z.object({
    units: z.array(z.string()),
    includeDescendants: z.boolean(),
    pillars: z.array(z.string()).optional(),
    indicators: z.array(z.string()).optional(),
  }),
  min_severity: severitySchema,
  token_hash: z.string(),
  created_at: z.date(),
});

type SubscriptionRow = z.infer<typeof rowSchema>;

const COLUMNS = 'id, name, email, webhook_url, webhook_secret, inbox, scope, min_severity, token_hash, created_at';

/** A stored subscription with what only this feature sees: the sealed secret and the token's hash. */
export interface StoredSubscription {
  readonly subscription: Subscription;
  readonly sealedWebhookSecret?: string;
  readonly tokenHash: string;
}

function toStored(raw: unknown): StoredSubscription {
  const row: SubscriptionRow = rowSchema.parse(raw);
  const { units, includeDescendants, pillars, indicators } = row.scope;
  return {
    subscription: {
      id: row.id,
      name: row.name,
      ...(row.email !== null ? { email: row.email } : {}),
      ...(row.webhook_url !== null ? { webhookUrl: row.webhook_url } : {}),
      inbox: row.inbox,
      scope: { units, includeDescendants, ...(pillars ? { pillars: pillars as PillarCode[] } : {}), ...(indicators ? { indicators } : {}) },
      minSeverity: row.min_severity,
      createdAt: row.created_at,
    },
    ...(row.webhook_secret !== null ? { sealedWebhookSecret: row.webhook_secret } : {}),
    tokenHash: row.token_hash,
  };
}

/** Subscriptions, live ones only (a deleted one is kept for the history of what it was sent). */
@Injectable()
export class SubscriptionsRepository {
  async insert(manager: EntityManager, stored: StoredSubscription): Promise<void> {
    const s = stored.subscription;
    await manager.query(`INSERT INTO notification.subscription (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
      s.id,
      s.name,
      s.email ?? null,
      s.webhookUrl ?? null,
      stored.sealedWebhookSecret ?? null,
      s.inbox,
      JSON.stringify(s.scope),
      s.minSeverity,
      stored.tokenHash,
      s.createdAt,
    ]);
  }

  async find(manager: EntityManager, id: string): Promise<StoredSubscription | undefined> {
    const rows: unknown[] = await manager.query(`SELECT ${COLUMNS} FROM notification.subscription WHERE id = $1 AND deleted_at IS NULL`, [id]);
    return rows.length > 0 ? toStored(rows[0]) : undefined;
  }

  async findByTokenHash(manager: EntityManager, tokenHash: string): Promise<StoredSubscription | undefined> {
    const rows: unknown[] = await manager.query(`SELECT ${COLUMNS} FROM notification.subscription WHERE token_hash = $1 AND deleted_at IS NULL`, [tokenHash]);
    return rows.length > 0 ? toStored(rows[0]) : undefined;
  }

  async list(manager: EntityManager): Promise<StoredSubscription[]> {
    const rows: unknown[] = await manager.query(`SELECT ${COLUMNS} FROM notification.subscription WHERE deleted_at IS NULL ORDER BY created_at, id`);
    return rows.map(toStored);
  }

  /** Marks the subscription deleted; false when there was no live one. */
  async delete(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    // Through a CTE: TypeORM answers a bare UPDATE with [rows, count].
    const rows: unknown[] = await manager.query(
      `WITH deleted AS (UPDATE notification.subscription SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id) SELECT id FROM deleted`,
      [id, at],
    );
    return rows.length > 0;
  }

  /** Names of subscriptions, deleted ones included (for alert histories). */
  async names(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: unknown[] = await manager.query(`SELECT id, name FROM notification.subscription WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => z.object({ id: z.string(), name: z.string() }).parse(r)).map((r) => [r.id, r.name]));
  }
}
