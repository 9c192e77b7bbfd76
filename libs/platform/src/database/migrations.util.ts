import { DataSource, Migration } from 'typeorm';

import { createDataSourceOptions, prepareDatabase, ServiceDataSourceOptions } from './database.util';

// TypeORM's migration runner takes no lock: two instances starting together would both read "pending",
// and both run the same DDL. One session-level advisory lock per service schema makes them take turns;
// whoever comes second finds nothing pending. A `migrate` task beside a starting instance takes the same lock.
function migrationsLockKey(schema: string): string {
  return `migrations:${schema}`;
}

/** Runs the pending migrations of `dataSource`, one runner per schema at a time; returns those it applied. */
export async function runMigrationsOnce(dataSource: DataSource, schema: string): Promise<Migration[]> {
  // The lock lives on a connection of its own, held while the migrations run on others of the pool.
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [migrationsLockKey(schema)]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [migrationsLockKey(schema)]);
    }
  } finally {
    await lock.release();
  }
}

/**
 * Brings a service's schema up to date and nothing else (the `migrate` target): creates the database and
 * schema when missing, applies the pending migrations under the lock, closes its connections.
 */
export async function migrateServiceDatabase(url: string, service: string, database: Omit<ServiceDataSourceOptions, 'url' | 'service'>): Promise<Migration[]> {
  await prepareDatabase(url, service);
  const dataSource = new DataSource(createDataSourceOptions({ ...database, url, service }));
  await dataSource.initialize();
  try {
    return await runMigrationsOnce(dataSource, service);
  } finally {
    await dataSource.destroy();
  }
}
