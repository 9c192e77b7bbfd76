import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { BROKERS, ComputationDatabase, ObservationFeed, OUTPUT_TOPICS } from '../support/computation-harness.util';
import { ComputationTestApp, JULY_2025, startComputation } from '../support/computation-test-app';
import { expectedValues } from '../support/expected-values.util';
import { generateObservations } from '../support/generate-observations.util';

// Every instance that joins or leaves the group rebalances it while the others are in the middle of
// batches. A rebalance is no fault of the messages: nothing may be dead-lettered or skipped, and the
// values must end exactly as a full computation gives them.
describe('Computation instances joining and leaving mid-stream', () => {
  const prefix = `comp-rebalance-${uniqueSuffix()}.`;
  const observations = generateObservations(4_000, 11);
  let databaseUrl: string;
  let db: ComputationDatabase;
  let feed: ObservationFeed;
  let deadLetters: MessageCollector;
  const instances = new Map<string, ComputationTestApp>();

  const start = async (id: string): Promise<void> => {
    instances.set(id, await startComputation({ DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix, DX_INSTANCE_ID: id }));
  };
  const stop = async (id: string): Promise<void> => {
    await instances.get(id)?.close();
    instances.delete(id);
  };
  const processedAtLeast = (share: number) =>
    expectEventually(async () => expect(await db.processedCount()).toBeGreaterThanOrEqual(Math.floor(observations.length * share)), {
      timeoutMs: 120_000,
      intervalMs: 50,
    });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('computation_rebalance');
    db = new ComputationDatabase(databaseUrl);
    feed = new ObservationFeed(prefix);
  });

  afterAll(async () => {
    for (const id of [...instances.keys()]) await stop(id);
    await deadLetters?.stop();
    await feed?.close();
    await db?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should end with the values of a full computation and nothing dead-lettered when instances join and leave', async () => {
    await start('a');
    await db.connect();
    deadLetters = await collectMessages(BROKERS, `${prefix}${OUTPUT_TOPICS.deadLetters}`);
    await feed.publish(observations);

    await processedAtLeast(0.1);
    await start('b');
    await processedAtLeast(0.35);
    await stop('a');
    await start('c');
    await processedAtLeast(0.6);
    await start('a');
    await stop('b');

    await expectEventually(
      async () => {
        expect(await db.processedCount()).toBe(observations.length);
        expect(await db.outboxCount()).toBe(0);
      },
      { timeoutMs: 180_000, intervalMs: 250 },
    );
    expect(await db.values()).toEqual(expectedValues(observations, new Date(JULY_2025)));
    expect(deadLetters.messages).toEqual([]);
  }, 420_000);
});
