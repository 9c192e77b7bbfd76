import { join, resolve } from 'node:path';

import { Kafka, KafkaConfig, logLevel } from 'kafkajs';

import { getTestInfra, toBrokerList } from './get-test-infra.util';

// The tooling's reading of the services' Kafka security variables (tools/infra/kafka.cjs; a test in
// libs/platform checks it agrees with the services' validated config). Loaded by path: the harness does
// not depend on the libraries it tests.
const { kafkaSecurityFromEnv } = require(join(resolve(__dirname, '../../..'), 'tools', 'infra', 'kafka.cjs')) as {
  kafkaSecurityFromEnv: (env: NodeJS.ProcessEnv) => Pick<KafkaConfig, 'ssl' | 'sasl'>;
};
import { uniqueSuffix } from './unique-suffix.util';

export interface CreateTestKafkaOptions {
  /** Default: KAFKA_BROKERS. */
  brokers?: string | string[];
  clientId?: string;
  /**
   * Default: NOTHING, or DX_TEST_KAFKA_LOG_LEVEL (error|warn|info|debug). kafkajs logs every retriable
   * error response at ERROR (e.g. "The coordinator is loading" right after a broker starts).
   */
  logLevel?: logLevel;
  /** Default: the services' KAFKA_SSL / KAFKA_SASL_* variables, so tests reach a secured broker too. */
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

const LEVELS: Record<string, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/** A kafkajs client for tests, on the brokers of the test run, with a unique client id. */
export function createTestKafka(options: CreateTestKafkaOptions = {}): Kafka {
  const brokers = options.brokers ? toBrokerList(options.brokers) : getTestInfra().kafkaBrokers;
  return new Kafka({
    clientId: options.clientId ?? `test-${uniqueSuffix(4)}`,
    brokers,
    ...(options.security ?? kafkaSecurityFromEnv(process.env)),
    logLevel: options.logLevel ?? LEVELS[(process.env['DX_TEST_KAFKA_LOG_LEVEL'] ?? '').toLowerCase()] ?? logLevel.NOTHING,
  });
}
