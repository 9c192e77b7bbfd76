// End-to-end alert latency (issue #11, quality.md "Speed"): from a slipping observation's 202 to the webhook
// request at a local receiver, p50 and p99, once with the platform idle and once while 2,000 observations/s
// of background load flow, in the same run. The three services run as their own processes on the
// infrastructure of `npm run bench`. Probes alternate a slip and a recovery of one commune's fibre share, so each one fires
// a new alert or resolves it (both are notified at once: critical). Not a test: nothing is asserted.
// Where the time goes: a consumer of the bench notes when each probe's observation and its status event reach
// the broker, which splits every latency into ingestion (202 → dx.observations.v1), computation (→
// dx.indicator-status.v1) and notification (→ webhook); the medians of the three are printed with the figures.
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';

import { Kafka, logLevel } from 'kafkajs';

import { TOPICS } from '@dx/contracts';
import { DEFAULT_CATALOGUE, HierarchyRegistry } from '@dx/domain';
import { createTestDatabase, dropTestDatabase, uniqueSuffix } from '@dx/testing';

import { benchInfra, percentile, recordFigure, recordMemory, RunningService, ServiceName, startService } from '../support/bench-support';

const SAMPLES = Number(process.env.BENCH_ALERT_SAMPLES ?? 200);
const LOAD_PER_SECOND = Number(process.env.BENCH_LOAD_PER_SECOND ?? 2_000);
const ADMIN = 'bench-admin-token-0123456789';
const PERIOD = '2025-Q2';

async function call(port: number, route: string, token: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${port}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

interface Stages {
  readonly ingestion: number[];
  readonly computation: number[];
  readonly notification: number[];
}

const newStages = (): Stages => ({ ingestion: [], computation: [], notification: [] });

function stageRow(condition: string, stages: Stages): string {
  const median = (list: number[]) => (list.length === 0 ? '—' : `${percentile(list, 50).toFixed(1)} ms`);
  return `| ${condition} | ${median(stages.ingestion)} | ${median(stages.computation)} | ${median(stages.notification)} | ${stages.ingestion.length} |`;
}

async function main(): Promise<void> {
  const infra = await benchInfra();
  process.env.DATABASE_URL = infra.databaseUrl;
  const prefix = `bench-alerts-${uniqueSuffix(4)}.`;
  // One database for the three services, as in production each has its own schema.
  const databaseUrl = await createTestDatabase('bench_alerts');
  const services: RunningService[] = [];
  let stopWatcher = (): Promise<void> => Promise.resolve();
  // The receiver notes when each alert's event arrives; probes wait on it.
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  // When the probe's observation and its status event were read from the broker, by unit.
  const onBroker = { observation: new Map<string, number>(), status: new Map<string, number>() };
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(204).end();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const key = `${body.event} ${body.alert.unit}`;
      if (!arrivals.has(key)) arrivals.set(key, at);
      waiters.get(key)?.();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  try {
    for (const name of ['ingestion', 'computation', 'notification'] as ServiceName[]) {
      services.push(
        await startService(name, {
          NODE_ENV: 'test',
          KAFKA_BROKERS: infra.kafkaBrokers,
          DATABASE_URL: databaseUrl,
          KAFKA_TOPIC_PREFIX: prefix,
          DX_ADMIN_TOKEN: ADMIN,
          INGESTION_RATE_LIMIT_PER_MINUTE: '100000000',
          COMPUTATION_OVERDUE_INTERVAL_MS: '0',
          NOTIFICATION_DIGEST_INTERVAL_MS: '0',
          LOG_LEVEL: 'warn',
        }),
      );
    }
    const [ingestion, , notification] = services;
    const kafka = new Kafka({ clientId: 'bench-alerts', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const watcher = kafka.consumer({ groupId: `${prefix}bench-watcher`, maxWaitTimeInMs: 20 });
    // Bounded: a disconnect in the middle of a fetch can wait for good, and the figures are already out.
    stopWatcher = () => Promise.race([watcher.disconnect(), new Promise<void>((r) => setTimeout(r, 5_000).unref())]);
    await watcher.connect();
    await watcher.subscribe({ topics: [`${prefix}${TOPICS.observations}`, `${prefix}${TOPICS.indicatorStatus}`], fromBeginning: false });
    await watcher.run({
      eachMessage: async ({ topic, message }) => {
        const at = performance.now();
        // Only the envelope's data, not decodeEvent's validation: the watcher reads the whole load too, and its
        // CPU is taken from the services being measured.
        const data = JSON.parse(message.value?.toString('utf8') ?? '{}').data ?? {};
        if (data.period !== PERIOD) return;
        if (topic.endsWith(TOPICS.observations) && data.measure === 'households.fibre' && !onBroker.observation.has(data.unit))
          onBroker.observation.set(data.unit, at);
        if (topic.endsWith(TOPICS.indicatorStatus) && data.indicator === 'SOC-01' && !onBroker.status.has(data.unit)) onBroker.status.set(data.unit, at);
      },
    });
    const agency = await call(ingestion.port, '/v1/agencies', ADMIN, { code: 'bench', name: 'Bench', measures: ['*'], units: ['92'] });
    const apiKey: string = agency.body.apiKey;
    // The background load reports as another agency, on other measures: it competes for the services only.
    const loader = await call(ingestion.port, '/v1/agencies', ADMIN, { code: 'bench-load', name: 'Bench load', measures: ['work_records.*'], units: ['92'] });
    const loadKey: string = loader.body.apiKey;
    await call(notification.port, '/v1/subscriptions', ADMIN, {
      name: 'Bench receiver',
      webhook: { url: hook, secret: 'bench-shared-secret-0123456789' },
      scope: { units: ['92'], includeDescendants: true, indicators: ['SOC-01'] },
      minSeverity: 'warning',
    });
    const communes = HierarchyRegistry.withDefaults()
      .inForce(PERIOD)
      .units.filter((u) => u.level === 3)
      .map((u) => u.code);
    // Every probe commune starts on track (95 %): no event.
    const first = await call(ingestion.port, '/v1/observations', apiKey, {
      observations: communes.flatMap((unit) => [
        { measure: 'households.total', unit, period: PERIOD, value: 10_000 },
        { measure: 'households.fibre', unit, period: PERIOD, value: 9_500 },
      ]),
    });
    if (first.status !== 202) throw new Error(`setup refused: ${first.status}`);

    let probeIndex = 0;
    let probeRetries = 0;
    const probe = async (stages: Stages): Promise<number> => {
      const unit = communes[probeIndex % communes.length];
      const slipping = Math.floor(probeIndex / communes.length) % 2 === 0;
      probeIndex += 1;
      const key = `${slipping ? 'alert.fired' : 'alert.resolved'} ${unit}`;
      arrivals.delete(key);
      onBroker.observation.delete(unit);
      onBroker.status.delete(unit);
      const arrived = new Promise<void>((resolve) => waiters.set(key, resolve));
      // 40 % is far behind (critical, notified at once); 96 % is back on track.
      const body = { observations: [{ measure: 'households.fibre', unit, period: PERIOD, value: slipping ? 4_000 : 9_600 + probeIndex }] };
      // Like any client, retried after a 503 (Retry-After) or a 500: the latency counts from the 202.
      let answer = await call(ingestion.port, '/v1/observations', apiKey, body);
      for (let retry = 0; answer.status >= 500 && retry < 10; retry += 1) {
        probeRetries += 1;
        await new Promise((r) => setTimeout(r, 500));
        answer = await call(ingestion.port, '/v1/observations', apiKey, body);
      }
      const accepted = performance.now();
      if (answer.status !== 202) throw new Error(`probe refused: ${answer.status}`);
      await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${key} within 120 s`)), 120_000))]);
      waiters.delete(key);
      const delivered = arrivals.get(key) as number;
      const observed = onBroker.observation.get(unit);
      const computed = onBroker.status.get(unit);
      if (observed !== undefined && computed !== undefined) {
        stages.ingestion.push(observed - accepted);
        stages.computation.push(computed - observed);
        stages.notification.push(delivered - computed);
      }
      return delivered - accepted;
    };
    const measure = async (count: number, stages: Stages = newStages()): Promise<number[]> => {
      const latencies: number[] = [];
      for (let i = 0; i < count; i += 1) latencies.push(await probe(stages));
      for (const list of [stages.ingestion, stages.computation, stages.notification]) list.sort((a, b) => a - b);
      return latencies.sort((a, b) => a - b);
    };
    const idleStages = newStages();
    const loadedStages = newStages();

    // Warm-up (JIT, connections), then idle, then under load.
    await measure(Math.min(20, communes.length));
    const idle = await measure(SAMPLES, idleStages);
    process.stderr.write(`idle: ${SAMPLES} probes done\n`);

    const background = DEFAULT_CATALOGUE.measures.filter((m) => m.frequency === 'month' && m.levels.includes(3)).map((m) => m.code);
    const loadUnits = HierarchyRegistry.withDefaults()
      .inForce('2024')
      .units.filter((u) => u.level === 3)
      .map((u) => u.code);
    let loading = true;
    let sent = 0;
    let refused = 0;
    const loadStarted = performance.now();
    const load = (async () => {
      const tick = 100;
      const perTick = Math.round((LOAD_PER_SECOND * tick) / 1000);
      let round = 0;
      while (loading) {
        const started = performance.now();
        const observations = Array.from({ length: perTick }, (_, i) => {
          const n = round * perTick + i;
          const month = 1 + (n % 48);
          return {
            measure: background[n % background.length],
            unit: loadUnits[Math.floor(n / background.length) % loadUnits.length],
            period: `${2021 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`,
            value: 100 + (n % 997) + round,
          };
        });
        round += 1;
        void call(ingestion.port, '/v1/observations', loadKey, { observations }).then(
          (r) => {
            if (r.status === 202) sent += observations.length;
            else refused += 1;
          },
          () => {
            refused += 1;
          },
        );
        await new Promise((r) => setTimeout(r, Math.max(0, tick - (performance.now() - started))));
      }
    })();
    await new Promise((r) => setTimeout(r, 3_000));
    // Under load the platform may fall behind for good on a busy machine: that is a result too.
    let loaded: number[] = [];
    let loadFailure = '';
    try {
      loaded = await measure(SAMPLES, loadedStages);
    } catch (error) {
      loadFailure = error instanceof Error ? error.message : String(error);
    }
    loading = false;
    await load;
    const loadRate = sent / ((performance.now() - loadStarted) / 1000);

    recordMemory(notification, await notification.stop(), 'alert latency run');
    const figure = (p: 50 | 99, goal: number) => {
      const idleMs = percentile(idle, p);
      const loadedMs = loadFailure ? Number.POSITIVE_INFINITY : percentile(loaded, p);
      recordFigure({
        figure: `alert latency p${p}, under ${Math.round(loadRate).toLocaleString('en-US')} obs/s of load (goal's load: ${LOAD_PER_SECOND.toLocaleString('en-US')})${loadFailure ? `: ${loadFailure}` : ''}`,
        measured: loadedMs,
        unit: 'ms',
        baseline: { label: `p${p} idle`, value: idleMs, unit: 'ms' },
        ratio: { value: loadedMs / idleMs, as: 'times' },
        goal: { text: `≤ ${goal} ms`, met: loadedMs <= goal },
      });
    };
    figure(50, 50);
    figure(99, 250);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    process.stdout.write(
      [
        `## Alert latency — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${SAMPLES} probes each (slip → alert.fired, recovery → alert.resolved)`,
        '',
        'From the 202 of the probe observation to the webhook request at a receiver on loopback (ingestion → computation → notification, real Kafka and PostgreSQL).',
        '',
        '| condition | p50 | p99 | max | p99 ÷ idle p99 |',
        '| --- | ---: | ---: | ---: | ---: |',
        `| idle | ${ms(percentile(idle, 50))} | ${ms(percentile(idle, 99))} | ${ms(idle[idle.length - 1])} | 1.00 |`,
        loadFailure
          ? `| background load, ${Math.round(loadRate).toLocaleString('en-US')} observations/s accepted | did not complete: ${loadFailure} | | | |`
          : `| background load, ${Math.round(loadRate).toLocaleString('en-US')} observations/s accepted | ${ms(percentile(loaded, 50))} | ${ms(percentile(loaded, 99))} | ${ms(loaded[loaded.length - 1])} | ${(percentile(loaded, 99) / percentile(idle, 99)).toFixed(2)} |`,
        '',
        'Where the time goes, median of each stage (from when the bench read the probe’s events on the broker):',
        '',
        '| condition | ingestion: 202 → dx.observations.v1 | computation: → dx.indicator-status.v1 | notification: → webhook | probes split |',
        '| --- | ---: | ---: | ---: | ---: |',
        stageRow('idle', idleStages),
        stageRow('background load', loadedStages),
        '',
        `Background batches refused or failed: ${refused}; probe submissions retried after a 5xx: ${probeRetries}. Goal (quality.md): p50 ≤ 50 ms, p99 ≤ 250 ms under 2,000 observations/s. Load average at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores.`,
        '',
      ].join('\n'),
    );
  } finally {
    await stopWatcher().catch(() => undefined);
    await Promise.all(services.map((s) => s.stop()));
    receiver.close();
    await dropTestDatabase(databaseUrl).catch(() => undefined);
    await infra.stop();
  }
}

// Exits once the figures are out: a kafkajs client that did not close in time must not hold `npm run bench`.
main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
