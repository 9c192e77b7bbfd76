import { createTestKafka } from './create-test-kafka.util';

export interface CreateTestTopicsOptions {
  /** Partitions per topic (default 1). */
  numPartitions?: number;
}

/**
 * Creates the topics (skipping those that exist) and waits until each has a leader, so producers and
 * consumers never meet "This server does not host this topic-partition". Returns the names.
 * Combine with uniqueSuffix(): createTestTopics(brokers, [`dx.observations.v1.${suffix}`]).
 */
export async function createTestTopics(brokers: string | string[], names: string[], { numPartitions = 1 }: CreateTestTopicsOptions = {}): Promise<string[]> {
  const admin = createTestKafka({ brokers }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = names.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })),
      });
    }
    return names;
  } finally {
    await admin.disconnect();
  }
}
