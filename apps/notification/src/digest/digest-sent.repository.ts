import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

/** One row per subscription and week a digest went out for: what makes a digest go once across instances. */
@Injectable()
export class DigestSentRepository {
  /** Claims the week's digest of a subscription; false when it was claimed before. */
  async claim(manager: EntityManager, subscriptionId: string, weekStart: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification.digest_sent (subscription_id, week_start, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING subscription_id`,
      [subscriptionId, weekStart, at],
    );
    return rows.length > 0;
  }

  /** The subscriptions whose digest of the week went out already. */
  async sentFor(manager: EntityManager, weekStart: string): Promise<Set<string>> {
    const rows: unknown[] = await manager.query(`SELECT subscription_id::text FROM notification.digest_sent WHERE week_start = $1`, [weekStart]);
    return new Set(rows.map((r) => z.object({ subscription_id: z.string() }).parse(r).subscription_id));
  }
}
