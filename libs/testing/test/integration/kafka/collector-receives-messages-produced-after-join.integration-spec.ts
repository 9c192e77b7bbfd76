import type { Admin, Producer } from 'kafkajs';
import { collectMessages, createTestKafka, createTestTopics, deleteTestTopics, expectEventually, getTestInfra, uniqueSuffix } from '../../../src';

describe('collectMessages', () => {
  const { kafkaBrokers } = getTestInfra();
  const topic = `test.collector.${uniqueSuffix()}`;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    await createTestTopics(kafkaBrokers, [topic], { numPartitions: 2 });
    const kafka = createTestKafka();
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
  });

  afterAll(async () => {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
    await deleteTestTopics(kafkaBrokers, [topic]);
  });

  it('should create each topic once when asked again for an existing topic', async () => {
    await expect(createTestTopics(kafkaBrokers, [topic], { numPartitions: 2 })).resolves.toEqual([topic]);

    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions).toHaveLength(2);
  });

  it('should decode keys, values and headers of messages produced after it joined its group', async () => {
    const collector = await collectMessages(kafkaBrokers, topic);
    try {
      await producer.send({
        topic,
        messages: [
          { key: 'unit-92', value: JSON.stringify({ value: 1 }), headers: { 'ce-type': 'observation.recorded' } },
          { key: 'unit-31117', value: JSON.stringify({ value: 2 }) },
          { key: null, value: null },
        ],
      });

      await expectEventually(() => expect(collector.messages).toHaveLength(3));
      const byKey = new Map(collector.messages.map((m) => [m.key, m]));
      expect(byKey.get('unit-92')).toEqual(expect.objectContaining({ topic, value: '{"value":1}', headers: { 'ce-type': 'observation.recorded' } }));
      expect(byKey.get('unit-31117')?.value).toBe('{"value":2}');
      expect(byKey.get(null)?.value).toBeNull();
    } finally {
      await collector.stop();
    }

    const { groups } = await admin.listGroups();
    expect(groups.map((g) => g.groupId)).not.toContain(collector.groupId);
  });
});
