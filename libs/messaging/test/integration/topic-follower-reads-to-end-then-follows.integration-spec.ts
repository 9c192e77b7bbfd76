import { TargetsChangedV1, TOPICS } from '@dx/contracts';
import { createTestKafka, createTestTopics, getTestInfra, uniqueSuffix } from '@dx/testing';

import { decoderForTopic, EventPublisher, SILENT_LOGGER, TopicFollower } from '../../src';

describe('TopicFollower', () => {
  const brokers = getTestInfra().kafkaBrokers;
  const kafka = createTestKafka({ brokers });
  const targets = (value: number): TargetsChangedV1 => ({
    indicator: 'SOC-01',
    targets: [{ kind: 'milestone', year: 2030, op: '>=', value }],
    baseline: { year: 2020 },
    tolerance: 5,
    regressionThreshold: 2,
    changedAt: new Date().toISOString(),
  });

  it('should apply every message already in the topic before start resolves, then follow new ones in order', async () => {
    const prefix = `follower-${uniqueSuffix()}.`;
    await createTestTopics(brokers, [`${prefix}${TOPICS.reference}`]);
    const publisher = new EventPublisher(kafka, '/test', prefix);
    await publisher.publishMany([90, 95, 99].map((value) => ({ contract: TargetsChangedV1, data: targets(value) })));
    const applied: number[] = [];
    const follower = new TopicFollower({
      kafka,
      topic: `${prefix}${TOPICS.reference}`,
      groupId: `${prefix}follower`,
      decode: decoderForTopic(TOPICS.reference),
      apply: ({ event }) => void applied.push((event.data as TargetsChangedV1).targets[0].value),
      logger: SILENT_LOGGER,
    });
    try {
      await follower.start();
      expect(applied).toEqual([90, 95, 99]);

      await publisher.publish({ contract: TargetsChangedV1, data: targets(100) });
      await follower.appliedThrough('3');
      expect(applied).toEqual([90, 95, 99, 100]);
    } finally {
      await follower.stop();
      await publisher.disconnect();
    }
  });

  it('should resolve start at once on an empty topic', async () => {
    const prefix = `follower-${uniqueSuffix()}.`;
    await createTestTopics(brokers, [`${prefix}${TOPICS.reference}`]);
    const applied: unknown[] = [];
    const follower = new TopicFollower({
      kafka,
      topic: `${prefix}${TOPICS.reference}`,
      groupId: `${prefix}follower`,
      decode: decoderForTopic(TOPICS.reference),
      apply: (event) => void applied.push(event),
      logger: SILENT_LOGGER,
    });
    try {
      await follower.start();
      expect(applied).toEqual([]);
    } finally {
      await follower.stop();
    }
  });
});
