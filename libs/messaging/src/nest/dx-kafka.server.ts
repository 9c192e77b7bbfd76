import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';

import { TopicName } from '@dx/contracts';

import { BatchConsumer, BatchConsumerOptions } from '../batch-consumer';
import { EventPublisher } from '../event-publisher';
import { decoderForTopic } from '../topic-decoder.util';
import { handlerDecoder } from './consume-events.decorator';

export interface DxKafkaServerOptions extends Omit<BatchConsumerOptions, 'subscriptions' | 'deadLetters'> {
  kafka: Kafka;
  deadLetters: EventPublisher;
}

/**
 * Nest transport over our BatchConsumer: `@ConsumeEvents(TOPICS.x)` handlers receive
 * `(events: ConsumedEvent[], context: BatchContext)`, already decoded against the topic's contracts (or by
 * the decoder the handler names).
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
        decode: handlerDecoder(this.messageHandlers.get(topic)) ?? decoderForTopic(topic as TopicName),
        handle: async (events: unknown[], context: unknown) => {
          const handler = this.getHandlerByPattern(topic);
          if (!handler) throw new Error(`no handler for ${topic}`);
          return lastValueFrom(this.transformToObservable(await handler(events, context)), { defaultValue: undefined });
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
