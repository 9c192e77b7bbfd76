import { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';

import { kafkaErrorType } from './kafka-error.util';

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
        const createdAll = await admin.createTopics({
          waitForLeaders: true,
          // -1: the broker's default.replication.factor (1 on a development broker, 3 on a cluster), so one
          // definition serves both; min.insync.replicas likewise comes from the broker.
          topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions, replicationFactor: -1, configEntries: [...(t.configEntries ?? [])] })),
        });
        // false: some existed after all (created concurrently, or made just before and not yet in the
        // broker's metadata that listTopics read); they get their settings below like any existing topic
        if (!createdAll) missing.forEach((t) => existing.add(t.topic));
      } catch (error) {
        // Another service created them in the meantime: that is the outcome we wanted.
        const errors = (error as { errors?: Array<{ type?: string }> }).errors;
        const alreadyExist = !!errors?.length && errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS');
        // KRaft may answer a just-created topic's metadata with UNKNOWN_TOPIC_OR_PARTITION for a moment,
        // which kafkajs' waitForLeaders does not wait out (only LEADER_NOT_AVAILABLE): wait here.
        if (kafkaErrorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION')
          await waitForLeaders(
            admin,
            missing.map((t) => t.topic),
          );
        else if (alreadyExist) missing.forEach((t) => existing.add(t.topic));
        else throw error;
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

const LEADERS_DEADLINE_MS = 15_000;

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_DEADLINE_MS;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      const type = kafkaErrorType(error);
      if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics have no leader after ${LEADERS_DEADLINE_MS} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Fails unless every topic exists: for deployments where an operator owns the topics (Strimzi
 * KafkaTopic) and the service's principal may not create or alter them.
 */
export async function requireTopics(kafka: Kafka, topics: ReadonlyArray<TopicDefinition>, topicPrefix = ''): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.map((t) => topicPrefix + t.topic).filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      throw new Error(`Kafka topics missing (KAFKA_MANAGE_TOPICS=false: they are created by the operator): ${missing.join(', ')}`);
    }
  } finally {
    await admin.disconnect();
  }
}
