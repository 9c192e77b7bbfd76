import request from 'supertest';

import { decodeEvent, IndicatorComputedV1, TOPICS } from '@dx/contracts';
import { HierarchyRegistry, TWO_LEVEL_VERSION_ID } from '@dx/domain';
import { createServiceApp, ServiceApp } from '@dx/platform';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { ComputationDatabase } from '../../../../computation/test/integration/support/computation-harness.util';
import { ComputationTestApp, startComputation } from '../../../../computation/test/integration/support/computation-test-app';
import { AppModule as IngestionAppModule } from '../../../../ingestion/src/app.module';
import { INGESTION_OPTIONS } from '../../../../ingestion/src/ingestion.options';

// A hierarchy end to end: an administrator replaces the 2025 version through ingestion's API, putting
// Phường Ninh Kiều (31135) and Phường Cái Khế (31120) under a new district 999 → dx.reference.v1 →
// computation publishes the district's values from the wards' households, and the city's are unchanged.
describe('A hierarchy version replaced through the admin API', () => {
  const prefix = `e2e-hierarchy-${uniqueSuffix()}.`;
  const admin = 'e2e-admin-token-0123456789abcdef';
  let databaseUrl: string;
  let ingestion: ServiceApp<unknown>;
  let computation: ComputationTestApp;
  let db: ComputationDatabase;
  let values: MessageCollector;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('e2e_hierarchy');
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      DX_ADMIN_TOKEN: admin,
      COMPUTATION_OVERDUE_INTERVAL_MS: '0',
    };
    ingestion = await createServiceApp(IngestionAppModule, INGESTION_OPTIONS, env);
    // On the real clock, as ingestion is.
    computation = await startComputation({ ...env, DX_CLOCK_NOW: undefined });
    db = new ComputationDatabase(databaseUrl);
    await db.connect();
    values = await collectMessages(process.env.KAFKA_BROKERS ?? '', `${prefix}${TOPICS.indicatorValues}`);
  });

  afterAll(async () => {
    await values?.stop();
    await db?.close();
    await computation?.close();
    await ingestion?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should publish the new district’s value of the wards it takes, once the version is replaced', async () => {
    const http = ingestion.app.getHttpServer();
    const agency = await request(http)
      .post('/v1/agencies')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'vnpt', name: 'VNPT', measures: ['households.*'], units: ['92'] });
    expect(agency.status).toBe(201);
    // 2025-Q3 is in the 2025 version: Ninh Kiều 900 of 1,000 households, Cái Khế 700 of 1,000.
    const submitted = await request(http)
      .post('/v1/observations')
      .set('Authorization', `Bearer ${agency.body.apiKey}`)
      .send({
        observations: [
          { measure: 'households.total', unit: '31135', period: '2025-Q3', value: 1000 },
          { measure: 'households.fibre', unit: '31135', period: '2025-Q3', value: 900 },
          { measure: 'households.total', unit: '31120', period: '2025-Q3', value: 1000 },
          { measure: 'households.fibre', unit: '31120', period: '2025-Q3', value: 700 },
        ],
      });
    expect(submitted.status).toBe(202);
    await expectEventually(async () => expect(await db.value('SOC-01', '92', '2025-Q3')).toMatchObject({ value: 80, numerator: 1600, denominator: 2000 }), {
      timeoutMs: 60_000,
    });
    const city = await db.value('SOC-01', '92', '2025-Q3');

    const shipped = HierarchyRegistry.withDefaults().version(TWO_LEVEL_VERSION_ID)?.definition;
    if (!shipped) throw new Error('the 2025-07 version ships with the platform');
    const replaced = await request(http)
      .put(`/v1/hierarchies/${TWO_LEVEL_VERSION_ID}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({
        effectiveFrom: shipped.effectiveFrom,
        units: [
          ...shipped.units.map((u) => (u.code === '31135' || u.code === '31120' ? { ...u, parentCode: '999' } : u)),
          { code: '999', name: 'Quận Thử Nghiệm', level: 2, parentCode: '92' },
        ],
      });
    expect(replaced.status).toBe(200);

    // (900 + 700) / (1,000 + 1,000) = 80 %.
    const published = await expectEventually(
      () => {
        const found = values.messages
          .map((m) => decodeEvent(IndicatorComputedV1, m.value))
          .flatMap((d) => (d.ok ? [d.event.data] : []))
          .find((v) => v.indicator === 'SOC-01' && v.unit === '999' && v.period === '2025-Q3');
        expect(found).toBeDefined();
        return found as IndicatorComputedV1;
      },
      { timeoutMs: 60_000 },
    );
    expect(published).toMatchObject({ value: 80, numerator: 1600, denominator: 2000, hierarchyVersion: TWO_LEVEL_VERSION_ID });
    expect(await db.value('SOC-01', '92', '2025-Q3')).toMatchObject({ value: city?.value, numerator: 1600, denominator: 2000 });
  });
});
