// Ingestion throughput (issues 4 and 14, quality.md "Speed"): for each size of BENCH_SIZES (default 100,000
// and 1,000,000 observations), the observations over the Can Tho units in batches of 1,000 through the HTTP
// API of the service (its own process), against a raw kafkajs produce of the same messages in the same run.
// Prints one markdown section; the figures go to the summary table of `npm run bench`.
// It also checks that nothing accepted is lost (issue #8): every event a 202 announced must be on
// dx.observations.v1, counted by distinct event id; the script fails when one is missing.
// `BENCH_SIZES=200000 BENCH_CONCURRENCY=16 npm run bench ingestion` is that check's reference run.
import { Kafka, logLevel } from 'kafkajs';

import { encodeEvent, ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { DEFAULT_CATALOGUE, HierarchyRegistry, Measure } from '@dx/domain';
import { createTestDatabase, dropTestDatabase, uniqueSuffix } from '@dx/testing';

import {
  benchInfra,
  benchSizes,
  formatCount,
  HighestMemory,
  Infra,
  log,
  recordFigure,
  ResidentMemory,
  RunningService,
  startService,
} from '../support/bench-support';

const BATCH = 1_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const ADMIN = 'bench-admin-token-0123456789';
// No new event for this long after the last request: whatever is missing then is lost.
const QUIET_MS = 60_000;

interface Item {
  measure: string;
  unit: string;
  period: string;
  value: number;
}

/**
 * Valid observations over every unit of the 2024 structure and level-appropriate measure, going back a year
 * at a time from 2024 to 2000 (the earliest period accepted; the 2024 units do not exist after 2025-06); past
 * 2000 the same cells again with other values, as revisions.
 */
function* observations(total: number): Generator<Item> {
  const hierarchy = HierarchyRegistry.withDefaults().inForce('2024');
  const plain = DEFAULT_CATALOGUE.measures.filter((m: Measure) => m.code !== 'dti.rank' && m.code !== 'fibre.available');
  let produced = 0;
  const [LATEST, EARLIEST] = [2024, 2000];
  for (let round = 0; produced < total; round += 1) {
    const year = LATEST - (round % (LATEST - EARLIEST + 1));
    for (const measure of plain) {
      const periods =
        measure.frequency === 'month'
          ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
          : measure.frequency === 'quarter'
            ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
            : [`${year}`];
      for (const unit of hierarchy.units.filter((u) => measure.levels.includes(u.level as 1 | 2 | 3))) {
        for (const period of periods) {
          if (produced >= total) return;
          produced += 1;
          yield { measure: measure.code, unit: unit.code, period, value: 100 + ((produced + round) % 900) };
        }
      }
    }
  }
}

function batches(total: number): Item[][] {
  const all: Item[][] = [];
  let current: Item[] = [];
  for (const item of observations(total)) {
    current.push(item);
    if (current.length === BATCH) {
      all.push(current);
      current = [];
    }
  }
  if (current.length > 0) all.push(current);
  return all;
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
  return work.reduce((sum, batch) => sum + batch.length, 0) / seconds;
}

interface SizeResult {
  lines: string[];
  publishRate: number;
  raw: number;
  service: RunningService;
  memory: ResidentMemory;
}

async function measure(infra: Infra, kafka: Kafka, total: number): Promise<SizeResult> {
  const prefix = `bench-ing-${uniqueSuffix(4)}.`;
  const work = batches(total);
  const databaseUrl = await createTestDatabase('bench_ingestion');
  const service = await startService('ingestion', {
    KAFKA_BROKERS: infra.kafkaBrokers,
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: prefix,
    DX_ADMIN_TOKEN: ADMIN,
    INGESTION_RATE_LIMIT_PER_MINUTE: '100000000',
    HTTP_RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
  });
  const { url } = service;
  try {
    const created = await fetch(`${url}/v1/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'bench', name: 'Bench', measures: ['*'], units: ['92'] }),
    });
    const { apiKey } = (await created.json()) as { apiKey: string };

    // What reaches dx.observations.v1, from before the first request: distinct event ids
    // (`<observationId>:<revision>`), so a re-published duplicate counts once and a lost event shows.
    const eventIds = new Set<string>();
    const observationIds = new Set<string>();
    let messagesSeen = 0;
    let lastSeenAt = 0;
    const consumer = kafka.consumer({ groupId: `${prefix}counter`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}${TOPICS.observations}`, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const event = JSON.parse(message.value?.toString('utf8') ?? '{}') as { id: string; data: { observationId: string } };
          messagesSeen += 1;
          eventIds.add(event.id);
          observationIds.add(event.data.observationId);
        }
        lastSeenAt = performance.now();
      },
    });

    const started = performance.now();
    let next = 0;
    let accepted = 0;
    let lastAcceptedAt = 0;
    let retried = 0;
    const sender = async (): Promise<void> => {
      while (next < work.length) {
        const index = next++;
        const batch = work[index];
        let response: Response;
        // As an agency's client should: a 503 (busy or briefly unavailable) is retried after Retry-After,
        // with the same Idempotency-Key, so a retry never counts twice.
        for (;;) {
          response = await fetch(`${url}/v1/observations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': `${prefix}${index}` },
            body: JSON.stringify({ observations: batch }),
          });
          if (response.status !== 503) break;
          retried += 1;
          await response.arrayBuffer();
          await new Promise((r) => setTimeout(r, 1000 * Number(response.headers.get('retry-after') ?? 1)));
        }
        const body = (await response.json()) as { accepted?: number; revised?: number };
        if (response.status !== 202) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
        // Each accepted or revised observation is one observation.recorded event.
        accepted += (body.accepted ?? 0) + (body.revised ?? 0);
        lastAcceptedAt = performance.now();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    // Until every announced event is there, or nothing new came for a while (then some are lost).
    for (let quietSince = performance.now(); eventIds.size < accepted && performance.now() - quietSince < QUIET_MS;) {
      const before = messagesSeen;
      await new Promise((r) => setTimeout(r, 100));
      if (messagesSeen !== before) quietSince = performance.now();
    }
    await consumer.disconnect();
    const missing = accepted - eventIds.size;

    const memory = await service.stop();
    const acceptRate = accepted / ((lastAcceptedAt - started) / 1000);
    const publishRate = accepted / ((lastSeenAt - started) / 1000);
    const raw = await rawProduceRate(kafka, prefix, work);

    const f = formatCount;
    if (missing !== 0) throw new Error(`${missing} accepted observations never reached dx.observations.v1`);
    return {
      publishRate,
      raw,
      service,
      memory,
      lines: [
        `### ${f(total)} observations`,
        '',
        '| figure | observations/s | × raw produce |',
        '| --- | ---: | ---: |',
        `| raw kafkajs produce of the same messages (baseline) | ${f(raw)} | 1.00 |`,
        `| accepted by POST /v1/observations (202) | ${f(acceptRate)} | ${(acceptRate / raw).toFixed(2)} |`,
        `| published on dx.observations.v1 (first request → last event) | ${f(publishRate)} | ${(publishRate / raw).toFixed(2)} |`,
        '',
        `Accepted ${f(accepted)}; ingestion resident memory at the end ${f(memory.endMb)} MB, peak ${f(memory.peakMb)} MB. Goal: published ≥ 0.50 × raw.`,
        '',
        `Nothing lost: ${f(accepted)} observations accepted (202; ${f(retried)} requests answered 503 and retried), ${f(eventIds.size)} distinct event ids and ${f(observationIds.size)} distinct observation ids on dx.observations.v1 (${f(messagesSeen)} messages), ${f(missing)} missing; ${((lastSeenAt - started) / 1000).toFixed(1)} s from the first request to the last event.`,
        '',
      ],
    };
  } finally {
    await service.stop();
    await dropTestDatabase(databaseUrl);
  }
}

async function main(): Promise<void> {
  const infra = await benchInfra();
  process.env.DATABASE_URL = infra.databaseUrl;
  const kafka = new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const lines = [
    `## Ingestion throughput — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, batches of ${BATCH}, ${CONCURRENCY} concurrent clients`,
    '',
  ];
  const memory = new HighestMemory();
  try {
    for (const total of benchSizes()) {
      log(`ingestion, ${formatCount(total)} observations`);
      const result = await measure(infra, kafka, total);
      lines.push(...result.lines);
      const ratio = result.publishRate / result.raw;
      recordFigure({
        figure: `ingestion throughput, ${formatCount(total)} observations (published on dx.observations.v1)`,
        measured: result.publishRate,
        unit: 'obs/s',
        baseline: { label: 'raw kafkajs produce', value: result.raw, unit: 'obs/s' },
        ratio: { value: ratio, as: 'times' },
        goal: { text: '≥ 0.50 × raw', met: ratio >= 0.5 },
      });
      memory.note(result.service, result.memory);
    }
    memory.record('throughput run (highest of every ingestion run)');
    process.stdout.write(lines.join('\n'));
  } finally {
    await infra.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
