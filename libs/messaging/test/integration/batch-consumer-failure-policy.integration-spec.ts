import { createHash } from 'node:crypto';

import { encodeEvent, MessageDeadLetteredV1, ObservationRecordedV1, TOPICS, decodeEvent } from '@dx/contracts';
import { collectMessages, expectEventually, getTestInfra, uniqueSuffix } from '@dx/testing';

import { BatchConsumer, ConsumedEvent, createKafkaClient, ensureTopics, EventPublisher, SILENT_LOGGER, topicSubscription, TransientError } from '../../src';

const observation = (unit: string, value: number): ObservationRecordedV1 => ({
  observationId: `obs-${unit}-${value}`,
  agency: 'test',
  measure: 'work_records.total',
  unit,
  period: '2025-05',
  value,
  revision: 1,
  recordedAt: '2025-06-01T00:00:00Z',
});

describe('BatchConsumer failure policy', () => {
  const brokers = getTestInfra().kafkaBrokers;
  const kafka = createKafkaClient({ brokers, clientId: 'batch-consumer-test', logger: SILENT_LOGGER });
  let prefix: string;
  let publisher: EventPublisher;
  let consumer: BatchConsumer | undefined;

  beforeEach(async () => {
    prefix = `policy-${uniqueSuffix()}.`;
    await ensureTopics(
      kafka,
      [
        { topic: TOPICS.observations, numPartitions: 1 },
        { topic: TOPICS.deadLetters, numPartitions: 1 },
      ],
      prefix,
    );
    publisher = new EventPublisher(kafka, '/test', prefix);
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    await publisher.disconnect();
  });

  function startConsumer(handle: (events: ConsumedEvent<ObservationRecordedV1>[]) => Promise<void>): Promise<void> {
    consumer = new BatchConsumer(kafka, {
      groupId: `${prefix}group`,
      topicPrefix: prefix,
      subscriptions: [topicSubscription(TOPICS.observations, handle)],
      deadLetters: publisher,
      logger: SILENT_LOGGER,
      maxAttempts: 3,
      backoffMs: () => 10,
    });
    return consumer.start();
  }

  it('should dead-letter the one event that keeps failing and process the others once when a handler fails N times', async () => {
    const deadLetters = await collectMessages(brokers, `${prefix}${TOPICS.deadLetters}`, { fromBeginning: true });
    const processed: number[] = [];
    let poisonAttempts = 0;
    await startConsumer(async (events) => {
      if (events.some((e) => e.event.data.value === 666)) {
        if (events.length === 1) poisonAttempts += 1;
        throw new Error('cannot process 666');
      }
      processed.push(...events.map((e) => e.event.data.value));
    });

    await publisher.publishMany([1, 666, 2].map((value) => ({ contract: ObservationRecordedV1, data: observation('31117', value) })));

    try {
      await expectEventually(
        () => {
          expect(processed.sort()).toEqual([1, 2]);
          expect(deadLetters.messages).toHaveLength(1);
        },
        { timeoutMs: 30_000 },
      );
      const letter = decodeEvent(MessageDeadLetteredV1, deadLetters.messages[0].value);
      expect(letter.ok && letter.event.data.reason).toEqual({
        kind: 'exhausted',
        code: 'processing_failed',
        message: 'cannot process 666',
        attempts: 3,
      });
      expect(poisonAttempts).toBe(3);
    } finally {
      await deadLetters.stop();
    }
  });

  it('should retry a transient failure until it passes and dead-letter nothing', async () => {
    const deadLetters = await collectMessages(brokers, `${prefix}${TOPICS.deadLetters}`, { fromBeginning: true });
    const processed: number[] = [];
    let failures = 0;
    await startConsumer(async (events) => {
      // More failures than maxAttempts: a transient outage must not use up the retry budget.
      if (failures < 5) {
        failures += 1;
        throw new TransientError('database is restarting');
      }
      processed.push(...events.map((e) => e.event.data.value));
    });

    await publisher.publish({ contract: ObservationRecordedV1, data: observation('31120', 5) });

    try {
      await expectEventually(() => expect(processed).toEqual([5]), { timeoutMs: 30_000 });
      expect(failures).toBe(5);
      expect(deadLetters.messages).toHaveLength(0);
    } finally {
      await deadLetters.stop();
    }
  });

  it('should dead-letter a message too large to park whole with its first 64 KiB, size and SHA-256, and go on', async () => {
    const deadLetters = await collectMessages(brokers, `${prefix}${TOPICS.deadLetters}`, { fromBeginning: true });
    const processed: number[] = [];
    await startConsumer(async (events) => {
      processed.push(...events.map((e) => e.event.data.value));
    });
    // Under the broker's 1 MiB, but its base64 copy in a dead letter would not be.
    const oversized = Buffer.alloc(900_000, 'x');
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic: `${prefix}${TOPICS.observations}`,
        messages: [{ key: '31117', value: oversized }, { ...encodeEvent(ObservationRecordedV1, observation('31117', 7), { source: '/test' }) }],
      });
    } finally {
      await producer.disconnect();
    }

    try {
      await expectEventually(
        () => {
          expect(processed).toEqual([7]);
          expect(deadLetters.messages).toHaveLength(1);
        },
        { timeoutMs: 30_000 },
      );
      const letter = decodeEvent(MessageDeadLetteredV1, deadLetters.messages[0].value);
      if (!letter.ok) throw letter.error;
      expect(letter.event.data.reason).toMatchObject({ kind: 'invalid', code: 'malformed_json' });
      expect(Buffer.from(letter.event.data.source.valueBase64 ?? '', 'base64')).toEqual(oversized.subarray(0, 64 * 1024));
      expect(letter.event.data.source.valueBytes).toBe(oversized.length);
      expect(letter.event.data.source.valueSha256).toBe(createHash('sha256').update(oversized).digest('hex'));
    } finally {
      await deadLetters.stop();
    }
  });
});
