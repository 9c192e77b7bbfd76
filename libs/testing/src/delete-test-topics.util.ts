import { createTestKafka } from './create-test-kafka.util';

/** Deletes the topics that exist among `names` (test clean-up; the shared broker keeps its data). */
export async function deleteTestTopics(brokers: string | string[], names: string[]): Promise<void> {
  const admin = createTestKafka({ brokers }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = names.filter((name) => existing.has(name));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
