// shared/design/infra.md §8 smoke test, kept as an automated test: kafkajs 2.2.4 against the broker of
// the test run (Kafka 4.1.2 locally). Covers the admin, producer (acks 1, idempotent acks -1), consumer
// group commit, transactional sendOffsets and group/topic deletion APIs.
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { createTestKafka, deleteTestTopics, expectEventually, getTestInfra, uniqueSuffix, waitForConsumerGroupJoin } from '../../../src';

describe('Kafka broker with kafkajs 2.2.4', () => {
  const { kafkaBrokers } = getTestInfra();
  const suffix = uniqueSuffix();
  const topicName = (name: string) => `test.smoke.${name}.${suffix}`;
  let kafka: Kafka;
  let admin: Admin;
  const topics: string[] = [];
  const clients: Array<Consumer | Producer> = [];

  async function createTopic(name: string, numPartitions = 1): Promise<string> {
    const topic = topicName(name);
    topics.push(topic);
    await expect(admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions }] })).resolves.toBe(true);
    return topic;
  }

  function track<T extends Consumer | Producer>(client: T): T {
    clients.push(client);
    return client;
  }

  /** Joins a fresh group, consumes `topic` from the beginning without auto-commit, collects values. */
  async function startConsumer(groupId: string, topic: string) {
    const consumer = track(kafka.consumer({ groupId, maxWaitTimeInMs: 250 }));
    const received: Array<{ partition: number; offset: string; value: string }> = [];
    const joined = waitForConsumerGroupJoin(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, offset: message.offset, value: message.value?.toString() ?? '' });
      },
    });
    await joined;
    return { consumer, received };
  }

  beforeAll(async () => {
    kafka = createTestKafka({ brokers: kafkaBrokers });
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((id) => id.endsWith(suffix));
    await admin.deleteGroups(ours).catch(() => undefined);
    await admin.disconnect();
    await deleteTestTopics(kafkaBrokers, topics);
  });

  it('should create a topic, describe the cluster and fetch topic metadata when using the admin client', async () => {
    const topic = await createTopic('admin', 3);

    const cluster = await admin.describeCluster();
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [topic] });

    expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);
    expect(cluster.controller).not.toBeNull();
    expect(cluster.clusterId).toEqual(expect.any(String));
    expect(metadata).toHaveLength(1);
    expect(metadata[0].partitions).toHaveLength(3);
    expect(metadata[0].partitions.every((p) => p.leader >= 0)).toBe(true);
    await expect(admin.createTopics({ topics: [{ topic }] })).resolves.toBe(false);
  });

  it('should deliver all 100 messages to a fresh consumer group and store its committed offsets when produced with acks 1 and idempotently with acks -1', async () => {
    const topic = await createTopic('produce-consume', 3);
    const groupId = `test-smoke-${suffix}`;
    const plain = track(kafka.producer());
    const idempotent = track(kafka.producer({ idempotent: true, maxInFlightRequests: 1 }));
    await Promise.all([plain.connect(), idempotent.connect()]);
    const { consumer, received } = await startConsumer(groupId, topic);

    const values = Array.from({ length: 100 }, (_, i) => `message-${i}`);
    await plain.send({ topic, acks: 1, messages: values.slice(0, 90).map((value, i) => ({ key: `k${i % 7}`, value })) });
    await idempotent.send({ topic, acks: -1, messages: values.slice(90).map((value, i) => ({ key: `k${i % 7}`, value })) });

    await expectEventually(() => expect(received).toHaveLength(100), { timeoutMs: 20_000 });
    expect(received.map((m) => m.value).sort()).toEqual([...values].sort());

    const endOffsets = await admin.fetchTopicOffsets(topic);
    await consumer.commitOffsets(endOffsets.map(({ partition, offset }) => ({ topic, partition, offset })));
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const byPartition = (list: Array<{ partition: number; offset: string }>) => Object.fromEntries(list.map(({ partition, offset }) => [partition, offset]));
    expect(byPartition(committed.partitions)).toEqual(byPartition(endOffsets));
    expect(endOffsets.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(100);
  });

  it('should commit the consumed offsets with the produced messages when a transactional producer sends offsets', async () => {
    const input = await createTopic('tx-input');
    const output = await createTopic('tx-output');
    const groupId = `test-smoke-tx-${suffix}`;
    const seed = track(kafka.producer());
    await seed.connect();
    await seed.send({ topic: input, messages: Array.from({ length: 5 }, (_, i) => ({ value: `in-${i}` })) });

    const producer = track(kafka.producer({ transactionalId: `test-smoke-tx-${suffix}`, idempotent: true, maxInFlightRequests: 1 }));
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({ topic: output, messages: [{ value: 'out-0' }, { value: 'out-1' }] });
    await transaction.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic: input, partitions: [{ partition: 0, offset: '5' }] }],
    });
    await transaction.commit();

    // the commit markers reach __consumer_offsets asynchronously; kafkajs' OffsetFetch v4 has no require_stable
    await expectEventually(async () => {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [input] });
      expect(committed.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '5' })]);
    });
    const { received } = await startConsumer(`test-smoke-tx-reader-${suffix}`, output);
    await expectEventually(() => expect(received.map((m) => m.value)).toEqual(['out-0', 'out-1']), {
      timeoutMs: 20_000,
    });
  });

  it('should describe, list and delete an empty consumer group and delete its topic when the group has left', async () => {
    const topic = await createTopic('groups');
    const groupId = `test-smoke-groups-${suffix}`;
    const producer = track(kafka.producer());
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'one' }] });
    const { consumer, received } = await startConsumer(groupId, topic);
    await expectEventually(() => expect(received).toHaveLength(1));
    await consumer.commitOffsets([{ topic, partition: 0, offset: '1' }]);

    const { groups: described } = await admin.describeGroups([groupId]);
    expect(described[0]).toEqual(expect.objectContaining({ groupId, state: 'Stable' }));
    expect(described[0].members).toHaveLength(1);
    const { groups: listed } = await admin.listGroups();
    expect(listed.map((g) => g.groupId)).toContain(groupId);

    await consumer.disconnect();
    await expectEventually(async () => {
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0].state).toBe('Empty');
    });
    const deleted = await admin.deleteGroups([groupId]);
    expect(deleted).toEqual([expect.objectContaining({ groupId, errorCode: 0 })]);
    const { groups: afterDelete } = await admin.listGroups();
    expect(afterDelete.map((g) => g.groupId)).not.toContain(groupId);

    await admin.deleteTopics({ topics: [topic] });
    await expectEventually(async () => expect(await admin.listTopics()).not.toContain(topic));
  });
});
