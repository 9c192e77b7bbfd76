import { Consumer, Kafka } from 'kafkajs';

import { ConsumedEvent, MessageDecoder, RawMessage } from './batch-consumer';
import { StructuredLogger } from './logger.type';
import { isTransientError } from './transient-error.util';

// Right after a topic is created (a fresh broker, a first start) its partitions may have no leader yet, and
// kafkajs' admin does not retry ListOffsets: without this a service would fail to start on a transient state.
const OFFSETS_ATTEMPTS = 20;
const OFFSETS_RETRY_MS = 250;

export interface TopicFollowerOptions<TData = unknown> {
  kafka: Kafka;
  /** The full topic name (with the test prefix, if any). */
  topic: string;
  /** A group of this reader alone: every instance reads the whole topic (reference data is state, not work). */
  groupId: string;
  decode: MessageDecoder<TData>;
  /** Applies one event; a failure is logged and the event skipped (a follower must not stop at one change). */
  apply: (event: ConsumedEvent<TData>) => void | Promise<void>;
  logger: StructuredLogger;
}

/**
 * Reads a (compacted) topic from its start and keeps following it, each instance on its own: `start`
 * resolves once every message that was in the topic when it was called has been applied, so a service
 * that awaits it before consuming anything else computes with the current state. `appliedThrough` lets
 * work triggered by one of those messages wait until this instance has applied it.
 */
export class TopicFollower<TData = unknown> {
  private consumer?: Consumer;
  private applied = -1n;
  private readonly waiting = new Set<{ offset: bigint; resolve: () => void }>();

  constructor(private readonly options: TopicFollowerOptions<TData>) {}

  async start(): Promise<void> {
    const { kafka, topic, groupId, logger } = this.options;
    const ends = await this.endOffsets();
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    if (ends.size === 0) caughtUp();
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      // Nothing to commit: a restarted instance reads the whole topic again, which is the point.
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const raw: RawMessage = { topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, headers: {} };
        const decoded = this.options.decode(raw);
        if (!decoded.ok) logger.warn({ topic, partition, offset: message.offset, reason: decoded.error.message }, 'undecodable message skipped');
        else {
          try {
            await this.options.apply({ event: decoded.event, message: raw });
          } catch (error) {
            logger.error({ topic, partition, offset: message.offset, err: error }, 'message not applied');
          }
        }
        const offset = BigInt(message.offset);
        if (offset > this.applied) this.applied = offset;
        for (const w of this.waiting) {
          if (w.offset > this.applied) continue;
          this.waiting.delete(w);
          w.resolve();
        }
        const end = ends.get(partition);
        if (end !== undefined && offset + 1n >= end) {
          ends.delete(partition);
          if (ends.size === 0) caughtUp();
        }
      },
    });
    await ready;
  }

  /** The end offset of every partition that holds messages now: what `start` must apply before it resolves. */
  private async endOffsets(): Promise<Map<number, bigint>> {
    const { kafka, topic, logger } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const offsets = await admin.fetchTopicOffsets(topic);
          return new Map(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
        } catch (error) {
          if (!isTransientError(error) || attempt >= OFFSETS_ATTEMPTS) throw error;
          logger.warn({ topic, attempt, err: error }, 'end offsets not available yet, retrying');
          await new Promise((resolve) => setTimeout(resolve, OFFSETS_RETRY_MS * Math.min(attempt, 4)));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** Resolves once the message at `offset` (of a one-partition topic) has been applied, or throws after `timeoutMs`. */
  async appliedThrough(offset: string, timeoutMs = 30_000): Promise<void> {
    const target = BigInt(offset);
    if (target <= this.applied) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        offset: target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.delete(waiter);
        reject(new Error(`${this.options.topic}: offset ${offset} not applied within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.add(waiter);
    });
  }

  /** Stops reading and deletes the group, which holds nothing worth keeping (best effort: an ACL may forbid it). */
  async stop(): Promise<void> {
    if (!this.consumer) return;
    await this.consumer.disconnect();
    this.consumer = undefined;
    const admin = this.options.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([this.options.groupId]);
    } catch {
      // The broker forgets an empty group without offsets on its own.
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
