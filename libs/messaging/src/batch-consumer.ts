import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';

import { CloudEvent, ContractError, Decoded, MessageDeadLetteredV1 } from '@dx/contracts';

import { EventPublisher } from './event-publisher';
import { consumerGroupError } from './kafka-error.util';
import { StructuredLogger } from './logger.type';
import { boundedReason, messageSource, truncateText } from './message-source.util';
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
  /**
   * Keeps the group membership alive during long work (style C10). It throws while the group rebalances:
   * call it between units of work, never inside a database transaction (the work would be rolled back).
   */
  heartbeat(): Promise<void>;
  logger: StructuredLogger;
}

/**
 * What a handler may report of a slice it applied (counts: facts stored, values published…): the consumer
 * logs it with the slice's size, offsets and time, so every service reports its progress in one shape.
 */
export type SliceOutcome = Readonly<Record<string, number>>;

export type BatchHandler<TData = unknown> = (events: ConsumedEvent<TData>[], context: BatchContext) => Promise<SliceOutcome | void>;
export type MessageDecoder<TData = unknown> = (message: RawMessage) => Decoded<TData>;

/** A topic with the decoder of its messages and the handler of what that decoder yields. */
export interface TopicSubscription<TData = unknown> {
  topic: string;
  decode: MessageDecoder<TData>;
  handle: BatchHandler<TData>;
}

export interface BatchConsumerOptions {
  groupId: string;
  // Each subscription pairs its own decoder and handler; the consumer only passes one's output to the other.
  subscriptions: ReadonlyArray<TopicSubscription<any>>;
  /** Publishes dead letters; its failure stops the partition from moving on (nothing is lost). */
  deadLetters: EventPublisher;
  logger: StructuredLogger;
  /** Attempts for a non-transient failure before the message is dead-lettered. */
  maxAttempts?: number;
  /** Largest slice of a batch handed to the handler at once. */
  maxEventsPerCall?: number;
  /** Fetch sizes (kafkajs defaults: 1 MB a partition, 10 MB a fetch): large enough to fill a large slice. */
  maxBytesPerPartition?: number;
  maxBytes?: number;
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
 *   the event that still fails is dead-lettered (`exhausted`), so one poison message never blocks the rest;
 * - a consumer-group error (rebalance, unknown member, stale generation…) abandons the batch at once: it
 *   is not the message's fault, and the partition may be another member's now.
 * Offsets are committed after each slice the handler (or the dead-letter publish) finished, never before.
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
      ...(options.maxBytesPerPartition !== undefined ? { maxBytesPerPartition: options.maxBytesPerPartition } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
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
    // Once the consumer stops or the partition was seeked or moved, nothing more of this batch is ours.
    const current = (): boolean => payload.isRunning() && !payload.isStale();

    // Resolved and committed at once: kafkajs' commitOffsetsIfNecessary() without offsets commits nothing
    // unless autoCommitInterval or autoCommitThreshold is set (both unset by default), so the offsets are
    // given: a crash or rebalance replays one slice at most (ADR 0003).
    const done = async (offset: string): Promise<void> => {
      payload.resolveOffset(offset);
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(offset) + 1n).toString() }] }],
      });
    };

    let pending: ConsumedEvent[] = [];
    const flush = async (): Promise<boolean> => {
      if (pending.length === 0) return true;
      if (!(await this.handleSlice(subscription, pending, context, current))) return false;
      await done(pending[pending.length - 1].message.offset);
      pending = [];
      await payload.heartbeat();
      return true;
    };

    for (const message of batch.messages) {
      if (!current()) return;
      const raw = toRaw(topic, batch.partition, message);
      const decoded = subscription.decode(raw);
      if (!decoded.ok) {
        // Keep order: what came before the poison message is handled first.
        if (!(await flush())) return;
        await this.deadLetter(raw, 'invalid', decoded.error, 0, logger);
        // Committed with the next slice, or by kafkajs when the batch ends: one commit per slice, not per letter.
        payload.resolveOffset(raw.offset);
        continue;
      }
      pending.push({ event: decoded.event, message: raw });
      if (pending.length >= this.maxEventsPerCall && !(await flush())) return;
    }
    if (current()) await flush();
  }

  /** Handles `events` or dead-letters the ones that keep failing; false when the batch was abandoned. */
  private async handleSlice(subscription: TopicSubscription, events: ConsumedEvent[], context: BatchContext, current: () => boolean): Promise<boolean> {
    const started = Date.now();
    let outcome: SliceOutcome | undefined;
    const failure = await this.attempt(async () => {
      outcome = (await subscription.handle(events, context)) as SliceOutcome | undefined;
    }, context);
    if (!failure) {
      if (outcome) {
        const firstOffset = events[0]?.message.offset;
        const lastOffset = events[events.length - 1]?.message.offset;
        context.logger.info({ received: events.length, ...outcome, firstOffset, lastOffset, elapsedMs: Date.now() - started }, 'events applied');
      }
      return true;
    }
    if (events.length === 1) {
      await this.deadLetter(events[0].message, 'exhausted', failure.error, failure.attempts, context.logger);
      return true;
    }
    // Isolate the poison event: the others are processed, only it is parked. Not for a member that lost
    // the partition meanwhile: its new owner starts again from the last commit.
    for (const event of events) {
      if (!current() || !(await this.handleSlice(subscription, [event], context, current))) return false;
      // A large slice replayed event by event outlasts the session timeout unless the member heartbeats.
      await context.heartbeat();
    }
    return true;
  }

  /**
   * Runs `work` until it succeeds (undefined) or its non-transient attempts are used up (the last error).
   * A consumer-group error (a rebalance, a fenced or unknown member) is never the message's fault: it is
   * rethrown at once, so the batch is abandoned with nothing resolved and kafkajs rejoins the group.
   */
  private async attempt(work: () => Promise<void>, context: BatchContext): Promise<{ error: unknown; attempts: number } | undefined> {
    let attempts = 0;
    let transientRetries = 0;
    for (;;) {
      if (this.stopping) throw new ConsumerStopping('consumer is stopping');
      try {
        await work();
        return undefined;
      } catch (error) {
        const groupError = consumerGroupError(error);
        if (groupError) throw groupError;
        const transient = isTransientError(error) || !(await this.dependenciesHealthy());
        if (transient) transientRetries += 1;
        else attempts += 1;
        context.logger.warn({ err: error, attempts, transientRetries, transient }, transient ? 'transient failure, retrying' : 'processing failed');
        if (!transient && attempts >= this.maxAttempts) return { error, attempts };
        await new Promise((resolve) => setTimeout(resolve, this.backoff(transient ? Math.min(transientRetries, 6) : attempts)));
        await context.heartbeat().catch((heartbeatError: unknown) => {
          // A lost connection is retried with the work; a group that moved on ends the batch.
          const moved = consumerGroupError(heartbeatError);
          if (moved) throw moved;
        });
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

  private async deadLetter(raw: RawMessage, kind: 'invalid' | 'exhausted', error: unknown, attempts: number, logger: StructuredLogger): Promise<void> {
    const code = error instanceof ContractError ? error.code : ((error as { code?: unknown })?.code ?? 'processing_failed');
    const reason = boundedReason({
      kind,
      code: typeof code === 'string' ? truncateText(code, 64) : 'processing_failed',
      message: error instanceof Error ? error.message : String(error),
      path: error instanceof ContractError && error.path ? error.path : undefined,
      attempts,
    });
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
