import { Client } from 'pg';
import { assertTestDatabaseName } from './assert-test-database-name.util';

/**
 * Drops a database made by createTestDatabase, closing its remaining connections (PostgreSQL 13+).
 * Refuses any database whose name lacks "test". Does nothing when it is already gone.
 */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  assertTestDatabaseName(name);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
