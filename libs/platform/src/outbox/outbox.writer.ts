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
    await manager.query(
      `INSERT INTO ${this.schema}.outbox_event (topic, message_key, value, headers)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        encoded.map((e) => e.topic),
        encoded.map((e) => e.message.key),
        encoded.map((e) => e.message.value),
        encoded.map((e) => JSON.stringify(e.message.headers)),
      ],
    );
    await manager.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.schema)]);
  }
}
