import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

/** Ids of the events applied, in the same transaction as their effects: a re-delivered event does nothing. */
@Injectable()
export class ProcessedEventsRepository {
  /** Records the ids; returns those not seen before. */
  async markProcessed(manager: EntityManager, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification.processed_event (event_id) SELECT unnest($1::text[]) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [[...new Set(eventIds)]],
    );
    return new Set(rows.map((r) => z.object({ event_id: z.string() }).parse(r).event_id));
  }
}
