'use strict';
// `npm run bench [filter…]`: starts the Kafka broker and PostgreSQL the benchmarks need (as `npm test` does,
// tools/infra/local-infra.cjs: infra/kafka/kafka.sh and the embedded PostgreSQL, fsync on; KAFKA_BROKERS and
// DATABASE_URL, when set, are used instead), runs every bench/**/*.bench.ts whose path contains one of the
// filters (all without one), prints the figures of quality.md they measured as one table — measured value,
// same-run baseline, ratio, goal, met — and writes it, followed by each benchmark's details, to
// bench/results/<date>.md (<date>-<filters or sizes>.md for a partial run). Benchmarks are not tests.
//
//   BENCH_SIZES=100000,1000000   observation counts of the throughput benchmarks (default); BENCH_SIZES=20000: quick
//   BENCH_INSTANCES=1,2          computation instances in one consumer group
//   BENCH_PROFILE=1              V8 CPU profile of every service (or BENCH_PROFILE=computation,ingestion) in
//                                bench/results/profiles/<run>/<service>/ (git-ignored)
//   BENCH_BUILT=0                services run from their TypeScript source (ts-node) instead of the bundles
//                                of `npm run build`, built first, that the images run (the default)
//   BENCH_LOG_LEVEL=info          every service logs at this level instead of the benchmark's (warn or error)
// Service logs: bench/results/logs/<service>.log (git-ignored).
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureInfra, InfraError } = require('../infra/local-infra.cjs');
const { REPO_ROOT, SERVICES } = require('./services.cjs');

const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');
const DEFAULT_SIZES = '100000,1000000';

// The figures of quality.md, in the table's order; a figure's name starts with one of these.
const FIGURE_ORDER = ['ingestion throughput', 'computation throughput', 'rebuild', 'alert latency', 'portal', 'memory'];

function findBenchmarks(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'results' || entry.name === 'support' ? [] : findBenchmarks(full);
    return entry.name.endsWith('.bench.ts') ? [full] : [];
  });
}

/** Runs one benchmark; resolves with what it printed on stdout (its details) and its exit status. */
function runBenchmark(file, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'tools', 'register.cjs'), file], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running.add(child);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ out, status: code ?? (signal ? 1 : 0) });
    });
  });
}
const running = new Set();

const count = (n) => Math.round(n).toLocaleString('en-US');
function formatValue(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return 'did not complete';
  if (unit === 'ms' || unit === 's') return `${value.toFixed(value < 10 ? 2 : 1)} ${unit}`;
  return `${count(value)} ${unit}`;
}
function formatRatio(ratio) {
  if (!ratio || !Number.isFinite(ratio.value)) return 'n/a';
  return ratio.as === 'percent' ? `${ratio.value.toFixed(1)} %` : `${ratio.value.toFixed(2)} ×`;
}

function summaryTable(figures) {
  const rank = (f) => {
    const i = FIGURE_ORDER.findIndex((prefix) => f.figure.startsWith(prefix));
    return i < 0 ? FIGURE_ORDER.length : i;
  };
  const sorted = figures.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i);
  const rows = sorted.map(
    ({ f }) =>
      `| ${f.figure} | ${formatValue(f.measured, f.unit)} | ${f.baseline ? `${formatValue(f.baseline.value, f.baseline.unit)} (${f.baseline.label})` : '—'} | ${formatRatio(f.ratio)} | ${f.goal.text} | ${f.goal.met ? 'yes' : '**no**'} |`,
  );
  const missing = FIGURE_ORDER.filter((prefix) => !figures.some((f) => f.figure.startsWith(prefix)));
  return [
    '| figure | measured | same-run baseline | ratio | goal | met |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows,
    ...missing.map((prefix) => `| ${prefix} | not measured in this run | | | | |`),
  ].join('\n');
}

/**
 * Where a CPU profile's time goes: self time by function and by where the code lives (a package, a library,
 * an app), top `limit` of each. Reads the .cpuprofile format Node writes with --cpu-prof.
 */
function summariseProfile(file, limit = 12) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const interval = profile.samples.length > 0 ? (profile.endTime - profile.startTime) / profile.samples.length : 0;
  const byFunction = new Map();
  const byArea = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = ((node.hitCount || 0) * interval) / 1000;
    if (ms === 0) continue;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '').replace(`${REPO_ROOT}/`, '');
    const name = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) || 0) + ms);
    const area =
      where.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ??
      where.match(/^((?:libs|apps|dist\/apps)\/[^/]+)/)?.[1] ??
      (where.startsWith('node:') ? 'node (JavaScript built-ins)' : where ? 'other' : /^\(/.test(functionName) ? functionName : 'native (V8, C++ bindings)');
    byArea.set(area, (byArea.get(area) || 0) + ms);
  }
  const top = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => `| ${name.replace(/\|/g, '\\|')} | ${(ms / 1000).toFixed(1)} | ${((ms / total) * 100).toFixed(1)} % |`);
  return [
    `### ${path.relative(REPO_ROOT, file)} — ${(total / 1000).toFixed(1)} s sampled`,
    '',
    '| where (self time) | s | share |',
    '| --- | ---: | ---: |',
    ...top(byArea),
    '',
    '| function (self time) | s | share |',
    '| --- | ---: | ---: |',
    ...top(byFunction),
  ].join('\n');
}

function profileSummaries(runId) {
  const dir = path.join(RESULTS_DIR, 'profiles', runId);
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.cpuprofile'));
  return files.map((f) => {
    try {
      return summariseProfile(path.join(dir, String(f)));
    } catch (error) {
      return `### ${f}: not read (${error.message})`;
    }
  });
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'unknown';
  }
}

async function main() {
  const filters = process.argv.slice(2);
  const benchmarks = findBenchmarks(path.join(REPO_ROOT, 'bench')).filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
  if (benchmarks.length === 0) {
    process.stderr.write(`no benchmark matches ${filters.join(', ')}\n`);
    process.exit(2);
  }
  // The goals are about what production runs: the bundles (ADR 0021). Nx rebuilds only what changed.
  if (process.env.BENCH_BUILT === undefined) process.env.BENCH_BUILT = '1';
  if (process.env.BENCH_BUILT === '1') {
    const build = spawnSync(
      process.execPath,
      [require.resolve('nx/bin/nx.js'), 'run-many', '-t', 'build', '-p', SERVICES.map((s) => s.name).join(','), '--outputStyle=static'],
      { cwd: REPO_ROOT, stdio: ['ignore', process.stderr, 'inherit'], env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } },
    );
    if (build.status !== 0) {
      process.stderr.write('the services did not build (BENCH_BUILT=1)\n');
      process.exit(1);
    }
  }
  const started = new Date();
  const date = started.toISOString().slice(0, 10);
  const runId = started.toISOString().slice(0, 19).replace(/:/g, '-');
  const sizes = process.env.BENCH_SIZES ?? process.env.BENCH_OBSERVATIONS ?? DEFAULT_SIZES;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const figuresFile = path.join(os.tmpdir(), `dx-bench-figures-${process.pid}-${Date.now()}.jsonl`);
  fs.writeFileSync(figuresFile, '');

  let infra;
  try {
    infra = await ensureInfra({ purpose: 'bench', log: (m) => process.stderr.write(`[infra] ${m}\n`) });
  } catch (error) {
    process.stderr.write(`${error instanceof InfraError ? error.message : error.stack}\n`);
    process.exit(1);
  }
  const stopAll = async () => {
    for (const child of running) child.kill('SIGTERM');
    await infra.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stopAll().finally(() => process.exit(130));
    });
  }
  process.stderr.write(`[bench] Kafka ${infra.kafkaBrokers} (${infra.mode.kafka}), PostgreSQL ${new URL(infra.databaseUrl).host} (${infra.mode.postgres})\n`);

  const env = {
    ...process.env,
    KAFKA_BROKERS: infra.kafkaBrokers,
    DATABASE_URL: infra.databaseUrl,
    BENCH_FIGURES_FILE: figuresFile,
    BENCH_RUN_ID: runId,
    // The one place the default sizes are decided: benchmarks read BENCH_SIZES only.
    BENCH_SIZES: sizes,
  };
  const details = [];
  const timings = [];
  const failed = [];
  try {
    for (const file of benchmarks) {
      const relative = path.relative(REPO_ROOT, file);
      process.stdout.write(`\n▶ ${relative}\n`);
      const t0 = Date.now();
      const { out, status } = await runBenchmark(file, env);
      timings.push(`${relative} ${Math.round((Date.now() - t0) / 1000)} s${status === 0 ? '' : ' (FAILED)'}`);
      if (status !== 0) failed.push(relative);
      details.push(
        `<!-- ${relative} -->\n${out.trim() || '(no output)'}${status === 0 ? '' : `\n\n**${relative} failed (exit ${status}); see its output on stderr.**`}`,
      );
    }
  } finally {
    await infra.stop();
  }

  const figures = fs
    .readFileSync(figuresFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  fs.rmSync(figuresFile, { force: true });
  const seconds = Math.round((Date.now() - started.getTime()) / 1000);
  const header = [
    `# npm run bench — ${date}`,
    '',
    `${started.toISOString()}, commit ${gitCommit()}, node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB; ` +
      `sizes ${sizes
        .split(',')
        .map((s) => count(Number(s)))
        .join(' and ')} observations; ` +
      `Kafka ${infra.mode.kafka}, PostgreSQL ${infra.mode.postgres}${infra.mode.postgres === 'local' ? ' (fsync on)' : ''}` +
      `${filters.length > 0 ? `; only ${filters.join(', ')}` : ''}${process.env.BENCH_BUILT === '1' ? '; services run from their bundles (BENCH_BUILT=1)' : '; services run from TypeScript (ts-node)'}${process.env.BENCH_PROFILE ? `; CPU profiles in bench/results/profiles/${runId}/` : ''}.`,
    '',
    'Every ratio is against a baseline measured in the same run (quality.md). Goals: quality.md and issue 14.',
    '',
    summaryTable(figures),
    '',
    `Finished in ${seconds} s: ${timings.join(', ')}.${failed.length > 0 ? ` **Failed: ${failed.join(', ')}.**` : ''}`,
  ].join('\n');
  // A full run is the day's file; a partial one (filter or other sizes) does not replace it.
  const partial = [...filters, ...(sizes === DEFAULT_SIZES ? [] : [sizes.replace(/,/g, '+')])].join('-').replace(/[^A-Za-z0-9+._-]/g, '_');
  const out = path.join(RESULTS_DIR, `${date}${partial ? `-${partial}` : ''}.md`);
  const profiles = profileSummaries(runId);
  if (profiles.length > 0) details.push(['## Where the time goes: CPU profiles (BENCH_PROFILE)', '', ...profiles].join('\n\n'));
  fs.writeFileSync(out, `${header}\n\n${details.join('\n\n')}\n`);
  process.stdout.write(`\n${header}\n\nwritten: ${path.relative(REPO_ROOT, out)}\n`);
  process.exit(failed.length > 0 ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
