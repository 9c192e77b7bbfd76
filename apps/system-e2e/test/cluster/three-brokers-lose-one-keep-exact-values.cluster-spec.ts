import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ConfigResourceTypes } from 'kafkajs';
import request from 'supertest';

import { TOPICS } from '@dx/contracts';
import { createServiceApp, ServiceApp } from '@dx/platform';
import {
  collectMessages,
  createTestDatabase,
  createTestKafka,
  dropTestDatabase,
  expectEventually,
  freePort,
  MessageCollector,
  PrivateKafka,
  startPrivateKafka,
  uniqueSuffix,
} from '@dx/testing';

import { ComputationDatabase } from '../../../computation/test/integration/support/computation-harness.util';
import { expectedValues } from '../../../computation/test/integration/support/expected-values.util';
import { AppModule as IngestionAppModule } from '../../../ingestion/src/app.module';
import { INGESTION_OPTIONS } from '../../../ingestion/src/ingestion.options';
import { cityObservations } from './support/city-observations.util';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const TOTAL = Number(process.env.DX_CLUSTER_TEST_OBSERVATIONS ?? 100_000);
const BATCH = 1_000;
const CONCURRENT_REQUESTS = 2;
// Computation's business clock: 2025 is over, so every generated period is in the past.
const NOW = '2026-01-20T00:00:00+07:00';
const ADMIN = 'cluster-admin-token-0123456789abcdef';

const say = (message: string): void => void process.stdout.write(`[cluster] ${message}\n`);

// Issue 15: three KRaft brokers (replication factor 3, min.insync.replicas 2, acks=all). 100,000
// observations go through ingestion's HTTP API and two computation instances while broker 2 is killed
// with SIGKILL and later restarted: the values end exactly as a full computation gives them and nothing
// lands on a dead-letter topic.
describe('Three brokers, one killed mid-stream', () => {
  const prefix = `cluster-${uniqueSuffix()}.`;
  const observations = cityObservations(TOTAL);
  const firstValues = observations.filter((o) => o.data.revision === 1).length;
  let kafka: PrivateKafka;
  let databaseUrl: string;
  let ingestion: ServiceApp<unknown> | undefined;
  const computations: Array<{ child: ChildProcess; port: number }> = [];
  let db: ComputationDatabase;
  let recorded: MessageCollector | undefined;

  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    KAFKA_BROKERS: kafka.brokers,
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_LAG_INTERVAL_MS: '1000',
    LOG_LEVEL: 'warn',
    DX_ADMIN_TOKEN: ADMIN,
    DX_CLOCK_NOW: NOW,
    COMPUTATION_OVERDUE_INTERVAL_MS: '0',
  });

  /** Messages stored in a topic, from the brokers' offsets (not from a consumer that may have missed some). */
  const messagesIn = async (topic: string): Promise<number> => {
    const admin = createTestKafka({ brokers: kafka.brokers }).admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  };

  const startComputation = async (instance: string): Promise<void> => {
    const port = await freePort();
    const log = openSync(path.join(tmpdir(), `${prefix}computation-${instance}.log`), 'a');
    const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'tools/register.cjs'), path.join(REPO_ROOT, 'apps/computation/src/main.ts')], {
      cwd: REPO_ROOT,
      env: { ...env(), DX_INSTANCE_ID: instance, COMPUTATION_PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    computations.push({ child, port });
    await expectEventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
  };

  beforeAll(async () => {
    const t0 = Date.now();
    kafka = await startPrivateKafka({ nodes: 3 });
    say(`3 brokers up at ${kafka.brokers} in ${Date.now() - t0} ms`);
    databaseUrl = await createTestDatabase('cluster');
    db = new ComputationDatabase(databaseUrl);
    ingestion = await createServiceApp(IngestionAppModule, INGESTION_OPTIONS, env());
    // Listening once: supertest would otherwise listen and close the one server per request, which
    // concurrent requests cannot share.
    await ingestion.app.listen(0, '127.0.0.1');
    await startComputation('c1');
    await startComputation('c2');
    await db.connect();
    say(`ingestion and two computation instances ready after ${Date.now() - t0} ms`);
  });

  afterAll(async () => {
    await recorded?.stop();
    for (const { child } of computations) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    await ingestion?.close();
    await db?.close().catch(() => undefined);
    await kafka?.dispose();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should replicate every topic on three brokers and require two in-sync replicas', async () => {
    const admin = createTestKafka({ brokers: kafka.brokers }).admin();
    await admin.connect();
    try {
      const topics = [TOPICS.observations, TOPICS.indicatorValues, TOPICS.deadLetters].map((t) => prefix + t);
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      for (const topic of metadata) expect(topic.partitions.map((p) => p.replicas.length)).toEqual(topic.partitions.map(() => 3));
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['min.insync.replicas'] })),
      });
      expect(configs.resources.map((r) => r.configEntries[0]?.configValue)).toEqual(topics.map(() => '2'));
    } finally {
      await admin.disconnect();
    }
  });

  it('should end with exactly the expected values and no dead letter when broker 2 is killed and restarted', async () => {
    const http = await (ingestion as ServiceApp<unknown>).app.getUrl();
    const agency = await request(http)
      .post('/v1/agencies')
      .set('Authorization', `Bearer ${ADMIN}`)
      .send({ code: 'cluster-agency', name: 'Cục Thống kê thành phố Cần Thơ', measures: ['*'], units: ['92'] });
    expect(agency.status).toBe(201);

    const totals = { accepted: 0, revised: 0, unchanged: 0, rejected: 0 };
    const rejections = new Map<string, number>();
    const submit = async (items: typeof observations, onBatch: (done: number) => Promise<void>): Promise<void> => {
      const batches: Array<typeof observations> = [];
      for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
      let next = 0;
      let done = 0;
      const worker = async (): Promise<void> => {
        while (next < batches.length) {
          const batch = batches[next++];
          const response = await request(http)
            .post('/v1/observations')
            .set('Authorization', `Bearer ${agency.body.apiKey}`)
            .set('Idempotency-Key', `cluster-${batch[0].id}`)
            .send({ observations: batch.map(({ data }) => ({ measure: data.measure, unit: data.unit, period: data.period, value: data.value })) });
          expect(response.status).toBe(202);
          totals.accepted += response.body.accepted;
          totals.revised += response.body.revised;
          totals.unchanged += response.body.unchanged;
          totals.rejected += response.body.rejected.length;
          for (const { code } of response.body.rejected) rejections.set(code, (rejections.get(code) ?? 0) + 1);
          done += batch.length;
          await onBatch(done);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, worker));
    };

    const t0 = Date.now();
    const marks: Record<string, number> = {};
    // Broker 2 dies after a quarter of the stream and comes back after two thirds of it.
    let killed = false;
    let restarted = false;
    await submit(observations, async (done) => {
      if (!killed && done >= observations.length * 0.25) {
        killed = true;
        marks.processedAtKill = await db.processedCount();
        await kafka.killNode(2);
        marks.killedAtMs = Date.now() - t0;
        say(`broker 2 killed (SIGKILL) at ${marks.killedAtMs} ms: ${done} accepted, ${marks.processedAtKill} applied by computation`);
      } else if (killed && !restarted && done >= observations.length * 0.65) {
        restarted = true;
        await kafka.startNode(2);
        marks.restartedAtMs = Date.now() - t0;
        say(`broker 2 restarted at ${marks.restartedAtMs} ms: ${done} accepted, ${await db.processedCount()} applied by computation`);
      }
    });
    marks.allAcceptedMs = Date.now() - t0;
    expect([killed, restarted]).toEqual([true, true]);
    expect(Object.fromEntries(rejections)).toEqual({});
    expect(totals).toEqual({ accepted: firstValues, revised: observations.length - firstValues, unchanged: 0, rejected: 0 });

    // Every accepted observation reached the log once ingestion's outbox is empty (a relay may resend
    // an event after a broker failure: the same event id, which consumers recognise).
    await expectEventually(async () => expect((await db.client.query('SELECT count(*)::int AS n FROM ingestion.outbox_event')).rows[0].n).toBe(0), {
      timeoutMs: 5 * 60_000,
      intervalMs: 1_000,
    });
    // Read once every broker is back: a consumer that lived through the broker's death may have crashed.
    const onTopic = await messagesIn(`${prefix}${TOPICS.observations}`);
    // A broker failure is not a reason to park an event (only a record the broker refuses as such is).
    expect((await db.client.query('SELECT count(*)::int AS n FROM ingestion.outbox_parked')).rows[0].n).toBe(0);
    recorded = await collectMessages(kafka.brokers, `${prefix}${TOPICS.observations}`);
    // Counted by position: the collector's own consumer may be handed some messages twice (a leadership
    // move back to the restarted broker restarts it from its last commit), which a plain count would
    // take for messages it has not received yet.
    const positions = (): number => new Set(recorded?.messages.map((m) => `${m.partition}:${m.offset}`)).size;
    await expectEventually(() => expect(positions()).toBe(onTopic), { timeoutMs: 120_000, intervalMs: 1_000 });
    expect(new Set(recorded.messages.map((m) => (JSON.parse(m.value ?? '{}') as { id?: string }).id)).size).toBe(observations.length);
    marks.allRecordedMs = Date.now() - t0;

    await expectEventually(async () => expect(await db.processedCount()).toBe(observations.length), { timeoutMs: 10 * 60_000, intervalMs: 1_000 });
    marks.allAppliedMs = Date.now() - t0;
    await expectEventually(async () => expect(await db.outboxCount()).toBe(0), { timeoutMs: 5 * 60_000, intervalMs: 1_000 });

    const expected = expectedValues(observations, new Date(NOW));
    const actual = await db.values();
    expect(actual.size).toBe(expected.size);
    expect(actual).toEqual(expected);

    // Both instances took part, and both report the group's lag on /metrics, drained to zero.
    for (const { port } of computations) {
      await expectEventually(
        async () => {
          const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          const lags = metrics
            .split('\n')
            .filter((line) => line.startsWith(`dx_kafka_consumer_lag{group="${prefix}dx-computation",topic="${prefix}${TOPICS.observations}"`));
          expect(lags).toHaveLength(6);
          expect(lags.map((line) => line.split(' ').pop())).toEqual(lags.map(() => '0'));
        },
        { timeoutMs: 30_000, intervalMs: 1_000 },
      );
    }
    expect(await messagesIn(`${prefix}${TOPICS.deadLetters}`)).toBe(0);
    expect(await messagesIn(`${prefix}${TOPICS.intakeDeadLetters}`)).toBe(0);
    say(
      `${observations.length} observations (${firstValues} first values, ${observations.length - firstValues} revisions), ${expected.size} indicator values exact, dead letters 0; ` +
        `all accepted at ${marks.allAcceptedMs} ms (${Math.round(observations.length / (marks.allAcceptedMs / 1000))} obs/s), ` +
        `all on dx.observations.v1 at ${marks.allRecordedMs} ms (${recorded?.messages.length} messages), ` +
        `all applied at ${marks.allAppliedMs} ms (${Math.round(observations.length / (marks.allAppliedMs / 1000))} obs/s); broker 2 down from ${marks.killedAtMs} to ${marks.restartedAtMs} ms`,
    );
  });
});
