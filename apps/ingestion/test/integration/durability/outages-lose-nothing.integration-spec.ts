import request from 'supertest';

import { decodeEvent, ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, PrivateServer, startPrivateKafka, startPrivatePostgres } from '@dx/testing';

import { IngestionTestApp, startIngestion } from '../ingestion-test-app';

const batch = (start: number, size: number) => ({
  observations: Array.from({ length: size }, (_, i) => ({
    measure: 'work_records.total',
    unit: '916',
    period: `20${10 + Math.floor((start + i) / 12)}-${String(((start + i) % 12) + 1).padStart(2, '0')}`,
    value: start + i,
  })),
});

describe('Kafka stopped while agencies submit', () => {
  let kafka: PrivateServer;
  let app: IngestionTestApp;
  let apiKey: string;

  beforeAll(async () => {
    kafka = await startPrivateKafka();
    app = await startIngestion({ KAFKA_BROKERS: kafka.address });
    ({ apiKey } = await app.createAgency({ measures: ['work_records.*'], units: ['916'] }));
  });

  afterAll(async () => {
    await app?.close();
    await kafka?.dispose();
  });

  it('should keep answering 202 and publish every accepted observation once the broker is back', async () => {
    const submit = (body: object) => request(app.http).post('/v1/observations').set('Authorization', `Bearer ${apiKey}`).send(body);
    expect((await submit(batch(0, 20))).status).toBe(202);

    await kafka.stop();
    const during = [await submit(batch(20, 30)), await submit(batch(50, 30))];
    expect(during.map((r) => r.status)).toEqual([202, 202]);
    expect(during.map((r) => r.body.accepted)).toEqual([30, 30]);
    const ready = await request(app.http).get('/health/ready');
    expect(ready.status).toBe(503);

    await kafka.start();
    expect((await submit(batch(80, 20))).status).toBe(202);

    const collector = await collectMessages([kafka.address], `${app.topicPrefix}${TOPICS.observations}`);
    try {
      await expectEventually(
        () => {
          const ids = new Set(collector.messages.map((m) => JSON.parse(m.value ?? '{}').id));
          expect(ids.size).toBe(100);
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      const values = collector.messages.map((m) => {
        const decoded = decodeEvent(ObservationRecordedV1, m.value);
        if (!decoded.ok) throw decoded.error;
        return decoded.event.data.value;
      });
      // Every value 0…99 arrived; a re-publish after the outage may repeat an event, never with another id.
      expect([...new Set(values)].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    } finally {
      await collector.stop();
    }
  });
});

describe('PostgreSQL unreachable while agencies submit', () => {
  let postgres: PrivateServer;
  let app: IngestionTestApp;
  let apiKey: string;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const url = new URL(postgres.address);
    url.pathname = '/ingestion_outage_test';
    app = await startIngestion({ DATABASE_URL: url.toString() });
    ({ apiKey } = await app.createAgency({ measures: ['work_records.*'], units: ['916'] }));
  });

  afterAll(async () => {
    await app?.close();
    await postgres?.dispose();
  });

  it('should answer 503 with Retry-After, never 500, and accept again once the database is back', async () => {
    const submit = (body: object) => request(app.http).post('/v1/observations').set('Authorization', `Bearer ${apiKey}`).send(body);
    const before = await submit(batch(0, 5));
    expect(before.status).toBe(202);

    await postgres.stop();
    for (const response of [await submit(batch(5, 5)), await request(app.http).get('/v1/observations').set('Authorization', `Bearer ${apiKey}`)]) {
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body.error.code).toBe('unavailable');
    }

    await postgres.start();
    await expectEventually(async () => expect((await submit(batch(5, 5))).status).toBe(202), { timeoutMs: 30_000, intervalMs: 500 });
    const stored = await request(app.http).get('/v1/observations?limit=1000').set('Authorization', `Bearer ${apiKey}`);
    expect(stored.body.observations.map((o: { value: number }) => o.value).sort((a: number, b: number) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
