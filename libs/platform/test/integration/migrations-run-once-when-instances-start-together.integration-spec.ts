import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

import { createTestDatabase, dropTestDatabase, uniqueSuffix } from '@dx/testing';

import { createServiceApp, migrateServiceDatabase, ServiceApp } from '../../src';
import { bareService } from './support/bare-service';
import { NoFeaturesModule } from './support/no-features.module';

// Neither migration may run twice: a second CREATE TABLE fails, a second INSERT leaves a second row.
class CreateMigrationRuns1700000000000 implements MigrationInterface {
  name = 'CreateMigrationRuns1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE reporting.migration_run (step int NOT NULL)`);
    // Holds the first runner inside its migration, so that an unlocked second runner would overlap it.
    await queryRunner.query(`SELECT pg_sleep(0.5)`);
    await queryRunner.query(`INSERT INTO reporting.migration_run VALUES (1)`);
  }

  async down(): Promise<void> {
    // test schema, dropped with its database
  }
}

class RecordSecondStep1700000000001 implements MigrationInterface {
  name = 'RecordSecondStep1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO reporting.migration_run VALUES (2)`);
  }

  async down(): Promise<void> {
    // test schema, dropped with its database
  }
}

const MIGRATING_SERVICE = bareService('reporting', {
  title: { vi: 'Thử nghiệm chuyển đổi cơ sở dữ liệu', en: 'Migrations test' },
  database: { entities: [], migrations: [CreateMigrationRuns1700000000000, RecordSecondStep1700000000001] },
});

describe('Migrations when instances of a service start together', () => {
  const prefix = `migrations-race-${uniqueSuffix()}.`;
  let databaseUrl: string;
  const services: Array<ServiceApp<unknown>> = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('migrations_race');
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.close()));
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should apply each migration once while two instances and two migrate tasks run at the same time, all succeeding', async () => {
    const env = { ...process.env, DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'silent' };
    const migrate = () => migrateServiceDatabase(databaseUrl, MIGRATING_SERVICE.name, MIGRATING_SERVICE.database);

    // A start retries a failed database step, which would hide a race; a migrate task does not, and of
    // two unlocked runners one loses. So the migrate tasks are what fails if the lock is missing.
    const [first, second, ...migrated] = await Promise.all([
      createServiceApp(NoFeaturesModule, MIGRATING_SERVICE, env),
      createServiceApp(NoFeaturesModule, MIGRATING_SERVICE, env),
      migrate(),
      migrate(),
    ]);
    services.push(first, second);

    const dataSource = first.app.get(DataSource);
    const applied: Array<{ name: string }> = await dataSource.query(`SELECT name FROM reporting.migrations ORDER BY id`);
    expect(applied.map((row) => row.name)).toEqual(['CreateMigrationRuns1700000000000', 'RecordSecondStep1700000000001']);
    const steps: Array<{ step: number }> = await dataSource.query(`SELECT step FROM reporting.migration_run ORDER BY step`);
    expect(steps.map((row) => row.step)).toEqual([1, 2]);
    // Whoever took the lock first applied both; the others found nothing pending.
    expect([0, 2]).toContain(migrated.flat().length);
  });

  it('should find nothing pending when the migrate task runs after the instances', async () => {
    const applied = await migrateServiceDatabase(databaseUrl, MIGRATING_SERVICE.name, MIGRATING_SERVICE.database);

    expect(applied).toEqual([]);
  });
});
