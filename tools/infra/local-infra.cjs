'use strict';
// Kafka + PostgreSQL for `npm start`, `npm test` and Jest globalSetup: reuse what the environment gives,
// otherwise start containers (tests, when a container runtime answers) or local processes.
//
//   const { ensureInfra } = require('./tools/infra/local-infra.cjs');
//   const infra = await ensureInfra({ purpose: 'start' });   // { kafkaBrokers, databaseUrl, mode, stop }
//
// INFRA_MODE=containers|local|external forces a path. See docs/adr/0002-local-kafka-and-postgres.md.
const { InfraError, defaultLog } = require('./common.cjs');
const { startLocalKafka, stopLocalKafka, waitForKafka, createTopics, brokerList } = require('./kafka.cjs');
const { startLocalPostgres, stopLocalPostgres, waitForPostgres, postgresUrl } = require('./postgres.cjs');
const { containerRuntimeAvailable, startContainerInfra } = require('./containers.cjs');

const MODES = ['containers', 'local', 'external'];

function noKafkaHelp(reason) {
  return new InfraError(
    [
      'No Kafka broker available.',
      `  The local broker could not start: ${reason}`,
      '  Fix one of:',
      '    - install Java 17+ and Maven 3.8+ (Debian: apt-get install -y openjdk-17-jre-headless maven), then retry;',
      '    - start a container runtime (Docker or Podman) and retry, or run `docker compose up kafka postgres`;',
      '    - set KAFKA_BROKERS=host:port to use an existing broker.',
    ].join('\n'),
    'INFRA_NO_KAFKA',
  );
}

/**
 * Provides a Kafka broker and a PostgreSQL server.
 *
 * Order: KAFKA_BROKERS / DATABASE_URL when set (each on its own) -> containers (purpose 'test', when a
 * container runtime answers) -> local processes (infra/kafka/kafka.sh, embedded PostgreSQL). For purpose
 * 'start' local processes come first because their data survive a restart (containers are throwaway);
 * containers are used for 'start' only with INFRA_MODE=containers or when Java/Maven are missing.
 * Local PostgreSQL: purpose 'start' uses the persistent server in .dx/postgres on 55432; purpose 'test'
 * an ephemeral one (temp folder, free port, fsync off); purpose 'bench' (npm run bench) an ephemeral one with
 * fsync on, as production runs, and never containers unless INFRA_MODE=containers. Local Kafka: the broker in .dx/kafka on 19092
 * for both (tests isolate with unique topic and group names).
 *
 * @param {object} [options]
 * @param {'start'|'test'|'bench'} [options.purpose='start']
 * @param {(message: string) => void} [options.log]
 * @param {Array<string | { topic: string, numPartitions?: number }>} [options.topics] created (idempotently) once Kafka answers
 * @param {NodeJS.ProcessEnv} [options.env=process.env]
 * @returns {Promise<{ kafkaBrokers: string, databaseUrl: string,
 *   mode: { kafka: 'external'|'containers'|'local', postgres: 'external'|'containers'|'local' },
 *   stop: () => Promise<void> }>}  stop() stops only what this call started.
 */
async function ensureInfra(options = {}) {
  const purpose = options.purpose || 'start';
  const log = options.log || defaultLog;
  const env = options.env || process.env;
  const forced = env.INFRA_MODE || undefined;
  if (forced && !MODES.includes(forced)) {
    throw new InfraError(`INFRA_MODE must be one of ${MODES.join('|')}, got "${forced}"`, 'INFRA_MODE');
  }

  let kafkaBrokers = env.KAFKA_BROKERS || undefined;
  let databaseUrl = env.DATABASE_URL || undefined;
  const mode = { kafka: kafkaBrokers ? 'external' : undefined, postgres: databaseUrl ? 'external' : undefined };
  const stops = [];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse()) await fn().catch((e) => log(`stop failed: ${e.message}`));
  };

  try {
    if (forced === 'external' && (!kafkaBrokers || !databaseUrl)) {
      throw new InfraError('INFRA_MODE=external needs both KAFKA_BROKERS and DATABASE_URL', 'INFRA_MODE');
    }
    const needKafka = !kafkaBrokers;
    const needPostgres = !databaseUrl;

    if (needKafka || needPostgres) {
      let useContainers = false;
      if (forced === 'containers') useContainers = true;
      else if (!forced && purpose === 'test') useContainers = await containerRuntimeAvailable();

      if (useContainers) {
        const c = await startContainerInfra({ kafka: needKafka, postgres: needPostgres, log });
        stops.push(c.stop);
        if (needKafka) [kafkaBrokers, mode.kafka] = [c.kafkaBrokers, 'containers'];
        if (needPostgres) [databaseUrl, mode.postgres] = [c.databaseUrl, 'containers'];
      } else {
        const [pg, kafka] = await Promise.allSettled([
          needPostgres ? startLocalPostgres({ log, ephemeral: purpose !== 'start', durable: purpose === 'bench' }) : Promise.resolve(undefined),
          needKafka ? startLocalKafka({ log }) : Promise.resolve(undefined),
        ]);
        if (pg.status === 'fulfilled' && pg.value) {
          stops.push(pg.value.stop);
          [databaseUrl, mode.postgres] = [pg.value.url, 'local'];
        }
        if (kafka.status === 'fulfilled' && kafka.value) {
          stops.push(kafka.value.stop);
          [kafkaBrokers, mode.kafka] = [kafka.value.brokers, 'local'];
        }
        if (pg.status === 'rejected') throw pg.reason;
        if (kafka.status === 'rejected') {
          const reason = kafka.reason;
          const missingTool = reason.code === 'INFRA_JAVA_MISSING' || reason.code === 'INFRA_MAVEN_MISSING';
          if (missingTool && !forced && purpose === 'start' && (await containerRuntimeAvailable())) {
            log(`${reason.message}\nfalling back to a Kafka container (its data are not kept across restarts)`);
            const c = await startContainerInfra({ kafka: true, postgres: false, log });
            stops.push(c.stop);
            [kafkaBrokers, mode.kafka] = [c.kafkaBrokers, 'containers'];
          } else if (missingTool) {
            throw noKafkaHelp(reason.message);
          } else {
            throw reason;
          }
        }
      }
    }

    // whatever the source, check that both answer before anyone relies on them
    await Promise.all([waitForKafka(kafkaBrokers, 60_000), waitForPostgres(databaseUrl, 30_000)]).catch((error) => {
      throw new InfraError(`infrastructure not reachable: ${error.message}`, 'INFRA_UNREACHABLE', error);
    });
    if (options.topics && options.topics.length > 0) await createTopics(kafkaBrokers, options.topics);
    return { kafkaBrokers, databaseUrl, mode, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

module.exports = {
  ensureInfra,
  startLocalKafka,
  stopLocalKafka,
  startLocalPostgres,
  stopLocalPostgres,
  waitForKafka,
  waitForPostgres,
  createTopics,
  brokerList,
  postgresUrl,
  containerRuntimeAvailable,
  startContainerInfra,
  InfraError,
};
