import { createHmac } from 'node:crypto';

import request from 'supertest';

import { createServiceApp, ServiceApp } from '@dx/platform';
import { createTestDatabase, dropTestDatabase, expectEventually, startWebhookReceiver, uniqueSuffix, WebhookReceiver } from '@dx/testing';

import { ComputationTestApp, startComputation } from '../../../../computation/test/integration/support/computation-test-app';
import { AppModule as IngestionAppModule } from '../../../../ingestion/src/app.module';
import { INGESTION_OPTIONS } from '../../../../ingestion/src/ingestion.options';
import { AppModule as NotificationAppModule } from '../../../../notification/src/app.module';
import { NOTIFICATION_OPTIONS } from '../../../../notification/src/notification.options';

// The alert path end to end: an agency's submission → ingestion → computation (a status slip on
// dx.indicator-status.v1) → notification → a signed webhook at a receiver on loopback.
describe('An agency submission that slips becoming an alert', () => {
  const prefix = `e2e-alert-${uniqueSuffix()}.`;
  const admin = 'e2e-admin-token-0123456789abcdef';
  const secret = 'district-shared-secret-0123456789';
  let databaseUrl: string;
  let ingestion: ServiceApp<unknown>;
  let computation: ComputationTestApp;
  let notification: ServiceApp<unknown>;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('e2e_alert');
    receiver = await startWebhookReceiver();
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
    // A Tuesday 10:00 in Vietnam: no quiet hours in the way.
    notification = await createServiceApp(NotificationAppModule, NOTIFICATION_OPTIONS, {
      ...env,
      DX_CLOCK_NOW: '2026-03-10T03:00:00.000Z',
      NOTIFICATION_POLL_INTERVAL_MS: '200',
    });
  });

  afterAll(async () => {
    await notification?.close();
    await computation?.close();
    await ingestion?.close();
    await receiver?.stop();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should deliver a signed alert.fired webhook for the commune whose fibre share is far behind', async () => {
    const subscribed = await request(notification.app.getHttpServer())
      .post('/v1/subscriptions')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        name: 'UBND Quận Ninh Kiều',
        webhook: { url: receiver.url, secret },
        scope: { units: ['916'], includeDescendants: true, indicators: ['SOC-01'] },
        minSeverity: 'warning',
      });
    expect(subscribed.status).toBe(201);

    const http = ingestion.app.getHttpServer();
    const agency = await request(http)
      .post('/v1/agencies')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'vnpt', name: 'VNPT', measures: ['households.*'], units: ['92'] });
    expect(agency.status).toBe(201);
    // 2,000 of 5,000 households: 40 %, far behind a 2025 target above 90 %.
    const submitted = await request(http)
      .post('/v1/observations')
      .set('Authorization', `Bearer ${agency.body.apiKey}`)
      .send({
        observations: [
          { measure: 'households.total', unit: '31117', period: '2025-Q2', value: 5000 },
          { measure: 'households.fibre', unit: '31117', period: '2025-Q2', value: 2000 },
        ],
      });
    expect(submitted.status).toBe(202);

    const fired = await expectEventually(
      () => {
        const found = receiver.requests.find((r) => {
          const body = r.body as any;
          return body.event === 'alert.fired' && body.alert.unit === '31117' && body.alert.period === '2025-Q2';
        });
        expect(found).toBeDefined();
        return found as (typeof receiver.requests)[number];
      },
      { timeoutMs: 60_000 },
    );
    const body = fired.body as any;
    expect(body.alert).toMatchObject({ kind: 'status_slip', indicator: 'SOC-01', severity: 'critical', status: 'off_track', value: 40 });
    expect(body.alert.message.vi).toContain('Phường Cái Khế');
    expect(fired.headers['x-dx-signature']).toBe(`sha256=${createHmac('sha256', secret).update(fired.rawBody).digest('hex')}`);
  });
});
