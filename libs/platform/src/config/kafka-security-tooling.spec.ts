import { join, resolve } from 'node:path';

import { kafkaSecurity } from '@dx/messaging';

import { kafkaConfigSchema } from './platform-config.schema';
import { loadConfig } from './config.util';

// The plain-JS tooling (npm start/test, Jest globalSetup) reads the services' Kafka security variables
// on its own, since it runs before any TypeScript is loaded; it must read them as the services do.
const { kafkaSecurityFromEnv } = require(join(resolve(__dirname, '../../../..'), 'tools', 'infra', 'kafka.cjs')) as {
  kafkaSecurityFromEnv: (env: NodeJS.ProcessEnv) => unknown;
};

describe('Kafka security from the environment', () => {
  const sasl = { KAFKA_SASL_USERNAME: 'dx-ingestion', KAFKA_SASL_PASSWORD: 'a-long-secret' };

  it.each([
    {},
    { KAFKA_SSL: 'false' },
    { KAFKA_SSL: 'true' },
    { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: __filename },
    { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: __filename, KAFKA_SSL_CERT_FILE: __filename, KAFKA_SSL_KEY_FILE: __filename },
    { KAFKA_SASL_MECHANISM: 'plain', ...sasl },
    { KAFKA_SASL_MECHANISM: 'scram-sha-256', ...sasl },
    { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', ...sasl },
  ])('should give the tooling the same client options as the services for %j', (env) => {
    expect(kafkaSecurityFromEnv(env)).toEqual(kafkaSecurity(loadConfig(kafkaConfigSchema, env)));
  });

  it.each([
    { KAFKA_SASL_MECHANISM: 'scram-sha-512' },
    { KAFKA_SASL_PASSWORD: 'a-long-secret' },
    { KAFKA_SASL_MECHANISM: 'gssapi', ...sasl },
    { KAFKA_SSL: 'yes' },
  ])('should refuse %j in the tooling as the services do', (env) => {
    expect(() => loadConfig(kafkaConfigSchema, env)).toThrow();
    expect(() => kafkaSecurityFromEnv(env)).toThrow(expect.objectContaining({ code: 'INFRA_KAFKA_CONFIG' }));
  });
});
