import { getTestInfra, uniqueSuffix } from '@dx/testing';

import { createKafkaClient, setGroupOffsets, SILENT_LOGGER } from '../../src';

// ADR 0022: a rebuild moves its service's group over several topics with one join; every partition must
// end where it was asked to, forwards or backwards.
describe('setGroupOffsets', () => {
  const brokers = getTestInfra().kafkaBrokers;
  const kafka = createKafkaClient({ brokers, clientId: 'set-group-offsets-test', logger: SILENT_LOGGER });
  const prefix = `group-offsets-${uniqueSuffix()}.`;
  const topics = [`${prefix}a`, `${prefix}b`];
  const groupId = `${prefix}group`;

  async function committed(): Promise<Record<string, string>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchOffsets({ groupId, topics });
      return Object.fromEntries(offsets.flatMap((t) => t.partitions.map((p) => [`${t.topic}:${p.partition}`, p.offset])));
    } finally {
      await admin.disconnect();
    }
  }

  it('should commit the given offset of every partition of every topic', async () => {
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 2 })), waitForLeaders: true });
      for (const topic of topics) {
        await producer.send({ topic, messages: [0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: `m${i}` })) });
      }
    } finally {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    }

    await setGroupOffsets(kafka, groupId, [
      {
        topic: topics[0],
        partitions: [
          { partition: 0, offset: '3' },
          { partition: 1, offset: '2' },
        ],
      },
      {
        topic: topics[1],
        partitions: [
          { partition: 0, offset: '1' },
          { partition: 1, offset: '0' },
        ],
      },
    ]);
    expect(await committed()).toEqual({ [`${topics[0]}:0`]: '3', [`${topics[0]}:1`]: '2', [`${topics[1]}:0`]: '1', [`${topics[1]}:1`]: '0' });

    await setGroupOffsets(kafka, groupId, [{ topic: topics[0], partitions: [{ partition: 0, offset: '1' }] }]);
    expect(await committed()).toEqual({ [`${topics[0]}:0`]: '1', [`${topics[0]}:1`]: '2', [`${topics[1]}:0`]: '1', [`${topics[1]}:1`]: '0' });
  });
});
