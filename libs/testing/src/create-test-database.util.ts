import { Client } from 'pg';
import { assertTestDatabaseName } from './assert-test-database-name.util';
import { uniqueSuffix } from './unique-suffix.util';

export interface CreateTestDatabaseOptions {
  /** Server to create it on (any database URL of that server). Default: DATABASE_URL. */
  serverUrl?: string;
}

/**
 * Creates an empty database named `<prefix>_test_<random>` on the server of DATABASE_URL and returns
 * its URL. Each test file (or test) gets its own, so tests never share tables. Drop it with
 * dropTestDatabase(url) in afterAll.
 */
export async function createTestDatabase(prefix: string, options: CreateTestDatabaseOptions = {}): Promise<string> {
  const serverUrl = options.serverUrl ?? process.env['DATABASE_URL'];
  if (!serverUrl) throw new Error('createTestDatabase: DATABASE_URL is not set (see getTestInfra)');
  const cleanPrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  const name = `${cleanPrefix}_test_${uniqueSuffix()}`;
  assertTestDatabaseName(name);

  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
