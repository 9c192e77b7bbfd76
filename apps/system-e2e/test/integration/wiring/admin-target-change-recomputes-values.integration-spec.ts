import request from 'supertest';

import { decodeEvent, IndicatorComputedV1, TOPICS } from '@dx/contracts';
import { createServiceApp, ServiceApp } from '@dx/platform';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { ComputationDatabase } from '../../../../computation/test/integration/support/computation-harness.util';
import { ComputationTestApp, startComputation } from '../../../../computation/test/integration/support/computation-test-app';
import { AppModule as IngestionAppModule } from '../../../../ingestion/src/app.module';
import { INGESTION_OPTIONS } from '../../../../ingestion/src/ingestion.options';

// Reference data end to end: an administrator raises SOC-01's 2025 milestone through ingestion's API →
// dx.reference.v1 → computation recomputes the ward's value and publishes it with the new target.
describe('A target changed through the admin API', () => {
  const prefix = `e2e-reference-${uniqueSuffix()}.`;
  const admin = 'e2e-admin-token-0123456789abcdef';
  let databaseUrl: string;
  let ingestion: ServiceApp<unknown>;
  let computation: ComputationTestApp;
  let db: ComputationDatabase;
  let values: MessageCollector;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('e2e_reference');
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

  it('should recompute and publish the ward’s value with the new target and status', async () => {
    const http = ingestion.app.getHttpServer();
    const agency = await request(http)
      .post('/v1/agencies')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'vnpt', name: 'VNPT', measures: ['households.*'], units: ['92'] });
    expect(agency.status).toBe(201);
    // 950 of 1,000 households: 95 %, achieved against the plan's "> 90" for 2025.
    const submitted = await request(http)
      .post('/v1/observations')
      .set('Authorization', `Bearer ${agency.body.apiKey}`)
      .send({
        observations: [
          { measure: 'households.total', unit: '31117', period: '2025-Q2', value: 1000 },
          { measure: 'households.fibre', unit: '31117', period: '2025-Q2', value: 950 },
        ],
      });
    expect(submitted.status).toBe(202);
    await expectEventually(async () => expect(await db.value('SOC-01', '31117', '2025-Q2')).toMatchObject({ value: 95, status: 'achieved' }), {
      timeoutMs: 60_000,
    });

    const changed = await request(http)
      .put('/v1/catalog/targets/SOC-01')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        targets: [
          { kind: 'milestone', year: 2025, op: '>=', value: 99 },
          { kind: 'milestone', year: 2030, op: '>=', value: 100 },
        ],
        tolerance: 5,
      });
    expect(changed.status).toBe(200);

    // 95 against ">= 99", 4 behind with a tolerance of 5: at_risk.
    const published = await expectEventually(
      () => {
        const found = values.messages
          .map((m) => decodeEvent(IndicatorComputedV1, m.value))
          .flatMap((d) => (d.ok ? [d.event.data] : []))
          .find((v) => v.indicator === 'SOC-01' && v.unit === '31117' && v.period === '2025-Q2' && v.target?.value === 99);
        expect(found).toBeDefined();
        return found as IndicatorComputedV1;
      },
      { timeoutMs: 60_000 },
    );
    expect(published).toMatchObject({ value: 95, target: { year: 2025, op: '>=', value: 99 }, expected: 99, status: 'at_risk' });
  });
});
