import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { decodeEvent, ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, getTestInfra, MessageCollector, uniqueSuffix } from '@dx/testing';

import { createServiceApp, outboxChannel, OutboxWriter, ServiceApp } from '../../src';
import { OUTBOX_TEST_SERVICE, TestOutboxFeatureModule, recordedEvent } from './support/outbox-test-service';

const WRITERS = 16;
const TRANSACTIONS_PER_WRITER = 30;
const UNITS = ['31117', '31120', '31123', '31126', '31129', '31132'];

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class RolledBack extends Error {}

// Ids are handed out at INSERT and rows become visible at COMMIT, in another order: a relay racing many
// writers must still publish every committed row, nothing of a rolled-back one, and each key's events in
// the order their writers committed (writers lock a key before writing its events, as the services do).
describe('Outbox relay racing concurrent writers', () => {
  const prefix = `outbox-race-${uniqueSuffix()}.`;
  let databaseUrl: string;
  let service: ServiceApp<unknown>;
  let published: MessageCollector;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('outbox_race');
    service = await createServiceApp(TestOutboxFeatureModule, OUTBOX_TEST_SERVICE, {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    published = await collectMessages(getTestInfra().kafkaBrokers, `${prefix}${TOPICS.observations}`);
  });

  afterAll(async () => {
    await published?.stop();
    await service?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should publish every committed row once, nothing rolled back, each key in commit order when 16 writers race the relay', async () => {
    const dataSource = service.app.get(DataSource);
    const writer = service.app.get(OutboxWriter);
    // Each key's writers take turns on its counter row; the number they get is their commit order.
    await dataSource.query(`CREATE TABLE notification.key_counter (unit text PRIMARY KEY, n integer NOT NULL DEFAULT 0)`);
    await dataSource.query(`INSERT INTO notification.key_counter (unit) SELECT unnest($1::text[])`, [UNITS]);
    const committed = new Map<string, number>();
    const rolledBack = new Set<string>();

    const write = async (w: number): Promise<void> => {
      for (let t = 0; t < TRANSACTIONS_PER_WRITER; t += 1) {
        const units = [...new Set([UNITS[(w + t) % UNITS.length], UNITS[(w * 3 + t * 5) % UNITS.length]])].sort();
        const rollBack = (w * 7 + t) % 10 === 0;
        const written = new Map<string, number>();
        try {
          await dataSource.transaction(async (manager) => {
            const events = [];
            for (const unit of units) {
              const [[{ n }]] = await manager.query(`UPDATE notification.key_counter SET n = n + 1 WHERE unit = $1 RETURNING n`, [unit]);
              const event = recordedEvent(`w${w}-t${t}-${unit}`, unit, n);
              events.push(event);
              written.set(event.id as string, n);
            }
            await writer.enqueue(manager, events);
            // Held open a while after the insert (as a submission that goes on working), so that other
            // writers' later ids commit first and the relay runs in between.
            await pause((w * 13 + t * 7) % 25);
            if (rollBack) throw new RolledBack();
          });
          written.forEach((n, id) => committed.set(id, n));
        } catch (error) {
          if (!(error instanceof RolledBack)) throw error;
          written.forEach((_n, id) => rolledBack.add(id));
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => write(w)));

    const events = () =>
      published.messages.map((m) => {
        const decoded = decodeEvent(ObservationRecordedV1, m.value);
        if (!decoded.ok) throw decoded.error;
        return { id: decoded.event.id, unit: decoded.event.data.unit, n: decoded.event.data.value };
      });
    await expectEventually(
      async () => {
        const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM notification.outbox_event`);
        expect(pending).toBe(0);
        expect(new Set(events().map((e) => e.id)).size).toBeGreaterThanOrEqual(committed.size);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    const ids = new Set(events().map((e) => e.id));
    expect(committed.size).toBeGreaterThan(WRITERS * TRANSACTIONS_PER_WRITER);
    expect([...committed.keys()].filter((id) => !ids.has(id))).toEqual([]);
    expect([...ids].filter((id) => !committed.has(id))).toEqual([]);
    expect([...rolledBack].filter((id) => ids.has(id))).toEqual([]);
    // Per key, in topic order (first copy of each id): 1, 2, 3… as the writers committed.
    const counters: Array<{ unit: string; n: number }> = await dataSource.query(`SELECT unit, n FROM notification.key_counter ORDER BY unit`);
    for (const { unit, n } of counters) {
      const seen = new Set<string>();
      const order = events()
        .filter((e) => e.unit === unit && !seen.has(e.id) && seen.add(e.id))
        .map((e) => e.n);
      expect({ unit, order }).toEqual({ unit, order: Array.from({ length: n }, (_, i) => i + 1) });
    }
    const [{ parked }] = await dataSource.query(`SELECT count(*)::int AS parked FROM notification.outbox_parked`);
    expect(parked).toBe(0);
  });

  it('should wake the relay once per committed transaction, also when its events take several statements', async () => {
    const dataSource = service.app.get(DataSource);
    const writer = service.app.get(OutboxWriter);
    const channel = outboxChannel(OUTBOX_TEST_SERVICE.name);
    const listener = new Client({ connectionString: databaseUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (notification) => heard.push(notification.channel));
    await listener.query(`LISTEN ${channel}`);
    try {
      // 2,000 events: two full statements of 1,000 rows, the second also wakes the relay.
      await dataSource.transaction((manager) =>
        writer.enqueue(
          manager,
          Array.from({ length: 2_000 }, (_, i) => recordedEvent(`wake-${i}`)),
        ),
      );
      await expectEventually(async () => expect(heard).toEqual([channel]), { timeoutMs: 10_000, intervalMs: 50 });
      await dataSource.transaction((manager) => writer.enqueue(manager, [recordedEvent('wake-one')]));
      await expectEventually(async () => expect(heard).toEqual([channel, channel]), { timeoutMs: 10_000, intervalMs: 50 });
    } finally {
      await listener.end();
    }
  });
});
