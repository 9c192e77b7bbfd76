import { CompressionTypes, Kafka, Producer } from 'kafkajs';

import { encodeEvent, EncodedMessage, EncodeOptions, EventContract } from '@dx/contracts';

/** One event to publish: its contract, payload and, where it has one, its stable id. */
export interface OutgoingEvent<TData = unknown> {
  contract: EventContract<TData>;
  data: TData;
  id?: string;
  time?: Date;
}

/**
 * The one publisher: builds the CloudEvents envelope, keys the message by the contract and awaits the
 * broker's acknowledgement from every in-sync replica, so a resolved promise means the event is stored.
 */
export class EventPublisher {
  private producer: Producer;
  private connected = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly source: string,
    /** Namespaces every topic (test isolation); empty in production, where names are the contract's. */
    private readonly topicPrefix = '',
  ) {
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    // Idempotent: a retried send after a lost ack is not written twice within a producer session.
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 5 } });
    producer.on(producer.events.DISCONNECT, () => {
      if (this.producer === producer) this.connected = false;
    });
    return producer;
  }

  /**
   * Starts a new producer session (a new producer id, sequences from zero). After a send the broker
   * refused for one partition, kafkajs has rewound the sequences of every partition of the request, also
   * of those the broker wrote, so the old session's next sends would be refused as out of order. For a
   * publisher with a single user (a relay): a concurrent send on the old session fails.
   */
  async renewSession(): Promise<void> {
    const old = this.producer;
    this.producer = this.createProducer();
    this.connected = false;
    await old.disconnect().catch(() => undefined);
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = false;
  }

  encode<TData>(event: OutgoingEvent<TData>): { topic: string; message: EncodedMessage } {
    const options: EncodeOptions = { source: this.source, id: event.id, time: event.time };
    return { topic: event.contract.topic, message: encodeEvent(event.contract, event.data, options) };
  }

  async publish<TData>(event: OutgoingEvent<TData>): Promise<void> {
    await this.publishMany([event]);
  }

  /** Publishes several events in one request per topic; all or nothing from the caller's view. */
  async publishMany(events: ReadonlyArray<OutgoingEvent<any>>): Promise<void> {
    if (events.length === 0) return;
    await this.publishEncoded(events.map((e) => this.encode(e)));
  }

  /** For relays that stored already-encoded messages (outbox rows). */
  async publishEncoded(messages: ReadonlyArray<{ topic: string; message: EncodedMessage }>): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, EncodedMessage[]>();
    for (const { topic, message } of messages) {
      const name = this.topicPrefix + topic;
      const list = byTopic.get(name) ?? [];
      list.push(message);
      byTopic.set(name, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
    });
  }
}
