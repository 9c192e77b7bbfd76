'use strict';
// `npm run test:containers`: the container path of the platform, for real (CI runs it after `npm test`).
//   1. suites   a representative part of the integration tests (IN_CONTAINER_MODE) with INFRA_MODE=containers:
//               the test harness (ensureInfra, as Jest's globalSetup uses it) has Testcontainers start Kafka
//               and PostgreSQL from the apache/kafka and postgres images, once for all projects;
//   2. compose  docker-compose.yml: builds the images (Dockerfile), starts Kafka, PostgreSQL, the four
//               services and the demo, checks /health/ready of each service through the compose network
//               and that the demo's observations become indicator values, then removes it all.
// `-- suites` or `-- compose` runs one part. Needs a Docker-compatible engine: Docker, or podman's socket
// (tools/containers/setup.sh). Exit status: 0 passed, 1 failed, 3 skipped (no engine; reason printed).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { freePort } = require('../infra/common.cjs');
const { findContainerEngine } = require('../infra/containers.cjs');
const { ensureInfra, InfraError } = require('../infra/local-infra.cjs');
const { REPO_ROOT, SERVICES } = require('./services.cjs');

const SKIPPED = 3;
const LOG_DIR = path.join(REPO_ROOT, '.dx', 'logs');
const COMPOSE_PROJECT = 'dx-compose-check';
const NX_ENV = { NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' };

// Container mode changes only where Kafka and PostgreSQL come from (Testcontainers: the images, mapped
// ports, the advertised listener, the image's broker settings); the services' code is the one `npm test` has
// just run on local processes. So a representative part runs here: the harness itself, then for every
// library and service suites that produce, consume, commit offsets and run transactions through the
// containers, and the end-to-end paths. Which, and why:
const IN_CONTAINER_MODE = [
  ['broker-serves-kafkajs-client-apis', 'testing: every kafkajs API the platform uses, on the image broker'],
  ['test-databases-are-isolated', 'testing: per-test databases on the image PostgreSQL'],
  ['ensure-topics-applies-settings', 'messaging: topics and their settings created on the image broker'],
  ['batch-consumer-failure-policy', 'messaging: retries, dead letters and offsets through the container'],
  ['outbox-relay-publishes-every-committed-row', 'platform: 16 concurrent writers, the relay and the broker'],
  ['submit-observations', 'ingestion: the HTTP API, its transaction and the outbox'],
  ['kafka-intake-validates-and-dead-letters', 'ingestion: Kafka intake and its dead-letter topic'],
  ['scenario-computes-hand-checked-values', 'computation: the hand-checked scenario, exactly once'],
  ['slip-fires-one-alert-and-recovery-resolves-it', 'notification: alert, e-mail and signed webhook'],
  ['change-feed-resumes-across-restart', 'reporting: read model, change feed and SSE across a restart'],
  ['agency-slip-becomes-alert-webhook', "system: an agency's slip through every service to a webhook"],
];
const say = (message) => process.stdout.write(`[test:containers] ${message}\n`);
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment every child gets: the engine's, and never the developer's shared Kafka/PostgreSQL. */
function childEnv(engine, extra = {}) {
  const env = { ...process.env, ...NX_ENV, ...engine.env, ...extra };
  for (const name of ['KAFKA_BROKERS', 'DATABASE_URL']) if (!(name in extra)) delete env[name];
  return env;
}

async function runSuites(engine) {
  const started = Date.now();
  Object.assign(process.env, engine.env); // Testcontainers reads DOCKER_HOST from this process
  const infra = await ensureInfra({ purpose: 'test', env: childEnv(engine, { INFRA_MODE: 'containers' }), log: (m) => say(m) });
  say(`kafka ${infra.kafkaBrokers} (${infra.mode.kafka}), postgres (${infra.mode.postgres}) after ${seconds(started)}`);
  try {
    say(`in container mode (npm test runs every suite): ${IN_CONTAINER_MODE.map(([name, why]) => `${name} (${why})`).join('; ')}`);
    const only = `--testPathPatterns=(${IN_CONTAINER_MODE.map(([name]) => name).join('|')})`;
    const args = ['run-many', '-t', 'test-integration', '--parallel=1', '--outputStyle=static', '--passWithNoTests', only];
    const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: childEnv(engine, { INFRA_MODE: 'containers', KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl }),
    });
    return result.status === 0;
  } finally {
    await infra.stop();
  }
}

function findCompose(env) {
  for (const [command, args] of [
    ['docker', ['compose']],
    ['docker-compose', []],
    ['podman-compose', []],
  ]) {
    const probe = spawnSync(command, [...args, 'version'], { env, stdio: 'ignore' });
    if (probe.status === 0) return { command, args };
  }
  return null;
}

async function runCompose(engine) {
  const started = Date.now();
  const ports = {};
  // published on 127.0.0.1 at free ports: never the developer's 3000-3003 / 19092 / 55432
  for (const name of ['KAFKA', 'POSTGRES', ...SERVICES.map((s) => s.name.toUpperCase())]) ports[`DX_${name}_HOST_PORT`] = String(await freePort());
  const env = childEnv(engine, { ...ports, COMPOSE_PROJECT_NAME: COMPOSE_PROJECT, DX_ADMIN_TOKEN: 'compose-check-admin-token-0123456789' });
  const compose = findCompose(env);
  if (!compose) throw new Error('neither `docker compose`, `docker-compose` nor `podman-compose` is installed');
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, 'compose-check.log');
  fs.writeFileSync(logFile, '');

  const run = (args, { capture = false, check = true } = {}) => {
    const result = spawnSync(compose.command, [...compose.args, ...args], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
      stdio: ['ignore', capture ? 'pipe' : fs.openSync(logFile, 'a'), capture ? 'pipe' : fs.openSync(logFile, 'a')],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (check && result.status !== 0) {
      throw new Error(
        `${compose.command} ${[...compose.args, ...args].join(' ')} failed (${result.status}): ${(result.stderr || '').trim().slice(-500)}; see ${logFile}`,
      );
    }
    return result;
  };

  say(`compose: ${[compose.command, ...compose.args].join(' ')}, project ${COMPOSE_PROJECT}, log ${path.relative(REPO_ROOT, logFile)}`);
  run(['down', '--volumes', '--remove-orphans'], { check: false }); // leftovers of an interrupted run
  let passed = false;
  try {
    let t = Date.now();
    run(['build']);
    say(`images built in ${seconds(t)}`);
    t = Date.now();
    run(['up', '-d']);

    // /health/ready of every service, asked from inside the compose network (service names resolve there)
    const probe = `Promise.all(${JSON.stringify(SERVICES.map((s) => `http://${s.name}:${s.defaultPort}/health/ready`))}.map((u) => fetch(u).then((r) => r.status, () => 0))).then((s) => console.log(JSON.stringify(s)))`;
    let statuses = [];
    for (const deadline = Date.now() + 300_000; Date.now() < deadline; await delay(3000)) {
      const answer = run(['exec', '-T', 'reporting', 'node', '-e', probe], { capture: true, check: false });
      try {
        statuses = JSON.parse((answer.stdout || '').trim().split('\n').pop());
      } catch {
        statuses = [];
      }
      if (statuses.length === SERVICES.length && statuses.every((s) => s === 200)) break;
    }
    const ready = statuses.length === SERVICES.length && statuses.every((s) => s === 200);
    say(`/health/ready through the compose network: ${SERVICES.map((s, i) => `${s.name} ${statuses[i] ?? '-'}`).join(', ')} (${seconds(t)})`);
    if (!ready) throw new Error('not every service became ready within 300 s');
    process.stdout.write(run(['ps'], { capture: true }).stdout);
    if (engine.engine === 'podman') {
      const listed = spawnSync('podman', ['ps', '--filter', `label=com.docker.compose.project=${COMPOSE_PROJECT}`], { encoding: 'utf8' });
      if (listed.status === 0) process.stdout.write(`$ podman ps\n${listed.stdout}`);
    }

    // the demo agencies' observations flow through ingestion, Kafka and computation into indicator values
    t = Date.now();
    const count = `select (select count(*) from ingestion.observation), (select count(*) from computation.indicator_value)`;
    let counts = [0, 0];
    let demoExit = null;
    let replayed = false;
    for (const deadline = Date.now() + 600_000; Date.now() < deadline; await delay(5000)) {
      const answer = run(['exec', '-T', 'postgres', 'psql', '-U', 'postgres', '-d', 'dx', '-At', '-F', ' ', '-c', count], { capture: true, check: false });
      counts = (answer.stdout || '0 0').trim().split(/\s+/).map(Number);
      demoExit = demoExitCode(run(['ps', '-a', 'demo'], { capture: true, check: false }).stdout);
      if (demoExit !== null && demoExit !== 0) throw new Error(`the demo exited with ${demoExit}; see ${logFile}`);
      // After its replay the demo keeps a trickle of reports going (it does not exit): that line says the replay is over.
      replayed = demoExit === 0 || /the demo keeps reporting/.test(run(['logs', '--no-color', 'demo'], { capture: true, check: false }).stdout || '');
      if (replayed && counts[1] > 0) break;
    }
    say(
      `demo: ${replayed ? 'replay done' : 'replay NOT done'} (exit ${demoExit ?? 'not yet: trickling'}), ${counts[0]} observations in ingestion, ${counts[1]} indicator values in computation (${seconds(t)})`,
    );
    if (!replayed || !(counts[1] > 0)) throw new Error('the demo data did not reach computation within 600 s');
    passed = true;
  } finally {
    if (!passed) run(['logs', '--no-color', '--tail=80'], { check: false });
    const t = Date.now();
    run(['down', '--volumes', '--remove-orphans'], { check: false });
    say(`compose stack removed (${seconds(t)}); ${passed ? 'passed' : 'FAILED'} in ${seconds(started)}`);
  }
  return passed;
}

/** Exit code of the demo container from `compose ps -a demo` ("Exit 0", "Exited (0)"), null while it runs. */
function demoExitCode(psOutput) {
  const match = /Exit(?:ed)?\s*\(?(\d+)\)?/.exec(psOutput || '');
  return match ? Number(match[1]) : null;
}

async function main() {
  const parts = process.argv.slice(2).filter((a) => a === 'suites' || a === 'compose');
  const wanted = parts.length > 0 ? parts : ['suites', 'compose'];
  const engine = await findContainerEngine();
  if (!engine) {
    process.stdout.write(
      '[test:containers] SKIPPED: no Docker-compatible engine answers (DOCKER_HOST, /var/run/docker.sock, ' +
        'podman socket). Start Docker, or prepare podman with `bash tools/containers/setup.sh` (root, apt).\n',
    );
    process.exit(SKIPPED);
  }
  say(`engine: ${engine.engine} ${engine.version} at ${engine.env.DOCKER_HOST}`);
  const results = {};
  for (const part of wanted) {
    const started = Date.now();
    try {
      results[part] = part === 'suites' ? await runSuites(engine) : await runCompose(engine);
    } catch (error) {
      process.stderr.write(`[test:containers] ${part}: ${error instanceof InfraError ? error.message : error.stack || error}\n`);
      results[part] = false;
    }
    say(`${part}: ${results[part] ? 'passed' : 'FAILED'} in ${seconds(started)}`);
  }
  process.exit(Object.values(results).every(Boolean) ? 0 : 1);
}

main();
