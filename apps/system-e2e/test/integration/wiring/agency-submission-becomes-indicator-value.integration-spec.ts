import request from 'supertest';

import { decodeEvent, IndicatorComputedV1, TOPICS } from '@dx/contracts';
import { createServiceApp, ServiceApp } from '@dx/platform';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { ComputationTestApp, startComputation } from '../../../../computation/test/integration/support/computation-test-app';
import { AppModule as IngestionAppModule } from '../../../../ingestion/src/app.module';
import { INGESTION_OPTIONS } from '../../../../ingestion/src/ingestion.options';

// The first half of the platform end to end: an agency's HTTP submission → ingestion's outbox → the real
// broker → computation → an indicator value on dx.indicator-values.v1.
describe('An agency submission becoming an indicator value', () => {
  const prefix = `e2e-${uniqueSuffix()}.`;
  const admin = 'e2e-admin-token-0123456789abcdef';
  let databaseUrl: string;
  let ingestion: ServiceApp<unknown>;
  let computation: ComputationTestApp;
  let values: MessageCollector;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('e2e');
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      DX_ADMIN_TOKEN: admin,
      COMPUTATION_OVERDUE_INTERVAL_MS: '0',
    };
    ingestion = await createServiceApp(IngestionAppModule, INGESTION_OPTIONS, env);
    // On the real clock, as ingestion is.
    computation = await startComputation({ ...env, DX_CLOCK_NOW: undefined });
    values = await collectMessages((process.env.KAFKA_BROKERS ?? '').split(','), `${prefix}${TOPICS.indicatorValues}`);
  });

  afterAll(async () => {
    await values?.stop();
    await computation?.close();
    await ingestion?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should publish the fibre share of a commune, its district and the city after one submission', async () => {
    const http = ingestion.app.getHttpServer();
    const agency = await request(http)
      .post('/v1/agencies')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'vnpt', name: 'VNPT', measures: ['households.*'], units: ['92'] });
    expect(agency.status).toBe(201);

    const submitted = await request(http)
      .post('/v1/observations')
      .set('Authorization', `Bearer ${agency.body.apiKey}`)
      .send({
        observations: [
          { measure: 'households.total', unit: '31117', period: '2025-Q2', value: 5000 },
          { measure: 'households.fibre', unit: '31117', period: '2025-Q2', value: 4600 },
        ],
      });
    expect(submitted.status).toBe(202);

    // 4600 / 5000 = 92 % for the commune, and (being the only reporter) for Ninh Kiều and the city.
    await expectEventually(
      () => {
        const latest = new Map<string, number | null>();
        for (const message of values.messages) {
          const decoded = decodeEvent(IndicatorComputedV1, message.value);
          if (decoded.ok && decoded.event.data.indicator === 'SOC-01' && decoded.event.data.period === '2025-Q2') {
            latest.set(decoded.event.data.unit, decoded.event.data.value);
          }
        }
        expect(Object.fromEntries(latest)).toEqual({ '31117': 92, '916': 92, '92': 92 });
      },
      { timeoutMs: 30_000 },
    );
  });
});
