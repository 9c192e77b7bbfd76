import { ConfigResourceTypes } from 'kafkajs';

import { TOPIC_DEFINITIONS, TOPICS } from '@dx/contracts';
import { expectEventually, getTestInfra, uniqueSuffix } from '@dx/testing';

import { createKafkaClient, ensureTopics, SILENT_LOGGER } from '../../src';

describe('ensureTopics', () => {
  const kafka = createKafkaClient({ brokers: getTestInfra().kafkaBrokers, clientId: 'topics-test', logger: SILENT_LOGGER });

  async function settingOf(topic: string, name: string): Promise<string | undefined> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }],
      });
      return described.resources[0].configEntries.find((e) => e.configName === name)?.configValue;
    } finally {
      await admin.disconnect();
    }
  }
  const retentionOf = (topic: string) => settingOf(topic, 'retention.ms');

  it('should create the observation log with unlimited retention and be idempotent', async () => {
    const prefix = `topics-${uniqueSuffix()}.`;
    await ensureTopics(kafka, TOPIC_DEFINITIONS, prefix);
    await ensureTopics(kafka, TOPIC_DEFINITIONS, prefix);
    // a broker serves topic settings from its copy of the cluster metadata, which follows within moments
    await expectEventually(async () => expect(await retentionOf(`${prefix}${TOPICS.observations}`)).toBe('-1'));
    await expectEventually(async () => expect(await retentionOf(`${prefix}${TOPICS.deadLetters}`)).toBe(String(30 * 24 * 3600 * 1000)));
    // Reference data is state: the latest message per key, kept forever.
    await expectEventually(async () => expect(await settingOf(`${prefix}${TOPICS.reference}`, 'cleanup.policy')).toBe('compact'));
    await expectEventually(async () => expect(await retentionOf(`${prefix}${TOPICS.reference}`)).toBe('-1'));
  });

  it('should give an existing topic the settings decided after it was made', async () => {
    const prefix = `topics-${uniqueSuffix()}.`;
    await ensureTopics(kafka, [{ topic: TOPICS.observations, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '3600000' }] }], prefix);
    await expectEventually(async () => expect(await retentionOf(`${prefix}${TOPICS.observations}`)).toBe('3600000'));
    await ensureTopics(kafka, TOPIC_DEFINITIONS, prefix);
    // KRaft applies an accepted config change to the broker's metadata a moment later.
    await expectEventually(async () => expect(await retentionOf(`${prefix}${TOPICS.observations}`)).toBe('-1'), { timeoutMs: 10_000, intervalMs: 200 });
  });
});
