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

async function privateServer(
  kind: string,
  command: (action: 'start' | 'stop', env: NodeJS.ProcessEnv) => Promise<unknown>,
  env: NodeJS.ProcessEnv,
  dir: string,
  address: string,
): Promise<PrivateServer> {
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

export interface PrivateKafkaOptions {
  /** Brokers (each also a controller of one static quorum); default 1. */
  nodes?: number;
  /** SCRAM and PLAIN users created at format time; the client listener then requires SASL. */
  saslUsers?: Record<string, string>;
  /** StandardAuthorizer on: nothing but the first SASL user (a super user) is allowed without an ACL. */
  acls?: boolean;
}

/** A private Kafka whose nodes a test can stop, kill and start one by one. */
export interface PrivateKafka extends PrivateServer {
  /** Every broker's host:port, comma-separated (the `address` is the first one). */
  readonly brokers: string;
  killNode(node: number): Promise<void>;
  stopNode(node: number): Promise<void>;
  startNode(node: number): Promise<void>;
  /** SIGSTOP: the broker hangs with its connections open, as in a long pause; `resumeNode` ends it. */
  pauseNode(node: number): Promise<void>;
  resumeNode(node: number): Promise<void>;
}

/** Kafka of its own (infra/kafka/kafka.sh) on free ports; data kept across stop/start. */
export async function startPrivateKafka(options: PrivateKafkaOptions = {}): Promise<PrivateKafka> {
  const nodes = options.nodes ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'dx-private-kafka-'));
  const ports: number[] = [];
  while (ports.length < nodes * 2) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const clientPorts = ports.slice(0, nodes);
  const controllerPorts = ports.slice(nodes);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_DIR: dir,
    KAFKA_CLUSTER: String(nodes),
    KAFKA_PORT: String(clientPorts[0]),
    KAFKA_CONTROLLER_PORT: String(controllerPorts[0]),
    KAFKA_PORTS: clientPorts.join(','),
    KAFKA_CONTROLLER_PORTS: controllerPorts.join(','),
    KAFKA_SASL_USERS: Object.entries(options.saslUsers ?? {})
      .map(([name, password]) => `${name}:${password}`)
      .join(','),
    KAFKA_ACLS: options.acls ? 'on' : 'off',
    // three JVMs on a 2-core machine: a smaller heap each
    ...(nodes > 1 && !process.env['KAFKA_HEAP'] ? { KAFKA_HEAP: '-Xms256m -Xmx384m' } : {}),
  };
  const kafkaSh = join(REPO_ROOT, 'infra', 'kafka', 'kafka.sh');
  const command = (action: string, e: NodeJS.ProcessEnv) => run('bash', [kafkaSh, action], { env: e, timeout: 180_000 });
  const server = await privateServer('Kafka', command, env, dir, `127.0.0.1:${clientPorts[0]}`);
  const onNode = (action: string) => async (node: number) => void (await command(action, { ...env, KAFKA_NODES: String(node) }));
  return {
    ...server,
    brokers: clientPorts.map((port) => `127.0.0.1:${port}`).join(','),
    killNode: onNode('kill'),
    stopNode: onNode('stop'),
    startNode: onNode('start'),
    pauseNode: onNode('pause'),
    resumeNode: onNode('resume'),
  };
}

/** A PostgreSQL server of its own (infra/postgres/postgres.cjs) on a free port; data kept across stop/start. */
export async function startPrivatePostgres(): Promise<PrivateServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dx-private-pg-'));
  const port = await freePort();
  const env = { ...process.env, PG_DIR: dir, PG_PORT: String(port) };
  const script = join(REPO_ROOT, 'infra', 'postgres', 'postgres.cjs');
  return privateServer(
    'PostgreSQL',
    (action, e) => run(process.execPath, [script, action], { env: e, timeout: 120_000 }),
    env,
    dir,
    `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
  );
}
