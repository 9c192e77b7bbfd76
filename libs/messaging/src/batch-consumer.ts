import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';

import { CloudEvent, ContractError, Decoded, MessageDeadLetteredV1, MessageSource } from '@dx/contracts';

import { EventPublisher } from './event-publisher';
import { StructuredLogger } from './logger.type';
import { isTransientError } from './transient-error.util';

/** A message as it came off the broker, before decoding. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A decoded event with the coordinates of the message that carried it. */
export interface ConsumedEvent<TData = unknown> {
  event: CloudEvent<TData>;
  message: RawMessage;
}

export interface BatchContext {
  topic: string;
  partition: number;
  /** Keeps the group membership alive during long work (style C10). */
  heartbeat(): Promise<void>;
  logger: StructuredLogger;
}

export type BatchHandler<TData = unknown> = (events: ConsumedEvent<TData>[], context: BatchContext) => Promise<void>;
export type MessageDecoder = (message: RawMessage) => Decoded<unknown>;

export interface TopicSubscription {
  topic: string;
  decode: MessageDecoder;
  handle: BatchHandler;
}

export interface BatchConsumerOptions {
  groupId: string;
  subscriptions: ReadonlyArray<TopicSubscription>;
  /** Publishes dead letters; its failure stops the partition from moving on (nothing is lost). */
  deadLetters: EventPublisher;
  logger: StructuredLogger;
  /** Attempts for a non-transient failure before the message is dead-lettered. */
  maxAttempts?: number;
  /** Largest slice of a batch handed to the handler at once. */
  maxEventsPerCall?: number;
  /** Answers whether our own dependencies (the database) are up; while down, failures are transient. */
  dependenciesHealthy?: () => Promise<boolean>;
  fromBeginning?: boolean;
  /** Namespaces topics (test isolation); handlers and dead letters see the contract's names. */
  topicPrefix?: string;
  sessionTimeoutMs?: number;
  partitionsConsumedConcurrently?: number;
  backoffMs?: (attempt: number) => number;
}

class ConsumerStopping extends Error {}

/** The coordinates and original bytes of a message, as dead-letter and rejection events carry them. */
export function messageSource(raw: RawMessage): MessageSource {
  return {
    topic: raw.topic,
    partition: raw.partition,
    offset: raw.offset,
    key: raw.key,
    valueBase64: raw.value ? raw.value.toString('base64') : null,
    headers: raw.headers,
  };
}

const defaultBackoff = (attempt: number): number => Math.min(200 * 2 ** (attempt - 1), 5_000);

function toRaw(topic: string, partition: number, message: KafkaMessage): RawMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return { topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, headers };
}

/**
 * The batch consumer every service uses (through the Nest transport in ./nest or directly).
 * Failure policy (ADR 0003):
 * - a message that does not decode is dead-lettered at once (`invalid`), and the partition moves on;
 * - a transient failure (broker, database) is retried with back-off for as long as it lasts, uncommitted;
 * - any other failure is retried `maxAttempts` times; then the slice is replayed one event at a time and
 *   the event that still fails is dead-lettered (`exhausted`), so one poison message never blocks the rest.
 * Offsets are committed only after the handler (or the dead-letter publish) succeeded.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private readonly bySubscription: Map<string, TopicSubscription>;
  private readonly maxAttempts: number;
  private readonly maxEventsPerCall: number;
  private readonly backoff: (attempt: number) => number;
  private running = false;
  private stopping = false;

  constructor(
    kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {
    this.bySubscription = new Map(options.subscriptions.map((s) => [s.topic, s]));
    this.maxAttempts = options.maxAttempts ?? 5;
    this.maxEventsPerCall = options.maxEventsPerCall ?? 500;
    this.backoff = options.backoffMs ?? defaultBackoff;
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      rebalanceTimeout: 60_000,
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: false,
    });
  }

  get kafkaConsumer(): Consumer {
    return this.consumer;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.consumer.connect();
    const prefix = this.options.topicPrefix ?? '';
    await this.consumer.subscribe({ topics: [...this.bySubscription.keys()].map((t) => prefix + t), fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.running = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    this.running = false;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const topic = batch.topic.slice((this.options.topicPrefix ?? '').length);
    const subscription = this.bySubscription.get(topic);
    if (!subscription) return;
    const logger = this.options.logger.child({ topic: batch.topic, partition: batch.partition, groupId: this.options.groupId });
    const context: BatchContext = { topic, partition: batch.partition, heartbeat: () => payload.heartbeat(), logger };

    let pending: ConsumedEvent[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      await this.handleSlice(subscription, pending, context);
      payload.resolveOffset(pending[pending.length - 1].message.offset);
      pending = [];
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    };

    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) break;
      const raw = toRaw(topic, batch.partition, message);
      const decoded = subscription.decode(raw);
      if (!decoded.ok) {
        // Keep order: what came before the poison message is handled first.
        await flush();
        await this.deadLetter(raw, 'invalid', decoded.error, 0, logger);
        payload.resolveOffset(raw.offset);
        continue;
      }
      pending.push({ event: decoded.event, message: raw });
      if (pending.length >= this.maxEventsPerCall) await flush();
    }
    if (payload.isRunning() && !payload.isStale()) await flush();
    await payload.commitOffsetsIfNecessary();
  }

  private async handleSlice(subscription: TopicSubscription, events: ConsumedEvent[], context: BatchContext): Promise<void> {
    const failure = await this.attempt(() => subscription.handle(events, context), context);
    if (!failure) return;
    if (events.length === 1) {
      await this.deadLetter(events[0].message, 'exhausted', failure.error, failure.attempts, context.logger);
      return;
    }
    // Isolate the poison event: the others are processed, only it is parked.
    for (const event of events) await this.handleSlice(subscription, [event], context);
  }

  /** Runs `work` until it succeeds (undefined) or its non-transient attempts are used up (the last error). */
  private async attempt(work: () => Promise<void>, context: BatchContext): Promise<{ error: unknown; attempts: number } | undefined> {
    let attempts = 0;
    let transientRetries = 0;
    for (;;) {
      if (this.stopping) throw new ConsumerStopping('consumer is stopping');
      try {
        await work();
        return undefined;
      } catch (error) {
        const transient = isTransientError(error) || !(await this.dependenciesHealthy());
        if (transient) transientRetries += 1;
        else attempts += 1;
        context.logger.warn(
          { err: error, attempts, transientRetries, transient },
          transient ? 'transient failure, retrying' : 'processing failed',
        );
        if (!transient && attempts >= this.maxAttempts) return { error, attempts };
        await new Promise((resolve) => setTimeout(resolve, this.backoff(transient ? Math.min(transientRetries, 6) : attempts)));
        await context.heartbeat().catch(() => undefined);
      }
    }
  }

  private async dependenciesHealthy(): Promise<boolean> {
    if (!this.options.dependenciesHealthy) return true;
    try {
      return await this.options.dependenciesHealthy();
    } catch {
      return false;
    }
  }

  private async deadLetter(
    raw: RawMessage,
    kind: 'invalid' | 'exhausted',
    error: unknown,
    attempts: number,
    logger: StructuredLogger,
  ): Promise<void> {
    const code = error instanceof ContractError ? error.code : ((error as { code?: unknown })?.code ?? 'processing_failed');
    const reason = {
      kind,
      code: typeof code === 'string' ? code : 'processing_failed',
      message: error instanceof Error ? error.message : String(error),
      path: error instanceof ContractError && error.path ? error.path : undefined,
      attempts,
    };
    logger.error({ offset: raw.offset, key: raw.key, reason }, 'message dead-lettered');
    await this.options.deadLetters.publish({
      contract: MessageDeadLetteredV1,
      // Stable id: a re-delivered poison message is recognisable as the same dead letter.
      id: `${this.options.groupId}:${raw.topic}:${raw.partition}:${raw.offset}`,
      data: {
        consumerGroup: this.options.groupId,
        reason,
        source: messageSource(raw),
        deadLetteredAt: new Date().toISOString(),
      },
    });
  }
}
