import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { freePort } from './free-port.util';

const REPO_ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** A server a test may stop and start again (outage tests) without disturbing the shared one. */
export interface PrivateServer {
  /** `host:port` for Kafka, a connection URL for PostgreSQL. */
  readonly address: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

async function privateServer(kind: string, command: (action: 'start' | 'stop', env: NodeJS.ProcessEnv) => Promise<unknown>, env: NodeJS.ProcessEnv, dir: string, address: string): Promise<PrivateServer> {
  const server: PrivateServer = {
    address,
    start: async () => void (await command('start', env)),
    stop: async () => void (await command('stop', env)),
    dispose: async () => {
      await command('stop', env).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`private ${kind} did not start: ${(error as Error).message}`);
  }
  return server;
}

/** A single-node Kafka broker of its own (infra/kafka/kafka.sh) on free ports; data kept across stop/start. */
export async function startPrivateKafka(): Promise<PrivateServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dx-private-kafka-'));
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const env = { ...process.env, KAFKA_DIR: dir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort) };
  const kafkaSh = join(REPO_ROOT, 'infra', 'kafka', 'kafka.sh');
  return privateServer('Kafka', (action, e) => run('bash', [kafkaSh, action], { env: e, timeout: 120_000 }), env, dir, `127.0.0.1:${port}`);
}

/** A PostgreSQL server of its own (infra/postgres/postgres.cjs) on a free port; data kept across stop/start. */
export async function startPrivatePostgres(): Promise<PrivateServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dx-private-pg-'));
  const port = await freePort();
  const env = { ...process.env, PG_DIR: dir, PG_PORT: String(port) };
  const script = join(REPO_ROOT, 'infra', 'postgres', 'postgres.cjs');
  return privateServer('PostgreSQL', (action, e) => run(process.execPath, [script, action], { env: e, timeout: 120_000 }), env, dir, `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
}
