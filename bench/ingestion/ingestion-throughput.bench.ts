// Ingestion throughput (issue #4, quality.md "Speed"): N observations (default 1,000,000) over the Can Tho
// units in batches of 1,000 through the HTTP API, against a raw kafkajs produce of the same messages in the
// same run. Prints one markdown table; `npm run bench ingestion` also writes it to bench/results/.
// Not a test: nothing is asserted.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

import { Kafka, logLevel } from 'kafkajs';

import { encodeEvent, ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { DEFAULT_CATALOGUE, HierarchyRegistry, Measure } from '@dx/domain';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureInfra } = require('../../tools/infra/local-infra.cjs');

const REPO = path.resolve(__dirname, '../..');
const TOTAL = Number(process.env.BENCH_OBSERVATIONS ?? 1_000_000);
const BATCH = 1_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const ADMIN = 'bench-admin-token-0123456789';

interface Item {
  measure: string;
  unit: string;
  period: string;
  value: number;
}

/** Valid observations over every unit and level-appropriate measure, going back a year at a time. */
function* observations(): Generator<Item> {
  const hierarchy = HierarchyRegistry.withDefaults().inForce('2024');
  const plain = DEFAULT_CATALOGUE.measures.filter((m: Measure) => m.code !== 'dti.rank' && m.code !== 'fibre.available');
  let produced = 0;
  for (let year = 2025; produced < TOTAL; year -= 1) {
    for (const measure of plain) {
      const periods =
        measure.frequency === 'month'
          ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
          : measure.frequency === 'quarter'
            ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
            : [`${year}`];
      for (const unit of hierarchy.units.filter((u) => measure.levels.includes(u.level as 1 | 2 | 3))) {
        for (const period of periods) {
          if (produced >= TOTAL) return;
          produced += 1;
          yield { measure: measure.code, unit: unit.code, period, value: 100 + (produced % 900) };
        }
      }
    }
  }
}

function batches(): Item[][] {
  const all: Item[][] = [];
  let current: Item[] = [];
  for (const item of observations()) {
    current.push(item);
    if (current.length === BATCH) {
      all.push(current);
      current = [];
    }
  }
  if (current.length > 0) all.push(current);
  return all;
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error('ingestion exited');
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('ingestion not ready');
}

async function rawProduceRate(kafka: Kafka, prefix: string, work: Item[][]): Promise<number> {
  const topic = `${prefix}raw.observations`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6 }] });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const recordedAt = new Date().toISOString();
  const started = performance.now();
  let queue = 0;
  const run = async (): Promise<void> => {
    while (queue < work.length) {
      const batch = work[queue++];
      const messages = batch.map((o, i) =>
        encodeEvent(ObservationRecordedV1, { observationId: `raw-${i}`, agency: 'bench', ...o, revision: 1, recordedAt }, { source: '/bench' }),
      );
      await producer.send({ topic, acks: -1, messages });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, run));
  const seconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  return TOTAL / seconds;
}

async function main(): Promise<void> {
  const infra = await ensureInfra({ purpose: 'test', log: () => undefined });
  const prefix = `bench-${Date.now()}.`;
  const kafka = new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const work = batches();
  const port = 13_101;
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = new URL(infra.databaseUrl);
  databaseUrl.pathname = `/bench_${Date.now()}`;
  // BENCH_SERVICE_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to profile the service.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '-r', path.join(REPO, 'tools/register.cjs'), path.join(REPO, 'apps/ingestion/src/main.ts')], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers,
      DATABASE_URL: databaseUrl.toString(),
      KAFKA_TOPIC_PREFIX: prefix,
      INGESTION_PORT: String(port),
      DX_ADMIN_TOKEN: ADMIN,
      INGESTION_RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'warn',
    },
  });
  try {
    await waitReady(url, child);
    const created = await fetch(`${url}/v1/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'bench', name: 'Bench', measures: ['*'], units: ['92'] }),
    });
    const { apiKey } = (await created.json()) as { apiKey: string };

    // Counts what reaches dx.observations.v1, from before the first request.
    let seen = 0;
    let lastSeenAt = 0;
    const consumer = kafka.consumer({ groupId: `${prefix}counter`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}${TOPICS.observations}`, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        lastSeenAt = performance.now();
      },
    });

    const started = performance.now();
    let next = 0;
    let accepted = 0;
    let lastAcceptedAt = 0;
    const sender = async (): Promise<void> => {
      while (next < work.length) {
        const batch = work[next++];
        const response = await fetch(`${url}/v1/observations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ observations: batch }),
        });
        const body = (await response.json()) as { accepted?: number };
        if (response.status !== 202) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
        accepted += body.accepted ?? 0;
        lastAcceptedAt = performance.now();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    while (seen < accepted) await new Promise((r) => setTimeout(r, 50));
    await consumer.disconnect();

    const rss = Number(
      (await (await fetch(`${url}/metrics`)).text()).match(/^process_resident_memory_bytes (\S+)$/m)?.[1] ?? Number.NaN,
    );
    const acceptRate = accepted / ((lastAcceptedAt - started) / 1000);
    const publishRate = accepted / ((lastSeenAt - started) / 1000);
    const raw = await rawProduceRate(kafka, prefix, work);

    const f = (n: number) => Math.round(n).toLocaleString('en-US');
    process.stdout.write(
      [
        `## Ingestion throughput — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${f(TOTAL)} observations, batches of ${BATCH}, ${CONCURRENCY} concurrent clients`,
        '',
        '| figure | observations/s | × raw produce |',
        '| --- | ---: | ---: |',
        `| raw kafkajs produce of the same messages (baseline) | ${f(raw)} | 1.00 |`,
        `| accepted by POST /v1/observations (202) | ${f(acceptRate)} | ${(acceptRate / raw).toFixed(2)} |`,
        `| published on dx.observations.v1 (first request → last event) | ${f(publishRate)} | ${(publishRate / raw).toFixed(2)} |`,
        '',
        `Accepted ${f(accepted)}; ingestion resident memory at the end: ${f(rss / 1024 / 1024)} MB. Goal: published ≥ 0.50 × raw.`,
        '',
      ].join('\n'),
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await infra.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
