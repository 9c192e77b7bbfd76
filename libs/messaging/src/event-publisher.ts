import { CompressionTypes, Kafka, Producer } from 'kafkajs';

import { encodeEvent, EncodedMessage, EncodeOptions, EventContract } from '@dx/contracts';

import { isRecordRefused } from './kafka-error.util';

/** One event to publish: its contract, payload and, where it has one, its stable id. */
export interface OutgoingEvent<TData = unknown> {
  contract: EventContract<TData, unknown>;
  data: TData;
  id?: string;
  time?: Date;
}

/** How often a send is tried in all before its error reaches the caller, and the waits between tries. */
// About 13 s in all: longer than the controller takes to fence a dead broker and elect new leaders.
const SEND_ATTEMPTS = 10;
const FIRST_RETRY_WAIT_MS = 200;
const MAX_RETRY_WAIT_MS = 2_000;

/**
 * The one publisher: builds the CloudEvents envelope, keys the message by the contract and awaits the
 * broker's acknowledgement from every in-sync replica, so a resolved promise means the event is stored.
 *
 * It retries a failed send itself, whole, and turns kafkajs' own retries and idempotence off (ADR 0016):
 * kafkajs 2.2 retries a send only towards the brokers that had not answered yet, so a partition whose
 * leader moved to a broker that had answered is silently never sent (tulios/kafkajs#1303), and its
 * idempotent producer rewinds sequences after a failed request, so the broker may take a later, different
 * batch for a duplicate. A retried whole send may write some events twice: with the same event ids, which
 * every consumer de-duplicates.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly source: string,
    /** Namespaces every topic (test isolation); empty in production, where names are the contract's. */
    private readonly topicPrefix = '',
  ) {
    // One request in flight per broker keeps a key's events in order across our retries.
    this.producer = this.kafka.producer({ idempotent: false, maxInFlightRequests: 1, retry: { retries: 0 } });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = false;
    });
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
    const byTopic = new Map<string, EncodedMessage[]>();
    for (const { topic, message } of messages) {
      const name = this.topicPrefix + topic;
      const list = byTopic.get(name) ?? [];
      list.push(message);
      byTopic.set(name, list);
    }
    const request = {
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.connect();
        await this.producer.sendBatch(request);
        return;
      } catch (error) {
        // kafkajs has refreshed its metadata before throwing; a refused record never goes through.
        if (attempt >= SEND_ATTEMPTS || isRecordRefused(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(FIRST_RETRY_WAIT_MS * 2 ** (attempt - 1), MAX_RETRY_WAIT_MS)));
      }
    }
  }
}
