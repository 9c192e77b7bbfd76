import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { NotificationOrder } from '@dx/domain';

const date = z.coerce.date();
const factsSchema = z.looseObject({ kind: z.string(), unit: z.string(), period: z.string() });

// The domain's NotificationOrder as stored in `notification_order.document`.
const orderDocumentSchema = z.object({
  id: z.string(),
  alertId: z.string(),
  reason: z.enum(['fired', 'repeat', 'escalated', 'worsened', 'revised', 'resolved']),
  severity: z.enum(['info', 'warning', 'critical']),
  audience: z.array(z.string()),
  hierarchyVersion: z.string(),
  createdAt: date,
  notBefore: date,
  period: z.string(),
  change: factsSchema.optional(),
});

const rowSchema = z.object({
  document: z.unknown(),
  state: z.enum(['scheduled', 'dispatched', 'dropped']),
  drop_reason: z.string().nullable(),
  recipients: z.number().int().nullable(),
  handled_at: z.date().nullable(),
});

/** A notification order with what became of it. */
export interface StoredOrder {
  readonly order: NotificationOrder;
  readonly state: 'scheduled' | 'dispatched' | 'dropped';
  readonly dropReason?: string;
  readonly recipients?: number;
  readonly handledAt?: Date;
}

function toStored(raw: unknown): StoredOrder {
  const row = rowSchema.parse(raw);
  return {
    order: orderDocumentSchema.parse(row.document) as NotificationOrder,
    state: row.state,
    ...(row.drop_reason !== null ? { dropReason: row.drop_reason } : {}),
    ...(row.recipients !== null ? { recipients: row.recipients } : {}),
    ...(row.handled_at !== null ? { handledAt: row.handled_at } : {}),
  };
}

/** Notifications the lifecycle decided, each dispatched (routed into deliveries) once at `notBefore`. */
@Injectable()
export class NotificationOrdersRepository {
  async insert(manager: EntityManager, orders: readonly NotificationOrder[]): Promise<void> {
    if (orders.length === 0) return;
    // An order id is the alert id and history index: storing it twice means the same decision twice.
    await manager.query(
      `INSERT INTO notification.notification_order (id, alert_id, reason, severity, not_before, state, document, created_at)
       SELECT id, alert_id, reason, severity, not_before, 'scheduled', document, created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[], $7::timestamptz[])
         AS o(id, alert_id, reason, severity, not_before, document, created_at)
       ON CONFLICT (id) DO NOTHING`,
      [
        orders.map((o) => o.id),
        orders.map((o) => o.alertId),
        orders.map((o) => o.reason),
        orders.map((o) => o.severity),
        orders.map((o) => o.notBefore),
        orders.map((o) => JSON.stringify(o)),
        orders.map((o) => o.createdAt),
      ],
    );
  }

  /** Claims due orders (locked until the transaction ends; others skip them). */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<NotificationOrder[]> {
    const rows: unknown[] = await manager.query(
      `SELECT document, state, drop_reason, recipients, handled_at FROM notification.notification_order
       WHERE state = 'scheduled' AND not_before <= $1 ORDER BY not_before, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => toStored(r).order);
  }

  async markDispatched(manager: EntityManager, id: string, recipients: number, at: Date): Promise<void> {
    await manager.query(`UPDATE notification.notification_order SET state = 'dispatched', recipients = $2, handled_at = $3 WHERE id = $1`, [
      id,
      recipients,
      at,
    ]);
  }

  async markDropped(manager: EntityManager, id: string, reason: string, at: Date): Promise<void> {
    await manager.query(`UPDATE notification.notification_order SET state = 'dropped', drop_reason = $2, handled_at = $3 WHERE id = $1`, [id, reason, at]);
  }

  async ofAlert(manager: EntityManager, alertId: string): Promise<StoredOrder[]> {
    const rows: unknown[] = await manager.query(
      `SELECT document, state, drop_reason, recipients, handled_at FROM notification.notification_order WHERE alert_id = $1 ORDER BY created_at, id`,
      [alertId],
    );
    return rows.map(toStored);
  }
}
