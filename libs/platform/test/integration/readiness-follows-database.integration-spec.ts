import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import request from 'supertest';
import { z } from 'zod';

import { expectEventually, uniqueSuffix } from '@dx/testing';

import {
  createServiceApp,
  databaseConfigSchema,
  httpPortSchema,
  kafkaConfigSchema,
  runtimeConfigSchema,
  ServiceApp,
  ServiceDefinition,
} from '../../src';

interface LocalPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}
// The project's own PostgreSQL launcher (plain CommonJS, shared with npm start).
// tools/ is not an Nx project; the launcher is plain CommonJS shared with npm start and npm test.
// eslint-disable-next-line @nx/enforce-module-boundaries
const postgres = require('../../../../tools/infra/postgres.cjs') as {
  startLocalPostgres(options: { dir: string; port?: number; log?: (m: string) => void }): Promise<LocalPostgres>;
};

const configSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(httpPortSchema('REPORTING_PORT', 3000).shape);

// A service with no features: what is under test is the platform's readiness and error mapping.
const BARE_SERVICE: ServiceDefinition<z.infer<typeof configSchema>> = {
  name: 'reporting',
  title: { vi: 'Thử nghiệm', en: 'Test' },
  configSchema,
  port: (config) => config.REPORTING_PORT,
  database: { entities: [], migrations: [] },
  imports: () => [],
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('Readiness while PostgreSQL goes down and comes back', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-readiness-'));
  let server: LocalPostgres;
  let service: ServiceApp<unknown>;

  beforeAll(async () => {
    fs.chmodSync(dir, 0o755);
    // Our own server on a free port: stopping it must not disturb the shared test database.
    server = await postgres.startLocalPostgres({ dir, port: await freePort(), log: () => undefined });
    expect(server.url).toContain(`:${server.port}/`);
    const url = new URL(server.url);
    url.pathname = '/readiness_test';
    service = await createServiceApp(BARE_SERVICE, {
      ...process.env,
      DATABASE_URL: url.toString(),
      KAFKA_TOPIC_PREFIX: `readiness-${uniqueSuffix()}.`,
      LOG_LEVEL: 'silent',
    });
  });

  afterAll(async () => {
    await service?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should be ready, then answer 503 with Retry-After while the database is down, then recover', async () => {
    const http = service.app.getHttpServer();
    expect((await request(http).get('/health/ready')).status).toBe(200);

    await server.stop();
    const down = await request(http).get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body.error.code).toBe('unavailable');
    expect(down.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'database', state: expect.stringMatching(/^down/) }), { check: 'kafka', state: 'up' }]),
    );
    // Liveness does not depend on dependencies: restarting the process would not help.
    expect((await request(http).get('/health/live')).status).toBe(200);

    server = await postgres.startLocalPostgres({ dir, port: server.port, log: () => undefined });
    await expectEventually(async () => expect((await request(http).get('/health/ready')).status).toBe(200), {
      timeoutMs: 30_000,
      intervalMs: 500,
    });
  });

  it('should answer malformed JSON with the contract error body', async () => {
    const response = await request(service.app.getHttpServer())
      .post('/health/live')
      .set('Content-Type', 'application/json')
      .send('{"observations": [');
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
