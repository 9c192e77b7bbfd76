import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';

import { CONTRACTS_BY_TOPIC, decodeEvent, TopicName } from '@dx/contracts';

import { BatchConsumer, BatchConsumerOptions, MessageDecoder, RawMessage } from '../batch-consumer';
import { EventPublisher } from '../event-publisher';

export interface DxKafkaServerOptions
  extends Omit<BatchConsumerOptions, 'subscriptions' | 'deadLetters'> {
  kafka: Kafka;
  deadLetters: EventPublisher;
  /** Decoders for topics whose messages are not (only) our CloudEvents, such as agencies' intake. */
  decoders?: Partial<Record<string, MessageDecoder>>;
}

export function decoderForTopic(topic: string): MessageDecoder {
  const contracts = CONTRACTS_BY_TOPIC[topic as TopicName];
  if (!contracts) throw new Error(`no contract is registered for topic ${topic}`);
  return (message: RawMessage) => decodeEvent(contracts, message.value);
}

/**
 * Nest transport over our BatchConsumer: `@EventPattern(TOPICS.x)` handlers receive
 * `(events: ConsumedEvent[], context: BatchContext)`, already decoded against the topic's contracts.
 * Chosen over Nest's ServerKafka, which only runs `eachMessage` and retries a poison message forever
 * (infra.md §5.1; ADR 0003).
 */
export class DxKafkaServer extends Server implements CustomTransportStrategy {
  private consumer?: BatchConsumer;

  constructor(private readonly options: DxKafkaServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const subscriptions = [...this.messageHandlers.keys()].map((topic) => ({
        topic,
        decode: this.options.decoders?.[topic] ?? decoderForTopic(topic),
        handle: async (events: unknown[], context: unknown) => {
          const handler = this.getHandlerByPattern(topic);
          if (!handler) throw new Error(`no handler for ${topic}`);
          await lastValueFrom(this.transformToObservable(await handler(events, context)), { defaultValue: undefined });
        },
      }));
      if (subscriptions.length > 0) {
        this.consumer = new BatchConsumer(this.options.kafka, { ...this.options, subscriptions });
        await this.consumer.start();
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  /** The topics its handlers consume (contract names, without the prefix). */
  get topics(): string[] {
    return [...this.messageHandlers.keys()];
  }

  on(): never {
    throw new Error('DxKafkaServer does not emit transport events');
  }

  unwrap<T>(): T {
    return this.consumer?.kafkaConsumer as T;
  }
}
