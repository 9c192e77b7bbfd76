import { z } from 'zod';

import { ConfigError, describeConfig, loadConfig } from './config.util';
import { databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from './platform-config.schema';

const schema = kafkaConfigSchema.extend(databaseConfigSchema.shape).extend(runtimeConfigSchema.shape).extend(httpPortSchema('INGESTION_PORT', 3001).shape);

describe('loadConfig', () => {
  it('should apply the defaults that npm start relies on when nothing is set', () => {
    const config = loadConfig(schema, {});
    expect(config).toMatchObject({ KAFKA_BROKERS: '127.0.0.1:19092', INGESTION_PORT: 3001, NODE_ENV: 'development' });
    expect(config.DATABASE_URL).toContain('127.0.0.1:55432');
  });

  it('should treat an empty variable as unset', () => {
    expect(loadConfig(schema, { KAFKA_BROKERS: '' }).KAFKA_BROKERS).toBe('127.0.0.1:19092');
  });

  it('should name every malformed variable when several are wrong', () => {
    let error: unknown;
    try {
      loadConfig(schema, { KAFKA_BROKERS: 'no-port', INGESTION_PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['DATABASE_URL', 'INGESTION_PORT', 'KAFKA_BROKERS']);
    expect((error as ConfigError).message).toContain('INGESTION_PORT');
  });

  it('should report a missing required variable by name', () => {
    expect(() => loadConfig(z.object({ SMTP_URL: z.string() }), {})).toThrow(/SMTP_URL/);
  });
});

describe('describeConfig', () => {
  it('should mask secrets and URL passwords when the config is logged', () => {
    const described = describeConfig({
      DX_ADMIN_TOKEN: 'super-secret-token-value',
      DATABASE_URL: 'postgres://dx:hunter2@db:5432/dx',
      KAFKA_BROKERS: 'k:9092',
    });
    expect(JSON.stringify(described)).not.toContain('super-secret');
    expect(JSON.stringify(described)).not.toContain('hunter2');
    expect(described.DATABASE_URL).toBe('postgres://dx:***@db:5432/dx');
    expect(described.KAFKA_BROKERS).toBe('k:9092');
  });
});
