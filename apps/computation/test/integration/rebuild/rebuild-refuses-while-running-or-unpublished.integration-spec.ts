import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Writable } from 'node:stream';

import { Consumer, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

import { createTestDatabase, dropTestDatabase, expectEventually, uniqueSuffix } from '@dx/testing';

import { rebuildComputation } from '../../../src/rebuild/rebuild.service';
import { TAKE_RUNNING_LOCK_EXCLUSIVE_SQL } from '../../../src/rebuild/running-lock';
import { BROKERS, ComputationDatabase, ObservationFeed } from '../support/computation-harness.util';
import { ComputationTestApp, startComputation } from '../support/computation-test-app';
import { generateObservations } from '../support/generate-observations.util';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });

// The rebuild truncates the service's state: it must refuse, changing nothing, while an instance runs
// (even one whose consumer is not in the group) or while the outbox holds events not yet published.
describe('Rebuild guards', () => {
  const prefix = `comp-rebuild-guard-${uniqueSuffix()}.`;
  const observations = generateObservations(200, 3);
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;
  let computation: ComputationTestApp | undefined;
  let db: ComputationDatabase;
  let feed: ObservationFeed;

  // The command as an operator runs it (`nx run computation:rebuild`, `nx run computation:serve`).
  const runScript = async (script: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> => {
    const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'tools/register.cjs'), path.join(REPO_ROOT, script)], {
      cwd: REPO_ROOT,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    // A command that should have refused but runs on is stopped, and fails the test by its exit code.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const [code] = await once(child, 'exit');
    clearTimeout(deadline);
    return { code, stderr };
  };
  const describeGroup = async () => {
    const admin = new Kafka({ clientId: `rebuild-guard-${uniqueSuffix(4)}`, brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      return (await admin.describeGroups([`${prefix}dx-computation`])).groups[0];
    } finally {
      await admin.disconnect();
    }
  };
  const state = async () => ({ processed: await db.processedCount(), values: (await db.values()).size, outbox: await db.outboxCount() });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('computation_rebuild_guard');
    // The database outlives the instance: the rebuild and the scripts run on it.
    computation = await startComputation({ DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix });
    env = computation.env;
    db = new ComputationDatabase(databaseUrl);
    await db.connect();
    feed = new ObservationFeed(prefix);
    await feed.publish(observations);
    await expectEventually(
      async () => {
        expect(await db.processedCount()).toBe(observations.length);
        expect(await db.outboxCount()).toBe(0);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });

  afterAll(async () => {
    await feed?.close();
    await db?.close();
    await computation?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should refuse and change nothing while an instance runs, even with its consumer out of the group', async () => {
    // The instance's relay and scheduler still run; only its consumer has left the group.
    const microservices = computation?.service.app.getMicroservices() ?? [];
    expect(microservices).toHaveLength(1);
    await Promise.all(microservices.map((m) => (m as unknown as { unwrap<T>(): T }).unwrap<Consumer>().disconnect()));
    expect((await describeGroup()).members).toEqual([]);
    const before = await state();

    await expect(rebuildComputation(env, quiet())).rejects.toThrow(/computation:running/);

    expect(await state()).toEqual(before);
  });

  it('should refuse and change nothing while the outbox holds unpublished events, and say so on exit', async () => {
    await computation?.close();
    computation = undefined;
    // What a service stopped while Kafka was down leaves behind.
    await db.client.query(`INSERT INTO computation.outbox_event (topic, message_key, value) VALUES ('dx.indicator-values.v1', 'SOC-01:31117', '{}')`);
    const before = await state();

    await expect(rebuildComputation(env, quiet())).rejects.toThrow(/1 event\(s\) not yet published/);
    expect(await state()).toEqual(before);

    const { code, stderr } = await runScript('apps/computation/src/rebuild.ts');
    expect(code).toBe(1);
    expect(stderr).toContain('rebuild failed: Hộp thư đi còn 1 sự kiện chưa gửi lên Kafka');
    expect(await state()).toEqual(before);
  });

  it('should refuse to start an instance while a rebuild holds the running lock', async () => {
    const rebuild = new Client({ connectionString: databaseUrl });
    await rebuild.connect();
    try {
      expect((await rebuild.query(TAKE_RUNNING_LOCK_EXCLUSIVE_SQL)).rows[0].locked).toBe(true);

      const { code, stderr } = await runScript('apps/computation/src/main.ts', { COMPUTATION_PORT: String(40_000 + Math.floor(Math.random() * 20_000)) });

      expect(code).toBe(1);
      expect(stderr).toContain('a rebuild of the computation state is running');
    } finally {
      await rebuild.end();
    }
  });
});
