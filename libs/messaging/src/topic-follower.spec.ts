import { Kafka } from 'kafkajs';

import { SILENT_LOGGER } from './logger.type';
import { TopicFollower } from './topic-follower';

// A fake kafkajs client playing a topic created a moment ago: ListOffsets answers NOT_LEADER (retriable) until
// its partition has a leader. The follower must wait for it instead of failing its service's start.
function notLeader(): Error {
  return Object.assign(new Error('This server is not the leader for that topic-partition'), {
    name: 'KafkaJSProtocolError',
    type: 'NOT_LEADER_FOR_PARTITION',
    retriable: true,
  });
}

function aKafka(offsetAnswers: Array<() => Promise<Array<{ partition: number; high: string; low: string }>>>) {
  const calls = { fetchTopicOffsets: 0, consumerStarted: false };
  const kafka = {
    admin: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      fetchTopicOffsets: async () => offsetAnswers[Math.min(calls.fetchTopicOffsets++, offsetAnswers.length - 1)](),
    }),
    consumer: () => ({
      connect: async () => undefined,
      subscribe: async () => undefined,
      run: async () => {
        calls.consumerStarted = true;
      },
      disconnect: async () => undefined,
    }),
  } as unknown as Kafka;
  return { kafka, calls };
}

const follower = (kafka: Kafka) =>
  new TopicFollower({
    kafka,
    topic: 'dx.reference.v1',
    groupId: 'g',
    decode: () => ({ ok: false, error: new Error('unused') }) as never,
    apply: () => undefined,
    logger: SILENT_LOGGER,
  });

describe('TopicFollower.start', () => {
  it('should retry end offsets while the partition has no leader yet, then start following', async () => {
    const empty = async () => [{ partition: 0, high: '0', low: '0' }];
    const { kafka, calls } = aKafka([async () => Promise.reject(notLeader()), async () => Promise.reject(notLeader()), empty]);
    await follower(kafka).start();
    expect(calls.fetchTopicOffsets).toBe(3);
    expect(calls.consumerStarted).toBe(true);
  });

  it('should fail at once on an error that is not transient', async () => {
    const denied = Object.assign(new Error('Not authorized to access topics'), {
      name: 'KafkaJSProtocolError',
      type: 'TOPIC_AUTHORIZATION_FAILED',
      retriable: false,
    });
    const { kafka, calls } = aKafka([async () => Promise.reject(denied)]);
    await expect(follower(kafka).start()).rejects.toThrow('Not authorized');
    expect(calls.fetchTopicOffsets).toBe(1);
    expect(calls.consumerStarted).toBe(false);
  });
});
