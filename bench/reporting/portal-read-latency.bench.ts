// Portal read latency (issue 12, quality.md "Speed"): GET /v1/scorecard and /v1/indicators/{code}/series
// under 1,000 requests/s from autocannon on loopback (p99), and their most requests/s, against a static
// JSON route of the same server (`/health/live`) in the same run. The service runs as its own process on
// a read model of 16 indicators × every unit × 22 quarters. Prints one markdown table; not a test.
import { randomBytes } from 'node:crypto';

import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

import { IndicatorComputedV1, ProducedIndicatorComputedV1 } from '@dx/contracts';
import { DEFAULT_CATALOGUE, HierarchyRegistry } from '@dx/domain';
import { EventPublisher } from '@dx/messaging';

import { benchInfra, recordFigure, recordMemory, RunningService, startService } from '../support/bench-support';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const RATE = 1_000;
const QUARTERS = Array.from({ length: 22 }, (_, i) => `${2020 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function main(): Promise<void> {
  const infra = await benchInfra();
  const suffix = randomBytes(4).toString('hex');
  const prefix = `bench-rep-${suffix}.`;
  const serverUrl = new URL(infra.databaseUrl);
  const database = `bench_reporting_test_${suffix}`;
  const admin = new Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(serverUrl.toString());
  databaseUrl.pathname = `/${database}`;
  let service: RunningService | undefined;
  try {
    service = await startService('reporting', {
      KAFKA_BROKERS: infra.kafkaBrokers,
      DATABASE_URL: databaseUrl.toString(),
      KAFKA_TOPIC_PREFIX: prefix,
      HTTP_RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    });
    const base = service.url;

    // The read model: what computation would have published for every unit of the three-level version.
    const hierarchies = HierarchyRegistry.withDefaults();
    const units = hierarchies.inForce('2024').units;
    const values: ProducedIndicatorComputedV1[] = [];
    for (const indicator of DEFAULT_CATALOGUE.indicators) {
      for (const unit of units.filter((u) => indicator.levels.includes(u.level))) {
        QUARTERS.forEach((period, i) => {
          values.push({
            indicator: indicator.code,
            unit: unit.code,
            period,
            value: 40 + i * 2,
            numerator: 400 + i * 20,
            denominator: 1000,
            status: 'on_track',
            expected: 40 + i * 2,
            coverage: { reported: 1, expected: 1 },
            hierarchyVersion: hierarchies.inForce(period).id,
            computedAt: new Date().toISOString(),
          });
        });
      }
    }
    const publisher = new EventPublisher(
      new Kafka({ clientId: `bench-${suffix}`, brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }),
      '/bench',
      prefix,
    );
    for (let i = 0; i < values.length; i += 2_000) {
      await publisher.publishMany(values.slice(i, i + 2_000).map((data) => ({ contract: IndicatorComputedV1, data })));
    }
    await publisher.disconnect();
    const db = new Client({ connectionString: databaseUrl.toString() });
    await db.connect();
    await waitFor(async () => (await db.query('SELECT count(*)::int AS n FROM reporting.indicator_value')).rows[0].n === values.length, 'the read model');
    await db.end();

    const communes = units.filter((u) => u.level === 3).slice(0, 40);
    const routes = [
      { name: 'static JSON `/health/live` (baseline)', figure: 'static', paths: ['/health/live'] },
      { name: '`/v1/scorecard?unit=&period=`', figure: 'GET /v1/scorecard', paths: communes.map((u) => `/v1/scorecard?unit=${u.code}&period=2024-Q4`) },
      {
        name: '`/v1/indicators/SOC-01/series?unit=`',
        figure: 'GET /v1/indicators/{code}/series',
        paths: communes.map((u) => `/v1/indicators/SOC-01/series?unit=${u.code}&version=2024-11`),
      },
    ];
    const rows: Array<{ name: string; figure: string; max: number; p50: number; p99: number; errors: number }> = [];
    for (const route of routes) {
      const requests = route.paths.map((p) => ({ method: 'GET' as const, path: p }));
      await run({ url: base, requests, connections: 10, duration: 2 }); // warm-up
      const saturated = await run({ url: base, requests, connections: 10, duration: DURATION_S });
      const paced = await run({ url: base, requests, connections: 20, overallRate: RATE, duration: DURATION_S });
      rows.push({
        name: route.name,
        figure: route.figure,
        max: saturated.requests.average,
        p50: paced.latency.p50,
        p99: paced.latency.p99,
        errors: saturated.non2xx + saturated.errors + paced.non2xx + paced.errors,
      });
    }
    const baseline = rows[0].max;
    for (const row of rows.slice(1)) {
      recordFigure({
        figure: `portal read latency p99 at ${RATE.toLocaleString('en-US')} req/s, ${row.figure}${row.errors > 0 ? ` (${row.errors} non-2xx/errors)` : ''}`,
        measured: row.p99,
        unit: 'ms',
        baseline: { label: 'static JSON route p99', value: rows[0].p99, unit: 'ms' },
        ratio: { value: row.p99 / Math.max(rows[0].p99, 1), as: 'times' },
        goal: { text: '≤ 20 ms', met: row.p99 <= 20 && row.errors === 0 },
      });
      recordFigure({
        figure: `portal most requests/s, ${row.figure}`,
        measured: row.max,
        unit: 'req/s',
        baseline: { label: 'static JSON route, same server', value: baseline, unit: 'req/s' },
        ratio: { value: row.max / baseline, as: 'times' },
        goal: { text: '≥ 0.50 × static', met: row.max / baseline >= 0.5 },
      });
    }
    recordMemory(service, await service.stop(), 'portal read run');
    const format = (n: number) => Math.round(n).toLocaleString('en-US');
    process.stdout.write(
      [
        `## Portal read latency — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${values.length.toLocaleString('en-US')} values in the read model, ${DURATION_S} s per run`,
        '',
        '| route | most requests/s (10 connections) | × static | p50 at 1,000 req/s (ms) | p99 at 1,000 req/s (ms) | non-2xx/errors |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map((r) => `| ${r.name} | ${format(r.max)} | ${(r.max / baseline).toFixed(2)} | ${r.p50} | ${r.p99} | ${r.errors} |`),
        '',
        'Goal (quality.md): p99 ≤ 20 ms at 1,000 requests/s and ≥ 0.50 × the static route’s requests/s. Load generator and service share the machine.',
        '',
      ].join('\n'),
    );
  } finally {
    await service?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await infra.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
