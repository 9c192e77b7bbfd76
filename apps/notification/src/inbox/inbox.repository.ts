import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

/** One message in a subscription's inbox. */
export interface InboxItem {
  readonly id: string;
  readonly subscriptionId: string;
  readonly deliveryId: string;
  readonly alertId?: string;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: Date;
}

const rowSchema = z.object({
  id: z.string(),
  subscription_id: z.string(),
  delivery_id: z.string(),
  alert_id: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  created_at: z.date(),
});

function toItem(raw: unknown): InboxItem {
  const row = rowSchema.parse(raw);
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    deliveryId: row.delivery_id,
    ...(row.alert_id !== null ? { alertId: row.alert_id } : {}),
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at,
  };
}

@Injectable()
export class InboxRepository {
  /** Stores the item once per delivery (a retried delivery adds nothing). */
  async insert(manager: EntityManager, item: Omit<InboxItem, 'id'>): Promise<void> {
    await manager.query(
      `INSERT INTO notification.inbox_item (subscription_id, delivery_id, alert_id, subject, body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (delivery_id) DO NOTHING`,
      [item.subscriptionId, item.deliveryId, item.alertId ?? null, item.subject, item.body, item.createdAt],
    );
  }

  /** The newest items first, `before` an item id when paging. */
  async list(manager: EntityManager, subscriptionId: string, limit: number, before?: string): Promise<InboxItem[]> {
    const rows: unknown[] = await manager.query(
      `SELECT id::text, subscription_id::text, delivery_id::text, alert_id, subject, body, created_at FROM notification.inbox_item
       WHERE subscription_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint) ORDER BY id DESC LIMIT $3`,
      [subscriptionId, before ?? null, limit],
    );
    return rows.map(toItem);
  }
}
