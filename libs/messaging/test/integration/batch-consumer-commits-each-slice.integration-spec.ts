import { ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { expectEventually, getTestInfra, uniqueSuffix } from '@dx/testing';

import { BatchConsumer, createKafkaClient, ensureTopics, EventPublisher, SILENT_LOGGER, topicSubscription } from '../../src';

// ADR 0003: offsets are committed after every slice the handler finished, not once per fetched batch, so
// a crash or a rebalance in the middle of a large fetch replays one slice at most.
describe('BatchConsumer offset commits', () => {
  const brokers = getTestInfra().kafkaBrokers;
  const kafka = createKafkaClient({ brokers, clientId: 'batch-consumer-commit-test', logger: SILENT_LOGGER });
  const prefix = `commits-${uniqueSuffix()}.`;
  const topic = `${prefix}${TOPICS.observations}`;
  const groupId = `${prefix}group`;
  let consumer: BatchConsumer | undefined;

  afterAll(async () => {
    await consumer?.stop();
  });

  async function committedOffset(): Promise<string> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return partitions[0].offset;
    } finally {
      await admin.disconnect();
    }
  }

  it('should have committed the earlier slices of a fetch while it handles the next one', async () => {
    await ensureTopics(
      kafka,
      [
        { topic: TOPICS.observations, numPartitions: 1 },
        { topic: TOPICS.deadLetters, numPartitions: 1 },
      ],
      prefix,
    );
    const publisher = new EventPublisher(kafka, '/test', prefix);
    // Produced before the consumer starts: one fetch brings all six.
    await publisher.publishMany(
      [1, 2, 3, 4, 5, 6].map((value) => ({
        contract: ObservationRecordedV1,
        data: {
          observationId: `o${value}`,
          agency: 'test',
          measure: 'work_records.total',
          unit: '31117',
          period: '2025-05',
          value,
          revision: 1,
          recordedAt: '2025-06-01T00:00:00Z',
        },
      })),
    );
    await publisher.disconnect();

    const seenBySlice: Array<{ values: number[]; committed: string }> = [];
    consumer = new BatchConsumer(kafka, {
      groupId,
      topicPrefix: prefix,
      subscriptions: [
        topicSubscription(TOPICS.observations, async (events) => {
          seenBySlice.push({ values: events.map((e) => e.event.data.value), committed: await committedOffset() });
        }),
      ],
      deadLetters: new EventPublisher(kafka, '/test', prefix),
      logger: SILENT_LOGGER,
      maxEventsPerCall: 2,
    });
    await consumer.start();

    await expectEventually(
      () =>
        expect(seenBySlice.map((s) => s.values)).toEqual([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      { timeoutMs: 30_000 },
    );
    // -1: nothing committed yet for the group; then the offset after each finished slice.
    expect(seenBySlice.map((s) => s.committed)).toEqual(['-1', '2', '4']);
    await expectEventually(async () => expect(await committedOffset()).toBe('6'), { timeoutMs: 10_000 });
  });
});
