import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

import { createTestDatabase, dropTestDatabase, expectEventually, freePort, uniqueSuffix } from '@dx/testing';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');

interface Started {
  child: ChildProcess;
  lines: () => Array<Record<string, unknown>>;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `npm run start:service -- ingestion`, as docker-compose runs it, with exactly the given environment. */
function startService(env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools/scripts/start-service.cjs'), 'ingestion'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, KAFKA_BROKERS: process.env.KAFKA_BROKERS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => (out += String(chunk)));
  child.stderr?.on('data', (chunk) => (err += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, lines, stderr: () => err, exited };
}

describe('Admin token and listening address at start-up', () => {
  let databaseUrl: string;
  let running: Started | undefined;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('ingestion_config');
  });

  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    running = undefined;
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  it.each([
    ['NODE_ENV unset', {}],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
  ])('should refuse to start without DX_ADMIN_TOKEN when %s, naming the variable', async (_name, env) => {
    running = startService({ ...env, DATABASE_URL: databaseUrl, INGESTION_PORT: String(await freePort()) });
    expect(await running.exited).toBe(1);
    expect(running.stderr()).toMatch(/DX_ADMIN_TOKEN: .*required unless NODE_ENV is development or test/);
  });

  it('should refuse a malformed HOST by name', async () => {
    running = startService({ NODE_ENV: 'development', HOST: 'not a host', DATABASE_URL: databaseUrl, INGESTION_PORT: String(await freePort()) });
    expect(await running.exited).toBe(1);
    expect(running.stderr()).toMatch(/HOST: expected an IP address or a host name/);
  });

  it('should warn that the default admin token is in use and listen on loopback only in development', async () => {
    const port = await freePort();
    running = startService({
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      INGESTION_PORT: String(port),
      KAFKA_TOPIC_PREFIX: `config-${uniqueSuffix()}.`,
    });
    const started = running;
    await expectEventually(() => expect(started.lines().some((l) => l.msg === 'ready')).toBe(true), { timeoutMs: 60_000, intervalMs: 250 });
    const lines = started.lines();
    expect(lines.find((l) => l.msg === 'ready')).toMatchObject({ host: '127.0.0.1', port });
    expect(lines.filter((l) => l.level === 'warn' && String(l.msg).includes('DX_ADMIN_TOKEN unset'))).toHaveLength(1);
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
  });
});
