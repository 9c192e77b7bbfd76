import { Writable } from 'node:stream';

import { Kafka, logLevel } from 'kafkajs';

import { TOPICS } from '@dx/contracts';
import { createTestDatabase, dropTestDatabase, expectEventually, uniqueSuffix } from '@dx/testing';

import { rebuildComputation } from '../../../src/rebuild/rebuild.service';
import { anObservation, BROKERS, ComputationDatabase, ObservationFeed } from '../support/computation-harness.util';
import { ComputationTestApp, startComputation } from '../support/computation-test-app';
import { generateObservations } from '../support/generate-observations.util';

describe('Rebuild of the computation state', () => {
  const prefix = `comp-rebuild-${uniqueSuffix()}.`;
  const observations = generateObservations(1_500, 7);
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;
  let computation: ComputationTestApp | undefined;
  let db: ComputationDatabase;
  let feed: ObservationFeed;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('computation_rebuild');
    // The database outlives the instance: the rebuild runs on it, and the service starts again.
    computation = await startComputation({ DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' });
    env = computation.env;
    db = new ComputationDatabase(databaseUrl);
    await db.connect();
    feed = new ObservationFeed(prefix);
  });

  afterAll(async () => {
    await feed?.close();
    await db?.close();
    await computation?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should end with the same values and move the service past the rebuilt messages when rebuilt from the topic', async () => {
    await feed.publish(observations);
    await expectEventually(
      async () => {
        expect(await db.processedCount()).toBe(observations.length);
        expect(await db.outboxCount()).toBe(0);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    const before = await db.values();
    await computation?.close();
    computation = undefined;

    const progress: string[] = [];
    const summary = await rebuildComputation(
      env,
      new Writable({
        write: (chunk, _encoding, done) => {
          progress.push(String(chunk));
          done();
        },
      }),
    );

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
    computation = await startComputation(env);
    const next = anObservation({ measure: 'households.total', unit: '31117', period: '2025-Q3', value: 10 });
    await feed.publish([next]);
    await expectEventually(async () => expect(await db.isProcessed(next.id)).toBe(true), { timeoutMs: 30_000 });
    expect(await db.processedCount()).toBe(observations.length + 1);
  });
});
