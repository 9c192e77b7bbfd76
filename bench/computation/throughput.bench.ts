// Computation throughput, how it grows, and the rebuild (issues 5 and 14; quality.md "Speed"). Not a test:
// it asserts nothing. For each size of BENCH_SIZES (default 100,000 and 1,000,000 observations):
//   1. baseline: the same encoded messages produced to and consumed from one topic with kafkajs;
//   2. the service as its own process(es), with one and with two instances in one consumer group
//      (BENCH_INSTANCES, default "1,2"): observations/s from the first message produced until every
//      observation is consumed and the last indicator value published (group at the end, outbox empty);
//   3. after the one-instance run: the rebuild of computation (`nx run computation:rebuild`) and of
//      reporting (`nx run reporting:rebuild`, from the indicator values that run published), against
//      PostgreSQL COPY of the same observation rows into a plain table (the COPY file must be readable by
//      the server: a local PostgreSQL, as `npm run bench` starts).
// Prints one markdown section; the figures go to the summary table of `npm run bench`.
import { randomBytes } from 'node:crypto';
import { chmodSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';

import { Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

import { encodeEvent, EncodedMessage, ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { DEFAULT_CATALOGUE, finerPeriods, formatPeriod, HierarchyRegistry, seededRandom } from '@dx/domain';
import { consumerGroupId } from '@dx/messaging';
import { createTestDatabase, dropTestDatabase, uniqueSuffix } from '@dx/testing';

import { rebuildComputation } from '../../apps/computation/src/rebuild/rebuild.service';
import { rebuildReporting } from '../../apps/reporting/src/rebuild/rebuild.command';
import { benchInfra, benchSizes, formatCount, HighestMemory, log, recordFigure, ResidentMemory, RunningService, startService } from '../support/bench-support';

const NOW = '2026-01-20T00:00:00+07:00';
// Batches of 1,000 as agencies submit them (quality.md); under the broker's 1 MB request limit.
const PRODUCE_CHUNK = 1_000;
const INSTANCES = (process.env.BENCH_INSTANCES ?? '1,2').split(',').map(Number);

interface Generated {
  data: ObservationRecordedV1;
  id: string;
}

// Every (measure, unit, period) the Can Tho catalogue expects for 2021–2025, reported in time order,
// then revised again and again (each round a new revision of every cell) until `count` observations.
function observations(count: number): Generated[] {
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
  const result: Generated[] = [];
  const recordedAt = new Date().toISOString();
  for (let revision = 1; result.length < count; revision++) {
    for (const cell of cells) {
      if (result.length >= count) break;
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

async function copyBaseline(db: Client, rows: readonly Generated[]): Promise<number> {
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

/** Messages of `topic` the group has not committed yet (all of them when it has committed nothing). */
async function lag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return ends.reduce((sum, end) => {
    const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
    return sum + Number(BigInt(end.high) - (BigInt(at) < 0n ? BigInt(end.low) : BigInt(at)));
  }, 0);
}

interface ServiceRun {
  ms: number;
  values: number;
  memory: ResidentMemory[];
  instances: RunningService[];
  env: NodeJS.ProcessEnv;
}

/** Produces every message to the service's topic and waits until it is all consumed and published. */
async function serviceRun(kafka: Kafka, encoded: readonly EncodedMessage[], instances: number, env: NodeJS.ProcessEnv): Promise<ServiceRun> {
  const prefix = env.KAFKA_TOPIC_PREFIX as string;
  const running: RunningService[] = [];
  for (let i = 0; i < instances; i++) running.push(await startService('computation', env));
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = `${prefix}${TOPICS.observations}`;
    const group = consumerGroupId(prefix, 'computation');
    const outbox = async () => (await db.query(`SELECT count(*)::int AS n FROM computation.outbox_event`)).rows[0].n as number;
    const start = performance.now();
    await produce(kafka, topic, encoded);
    log(`produced ${formatCount(encoded.length)} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    let lastReport = performance.now();
    for (;;) {
      const behind = await lag(admin, group, topic);
      const pending = behind === 0 ? await outbox() : Number.NaN;
      if (behind === 0 && pending === 0) break;
      for (const instance of running) if (instance.child.exitCode !== null) throw new Error('a computation instance exited');
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        log(`computation ×${instances}: ${formatCount(behind)} observations not consumed yet, ${((performance.now() - start) / 1000).toFixed(0)} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const ms = performance.now() - start;
    const values = (await db.query(`SELECT count(*)::int AS n FROM computation.indicator_value`)).rows[0].n as number;
    const memory: ResidentMemory[] = [];
    for (const instance of running) memory.push(await instance.stop());
    return { ms, values, memory, instances: running, env };
  } finally {
    await admin.disconnect();
    await db.end();
    for (const instance of running) await instance.stop();
  }
}

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });

async function main(): Promise<void> {
  const infra = await benchInfra();
  // createTestDatabase and the rebuilds read the server from here.
  process.env.DATABASE_URL = infra.databaseUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  const kafka = new Kafka({ clientId: 'bench-computation', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const lines: string[] = [
    `## Computation — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`,
    '',
    'Observations: every Can Tho cell of 2021–2025, then revisions of them. Service: its own process(es), from first produce to every observation consumed and the outbox empty. Rebuild: computation then reporting, each from its topics.',
    '',
    '| observations | figure | time s | obs/s | ratio | goal |',
    '| ---: | --- | ---: | ---: | ---: | --- |',
  ];
  const notes: string[] = [];
  const memory = new HighestMemory();
  try {
    for (const count of benchSizes()) {
      log(`generating ${formatCount(count)} observations`);
      const stream = observations(count);
      const encoded = stream.map((o) => encodeEvent(ObservationRecordedV1, o.data, { source: '/bench/ingestion', id: o.id }));
      log('raw kafkajs produce-and-consume');
      const rawMs = await rawBaseline(kafka, encoded);
      const rawRate = (count * 1000) / rawMs;
      lines.push(
        `| ${formatCount(count)} | raw kafkajs produce + consume, same messages | ${(rawMs / 1000).toFixed(1)} | ${formatCount(rawRate)} | 1 | baseline |`,
      );
      for (const instances of INSTANCES) {
        const databaseUrl = await createTestDatabase('bench_computation');
        const env: NodeJS.ProcessEnv = {
          DATABASE_URL: databaseUrl,
          KAFKA_BROKERS: infra.kafkaBrokers,
          KAFKA_TOPIC_PREFIX: `bench-comp-${uniqueSuffix(4)}.`,
          LOG_LEVEL: 'error',
          DX_CLOCK_NOW: NOW,
          COMPUTATION_OVERDUE_INTERVAL_MS: '0',
        };
        try {
          log(`computation, ${instances} instance(s), ${formatCount(count)} observations`);
          const run = await serviceRun(kafka, encoded, instances, env);
          const rate = (count * 1000) / run.ms;
          const percent = (rate / rawRate) * 100;
          lines.push(
            `| ${formatCount(count)} | service, ${instances} instance${instances > 1 ? 's' : ''} in one group: first produce → last value published | ${(run.ms / 1000).toFixed(1)} | ${formatCount(rate)} | ${percent.toFixed(1)} % of raw | ≥ 50 % |`,
          );
          notes.push(
            `${formatCount(count)} observations, ${instances} instance(s): ${formatCount(run.values)} indicator values; RSS at the end ${run.memory.map((m) => `${m.endMb.toFixed(0)} MB`).join(', ')}, peak ${run.memory.map((m) => `${m.peakMb.toFixed(0)} MB`).join(', ')}.`,
          );
          recordFigure({
            figure: `computation throughput, ${formatCount(count)} observations, ${instances} instance${instances > 1 ? 's' : ''}`,
            measured: rate,
            unit: 'obs/s',
            baseline: { label: 'raw kafkajs produce + consume', value: rawRate, unit: 'obs/s' },
            ratio: { value: percent, as: 'percent' },
            goal: { text: '≥ 50 % of raw', met: percent >= 50 },
          });
          run.memory.forEach((stopped, i) => memory.note(run.instances[i], stopped));
          if (instances === 1) await rebuild(count, stream, env, lines, notes);
        } finally {
          await dropTestDatabase(databaseUrl);
        }
      }
    }
    memory.record('throughput run (highest of every computation run)');
    process.stdout.write([...lines, '', ...notes, ''].join('\n'));
  } finally {
    await infra.stop();
  }
}

/** Computation's and reporting's rebuilds from the topics the service run left, against COPY of the same rows. */
async function rebuild(count: number, stream: readonly Generated[], env: NodeJS.ProcessEnv, lines: string[], notes: string[]): Promise<void> {
  log('rebuild: computation');
  const computation = await rebuildComputation({ ...process.env, ...env }, discard);
  const reportingUrl = await createTestDatabase('bench_reporting');
  let reportingMs: number;
  try {
    log('rebuild: reporting');
    const reporting = await rebuildReporting({ ...process.env, ...env, DATABASE_URL: reportingUrl }, discard);
    reportingMs = reporting.elapsedMs;
    notes.push(
      `Rebuild of ${formatCount(count)}: computation ${formatCount(computation.messages)} messages → ${formatCount(computation.facts)} facts, ${formatCount(computation.values)} values in ${(computation.elapsedMs / 1000).toFixed(1)} s; reporting ${formatCount(reporting.messages)} messages → ${formatCount(reporting.values)} values in ${(reporting.elapsedMs / 1000).toFixed(1)} s.`,
    );
  } finally {
    await dropTestDatabase(reportingUrl);
  }
  log('COPY of the same rows');
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const copyMs = await copyBaseline(db, stream).finally(() => db.end());
  const totalMs = computation.elapsedMs + reportingMs;
  const rate = (ms: number) => formatCount((count * 1000) / ms);
  lines.push(
    `| ${formatCount(count)} | PostgreSQL COPY of the same observation rows | ${(copyMs / 1000).toFixed(2)} | ${rate(copyMs)} | 1 | baseline |`,
    `| ${formatCount(count)} | rebuild: computation | ${(computation.elapsedMs / 1000).toFixed(1)} | ${rate(computation.elapsedMs)} | ${(computation.elapsedMs / copyMs).toFixed(1)} × COPY | |`,
    `| ${formatCount(count)} | rebuild: reporting | ${(reportingMs / 1000).toFixed(1)} | ${rate(reportingMs)} | ${(reportingMs / copyMs).toFixed(1)} × COPY | |`,
    `| ${formatCount(count)} | rebuild: both | ${(totalMs / 1000).toFixed(1)} | ${rate(totalMs)} | ${(totalMs / copyMs).toFixed(1)} × COPY | ≤ 3 × |`,
  );
  recordFigure({
    figure: `rebuild (computation + reporting), ${formatCount(count)} observations`,
    measured: totalMs / 1000,
    unit: 's',
    baseline: { label: 'PostgreSQL COPY of the same rows', value: copyMs / 1000, unit: 's' },
    ratio: { value: totalMs / copyMs, as: 'times' },
    goal: { text: '≤ 3 × COPY', met: totalMs / copyMs <= 3 },
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
