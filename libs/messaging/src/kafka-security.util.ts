import { readFileSync } from 'node:fs';

import { KafkaConfig, SASLOptions } from 'kafkajs';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** The validated Kafka security variables (libs/platform `kafkaConfigSchema`). */
export interface KafkaSecuritySettings {
  KAFKA_SSL: boolean;
  /** PEM file of the CA that signed the brokers' certificates; unset: Node's default CAs. */
  KAFKA_SSL_CA_FILE?: string;
  /** PEM client certificate and key, for brokers that authenticate clients by TLS (mutual TLS). */
  KAFKA_SSL_CERT_FILE?: string;
  KAFKA_SSL_KEY_FILE?: string;
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/**
 * The kafkajs `ssl` and `sasl` options of these settings. Certificates are read here, once, so that a
 * missing file stops the service at start rather than at its first reconnection. Certificate checks are
 * never turned off: a broker whose certificate does not verify is refused.
 */
export function kafkaSecurity(settings: KafkaSecuritySettings): KafkaSecurity {
  const security: KafkaSecurity = {};
  if (settings.KAFKA_SSL) {
    const read = (file: string | undefined): string | undefined => (file ? readFileSync(file, 'utf8') : undefined);
    const ca = read(settings.KAFKA_SSL_CA_FILE);
    const cert = read(settings.KAFKA_SSL_CERT_FILE);
    const key = read(settings.KAFKA_SSL_KEY_FILE);
    security.ssl = ca || cert || key ? { rejectUnauthorized: true, ...(ca && { ca: [ca] }), ...(cert && { cert }), ...(key && { key }) } : true;
  }
  if (settings.KAFKA_SASL_MECHANISM) {
    if (!settings.KAFKA_SASL_USERNAME || !settings.KAFKA_SASL_PASSWORD) {
      throw new Error('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
    }
    security.sasl = {
      mechanism: settings.KAFKA_SASL_MECHANISM,
      username: settings.KAFKA_SASL_USERNAME,
      password: settings.KAFKA_SASL_PASSWORD,
    } as SASLOptions;
  }
  return security;
}
