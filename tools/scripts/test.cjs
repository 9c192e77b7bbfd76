'use strict';
// `npm test`: lint, type checks and unit tests of every project, then the integration tests against a
// real Kafka broker and PostgreSQL server (started here once unless KAFKA_BROKERS / DATABASE_URL are set).
const { spawnSync } = require('node:child_process');

const { ensureInfra, InfraError } = require('../infra/local-infra.cjs');
const { REPO_ROOT } = require('./services.cjs');

// The files Prettier lays out (package.json's `lint` and `format` name the same glob).
const FORMATTED_FILES = '**/*.{ts,cts,js,cjs,mjs}';
const NX_ENV = { NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: process.env.CI ? 'true' : undefined };

function nx(args, env) {
  const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args, '--outputStyle=static'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...Object.fromEntries(Object.entries(NX_ENV).filter(([, v]) => v !== undefined)), ...env },
  });
  return result.status ?? 1;
}

async function main() {
  const started = Date.now();
  // The layout check of `npm run lint`, so that a clean clone's `npm test` fails on unformatted code too.
  const layout = spawnSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--check', FORMATTED_FILES, '--log-level', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (layout.status !== 0) {
    process.stderr.write('\nfiles not formatted: run `npm run format`\n');
    process.exit(layout.status ?? 1);
  }
  const staticChecks = nx(['run-many', '-t', 'lint', 'typecheck', 'test', '--parallel=2']);
  if (staticChecks !== 0) {
    process.stderr.write('\nlint, typecheck or unit tests failed\n');
    process.exit(staticChecks);
  }

  let infra;
  try {
    infra = await ensureInfra({ purpose: 'test' });
  } catch (error) {
    process.stderr.write(`${error instanceof InfraError ? error.message : error.stack}\n`);
    process.exit(1);
  }
  let status;
  try {
    // Two projects at a time: their suites mostly wait on Kafka and PostgreSQL, and each test file has its own
    // database and topic prefix, so they cannot see each other's data.
    status = nx(['run-many', '-t', 'test-integration', '--parallel=2'], {
      KAFKA_BROKERS: infra.kafkaBrokers,
      DATABASE_URL: infra.databaseUrl,
    });
  } finally {
    await infra.stop();
  }
  process.stdout.write(`\nnpm test finished in ${Math.round((Date.now() - started) / 1000)} s: ${status === 0 ? 'passed' : 'FAILED'}\n`);
  process.exit(status);
}

main();
