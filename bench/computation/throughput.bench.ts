// Throughput and rebuild of the computation service (issue #5). Not a test: it asserts nothing and
// prints one markdown table. Needs KAFKA_BROKERS and DATABASE_URL (a server where it may create and drop
// a database named computation_bench_*). BENCH_OBSERVATIONS (default 1,000,000) sets the stream size.
//   1. raw baseline: the same encoded messages produced to and consumed from one topic with kafkajs;
//   2. the service (in-process, as in production): observations/s from the first message produced until
//      the last indicator value is published (every event processed, outbox empty);
//   3. rebuild from the topic against PostgreSQL COPY of the same observation rows.
import { randomBytes } from 'node:crypto';
import { writeFileSync, unlinkSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';

import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

import { encodeEvent, EncodedMessage, ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { DEFAULT_CATALOGUE, finerPeriods, formatPeriod, HierarchyRegistry } from '@dx/domain';
import { seededRandom } from '@dx/testing';

import { rebuildComputation } from '../../apps/computation/src/rebuild/rebuild.service';
import { startComputation } from '../../apps/computation/test/integration/support/computation-test-app';

const COUNT = Number(process.env.BENCH_OBSERVATIONS ?? 1_000_000);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:55432/dx';
const NOW = '2026-01-20T00:00:00+07:00';
// Batches of 1,000 as agencies submit them (quality.md); under the broker's 1 MB request limit.
const PRODUCE_CHUNK = 1_000;
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

// Every (measure, unit, period) the Can Tho catalogue expects for 2021–2025, reported in time order,
// then revised again and again (each round a new revision of every cell) until COUNT observations.
function observations(): { data: ObservationRecordedV1; id: string }[] {
  const next = seededRandom(2025);
  // Each period is reported by the units of the hierarchy version in force for it (2025-07 from July 2025).
  const hierarchies = HierarchyRegistry.withDefaults();
  const cells: { measure: string; unit: string; period: string; dimensions?: Record<string, string> }[] = [];
  for (let year = 2021; year <= 2025; year++) {
    for (const measure of DEFAULT_CATALOGUE.measures) {
      for (const period of finerPeriods(String(year), measure.frequency).map(formatPeriod)) {
        for (const level of measure.levels) {
          for (const unit of hierarchies.inForce(period).unitsAtLevel(level)) {
            const dimension = Object.entries(measure.dimensions)[0];
            if (dimension)
              for (const value of dimension[1]) cells.push({ measure: measure.code, unit: unit.code, period, dimensions: { [dimension[0]]: value } });
            else cells.push({ measure: measure.code, unit: unit.code, period });
          }
        }
      }
    }
  }
  const result: { data: ObservationRecordedV1; id: string }[] = [];
  const recordedAt = new Date().toISOString();
  for (let revision = 1; result.length < COUNT; revision++) {
    for (const cell of cells) {
      if (result.length >= COUNT) break;
      const value =
        cell.measure === 'fibre.available'
          ? next() < 0.9
            ? 1
            : 0
          : cell.measure === 'dti.rank'
            ? 1 + Math.floor(next() * 30)
            : 1000 + Math.floor(next() * 9000);
      const observationId = `${cell.measure}/${cell.unit}/${cell.period}/${cell.dimensions?.sector ?? ''}`;
      result.push({ id: `${observationId}:${revision}`, data: { observationId, agency: 'bench', ...cell, value, revision, recordedAt } });
    }
  }
  return result;
}

async function produce(kafka: Kafka, topic: string, messages: readonly EncodedMessage[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let i = 0; i < messages.length; i += PRODUCE_CHUNK) {
    await producer.send({ topic, acks: -1, messages: messages.slice(i, i + PRODUCE_CHUNK) });
  }
  await producer.disconnect();
}

async function rawBaseline(kafka: Kafka, messages: readonly EncodedMessage[]): Promise<number> {
  const topic = `bench-raw-${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, replicationFactor: 1 }] });
  const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 250 });
  let consumed = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      consumed += batch.messages.length;
      if (consumed >= messages.length) done();
    },
  });
  const start = performance.now();
  await produce(kafka, topic, messages);
  await finished;
  const ms = performance.now() - start;
  await consumer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  return ms;
}

async function waitFor(condition: () => Promise<boolean>, report: () => Promise<string>): Promise<void> {
  let lastReport = 0;
  while (!(await condition())) {
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      log(await report());
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function copyBaseline(db: Client, rows: readonly { data: ObservationRecordedV1 }[]): Promise<number> {
  const file = path.join(tmpdir(), `computation-bench-${randomBytes(4).toString('hex')}.tsv`);
  writeFileSync(
    file,
    rows
      .map(({ data: d }) => [d.measure, d.unit, d.period, d.dimensions?.sector ?? '', d.value, d.revision, d.observationId, d.recordedAt].join('\t'))
      .join('\n'),
  );
  chmodSync(file, 0o644);
  await db.query(
    `CREATE TABLE bench_copy (measure text, unit text, period text, dimensions_key text, value float8, revision int, observation_id text, recorded_at timestamptz)`,
  );
  const start = performance.now();
  await db.query(`COPY bench_copy FROM '${file}'`);
  const ms = performance.now() - start;
  await db.query(`DROP TABLE bench_copy`);
  unlinkSync(file);
  return ms;
}

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-computation', brokers: BROKERS, logLevel: logLevel.NOTHING });
  log(`generating ${COUNT} observations`);
  const stream = observations();
  const encoded = stream.map((o) => encodeEvent(ObservationRecordedV1, o.data, { source: '/bench/ingestion', id: o.id }));

  log('raw kafkajs produce-and-consume');
  const rawMs = await rawBaseline(kafka, encoded);

  const database = `computation_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  const prefix = `bench-${randomBytes(4).toString('hex')}.`;
  const db = new Client({ connectionString: url.toString() });
  try {
    log('computation service');
    const computation = await startComputation({ DATABASE_URL: url.toString(), KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'error', DX_CLOCK_NOW: NOW });
    await db.connect();
    const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM computation.${table}`)).rows[0].n as number;
    const start = performance.now();
    await produce(kafka, `${prefix}${TOPICS.observations}`, encoded);
    log(`produced in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    await waitFor(
      async () => (await count('processed_event')) === COUNT && (await count('outbox_event')) === 0,
      async () =>
        `processed ${await count('processed_event')}/${COUNT}, outbox ${await count('outbox_event')}, ${((performance.now() - start) / 1000).toFixed(0)} s`,
    );
    const serviceMs = performance.now() - start;
    const values = await count('indicator_value');
    const memoryMb = process.memoryUsage().rss / 1024 / 1024;
    await computation.close();

    log('rebuild');
    const progress = new Writable({
      write: (chunk, _encoding, done) => {
        process.stderr.write(chunk);
        done();
      },
    });
    const rebuild = await rebuildComputation(computation.env, progress);
    log('COPY of the same rows');
    const copyMs = await copyBaseline(db, stream);

    const rawRate = (COUNT * 1000) / rawMs;
    const serviceRate = (COUNT * 1000) / serviceMs;
    process.stdout.write(
      [
        `## computation service — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`,
        '',
        `${COUNT} observations (every Can Tho cell of 2021–2025, then revisions), ${values} indicator values; one instance, in-process, RSS ${memoryMb.toFixed(0)} MB at the end (bench process, includes the data set).`,
        '',
        '| figure | time s | obs/s | ratio | goal |',
        '| --- | ---: | ---: | ---: | --- |',
        `| raw kafkajs produce + consume, same messages | ${(rawMs / 1000).toFixed(1)} | ${rawRate.toFixed(0)} | 1 | baseline |`,
        `| service: first produce → last value published | ${(serviceMs / 1000).toFixed(1)} | ${serviceRate.toFixed(0)} | ${((serviceRate / rawRate) * 100).toFixed(1)} % of raw | ≥ 50 % |`,
        `| PostgreSQL COPY of the same rows | ${(copyMs / 1000).toFixed(1)} | ${((COUNT * 1000) / copyMs).toFixed(0)} | 1 | baseline |`,
        `| rebuild from the topic | ${(rebuild.elapsedMs / 1000).toFixed(1)} | ${((COUNT * 1000) / rebuild.elapsedMs).toFixed(0)} | ${(rebuild.elapsedMs / copyMs).toFixed(1)} × COPY | ≤ 3 × |`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
