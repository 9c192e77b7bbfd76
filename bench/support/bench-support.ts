// What every benchmark shares: the infrastructure (the one `npm run bench` started, passed down as
// KAFKA_BROKERS / DATABASE_URL), the observation counts to measure (BENCH_SIZES), services run as their own
// processes (profiled with BENCH_PROFILE, their peak resident memory read from /proc), and the figures each
// benchmark hands to tools/scripts/bench.cjs for the summary table (BENCH_FIGURES_FILE, one JSON per line).
import { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { freePort } from '@dx/testing';

// eslint-disable-next-line @nx/enforce-module-boundaries -- the local infrastructure is plain CommonJS tooling, in no project
const { ensureInfra } = require('../../tools/infra/local-infra.cjs') as { ensureInfra: (options: object) => Promise<Infra> };

/** What tools/infra/local-infra.cjs provides (its types: local-infra.d.cts). */
export interface Infra {
  kafkaBrokers: string;
  databaseUrl: string;
  stop(): Promise<void>;
}
// eslint-disable-next-line @nx/enforce-module-boundaries -- how a service process is started, shared with `npm start`
const services = require('../../tools/scripts/services.cjs') as {
  SERVICES: ServiceDefinition[];
  spawnService(service: ServiceDefinition, env: NodeJS.ProcessEnv, logFile: string | null, options: { built?: boolean; nodeArgs?: string[] }): ChildProcess;
  waitUntilReady(service: ServiceDefinition, port: number, child: ChildProcess, timeoutMs: number): Promise<void>;
};

interface ServiceDefinition {
  name: string;
  portVariable: string;
  defaultPort: number;
}

export type ServiceName = 'ingestion' | 'computation' | 'notification' | 'reporting';

export const REPO = path.resolve(__dirname, '../..');
export const RESULTS_DIR = path.join(REPO, 'bench', 'results');

/** The same Kafka and PostgreSQL as the other benchmarks of the run; started here only when run alone. */
export function benchInfra(): Promise<Infra> {
  return ensureInfra({ purpose: 'bench', log: (message: string) => process.stderr.write(`[infra] ${message}\n`) });
}

/**
 * Observation counts for the throughput benchmarks: BENCH_SIZES (comma list), which tools/scripts/bench.cjs
 * always sets (its default: 100,000 and 1,000,000 — how cost grows is the point, issue 14).
 */
export function benchSizes(): number[] {
  const raw = process.env.BENCH_SIZES;
  if (raw === undefined) throw new Error('BENCH_SIZES is unset: run the benchmarks with `npm run bench`, which sets it, or set it (e.g. BENCH_SIZES=20000)');
  const sizes = raw
    .split(',')
    .map((s) => Number(s.trim().replace(/_/g, '')))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (sizes.length === 0) throw new Error(`BENCH_SIZES: expected a comma list of observation counts, got "${raw}"`);
  return sizes;
}

/** One row of the summary table. `met` is left to the goal's direction: higher or lower is better. */
export interface Figure {
  figure: string;
  measured: number;
  unit: string;
  baseline?: { label: string; value: number; unit: string };
  /** measured ÷ baseline, as the goal states it (× or %) */
  ratio?: { value: number; as: 'times' | 'percent' };
  goal: { text: string; met: boolean };
}

/** Hands a figure to `npm run bench` (which prints them as one table), and says it on stderr. */
export function recordFigure(figure: Figure): void {
  process.stderr.write(`[bench] ${figure.figure}: ${figure.measured} ${figure.unit}${figure.goal.met ? '' : ' (goal not met)'}\n`);
  const file = process.env.BENCH_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(figure)}\n`);
}

export const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Resident memory of a process in MB from /proc (Linux): `VmHWM` is its peak, `VmRSS` now. NaN elsewhere. */
export function residentMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  if (pid === undefined) return Number.NaN;
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * Node flags for a service: with BENCH_PROFILE=1 (every service) or BENCH_PROFILE=computation,ingestion
 * (those), a V8 CPU profile written when the service stops, under bench/results/profiles/<run>/ (git-ignored;
 * open it in Chrome DevTools or speedscope). BENCH_PROFILE_INTERVAL_US sets the sampling interval.
 */
function profileArguments(name: ServiceName): string[] {
  const wanted = (process.env.BENCH_PROFILE ?? '').split(',').map((s) => s.trim());
  if (!wanted.some((w) => w === '1' || w === 'all' || w === name)) return [];
  const run = process.env.BENCH_RUN_ID ?? new Date().toISOString().slice(0, 19).replace(/[:]/g, '-');
  const dir = path.join(RESULTS_DIR, 'profiles', run, name);
  mkdirSync(dir, { recursive: true });
  const interval = process.env.BENCH_PROFILE_INTERVAL_US ? [`--cpu-prof-interval=${process.env.BENCH_PROFILE_INTERVAL_US}`] : [];
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...interval];
}

/** Resident memory of a service's process, MB: just before it was stopped, and its peak. */
export interface ResidentMemory {
  readonly endMb: number;
  readonly peakMb: number;
}

export interface RunningService {
  readonly name: ServiceName;
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** resident memory when it answered ready, MB */
  readonly readyRssMb: number;
  /** SIGTERM (a clean stop writes the CPU profile), SIGKILL after 20 s; its resident memory just before. */
  stop(): Promise<ResidentMemory>;
}

/**
 * Starts a service as its own process, as `npm start` does (tools/scripts/services.cjs): from the
 * bundle of `npm run build` (BENCH_BUILT=1, npm run bench's default) or its TypeScript source. Its output goes to
 * bench/results/logs/<service>.log (git-ignored). Resolves once /health/ready answers 200.
 */
export async function startService(name: ServiceName, env: NodeJS.ProcessEnv, port?: number): Promise<RunningService> {
  const definition = services.SERVICES.find((s) => s.name === name);
  if (!definition) throw new Error(`unknown service ${name}`);
  const listenPort = port ?? (await freePort());
  const logFile = path.join(RESULTS_DIR, 'logs', `${name}.log`);
  // BENCH_LOG_LEVEL=info shows what each service did (slices applied, their time) in its log.
  const logLevel = process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {};
  const child = services.spawnService(definition, { ...process.env, ...env, ...logLevel, [definition.portVariable]: String(listenPort) }, logFile, {
    built: process.env.BENCH_BUILT === '1',
    nodeArgs: profileArguments(name),
  });
  await services.waitUntilReady(definition, listenPort, child, 300_000);
  const readyRssMb = residentMb(child.pid, 'VmRSS');
  let last: ResidentMemory = { endMb: Number.NaN, peakMb: Number.NaN };
  return {
    name,
    port: listenPort,
    url: `http://127.0.0.1:${listenPort}`,
    child,
    readyRssMb,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return last;
      last = { endMb: residentMb(child.pid, 'VmRSS'), peakMb: residentMb(child.pid, 'VmHWM') };
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      return last;
    },
  };
}

/**
 * The memory figure of several runs of one service: the highest RSS at the end of a run, with the highest peak
 * of every run in its name. Benchmarks that start a service more than once note each stop here.
 */
export class HighestMemory {
  private highest?: { service: RunningService; endMb: number };
  private peakMb = 0;

  note(service: RunningService, memory: ResidentMemory): void {
    this.peakMb = Math.max(this.peakMb, memory.peakMb);
    if (!this.highest || memory.endMb > this.highest.endMb) this.highest = { service, endMb: memory.endMb };
  }

  record(run: string): void {
    if (this.highest) recordMemory(this.highest.service, { endMb: this.highest.endMb, peakMb: this.peakMb }, run);
  }
}

/**
 * The memory figure of a service as quality.md defines it: its resident memory at the end of the run, against
 * what it held when ready; its peak during the run is in the figure's name.
 */
export function recordMemory(service: RunningService, memory: ResidentMemory, run: string): void {
  recordFigure({
    figure: `memory: ${service.name}, RSS at the end of the ${run} (peak ${Math.round(memory.peakMb)} MB)`,
    measured: memory.endMb,
    unit: 'MB',
    baseline: { label: 'RSS when ready', value: service.readyRssMb, unit: 'MB' },
    ratio: { value: memory.endMb / service.readyRssMb, as: 'times' },
    goal: { text: '≤ 300 MB', met: memory.endMb <= 300 },
  });
}

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');
