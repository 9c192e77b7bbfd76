import http from 'node:http';

import request from 'supertest';

import { createTestDatabase, dropTestDatabase, expectEventually, uniqueSuffix } from '@dx/testing';

import { createServiceApp, ServiceApp } from '../../src';
import { BARE_SERVICE } from './support/bare-service';
import { NoFeaturesModule } from './support/no-features.module';

// A service with no features (support/bare-service): what is under test is the platform's request limits.

/** A request whose headers promise a body that never comes: it stays in flight until destroyed. */
function stalledRequest(base: string): http.ClientRequest {
  const url = new URL('/v1/anything', base);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': '1000' },
  });
  req.on('error', () => undefined);
  req.write('{"x":');
  return req;
}

describe('Request limits before any body is read', () => {
  let databaseUrl: string;
  const services: ServiceApp<unknown>[] = [];

  async function start(env: NodeJS.ProcessEnv): Promise<string> {
    const service = await createServiceApp(NoFeaturesModule, BARE_SERVICE, {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: `limits-${uniqueSuffix()}.`,
      LOG_LEVEL: 'silent',
      ...env,
    });
    services.push(service);
    await service.app.listen(0, '127.0.0.1');
    return service.app.getUrl();
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('platform_limits');
  });

  afterAll(async () => {
    for (const service of services) await service.close();
    await dropTestDatabase(databaseUrl);
  });

  it('should answer a client over its rate with 429, Retry-After and the contract body, without parsing its body', async () => {
    const base = await start({ HTTP_RATE_LIMIT_PER_MINUTE: '40' }); // bursts of 10
    const malformed = () => request(base).post('/health/live').set('Content-Type', 'application/json').send('{"not json');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await malformed()).status);
    // The first ten reach the JSON parser (400); the eleventh is refused before it.
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    const limited = await malformed();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining(' / '), details: [] } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('should refuse requests beyond the in-flight cap with 503 and Retry-After, and serve again once they end', async () => {
    const base = await start({ HTTP_MAX_IN_FLIGHT: '2' });
    const stalled = [stalledRequest(base), stalledRequest(base)];
    try {
      await expectEventually(async () => {
        const refused = await request(base).get('/metrics');
        expect(refused.status).toBe(503);
        expect(refused.body.error.code).toBe('unavailable');
        expect(refused.headers['retry-after']).toBe('1');
      });
      // Probes still answer while the service is saturated.
      expect((await request(base).get('/health/live')).status).toBe(200);
    } finally {
      for (const req of stalled) req.destroy();
    }
    await expectEventually(async () => expect((await request(base).get('/metrics')).status).toBe(200));
  });
});
