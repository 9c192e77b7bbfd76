import { encodeEvent, ObservationRecordedV1 } from '@dx/contracts';

import { fakeKafka } from '../test/support/fake-kafka.util';
import { BatchConsumer, ConsumedEvent, SliceOutcome } from './batch-consumer';
import { EventPublisher } from './event-publisher';
import { SILENT_LOGGER, StructuredLogger } from './logger.type';
import { topicSubscription } from './topic-decoder.util';

// The real BatchConsumer driven by a fake kafkajs consumer, to play the group's answers exactly: kafkajs'
// heartbeat() throws REBALANCE_IN_PROGRESS (retriable: false) while the group rebalances.
const TOPIC = 'dx.observations.v1';

function groupError(type: string): Error {
  return Object.assign(new Error(`group answered ${type}`), { name: 'KafkaJSProtocolError', type, retriable: false });
}

function messages(values: number[]) {
  return values.map((value, i) => {
    const encoded = encodeEvent(
      ObservationRecordedV1,
      {
        observationId: `o${i}`,
        agency: 'a',
        measure: 'households.total',
        unit: '31117',
        period: '2025-Q1',
        value,
        revision: 1,
        recordedAt: '2025-04-01T00:00:00Z',
      },
      { source: '/test', id: `o${i}:1` },
    );
    return { offset: String(100 + i), key: Buffer.from(encoded.key), value: Buffer.from(encoded.value), headers: {} };
  });
}

interface Harness {
  deadLettered: string[];
  resolved: string[];
  commits: unknown[];
  /** Runs one fetched batch through the consumer, as kafkajs' runner would. */
  deliver(values: number[], overrides?: Partial<{ heartbeat: () => Promise<void>; isStale: () => boolean }>): Promise<void>;
}

async function aConsumer(
  handle: (events: ConsumedEvent<ObservationRecordedV1>[], heartbeat: () => Promise<void>) => Promise<SliceOutcome | void>,
  maxEventsPerCall = 500,
  logger: StructuredLogger = SILENT_LOGGER,
): Promise<Harness> {
  const { kafka, eachBatch } = fakeKafka();
  const harness: Harness = {
    deadLettered: [],
    resolved: [],
    commits: [],
    deliver: (values, overrides = {}) =>
      eachBatch({
        batch: { topic: TOPIC, partition: 0, messages: messages(values) },
        resolveOffset: (offset: string) => harness.resolved.push(offset),
        commitOffsetsIfNecessary: async (offsets?: unknown) => void harness.commits.push(offsets),
        heartbeat: overrides.heartbeat ?? (async () => undefined),
        isRunning: () => true,
        isStale: overrides.isStale ?? (() => false),
      }),
  };
  const deadLetters = {
    publish: async (event: { data: { source: { offset: string }; reason: { code: string } } }) => {
      harness.deadLettered.push(`${event.data.source.offset}:${event.data.reason.code}`);
    },
  } as unknown as EventPublisher;
  const consumer = new BatchConsumer(kafka, {
    groupId: 'dx-computation',
    subscriptions: [topicSubscription(TOPIC, (events, context) => handle(events, () => context.heartbeat()))],
    deadLetters,
    logger,
    maxAttempts: 2,
    maxEventsPerCall,
    backoffMs: () => 0,
  });
  await consumer.start();
  return harness;
}

describe('BatchConsumer and its consumer group', () => {
  it('should abandon the batch, dead-letter nothing and resolve nothing when the group is rebalancing', async () => {
    const applied: number[] = [];
    const consumer = await aConsumer(async (events, heartbeat) => {
      await heartbeat();
      applied.push(...events.map((e) => e.event.data.value));
    });

    const delivered = consumer.deliver([1, 2, 3, 4, 5, 6, 7, 8], {
      heartbeat: async () => {
        throw groupError('REBALANCE_IN_PROGRESS');
      },
    });

    await expect(delivered).rejects.toMatchObject({ type: 'REBALANCE_IN_PROGRESS' });
    expect(applied).toEqual([]);
    expect(consumer.deadLettered).toEqual([]);
    expect(consumer.resolved).toEqual([]);
    expect(consumer.commits).toEqual([]);
  });

  it.each(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'NOT_COORDINATOR_FOR_GROUP'])(
    'should rethrow %s wrapped by kafkajs as the group error itself, at the first attempt',
    async (type) => {
      let attempts = 0;
      const consumer = await aConsumer(async () => {
        attempts += 1;
        const cause = groupError(type);
        throw Object.assign(new Error(cause.message, { cause }), { name: 'KafkaJSNonRetriableError', retriable: false });
      });

      await expect(consumer.deliver([1, 2])).rejects.toMatchObject({ type });
      expect(attempts).toBe(1);
      expect(consumer.deadLettered).toEqual([]);
      expect(consumer.resolved).toEqual([]);
    },
  );

  it('should stop replaying a failed slice one event at a time once the batch is stale', async () => {
    const applied: number[] = [];
    const consumer = await aConsumer(async (events) => {
      if (events.some((e) => e.event.data.value === 666)) throw new Error('cannot process 666');
      applied.push(...events.map((e) => e.event.data.value));
    });

    // Stale (the partition was moved or seeked) from the moment the first event alone went through.
    await consumer.deliver([1, 2, 666, 4], { isStale: () => applied.length > 0 });

    expect(applied).toEqual([1]);
    expect(consumer.deadLettered).toEqual([]);
    expect(consumer.resolved).toEqual([]);
  });

  it('should isolate the poison event of a large slice and heartbeat between the events it replays', async () => {
    const applied: number[] = [];
    let heartbeats = 0;
    const values = Array.from({ length: 5_000 }, (_, i) => (i === 2_500 ? 666 : 1_000 + i));
    const consumer = await aConsumer(async (events) => {
      if (events.some((e) => e.event.data.value === 666)) throw new Error('cannot process 666');
      applied.push(...events.map((e) => e.event.data.value));
    }, 5_000);

    await consumer.deliver(values, { heartbeat: async () => void (heartbeats += 1) });

    expect(applied).toEqual(values.filter((v) => v !== 666));
    expect(consumer.deadLettered).toEqual([`${100 + 2_500}:processing_failed`]);
    expect(heartbeats).toBeGreaterThanOrEqual(values.length);
  });

  it('should dead-letter the poison event and resolve and commit after each slice when nothing moves', async () => {
    const applied: number[] = [];
    const consumer = await aConsumer(async (events) => {
      if (events.some((e) => e.event.data.value === 666)) throw new Error('cannot process 666');
      applied.push(...events.map((e) => e.event.data.value));
    }, 2);

    await consumer.deliver([1, 2, 666, 4, 5]);

    expect(applied).toEqual([1, 2, 4, 5]);
    expect(consumer.deadLettered).toEqual(['102:processing_failed']);
    expect(consumer.resolved).toEqual(['101', '103', '104']);
    const committed = consumer.commits.map((c) => (c as { topics: Array<{ partitions: Array<{ offset: string }> }> }).topics[0].partitions[0].offset);
    expect(committed).toEqual(['102', '104', '105']);
  });

  it("should log what a handler reports of each slice it applied, with the slice's size and offsets, and nothing for a handler that reports nothing", async () => {
    const logged: Array<{ msg?: string } & Record<string, unknown>> = [];
    const recording: StructuredLogger = {
      ...SILENT_LOGGER,
      info: (obj, msg) => void logged.push({ ...obj, msg }),
      child: () => recording,
    };
    const reporting = await aConsumer(async (events) => ({ facts: events.length * 10 }), 2, recording);
    await reporting.deliver([1, 2, 3]);

    expect(logged.map(({ elapsedMs: _elapsed, ...rest }) => rest)).toEqual([
      { msg: 'events applied', received: 2, facts: 20, firstOffset: '100', lastOffset: '101' },
      { msg: 'events applied', received: 1, facts: 10, firstOffset: '102', lastOffset: '102' },
    ]);

    logged.length = 0;
    const silent = await aConsumer(async () => undefined, 2, recording);
    await silent.deliver([1, 2, 3]);
    expect(logged).toEqual([]);
  });
});
