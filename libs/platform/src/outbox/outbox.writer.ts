import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { EventPublisher, OutgoingEvent } from '@dx/messaging';

import { SERVICE_CONTEXT, ServiceContext } from '../bootstrap/service-context';
import { outboxChannel } from './outbox.sql';

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
    // Encoding here validates every payload against its contract before anything is committed.
    const encoded = events.map((e) => this.publisher.encode(e));
    // One JSON parameter for all rows: pg would escape every element of four text[] arrays in JavaScript
    // (a cost per event that showed in computation's profile, ADR 0020). The rows keep the array's order,
    // so ids follow the order of `events`.
    await manager.query(
      `INSERT INTO ${this.schema}.outbox_event (topic, message_key, value, headers)
       SELECT e.topic, e.message_key, e.value, e.headers
       FROM ROWS FROM (json_to_recordset($1::json) AS (topic text, message_key text, value text, headers jsonb))
         WITH ORDINALITY AS e(topic, message_key, value, headers, n)
       ORDER BY e.n`,
      [JSON.stringify(encoded.map((e) => ({ topic: e.topic, message_key: e.message.key, value: e.message.value, headers: e.message.headers })))],
    );
    await manager.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.schema)]);
  }
}
