import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { queryRows } from '@dx/platform';

const claimedRow = z.object({ event_id: z.string() });

/**
 * Exactly once in effect: an event's id is claimed in the same transaction as its effects, so a
 * re-delivered event finds its id taken and changes nothing.
 */
@Injectable()
export class ProcessedEventsService {
  /** Claims `eventIds`; returns those not seen before. */
  async claim(manager: EntityManager, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await queryRows(
      manager,
      claimedRow,
      `INSERT INTO reporting.processed_event (event_id) SELECT unnest($1::text[])
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [[...new Set(eventIds)]],
    );
    return new Set(rows.map((r) => r.event_id));
  }
}
