import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';

import { MessageDeadLetteredV1, ObservationRecordedV1, TOPICS, decodeEvent, encodeEvent } from '@dx/contracts';
import { collectMessages, expectEventually, getTestInfra, uniqueSuffix } from '@dx/testing';

import { Pipeline, startPipeline } from '../support/pipeline.util';

// Proof of wiring (issue #2): ingestion's producer → real broker → computation's handler → computation's
// own tables; poison messages are parked in the dead-letter topic while the next message goes through.
describe('Observation crossing the broker from ingestion to computation', () => {
  const brokers = getTestInfra().kafkaBrokers;
  let pipeline: Pipeline;

  const observation = (overrides: Partial<ObservationRecordedV1> = {}): ObservationRecordedV1 => ({
    observationId: `obs-${uniqueSuffix()}`,
    agency: 'vnpt-cantho',
    measure: 'households.fibre',
    unit: '31117',
    period: '2025-06',
    value: 4210,
    revision: 1,
    recordedAt: new Date().toISOString(),
    ...overrides,
  });

  const factsOf = async (unit: string) =>
    (
      await pipeline.computationDb.client.query('SELECT measure, period, value, revision FROM computation.observation_fact WHERE unit = $1 ORDER BY period', [
        unit,
      ])
    ).rows;

  beforeAll(async () => {
    pipeline = await startPipeline({ name: 'wiring', env: { LOG_LEVEL: 'warn' } });
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it("should store an observation published by ingestion in computation's database", async () => {
    const data = observation({ unit: '31117', value: 4210 });
    await pipeline.ingestion.service.context.publisher.publish({ contract: ObservationRecordedV1, data, id: `${data.observationId}:1` });

    await expectEventually(
      async () => {
        expect(await factsOf('31117')).toEqual([{ measure: 'households.fibre', period: '2025-06', value: 4210, revision: 1 }]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('should apply a re-delivered event once and keep the highest revision when revisions arrive out of order', async () => {
    const first = observation({ unit: '31120', value: 100, revision: 1 });
    const second = { ...first, value: 120, revision: 2, previousValue: 100 };
    await pipeline.ingestion.service.context.publisher.publishMany([
      { contract: ObservationRecordedV1, data: second, id: `${first.observationId}:2` },
      { contract: ObservationRecordedV1, data: first, id: `${first.observationId}:1` },
      { contract: ObservationRecordedV1, data: second, id: `${first.observationId}:2` },
    ]);

    await expectEventually(
      async () => {
        expect(await factsOf('31120')).toEqual([{ measure: 'households.fibre', period: '2025-06', value: 120, revision: 2 }]);
        const processed = await pipeline.computationDb.client.query('SELECT count(*)::int AS n FROM computation.processed_event WHERE event_id LIKE $1', [
          `${first.observationId}:%`,
        ]);
        expect(processed.rows[0].n).toBe(2);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('should dead-letter poison messages with their reason and still process the next message', async () => {
    const deadLetters = await collectMessages(brokers, `${pipeline.prefix}${TOPICS.deadLetters}`, { fromBeginning: true });
    const kafka = new Kafka({ clientId: 'wiring-test', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    try {
      const valid = encodeEvent(ObservationRecordedV1, observation({ unit: '31123', value: 7 }), { source: '/test' });
      const badPayload = JSON.parse(valid.value);
      badPayload.data.value = 'seven';
      // Same partition for all three (same key), so "the next message" is really behind the poison ones.
      await producer.send({
        topic: `${pipeline.prefix}${TOPICS.observations}`,
        messages: [
          { key: '31123', value: 'this is not json' },
          { key: '31123', value: JSON.stringify(badPayload) },
          { key: '31123', value: valid.value, headers: valid.headers },
        ],
      });
    } finally {
      await producer.disconnect();
    }

    try {
      await expectEventually(
        async () => {
          expect(await factsOf('31123')).toEqual([{ measure: 'households.fibre', period: '2025-06', value: 7, revision: 1 }]);
          expect(deadLetters.messages.length).toBeGreaterThanOrEqual(2);
        },
        { timeoutMs: 30_000 },
      );

      const letters = deadLetters.messages.map((m) => {
        const decoded = decodeEvent(MessageDeadLetteredV1, m.value);
        if (!decoded.ok) throw decoded.error;
        return decoded.event.data;
      });
      expect(letters.map((l) => [l.reason.kind, l.reason.code, l.reason.path])).toEqual([
        ['invalid', 'malformed_json', undefined],
        ['invalid', 'invalid_payload', 'data.value'],
      ]);
      expect(letters[0]).toMatchObject({ consumerGroup: `${pipeline.prefix}dx-computation`, source: { topic: TOPICS.observations, key: '31123' } });
      expect(Buffer.from(letters[0].source.valueBase64 ?? '', 'base64').toString('utf8')).toBe('this is not json');
    } finally {
      await deadLetters.stop();
    }
  });

  it('should answer readiness with both dependencies up', async () => {
    const { app } = pipeline.computation.service;
    const server = app.getHttpServer();
    const response = await request(server).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', kafka: 'up' } });
  });
});
