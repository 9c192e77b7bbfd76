import { ConfigResourceTypes, Kafka } from 'kafkajs';

export interface TopicDefinition {
  topic: string;
  numPartitions: number;
  configEntries?: ReadonlyArray<{ name: string; value: string }>;
}

/**
 * Creates the topics that do not exist yet. Our broker has auto-create off (typos fail loudly), and
 * kafkajs consumers on KRaft fail on a missing topic rather than waiting for it (infra.md §4.3).
 */
export async function ensureTopics(kafka: Kafka, topics: ReadonlyArray<TopicDefinition>, topicPrefix = ''): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.map((t) => ({ ...t, topic: topicPrefix + t.topic })).filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions, replicationFactor: 1, configEntries: [...(t.configEntries ?? [])] })),
        });
      } catch (error) {
        // Another service created them in the meantime: that is the outcome we wanted.
        const errors = (error as { errors?: Array<{ type?: string }> }).errors;
        if (!errors?.length || !errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw error;
      }
    }
    // Topics made before a setting was decided (older installations) get it now.
    const existingWithSettings = topics
      .map((t) => ({ ...t, topic: topicPrefix + t.topic }))
      .filter((t) => existing.has(t.topic) && (t.configEntries?.length ?? 0) > 0);
    if (existingWithSettings.length > 0) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: existingWithSettings.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic, configEntries: [...(t.configEntries ?? [])] })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
