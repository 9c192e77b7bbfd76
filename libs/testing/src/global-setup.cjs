'use strict';
// Jest globalSetup for integration tests (style C16; shared/design/infra.md §7).
// Runs once per Jest run: reuses KAFKA_BROKERS / DATABASE_URL when set (e.g. by `npm test`), otherwise
// starts Kafka and PostgreSQL (containers when a runtime answers, else local processes), and exports
// both URLs through process.env, which Jest passes on to the test workers.
// DATABASE_URL is then pointed at a database whose name contains "test" (created when missing), so
// tests never write into a server's default database; tests make their own with createTestDatabase().
const path = require('node:path');
const { ensureInfra } = require(path.join(__dirname, '..', '..', '..', 'tools', 'infra', 'local-infra.cjs'));

const TEST_DATABASE = 'dx_test';

async function ensureTestDatabaseUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  const current = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (/test/i.test(current)) return databaseUrl;
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [TEST_DATABASE]);
    if (rowCount === 0) {
      await client.query(`create database ${TEST_DATABASE}`).catch((error) => {
        if (error.code !== '42P04') throw error; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

module.exports = async function globalSetup() {
  const log = (message) => process.stderr.write(`\n[test-infra] ${message}`);
  const t0 = Date.now();
  let infra;
  try {
    infra = await ensureInfra({ purpose: 'test', log });
  } catch (error) {
    // a short, readable failure instead of a stack trace through Jest internals
    const failure = new Error(`integration test infrastructure unavailable:\n${error.message}`);
    failure.stack = failure.message;
    throw failure;
  }
  let databaseUrl;
  try {
    databaseUrl = await ensureTestDatabaseUrl(infra.databaseUrl);
  } catch (error) {
    await infra.stop();
    throw error;
  }
  globalThis.__DX_TEST_INFRA__ = infra;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = databaseUrl;
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = process.env.KAFKAJS_NO_PARTITIONER_WARNING || '1';
  log(`kafka ${infra.kafkaBrokers} (${infra.mode.kafka}), postgres ${infra.mode.postgres}, ready in ${Date.now() - t0} ms\n`);
};
