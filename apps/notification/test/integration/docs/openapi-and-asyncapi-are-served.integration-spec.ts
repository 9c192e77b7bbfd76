import request from 'supertest';

import { NotificationTestApp, startNotification } from '../support/notification-test-app';

describe('API documents', () => {
  let app: NotificationTestApp;

  beforeAll(async () => {
    app = await startNotification();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should document every endpoint in OpenAPI at /docs', async () => {
    expect((await request(app.http).get('/docs')).status).toBe(200);
    const document = (await request(app.http).get('/docs/openapi.json')).body;
    expect(Object.keys(document.paths).sort()).toEqual([
      '/v1/alerts',
      '/v1/alerts/{id}',
      '/v1/alerts/{id}/acknowledge',
      '/v1/inbox',
      '/v1/subscriptions',
      '/v1/subscriptions/{id}',
    ]);
    expect(Object.keys(document.paths['/v1/subscriptions'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(document.paths['/v1/subscriptions/{id}'])).toEqual(expect.arrayContaining(['get', 'delete']));
  });

  it('should serve the AsyncAPI document of dx.alerts.v1', async () => {
    const response = await request(app.http).get('/docs/asyncapi.json');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ asyncapi: '3.0.0', channels: { alerts: { address: 'dx.alerts.v1' } } });
  });

  it('should count deliveries, failures and pending retries in the metrics', async () => {
    const metrics = (await request(app.http).get('/metrics')).text;
    expect(metrics).toContain('dx_notification_deliveries_pending{channel="webhook"} 0');
    expect(metrics).toContain('# TYPE dx_notification_delivery_attempts_total counter');
  });
});
