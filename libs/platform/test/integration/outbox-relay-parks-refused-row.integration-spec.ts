import request from 'supertest';
import { DataSource } from 'typeorm';

import { TOPICS } from '@dx/contracts';
import { createKafkaClient, ensureTopics, SILENT_LOGGER } from '@dx/messaging';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, getTestInfra, MessageCollector, uniqueSuffix } from '@dx/testing';

import { createServiceApp, ServiceApp } from '../../src';
import { OUTBOX_TEST_SERVICE, TestOutboxFeatureModule } from './support/outbox-test-service';

const BROKERS = getTestInfra().kafkaBrokers;
// A topic whose limit is far below the relay's send size: a whole send is refused, not one row.
const SMALL_TOPIC = 'small-messages.v1';
const SMALL_LIMIT = 10_000;

// A row the broker can never take must not hold back the rows behind it: it is parked for an operator.
describe('Outbox relay and a row the broker refuses', () => {
  const prefix = `outbox-park-${uniqueSuffix()}.`;
  let databaseUrl: string;
  let service: ServiceApp<unknown>;
  let dataSource: DataSource;
  const collectors: MessageCollector[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('outbox_park');
    const kafka = createKafkaClient({ brokers: BROKERS, clientId: 'outbox-park-test', logger: SILENT_LOGGER });
    await ensureTopics(kafka, [{ topic: SMALL_TOPIC, numPartitions: 3, configEntries: [{ name: 'max.message.bytes', value: String(SMALL_LIMIT) }] }], prefix);
    service = await createServiceApp(TestOutboxFeatureModule, OUTBOX_TEST_SERVICE, {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    dataSource = service.app.get(DataSource);
  });

  afterAll(async () => {
    await Promise.all(collectors.map((c) => c.stop()));
    await service?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  async function collect(topic: string): Promise<MessageCollector> {
    const collector = await collectMessages(BROKERS, `${prefix}${topic}`);
    collectors.push(collector);
    return collector;
  }

  // Rows as a writer leaves them, in one transaction so the relay sees them together.
  async function enqueueRaw(rows: Array<{ topic: string; key: string; value: string }>): Promise<void> {
    await dataSource.query(`INSERT INTO notification.outbox_event (topic, message_key, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
      rows.map((r) => r.topic),
      rows.map((r) => r.key),
      rows.map((r) => r.value),
    ]);
  }

  async function parkedRows(): Promise<Array<{ topic: string; message_key: string; value_bytes: number; error_type: string }>> {
    return dataSource.query(`SELECT topic, message_key, value_bytes, error_type FROM notification.outbox_parked ORDER BY id`);
  }

  it('should park a row over the broker limit and publish the rows behind it', async () => {
    const observations = await collect(TOPICS.observations);
    const huge = JSON.stringify({ id: 'huge', pad: 'x'.repeat(1_200_000) });

    await enqueueRaw([
      { topic: TOPICS.observations, key: '31117', value: '{"id":"before"}' },
      { topic: TOPICS.observations, key: '31117', value: huge },
      { topic: TOPICS.observations, key: '31117', value: '{"id":"after"}' },
    ]);

    await expectEventually(
      async () => {
        expect(observations.messages.map((m) => m.value)).toEqual(['{"id":"before"}', '{"id":"after"}']);
        expect(await parkedRows()).toEqual([{ topic: TOPICS.observations, message_key: '31117', value_bytes: huge.length, error_type: 'MESSAGE_TOO_LARGE' }]);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM notification.outbox_event`);
    expect(pending).toBe(0);
  });

  it('should find the refused row of a refused send, park it alone, and publish the others', async () => {
    const small = await collect(SMALL_TOPIC);
    const rows = ['a', 'b', 'c', 'd'].map((key) => ({
      topic: SMALL_TOPIC,
      key,
      value: JSON.stringify({ id: key, pad: 'y'.repeat(key === 'c' ? 3 * SMALL_LIMIT : 100) }),
    }));

    await enqueueRaw(rows);

    await expectEventually(
      async () => {
        // A refused send may have been written on some partitions before: those rows can come twice.
        expect(new Set(small.messages.map((m) => m.key))).toEqual(new Set(['a', 'b', 'd']));
        expect((await parkedRows()).filter((r) => r.topic === SMALL_TOPIC)).toEqual([
          { topic: SMALL_TOPIC, message_key: 'c', value_bytes: rows[2].value.length, error_type: 'MESSAGE_TOO_LARGE' },
        ]);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    const metrics = await request(service.app.getHttpServer()).get('/metrics');
    expect(metrics.text).toContain(`dx_outbox_parked_events_total{topic="${TOPICS.observations}"} 1`);
    expect(metrics.text).toContain(`dx_outbox_parked_events_total{topic="${SMALL_TOPIC}"} 1`);
  });
});
