import { z } from 'zod';

import { ConfigError, describeConfig, loadConfig } from './config.util';
import {
  adminTokenConfigSchema,
  databaseConfigSchema,
  DEV_ADMIN_TOKEN,
  httpPortSchema,
  kafkaConfigSchema,
  listenHost,
  requireAdminToken,
  resolveAdminToken,
  runtimeConfigSchema,
} from './platform-config.schema';

const schema = kafkaConfigSchema.extend(databaseConfigSchema.shape).extend(runtimeConfigSchema.shape).extend(httpPortSchema('INGESTION_PORT', 3001).shape);
const withAdmin = runtimeConfigSchema.extend(adminTokenConfigSchema.shape).superRefine(requireAdminToken);

describe('loadConfig', () => {
  it('should apply the defaults that npm start relies on when nothing is set', () => {
    const config = loadConfig(schema, {});
    expect(config).toMatchObject({ KAFKA_BROKERS: '127.0.0.1:19092', INGESTION_PORT: 3001 });
    expect(config.NODE_ENV).toBeUndefined();
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

describe('admin token and listening address', () => {
  const problemsOf = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(withAdmin, env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems.map((p) => p.variable);
    }
  };

  it.each([
    [{}, ['DX_ADMIN_TOKEN']],
    [{ NODE_ENV: 'production' }, ['DX_ADMIN_TOKEN']],
    [{ NODE_ENV: 'development' }, []],
    [{ NODE_ENV: 'test' }, []],
    [{ NODE_ENV: 'production', DX_ADMIN_TOKEN: 'a-long-enough-secret' }, []],
    [{ DX_ADMIN_TOKEN: 'a-long-enough-secret' }, []],
    [{ NODE_ENV: 'development', DX_ADMIN_TOKEN: 'short' }, ['DX_ADMIN_TOKEN']],
  ])('should require DX_ADMIN_TOKEN unless NODE_ENV is explicitly development or test: %p', (env, problems) => {
    expect(problemsOf(env)).toEqual(problems);
  });

  it('should warn whenever the development default token is used, and refuse it elsewhere', () => {
    const warnings: string[] = [];
    const logger = { warn: (_object: object, message: string) => void warnings.push(message) };
    expect(resolveAdminToken({ NODE_ENV: 'development' }, logger)).toBe(DEV_ADMIN_TOKEN);
    expect(warnings).toEqual([expect.stringContaining('DX_ADMIN_TOKEN unset')]);
    expect(resolveAdminToken({ NODE_ENV: 'development', DX_ADMIN_TOKEN: 'a-long-enough-secret' }, logger)).toBe('a-long-enough-secret');
    expect(warnings).toHaveLength(1);
    expect(() => resolveAdminToken({}, logger)).toThrow(/DX_ADMIN_TOKEN/);
  });

  it.each([
    [{ NODE_ENV: 'development' }, '127.0.0.1'],
    [{ NODE_ENV: 'test' }, '127.0.0.1'],
    [{ NODE_ENV: 'production' }, '0.0.0.0'],
    [{}, '0.0.0.0'],
    [{ NODE_ENV: 'development', HOST: '0.0.0.0' }, '0.0.0.0'],
  ])('should listen on loopback only in development unless HOST says otherwise: %p', (env, host) => {
    expect(listenHost(loadConfig(runtimeConfigSchema, env))).toBe(host);
  });

  it.each(['::1', 'localhost', '10.0.0.5', 'ingestion.internal'])('should accept HOST=%s', (host) => {
    expect(loadConfig(runtimeConfigSchema, { HOST: host }).HOST).toBe(host);
  });

  it.each(['not a host', '0.0.0.0:3001', 'http://x'])('should refuse HOST=%s by name', (host) => {
    expect(() => loadConfig(runtimeConfigSchema, { HOST: host })).toThrow(/HOST/);
  });
});

describe('loadConfig with Kafka security variables', () => {
  const sasl = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'dx-computation', KAFKA_SASL_PASSWORD: 'a-long-secret' };

  it('should read TLS and SASL settings, plain text and anonymous when unset', () => {
    const defaults = loadConfig(schema, {});
    expect(defaults).toMatchObject({ KAFKA_SSL: false, KAFKA_MANAGE_TOPICS: true });
    expect(defaults).not.toHaveProperty('KAFKA_SASL_MECHANISM');
    expect(loadConfig(schema, { ...sasl, KAFKA_SSL: 'true', KAFKA_MANAGE_TOPICS: 'false' })).toMatchObject({
      ...sasl,
      KAFKA_SSL: true,
      KAFKA_MANAGE_TOPICS: false,
    });
  });

  it.each([
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-512' }, ['KAFKA_SASL_PASSWORD', 'KAFKA_SASL_USERNAME']],
    [{ ...sasl, KAFKA_SASL_MECHANISM: 'gssapi' }, ['KAFKA_SASL_MECHANISM']],
    [{ KAFKA_SASL_USERNAME: 'dx-computation' }, ['KAFKA_SASL_USERNAME']],
    [{ ...sasl, KAFKA_SASL_PASSWORD: 'short' }, ['KAFKA_SASL_PASSWORD']],
    [{ KAFKA_SSL: 'yes' }, ['KAFKA_SSL']],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' }, ['KAFKA_SSL_CA_FILE']],
    [{ KAFKA_SSL_CA_FILE: __filename }, ['KAFKA_SSL_CA_FILE']],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: __filename }, ['KAFKA_SSL_KEY_FILE']],
    [{ ...sasl, KAFKA_SASL_MECHANISM: 'plain', NODE_ENV: 'production' }, ['KAFKA_SASL_MECHANISM']],
  ])('should refuse %j naming %j', (env, variables) => {
    let error: unknown;
    try {
      loadConfig(schema, env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect([...new Set((error as ConfigError).problems.map((p) => p.variable))].sort()).toEqual(variables);
  });

  it('should accept SASL PLAIN over TLS in production', () => {
    expect(loadConfig(schema, { ...sasl, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SSL: 'true', NODE_ENV: 'production' }).KAFKA_SASL_MECHANISM).toBe('plain');
  });

  it('should never show the SASL password in an error or in the logged config', () => {
    const secret = 'hunter2-hunter2';
    expect(() => loadConfig(schema, { KAFKA_SASL_PASSWORD: secret })).toThrow(ConfigError);
    try {
      loadConfig(schema, { KAFKA_SASL_PASSWORD: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
    expect(JSON.stringify(describeConfig(loadConfig(schema, { ...sasl, KAFKA_SASL_PASSWORD: secret })))).not.toContain(secret);
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
