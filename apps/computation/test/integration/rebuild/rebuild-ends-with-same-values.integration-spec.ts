import { Writable } from 'node:stream';

import { Kafka, logLevel } from 'kafkajs';

import { TOPICS } from '@dx/contracts';
import { createServiceApp, ServiceApp } from '@dx/platform';
import { createTestDatabase, dropTestDatabase, expectEventually, uniqueSuffix } from '@dx/testing';

import { COMPUTATION_SERVICE } from '../../../src/computation.service';
import { rebuildComputation } from '../../../src/rebuild/rebuild.service';
import { anObservation, BROKERS, ComputationDatabase, ObservationFeed } from '../support/computation-harness.util';
import { generateObservations } from '../support/generate-observations.util';

describe('Rebuild of the computation state', () => {
  const prefix = `comp-rebuild-${uniqueSuffix()}.`;
  const observations = generateObservations(1_500, 7);
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;
  let app: ServiceApp<unknown> | undefined;
  let db: ComputationDatabase;
  let feed: ObservationFeed;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('computation_rebuild');
    env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      DX_CLOCK_NOW: '2025-07-10T00:00:00+07:00',
      COMPUTATION_OVERDUE_INTERVAL_MS: '0',
    };
    app = await createServiceApp(COMPUTATION_SERVICE, env);
    db = new ComputationDatabase(databaseUrl);
    await db.connect();
    feed = new ObservationFeed(prefix);
  });

  afterAll(async () => {
    await feed?.close();
    await db?.close();
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should end with the same values and move the service past the rebuilt messages when rebuilt from the topic', async () => {
    await feed.publish(observations);
    await expectEventually(async () => {
      expect(await db.processedCount()).toBe(observations.length);
      expect(await db.outboxCount()).toBe(0);
    }, { timeoutMs: 120_000, intervalMs: 250 });
    const before = await db.values();
    await app?.close();
    app = undefined;

    const progress: string[] = [];
    const summary = await rebuildComputation(env, new Writable({ write: (chunk, _encoding, done) => { progress.push(String(chunk)); done(); } }));

    expect(summary.messages).toBe(observations.length);
    expect(await db.values()).toEqual(before);
    expect(await db.outboxCount()).toBe(0);
    expect(progress.join('')).toContain('observations [##############################] 100.0%');
    const admin = new Kafka({ clientId: `rebuild-test-${uniqueSuffix(4)}`, brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(`${prefix}${TOPICS.observations}`);
      const [committed] = await admin.fetchOffsets({ groupId: `${prefix}dx-computation`, topics: [`${prefix}${TOPICS.observations}`] });
      expect(Object.fromEntries(committed.partitions.map((p) => [p.partition, p.offset]))).toEqual(Object.fromEntries(ends.map((p) => [p.partition, p.high])));
    } finally {
      await admin.disconnect();
    }

    // The service goes on from there: a new observation is applied on top of the rebuilt state.
    app = await createServiceApp(COMPUTATION_SERVICE, env);
    const next = anObservation({ measure: 'households.total', unit: '31117', period: '2025-Q3', value: 10 });
    await feed.publish([next]);
    await expectEventually(async () => expect(await db.isProcessed(next.id)).toBe(true), { timeoutMs: 30_000 });
    expect(await db.processedCount()).toBe(observations.length + 1);
  });
});
