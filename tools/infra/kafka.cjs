'use strict';
// Local Kafka broker (infra/kafka/kafka.sh) and kafkajs admin helpers: readiness and topic creation.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { REPO_ROOT, DX_DIR, InfraError, defaultLog, retryUntil } = require('./common.cjs');

const KAFKA_SH = path.join(REPO_ROOT, 'infra', 'kafka', 'kafka.sh');
const DEFAULT_PORT = 19092;
const DEFAULT_DIR = path.join(DX_DIR, 'kafka');

function brokerList(brokers) {
  const list = Array.isArray(brokers) ? brokers : String(brokers || '').split(',');
  const clean = list.map((b) => b.trim()).filter(Boolean);
  if (clean.length === 0) throw new InfraError('no Kafka brokers given', 'INFRA_KAFKA_NO_BROKERS');
  return clean;
}

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'];

/**
 * kafkajs `ssl`/`sasl` options from the services' variables (KAFKA_SSL, KAFKA_SSL_CA_FILE,
 * KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD),
 * so that `npm start`/`npm test` and the test setup reach a secured broker like the services do. The
 * services validate the same variables with zod (libs/platform kafkaConfigSchema); a test in libs/testing
 * checks that both read them alike. The password never appears in an error.
 */
function kafkaSecurityFromEnv(env = process.env) {
  const value = (name) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const security = {};
  const ssl = value('KAFKA_SSL') || 'false';
  if (ssl !== 'true' && ssl !== 'false') throw new InfraError('KAFKA_SSL: expected true or false', 'INFRA_KAFKA_CONFIG');
  if (ssl === 'true') {
    const read = (name) => {
      const file = value(name);
      if (!file) return undefined;
      if (!fs.existsSync(file)) throw new InfraError(`${name}: file not found`, 'INFRA_KAFKA_CONFIG');
      return fs.readFileSync(file, 'utf8');
    };
    const [ca, cert, key] = [read('KAFKA_SSL_CA_FILE'), read('KAFKA_SSL_CERT_FILE'), read('KAFKA_SSL_KEY_FILE')];
    security.ssl = ca || cert || key ? { rejectUnauthorized: true, ...(ca && { ca: [ca] }), ...(cert && { cert }), ...(key && { key }) } : true;
  }
  const mechanism = value('KAFKA_SASL_MECHANISM');
  if (mechanism) {
    if (!SASL_MECHANISMS.includes(mechanism)) {
      throw new InfraError(`KAFKA_SASL_MECHANISM: expected one of ${SASL_MECHANISMS.join(', ')}`, 'INFRA_KAFKA_CONFIG');
    }
    const username = value('KAFKA_SASL_USERNAME');
    const password = value('KAFKA_SASL_PASSWORD');
    if (!username || !password) {
      throw new InfraError('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD', 'INFRA_KAFKA_CONFIG');
    }
    security.sasl = { mechanism, username, password };
  } else if (value('KAFKA_SASL_USERNAME') || value('KAFKA_SASL_PASSWORD')) {
    throw new InfraError('KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD set without KAFKA_SASL_MECHANISM', 'INFRA_KAFKA_CONFIG');
  }
  return security;
}

function kafkaClient(brokers, clientId = 'dx-infra', env = process.env) {
  const { Kafka, logLevel } = require('kafkajs');
  return new Kafka({
    clientId,
    brokers: brokerList(brokers),
    ...kafkaSecurityFromEnv(env),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 0 },
  });
}

async function withAdmin(brokers, fn) {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Waits until the brokers answer `describeCluster` and the group coordinator serves requests. On a new
 * broker the first group request creates __consumer_offsets; probing it here with short intervals
 * avoids kafkajs' growing retry back-off (about 5 s on a fresh broker) in the first consumer.
 * @returns {Promise<{ brokers: Array<{ nodeId: number, host: string, port: number }>, controller: number|null, clusterId: string }>}
 */
async function waitForKafka(brokers, timeoutMs = 60_000) {
  const list = brokerList(brokers);
  return retryUntil(
    () =>
      withAdmin(list, async (admin) => {
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length === 0) throw new Error('no broker registered yet');
        await admin.describeGroups(['dx-infra-readiness-probe']);
        return cluster;
      }),
    { timeoutMs, intervalMs: 250, what: `Kafka at ${list.join(',')}` },
  );
}

/**
 * Creates the topics that do not exist yet and waits until every partition of every listed topic has a
 * leader. Idempotent and safe against a concurrent creator. Existing topics are left as they are.
 * @param {string|string[]} brokers
 * @param {Array<string | { topic: string, numPartitions?: number, replicationFactor?: number, configEntries?: Array<{name: string, value: string}> }>} topics
 * @param {{ timeoutMs?: number, log?: (message: string) => void }} [options]
 * @returns {Promise<string[]>} the topics this call created
 */
async function createTopics(brokers, topics, options = {}) {
  const timeoutMs = options.timeoutMs || 30_000;
  const wanted = topics.map((t) => (typeof t === 'string' ? { topic: t } : { ...t }));
  const names = wanted.map((t) => t.topic);
  return withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          timeout: timeoutMs,
          // replication -1: the broker's default.replication.factor (1 alone, 3 in a KAFKA_CLUSTER=3 cluster)
          topics: missing.map((t) => ({ numPartitions: 1, replicationFactor: -1, ...t })),
        });
      } catch (error) {
        const errors = error.errors || [error];
        if (!errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw error;
      }
    }
    await retryUntil(
      async () => {
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
        const leaderless = metadata.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
        if (leaderless.length > 0) throw new Error(`no leader yet for ${leaderless.map((t) => t.topic).join(', ')}`);
      },
      { timeoutMs, intervalMs: 100, what: 'topic leaders' },
    );
    return missing.map((t) => t.topic);
  });
}

function runKafkaSh(command, env, log) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [KAFKA_SH, command], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      for (const line of String(chunk).split('\n').filter(Boolean)) log(line.replace(/^kafka\.sh: /, ''));
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function kafkaShEnv({ dir, port, controllerPort, startTimeoutS }) {
  const env = { KAFKA_DIR: dir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort) };
  if (startTimeoutS) env.KAFKA_START_TIMEOUT = String(startTimeoutS);
  return env;
}

function kafkaShError(stderr, code) {
  const lines = stderr.trim().split('\n');
  const summary = [...lines].reverse().find((l) => l.startsWith('kafka.sh: error: '));
  const message = summary ? summary.replace('kafka.sh: error: ', '') : `kafka.sh exited with ${code}`;
  const detail = summary
    ? lines
        .filter((l) => l !== summary)
        .join('\n')
        .trim()
    : stderr.trim();
  let errorCode = 'INFRA_KAFKA_START';
  if (/java not found|needs Java 17/.test(message)) errorCode = 'INFRA_JAVA_MISSING';
  else if (/Maven was not found/.test(message)) errorCode = 'INFRA_MAVEN_MISSING';
  else if (/already in use/.test(message)) errorCode = 'INFRA_KAFKA_PORT_IN_USE';
  const error = new InfraError(message, errorCode);
  error.detail = detail;
  return error;
}

/**
 * The client ports of the local nodes, as kafka.sh assigns them: KAFKA_PORTS, else the first port and +2, +4…
 * for KAFKA_CLUSTER nodes. Clients get them all, so that losing one broker loses no client.
 */
function clusterPorts(port, env) {
  const nodes = Math.max(1, Number(env.KAFKA_CLUSTER || 1));
  const listed = String(env.KAFKA_PORTS || '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return Array.from({ length: nodes }, (_, i) => Number(listed[i] || (i === 0 ? port : port + 2 * i)));
}

/**
 * Starts the local broker with infra/kafka/kafka.sh (or reuses the one running from `dir`).
 * @param {object} [options]
 * @param {string} [options.dir]             KAFKA_DIR (default <repo>/.dx/kafka; data kept across restarts)
 * @param {number} [options.port]            PLAINTEXT port (default 19092 or $KAFKA_PORT)
 * @param {number} [options.controllerPort]  default port + 1
 * @param {number} [options.timeoutMs]       default 120 s (includes a first jar download)
 * @param {(message: string) => void} [options.log]
 * @returns {Promise<{ brokers: string, port: number, dir: string, started: boolean, stop: () => Promise<void> }>}
 */
async function startLocalKafka(options = {}) {
  const log = options.log || defaultLog;
  const dir = path.resolve(options.dir || process.env.KAFKA_DIR || DEFAULT_DIR);
  const port = Number(options.port || process.env.KAFKA_PORT || DEFAULT_PORT);
  const controllerPort = Number(options.controllerPort || (options.port ? port + 1 : process.env.KAFKA_CONTROLLER_PORT || port + 1));
  const timeoutMs = options.timeoutMs || 120_000;
  const env = kafkaShEnv({ dir, port, controllerPort, startTimeoutS: Math.ceil(timeoutMs / 1000) });
  fs.mkdirSync(dir, { recursive: true });

  const result = await runKafkaSh('start', env, log);
  if (result.code !== 0) throw kafkaShError(result.stderr, result.code);
  const started = !/reusing it/.test(result.stdout);
  const brokers = clusterPorts(port, process.env)
    .map((p) => `127.0.0.1:${p}`)
    .join(',');
  await waitForKafka(brokers, timeoutMs);

  let stopped = false;
  const stop = async () => {
    if (stopped || !started) return;
    stopped = true;
    await stopLocalKafka({ dir, port, controllerPort, log });
  };
  return { brokers, port, dir, started, stop };
}

/** Stops the broker running from `dir` (kafka.sh stop: SIGTERM, SIGKILL after 20 s). */
async function stopLocalKafka(options = {}) {
  const log = options.log || defaultLog;
  const dir = path.resolve(options.dir || process.env.KAFKA_DIR || DEFAULT_DIR);
  const port = Number(options.port || process.env.KAFKA_PORT || DEFAULT_PORT);
  const controllerPort = Number(options.controllerPort || port + 1);
  const result = await runKafkaSh('stop', kafkaShEnv({ dir, port, controllerPort }), log);
  if (result.code !== 0) throw kafkaShError(result.stderr, result.code);
}

module.exports = {
  startLocalKafka,
  stopLocalKafka,
  waitForKafka,
  createTopics,
  brokerList,
  kafkaSecurityFromEnv,
  KAFKA_SH,
  DEFAULT_PORT,
  DEFAULT_DIR,
};
