import { Kafka, logLevel } from 'kafkajs';

import { decodeEvent, encodeEvent, MessageDeadLetteredV1, ObservationRecordedV1 } from '@dx/contracts';
import { createServiceApp, ServiceApp } from '@dx/platform';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { COMPUTATION_SERVICE } from '../../../src/computation.service';
import { anObservation, BROKERS, ComputationDatabase, OUTPUT_TOPICS } from '../support/computation-harness.util';

describe('Poison messages on the observations topic', () => {
  const prefix = `comp-poison-${uniqueSuffix()}.`;
  let databaseUrl: string;
  let app: ServiceApp<unknown>;
  let db: ComputationDatabase;
  let deadLetters: MessageCollector;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('computation_poison');
    app = await createServiceApp(COMPUTATION_SERVICE, {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      DX_CLOCK_NOW: '2025-07-10T00:00:00+07:00',
      COMPUTATION_OVERDUE_INTERVAL_MS: '0',
    });
    db = new ComputationDatabase(databaseUrl);
    await db.connect();
    deadLetters = await collectMessages(BROKERS, `${prefix}${OUTPUT_TOPICS.deadLetters}`);
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await db?.close();
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
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

    await expectEventually(async () => {
      expect(await db.value('SOC-01', '31123', '2025-Q2')).toMatchObject({ value: 90, numerator: 45, denominator: 50 });
      expect(deadLetters.messages).toHaveLength(2);
    }, { timeoutMs: 30_000 });
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
