import { ConfigResourceTypes } from 'kafkajs';

import { TOPIC_DEFINITIONS, TOPICS } from '@dx/contracts';
import { uniqueSuffix } from '@dx/testing';

import { createKafkaClient, ensureTopics, SILENT_LOGGER } from '../../src';

describe('ensureTopics', () => {
  const kafka = createKafkaClient({ brokers: (process.env.KAFKA_BROKERS ?? '').split(','), clientId: 'topics-test', logger: SILENT_LOGGER });

  async function retentionOf(topic: string): Promise<string | undefined> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }] });
      return described.resources[0].configEntries.find((e) => e.configName === 'retention.ms')?.configValue;
    } finally {
      await admin.disconnect();
    }
  }

  it('should create the observation log with unlimited retention and be idempotent', async () => {
    const prefix = `topics-${uniqueSuffix()}.`;
    await ensureTopics(kafka, TOPIC_DEFINITIONS, prefix);
    await ensureTopics(kafka, TOPIC_DEFINITIONS, prefix);
    expect(await retentionOf(`${prefix}${TOPICS.observations}`)).toBe('-1');
    expect(await retentionOf(`${prefix}${TOPICS.deadLetters}`)).toBe(String(30 * 24 * 3600 * 1000));
  });

  it('should give an existing topic the settings decided after it was made', async () => {
    const prefix = `topics-${uniqueSuffix()}.`;
    await ensureTopics(kafka, [{ topic: TOPICS.observations, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '3600000' }] }], prefix);
    expect(await retentionOf(`${prefix}${TOPICS.observations}`)).toBe('3600000');
    await ensureTopics(kafka, TOPIC_DEFINITIONS, prefix);
    expect(await retentionOf(`${prefix}${TOPICS.observations}`)).toBe('-1');
  });
});
