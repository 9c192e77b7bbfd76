import { Registry } from 'prom-client';

import { createTestTopics, expectEventually, getTestInfra, uniqueSuffix } from '@dx/testing';

import { ConsumerLagExporter, createKafkaClient, SILENT_LOGGER } from '../../src';

const BROKERS = getTestInfra().kafkaBrokers;

async function lagByPartition(registry: Registry, groupId: string, topic: string): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('dx_kafka_consumer_lag')?.get();
  const values = (metric?.values ?? []).filter((v) => v.labels.group === groupId && v.labels.topic === topic);
  return Object.fromEntries(values.map((v) => [String(v.labels.partition), v.value]));
}

// Produce N messages over three partitions, let a real consumer of the group read them and commit only
// part of them: the gauge shows, per partition, what the group has not committed yet.
describe('ConsumerLagExporter', () => {
  const kafka = createKafkaClient({ brokers: BROKERS, clientId: 'lag-test', logger: SILENT_LOGGER });
  const topic = `lag-${uniqueSuffix()}`;
  const groupId = `lag-group-${uniqueSuffix()}`;
  const registry = new Registry();
  const exporter = new ConsumerLagExporter(kafka, { groupId, topics: [topic], registry, logger: SILENT_LOGGER, intervalMs: 200 });

  afterAll(async () => {
    await exporter.stop();
  });

  it('should show per partition the end offset minus the committed offset, and all of it before any commit', async () => {
    await createTestTopics(BROKERS, [topic], { numPartitions: 3 });
    const producer = kafka.producer();
    await producer.connect();
    const messages = (partition: number, count: number) => Array.from({ length: count }, (_, i) => ({ partition, value: `m${i}` }));
    await producer.send({ topic, acks: -1, messages: [...messages(0, 30), ...messages(1, 20), ...messages(2, 5)] });
    await producer.disconnect();

    exporter.start();
    await expectEventually(async () => expect(await lagByPartition(registry, groupId, topic)).toEqual({ '0': 30, '1': 20, '2': 5 }), { timeoutMs: 15_000 });

    // The consumer reads everything but commits 12 of partition 0 and all of partition 1.
    const seen = new Map<number, number>();
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async ({ partition }) => void seen.set(partition, (seen.get(partition) ?? 0) + 1) });
    await expectEventually(() => expect(Object.fromEntries(seen)).toEqual({ 0: 30, 1: 20, 2: 5 }), { timeoutMs: 30_000 });
    await consumer.commitOffsets([
      { topic, partition: 0, offset: '12' },
      { topic, partition: 1, offset: '20' },
    ]);
    await consumer.disconnect();

    await expectEventually(async () => expect(await lagByPartition(registry, groupId, topic)).toEqual({ '0': 18, '1': 0, '2': 5 }), { timeoutMs: 15_000 });
    expect(await registry.metrics()).toContain(`dx_kafka_consumer_lag{group="${groupId}",topic="${topic}",partition="0"} 18`);
  });
});
