import { Kafka, logLevel, LogEntry } from 'kafkajs';

import { KafkaSecurity } from './kafka-security.util';
import { StructuredLogger } from './logger.type';

// kafkajs prints a partitioner warning at every start otherwise (infra.md §5.2).
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

export interface KafkaClientOptions {
  brokers: string[];
  /** Per instance: `dx-<service>-<instance>`; group ids are per service (style C10). */
  clientId: string;
  logger: StructuredLogger;
  /** How long one connection attempt may take before the broker counts as unreachable. */
  connectionTimeoutMs?: number;
  /** TLS and SASL (`kafkaSecurity(config)`); unset: plain text, anonymous (development). */
  security?: KafkaSecurity;
}

export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/** The one way this repository creates a kafkajs client: its logs go to our structured logger. */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...options.security,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        if (level === logLevel.ERROR) log.error(rest, message);
        else if (level === logLevel.WARN) log.warn(rest, message);
        else if (level === logLevel.INFO) log.info(rest, message);
        else log.debug(rest, message);
      },
  });
}
