import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { EventPublisher, OutgoingEvent } from '@dx/messaging';

import { SERVICE_CONTEXT, ServiceContext } from '../bootstrap/service-context';
import { outboxChannel } from './outbox.sql';

/** Events written by one INSERT: enough to share its round trip, few enough that its parameter stays ~1 MB. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Writes events to the service's outbox inside the caller's transaction: the state change and its events
 * commit together or not at all (style C9). The relay publishes them after the commit.
 */
@Injectable()
export class OutboxWriter {
  private readonly schema: string;

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONTEXT) context: ServiceContext,
  ) {
    this.schema = context.name;
  }

  async enqueue(manager: EntityManager, events: ReadonlyArray<OutgoingEvent<any>>): Promise<void> {
    if (events.length === 0) return;
    // A statement per ROWS_PER_STATEMENT events, in order, so ids still follow the order of `events`: one
    // statement for a whole computation batch (~40,000 events, ADR 0020) held its encoded payloads, their
    // JSON text and pg's copy of that text at once, tens of MB (issue 14's memory goal, ADR 0023).
    for (let from = 0; from < events.length; from += ROWS_PER_STATEMENT) {
      // Encoding here validates every payload against its contract; nothing commits before all of them pass
      // (the caller's transaction).
      const encoded = events.slice(from, from + ROWS_PER_STATEMENT).map((e) => this.publisher.encode(e));
      // The last statement also wakes the relay (delivered at the commit): one round trip less on every
      // transaction that publishes, which each hop of the alert latency pays (ADR 0024).
      const last = from + ROWS_PER_STATEMENT >= events.length;
      // One JSON parameter for the rows: pg would escape every element of four text[] arrays in JavaScript
      // (a cost per event that showed in computation's profile, ADR 0020). The rows keep the array's order.
      await manager.query(
        `WITH inserted AS (
           INSERT INTO ${this.schema}.outbox_event (topic, message_key, value, headers)
           SELECT e.topic, e.message_key, e.value, e.headers
           FROM ROWS FROM (json_to_recordset($1::json) AS (topic text, message_key text, value text, headers jsonb))
             WITH ORDINALITY AS e(topic, message_key, value, headers, n)
           ORDER BY e.n
           RETURNING 1
         )
         SELECT ${last ? `pg_notify($2, '')` : `NULL`} FROM (SELECT count(*) FROM inserted) AS done`,
        [
          JSON.stringify(encoded.map((e) => ({ topic: e.topic, message_key: e.message.key, value: e.message.value, headers: e.message.headers }))),
          ...(last ? [outboxChannel(this.schema)] : []),
        ],
      );
    }
  }
}
