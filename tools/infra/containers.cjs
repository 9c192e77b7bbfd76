'use strict';
// Kafka and PostgreSQL in containers through Testcontainers (optional path: only when a container
// runtime answers). Uses testcontainers' GenericContainer for both images, so no module package is needed.
// Runs against Docker, or podman's Docker-compatible socket (tools/containers/setup.sh; `npm run test:containers`).
const { InfraError, defaultLog } = require('./common.cjs');

// The official images; machines that cannot pull them get local builds under the same names (setup.sh).
const KAFKA_IMAGE = process.env.DX_KAFKA_IMAGE || 'apache/kafka:4.1.2';
const POSTGRES_IMAGE = process.env.DX_POSTGRES_IMAGE || 'postgres:15';
const STARTER_SCRIPT = '/tmp/dx_kafka_start.sh';

// podman's Docker-compatible API socket as tools/containers/setup.sh starts it
const PODMAN_SOCKET = process.env.DX_PODMAN_SOCKET || '/run/podman/podman.sock';

/**
 * GET /version on a Docker-compatible unix socket: `{ engine, version }`, or null when nothing answers.
 * A missing socket fails at once; podman's /version gathers host facts and took seconds on a busy machine.
 */
function engineOnSocket(socketPath, timeoutMs = 20_000) {
  const http = require('node:http');
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/version', timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        try {
          const info = JSON.parse(body);
          const podman = (info.Components || []).some((c) => /podman/i.test(c.Name || ''));
          resolve(response.statusCode === 200 ? { engine: podman ? 'podman' : 'docker', version: info.Version } : null);
        } catch {
          resolve(null);
        }
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

/**
 * Finds a Docker-compatible engine: DOCKER_HOST when it is a unix socket, Docker's default socket, then
 * podman's socket. Returns the environment that points Testcontainers and compose at it, or null with
 * nothing answering. With podman: no Ryuk reaper (its image cannot be pulled where images are built
 * locally; the harness stops its containers), and mapped ports reached on 127.0.0.1.
 * @returns {Promise<null | { engine: 'docker'|'podman', version: string, env: Record<string, string> }>}
 */
async function findContainerEngine(env = process.env) {
  const candidates = [];
  if (env.DOCKER_HOST) {
    if (!env.DOCKER_HOST.startsWith('unix://')) {
      return { engine: 'docker', version: 'unknown', env: { DOCKER_HOST: env.DOCKER_HOST } }; // remote engine: trust it
    }
    candidates.push(env.DOCKER_HOST.slice('unix://'.length));
  }
  candidates.push('/var/run/docker.sock', PODMAN_SOCKET);
  for (const socketPath of candidates) {
    const found = await engineOnSocket(socketPath);
    if (!found) continue;
    const extra = { DOCKER_HOST: `unix://${socketPath}` };
    if (found.engine === 'podman') {
      extra.TESTCONTAINERS_RYUK_DISABLED = env.TESTCONTAINERS_RYUK_DISABLED || 'true';
      // published ports on loopback, not the bridge's gateway address Testcontainers would pick here
      extra.TESTCONTAINERS_HOST_OVERRIDE = env.TESTCONTAINERS_HOST_OVERRIDE || '127.0.0.1';
    }
    return { ...found, env: extra };
  }
  return null;
}

/**
 * True when a container runtime (Docker, Podman, ...) answers. INFRA_MODE=containers forces true;
 * INFRA_MODE=local|external forces false. Never detect with `which docker` (the CLI may exist without an engine).
 */
async function containerRuntimeAvailable({ timeoutMs = 5000 } = {}) {
  const mode = process.env.INFRA_MODE;
  if (mode === 'containers') return true;
  if (mode === 'local' || mode === 'external') return false;
  let timer;
  try {
    const { getContainerRuntimeClient } = require('testcontainers');
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('container runtime detection timed out')), timeoutMs);
      timer.unref();
    });
    await Promise.race([getContainerRuntimeClient(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function apacheKafkaContainer() {
  const { GenericContainer, Wait, getContainerRuntimeClient } = require('testcontainers');

  // Single-node KRaft on apache/kafka. The advertised PLAINTEXT listener must carry the host port that
  // Docker maps, which is known only after the container started: the container waits for a starter
  // script that exports KAFKA_ADVERTISED_LISTENERS (same technique as testcontainers-java's KafkaContainer).
  class ApacheKafkaContainer extends GenericContainer {
    constructor(image) {
      super(image);
      this.withExposedPorts(9092)
        .withEnvironment({
          CLUSTER_ID: '4L6g3nShT-eMCtK--X86sw',
          KAFKA_NODE_ID: '1',
          KAFKA_PROCESS_ROLES: 'broker,controller',
          KAFKA_LISTENERS: 'PLAINTEXT://:9092,BROKER://:9093,CONTROLLER://:9094',
          KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'BROKER:PLAINTEXT,PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
          KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
          KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
          KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9094',
          KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
          KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
          KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
          KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
          KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '1',
          KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
          KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
          KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
          KAFKA_HEAP_OPTS: '-Xms256m -Xmx512m',
        })
        .withEntrypoint(['sh'])
        .withCommand(['-c', `while [ ! -f ${STARTER_SCRIPT} ]; do sleep 0.1; done; exec ${STARTER_SCRIPT}`])
        .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
        .withStartupTimeout(120_000);
    }

    async containerCreated(containerId) {
      this.dxContainerId = containerId;
    }

    async containerStarting(inspectResult) {
      const client = await getContainerRuntimeClient();
      const binding = (inspectResult.ports['9092/tcp'] || [])[0];
      if (!binding) throw new InfraError('Docker did not map the Kafka port 9092', 'INFRA_CONTAINER_PORT');
      const host = client.info.containerRuntime.host;
      const advertised = `PLAINTEXT://${host}:${binding.hostPort},BROKER://${inspectResult.hostname}:9093`;
      const script = ['#!/bin/sh', `export KAFKA_ADVERTISED_LISTENERS=${advertised}`, 'exec /etc/kafka/docker/run', ''];
      // write then rename, so the waiting loop never executes a half-written file
      const command = `printf '%s\\n' ${script.map((l) => `'${l}'`).join(' ')} > ${STARTER_SCRIPT}.tmp && chmod 755 ${STARTER_SCRIPT}.tmp && mv ${STARTER_SCRIPT}.tmp ${STARTER_SCRIPT}`;
      const container = client.container.getById(this.dxContainerId);
      const result = await client.container.exec(container, ['sh', '-c', command]);
      if (result.exitCode !== 0) {
        throw new InfraError(`could not write the Kafka starter script: ${result.output}`, 'INFRA_CONTAINER_EXEC');
      }
    }
  }
  return new ApacheKafkaContainer(KAFKA_IMAGE);
}

function postgresContainer() {
  const { GenericContainer, Wait } = require('testcontainers');
  return (
    new GenericContainer(POSTGRES_IMAGE)
      .withEnvironment({ POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'postgres' })
      .withExposedPorts(5432)
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
      .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
      // the entrypoint starts a temporary server for initdb first, so the line appears twice
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .withStartupTimeout(120_000)
  );
}

/**
 * Starts throwaway containers (removed on stop; Testcontainers' reaper also removes them if Node dies).
 * @param {{ kafka?: boolean, postgres?: boolean, log?: (message: string) => void }} [options]
 * @returns {Promise<{ kafkaBrokers?: string, databaseUrl?: string, stop: () => Promise<void> }>}
 */
async function startContainerInfra(options = {}) {
  const log = options.log || defaultLog;
  const wantKafka = options.kafka !== false;
  const wantPostgres = options.postgres !== false;
  const t0 = Date.now();
  log(`starting containers: ${[wantKafka && KAFKA_IMAGE, wantPostgres && POSTGRES_IMAGE].filter(Boolean).join(', ')}`);
  const [kafka, pg] = await Promise.allSettled([
    wantKafka ? apacheKafkaContainer().start() : Promise.resolve(undefined),
    wantPostgres ? postgresContainer().start() : Promise.resolve(undefined),
  ]);
  const started = [kafka, pg].filter((r) => r.status === 'fulfilled' && r.value).map((r) => r.value);
  const stop = async () => {
    await Promise.all(started.map((c) => c.stop().catch(() => {})));
  };
  const failed = [kafka, pg].find((r) => r.status === 'rejected');
  if (failed) {
    await stop();
    throw new InfraError(`starting containers failed: ${failed.reason && failed.reason.message}`, 'INFRA_CONTAINERS', failed.reason);
  }
  const result = { stop };
  if (kafka.value) result.kafkaBrokers = `${kafka.value.getHost()}:${kafka.value.getMappedPort(9092)}`;
  if (pg.value) {
    result.databaseUrl = `postgres://postgres:postgres@${pg.value.getHost()}:${pg.value.getMappedPort(5432)}/postgres`;
  }
  log(`containers up in ${Date.now() - t0} ms`);
  return result;
}

module.exports = { containerRuntimeAvailable, findContainerEngine, startContainerInfra, KAFKA_IMAGE, POSTGRES_IMAGE };
