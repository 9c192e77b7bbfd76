import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { BROKERS, ComputationDatabase, decodeStatusEvents, ObservationFeed, OUTPUT_TOPICS } from '../support/computation-harness.util';
import { JULY_2025 } from '../support/computation-test-app';
import { expectedValues } from '../support/expected-values.util';
import { generateObservations } from '../support/generate-observations.util';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');

// The service runs as a real process, is killed with SIGKILL while it works through a stream, and is
// started again: it must end with exactly the values a full computation gives, and no status change
// announced twice (a relay re-sending after a crash re-sends the same event id, which consumers drop).
describe('Computation killed mid-stream', () => {
  const prefix = `comp-kill-${uniqueSuffix()}.`;
  const observations = generateObservations(4_000);
  let databaseUrl: string;
  let db: ComputationDatabase;
  let feed: ObservationFeed;
  let status: MessageCollector;
  let child: ChildProcess | undefined;

  const start = (): ChildProcess => {
    const log = openSync(path.join(tmpdir(), `${prefix}computation.log`), 'a');
    const process_ = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'tools/register.cjs'), path.join(REPO_ROOT, 'apps/computation/src/main.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        KAFKA_TOPIC_PREFIX: prefix,
        LOG_LEVEL: 'warn',
        DX_CLOCK_NOW: JULY_2025,
        COMPUTATION_OVERDUE_INTERVAL_MS: '0',
        COMPUTATION_PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    return process_;
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('computation_kill');
    db = new ComputationDatabase(databaseUrl);
    feed = new ObservationFeed(prefix);
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await status?.stop();
    await feed?.close();
    await db?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should end with the values of a full computation and no duplicate status event when killed with SIGKILL and restarted', async () => {
    child = start();
    // The service creates its schema and topics; wait for both before producing and collecting.
    await expectEventually(
      async () => {
        await db.client.connect().catch(() => undefined);
        expect(await db.processedCount()).toBe(0);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    status = await collectMessages(BROKERS, `${prefix}${OUTPUT_TOPICS.status}`);
    await feed.publish(observations);

    await expectEventually(async () => expect(await db.processedCount()).toBeGreaterThan(observations.length / 5), { timeoutMs: 60_000, intervalMs: 20 });
    child.kill('SIGKILL');
    await once(child, 'exit');
    const processedAtKill = await db.processedCount();
    expect(processedAtKill).toBeLessThan(observations.length);

    child = start();
    await expectEventually(
      async () => {
        expect(await db.processedCount()).toBe(observations.length);
        expect(await db.outboxCount()).toBe(0);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );

    const expected = expectedValues(observations, new Date(JULY_2025));
    expect(await db.values()).toEqual(expected);
    // Each status change once: one event id per (change), whatever the relay re-sent.
    await expectEventually(async () => expect(status.messages.length).toBeGreaterThan(0), { timeoutMs: 30_000 });
    const idsByChange = new Map<string, Set<string>>();
    for (const { id, data } of decodeStatusEvents(status.messages)) {
      const change = JSON.stringify(
        'measure' in data
          ? [data.kind, data.measure, data.unit, data.period]
          : [data.kind, data.indicator, data.unit, data.period, data.status, data.previousStatus, data.value, data.previousValue],
      );
      idsByChange.set(change, (idsByChange.get(change) ?? new Set()).add(id));
    }
    expect([...idsByChange].filter(([, ids]) => ids.size > 1)).toEqual([]);
    // Two service starts and the waits above need more than Jest's default on a busy 2-core machine.
  }, 240_000);
});
