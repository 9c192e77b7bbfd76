import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

// SQLSTATE of a concurrent CREATE that lost the race: the object exists, which is all we wanted.
const ALREADY_EXISTS = new Set(['42P04', '42P06', '23505']);

/** Rejects when the service's database does not answer: readiness, the error filter's 503 and the consumer's outage test ask it. */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates the database named in `url` (when missing) and the service's own schema in it, so that a fresh
 * server, or a fresh test database, needs no manual step. Migrations then create the tables.
 */
export async function prepareDatabase(url: string, schema: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${quoteIdent(database)}`).catch((error: { code?: string }) => {
        if (!ALREADY_EXISTS.has(error.code ?? '')) throw error;
      });
    }
  } finally {
    await admin.end();
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`).catch((error: { code?: string }) => {
      if (!ALREADY_EXISTS.has(error.code ?? '')) throw error;
    });
  } finally {
    await client.end();
  }
}

export interface ServiceDataSourceOptions {
  url: string;
  /** The owning service: its schema and migrations table (style C13; no service reads another's). */
  service: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
}

export function createDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.service,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: `dx-${options.service}`,
    extra: {
      max: 10,
      connectionTimeoutMillis: 3_000,
      // Fail a query fast when the server is gone, so callers answer 503 instead of hanging.
      query_timeout: 30_000,
    },
  };
}
