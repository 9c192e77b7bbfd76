import request from 'supertest';

import { expectEventually, PrivateServer, startPrivatePostgres, uniqueSuffix } from '@dx/testing';

import { createServiceApp, ServiceApp } from '../../src';
import { BARE_SERVICE } from './support/bare-service';
import { NoFeaturesModule } from './support/no-features.module';

// A service with no features: what is under test is the platform's readiness and error mapping.

describe('Readiness while PostgreSQL goes down and comes back', () => {
  let server: PrivateServer;
  let service: ServiceApp<unknown>;

  beforeAll(async () => {
    // Our own server: stopping it must not disturb the shared test database.
    server = await startPrivatePostgres();
    const url = new URL(server.address);
    url.pathname = '/readiness_test';
    service = await createServiceApp(NoFeaturesModule, BARE_SERVICE, {
      ...process.env,
      DATABASE_URL: url.toString(),
      KAFKA_TOPIC_PREFIX: `readiness-${uniqueSuffix()}.`,
      LOG_LEVEL: 'silent',
    });
  });

  afterAll(async () => {
    await service?.close();
    await server?.dispose();
  });

  it('should be ready, then answer 503 with Retry-After while the database is down, then recover', async () => {
    const http = service.app.getHttpServer();
    expect((await request(http).get('/health/ready')).status).toBe(200);

    await server.stop();
    const down = await request(http).get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body.error.code).toBe('unavailable');
    // Which dependency is down, not its error: the answer is public.
    expect(down.body.error.details).toEqual(
      expect.arrayContaining([
        { check: 'database', state: 'down' },
        { check: 'kafka', state: 'up' },
      ]),
    );
    expect(JSON.stringify(down.body)).not.toMatch(/ECONN|127\.0\.0\.1|terminat|connect|:\d{4,5}/i);
    // Liveness does not depend on dependencies: restarting the process would not help.
    expect((await request(http).get('/health/live')).status).toBe(200);

    await server.start();
    await expectEventually(async () => expect((await request(http).get('/health/ready')).status).toBe(200), {
      timeoutMs: 30_000,
      intervalMs: 500,
    });
  });

  it('should answer malformed JSON with the contract error body', async () => {
    const response = await request(service.app.getHttpServer()).post('/health/live').set('Content-Type', 'application/json').send('{"observations": [');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'malformed_json', message: expect.any(String), details: [] } });
  });

  it('should refuse a body over the limit without parsing it', async () => {
    const response = await request(service.app.getHttpServer())
      .post('/health/live')
      .set('Content-Type', 'application/json')
      .send(`{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });
});
