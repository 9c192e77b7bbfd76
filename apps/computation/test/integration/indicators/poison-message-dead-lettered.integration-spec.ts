import { Kafka, logLevel } from 'kafkajs';

import { decodeEvent, encodeEvent, MessageDeadLetteredV1, ObservationRecordedV1 } from '@dx/contracts';
import { collectMessages, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { anObservation, BROKERS, ComputationDatabase, OUTPUT_TOPICS } from '../support/computation-harness.util';
import { ComputationTestApp, startComputation } from '../support/computation-test-app';

describe('Poison messages on the observations topic', () => {
  const prefix = `comp-poison-${uniqueSuffix()}.`;
  let computation: ComputationTestApp;
  let db: ComputationDatabase;
  let deadLetters: MessageCollector;

  beforeAll(async () => {
    computation = await startComputation({ KAFKA_TOPIC_PREFIX: prefix });
    db = new ComputationDatabase(computation.databaseUrl);
    await db.connect();
    deadLetters = await collectMessages(BROKERS, `${prefix}${OUTPUT_TOPICS.deadLetters}`);
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await db?.close();
    await computation?.close();
  });

  it('should dead-letter a message that does not decode and compute the messages behind it', async () => {
    const fibre = anObservation({ measure: 'households.fibre', unit: '31123', period: '2025-Q2', value: 45 });
    const total = anObservation({ measure: 'households.total', unit: '31123', period: '2025-Q2', value: 50 });
    const badPayload = JSON.parse(encodeEvent(ObservationRecordedV1, total.data, { source: '/test' }).value);
    badPayload.data.value = 'fifty';
    const producer = new Kafka({ clientId: `poison-${uniqueSuffix(4)}`, brokers: BROKERS, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      // One key, so one partition: the good messages really are behind the poison ones.
      const encoded = (o: typeof fibre) => encodeEvent(ObservationRecordedV1, o.data, { source: '/test', id: o.id });
      await producer.send({
        topic: `${prefix}${OUTPUT_TOPICS.observations}`,
        messages: [
          { ...encoded(fibre) },
          { key: '31123', value: '{"not": "a cloud event"' },
          { key: '31123', value: JSON.stringify(badPayload) },
          { ...encoded(total) },
        ],
      });
    } finally {
      await producer.disconnect();
    }

    await expectEventually(
      async () => {
        expect(await db.value('SOC-01', '31123', '2025-Q2')).toMatchObject({ value: 90, numerator: 45, denominator: 50 });
        expect(deadLetters.messages).toHaveLength(2);
      },
      { timeoutMs: 30_000 },
    );
    const reasons = deadLetters.messages.map((m) => {
      const decoded = decodeEvent(MessageDeadLetteredV1, m.value);
      if (!decoded.ok) throw decoded.error;
      return [decoded.event.data.reason.kind, decoded.event.data.reason.code, decoded.event.data.consumerGroup];
    });
    expect(reasons).toEqual([
      ['invalid', 'malformed_json', `${prefix}dx-computation`],
      ['invalid', 'invalid_payload', `${prefix}dx-computation`],
    ]);
  });
});
