import { existsSync } from 'node:fs';

import { z } from 'zod';

import { KAFKA_SASL_MECHANISMS } from '@dx/messaging';

// Schema fragments composed by each app's own config (style C11). Defaults make `npm start` work.
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:19092';
export const DEFAULT_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:55432/dx';
export const DEV_ADMIN_TOKEN = 'dev-admin-token';

export const kafkaConfigSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'expected a comma-separated list of host:port')
    .default(DEFAULT_KAFKA_BROKERS),
  // Namespaces topics and consumer groups so that test runs sharing a broker never see each other.
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]*\.?$/, 'expected lowercase letters, digits, dashes, ending in a dot')
    .default(''),
  // false where an operator owns the topics (Strimzi KafkaTopic): the service then only checks they exist,
  // and its Kafka user needs no right to create or alter topics.
  KAFKA_MANAGE_TOPICS: booleanVariable(true),
  // How often the consumer lag on /metrics is read from the brokers.
  KAFKA_LAG_INTERVAL_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
  // TLS to the brokers; the files are PEM. Certificate checks cannot be turned off.
  KAFKA_SSL: booleanVariable(false),
  KAFKA_SSL_CA_FILE: pemFile().optional(),
  KAFKA_SSL_CERT_FILE: pemFile().optional(),
  KAFKA_SSL_KEY_FILE: pemFile().optional(),
  // SASL: the principal the broker's ACLs know this service by (docs/adr: Kafka principals and ACLs).
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS).optional(),
  KAFKA_SASL_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9._@-]{1,128}$/, 'expected 1-128 letters, digits, . _ @ -')
    .optional(),
  KAFKA_SASL_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(1024).optional(),
});

function booleanVariable(defaultValue: boolean) {
  return z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true');
}

function pemFile() {
  return z.string().refine((path) => existsSync(path), 'file not found');
}

/**
 * Rules between Kafka variables, which per-variable schemas cannot express (and which must survive each
 * app composing the fragments with `.extend(shape)`); `loadConfig` applies them. Reads raw values.
 */
export function kafkaSecurityIssues(env: Record<string, string | undefined>): Array<{ variable: string; message: string }> {
  const issues: Array<{ variable: string; message: string }> = [];
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
      if (!env[variable]) issues.push({ variable, message: `required when KAFKA_SASL_MECHANISM is set` });
    }
    if (mechanism === 'plain' && env.KAFKA_SSL !== 'true' && env.NODE_ENV === 'production') {
      issues.push({ variable: 'KAFKA_SASL_MECHANISM', message: 'plain sends the password in clear text: set KAFKA_SSL=true in production' });
    }
  } else {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
      if (env[variable]) issues.push({ variable, message: 'set without KAFKA_SASL_MECHANISM (plain, scram-sha-256 or scram-sha-512)' });
    }
  }
  if (Boolean(env.KAFKA_SSL_CERT_FILE) !== Boolean(env.KAFKA_SSL_KEY_FILE)) {
    issues.push({
      variable: env.KAFKA_SSL_CERT_FILE ? 'KAFKA_SSL_KEY_FILE' : 'KAFKA_SSL_CERT_FILE',
      message: 'a client certificate needs both KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE',
    });
  }
  for (const variable of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE']) {
    if (env[variable] && env.KAFKA_SSL !== 'true') issues.push({ variable, message: 'set without KAFKA_SSL=true' });
  }
  return issues;
}

export const databaseConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'expected postgres://user:password@host:port/database')
    .default(DEFAULT_DATABASE_URL),
});

export const runtimeConfigSchema = z.object({
  // No default: a deployment that forgets it gets production's safeguards (admin token required, all
  // interfaces), never development's conveniences. `npm start` sets `development` itself.
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  // The address the HTTP server listens on; unset: 127.0.0.1 in development and test, 0.0.0.0 otherwise.
  HOST: z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'expected an IP address or a host name' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Distinguishes instances of one service (client ids, logs); group ids stay per service.
  DX_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
});

export function httpPortSchema<TName extends string>(variable: TName, defaultPort: number) {
  return z.object({
    [variable]: z.coerce.number().int().min(1).max(65535).default(defaultPort),
  } as Record<TName, z.ZodDefault<z.ZodCoercedNumber<unknown>>>);
}

// Read by the platform for every service (not part of each service's schema): bounds on HTTP work.
export const httpLimitsConfigSchema = z.object({
  // Requests per client address per minute, before any body is read; bursts up to a quarter of it.
  HTTP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1_200),
  // Requests served at once by one instance; more get 503 with Retry-After.
  HTTP_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(64),
  // Server-sent-event streams open at once on one instance (a service that has them); more get 503.
  HTTP_MAX_STREAMS: z.coerce.number().int().positive().default(1_000),
});

/** Development conveniences (the default admin token, loopback only) need NODE_ENV said explicitly. */
export function isDevelopment(config: { NODE_ENV?: string }): boolean {
  return config.NODE_ENV === 'development' || config.NODE_ENV === 'test';
}

/** The address to listen on: HOST, else loopback in development and test, else every interface. */
export function listenHost(config: { NODE_ENV?: string; HOST?: string }): string {
  return config.HOST ?? (isDevelopment(config) ? '127.0.0.1' : '0.0.0.0');
}

export const adminTokenConfigSchema = z.object({
  DX_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

/**
 * For the config schema of a service with admin endpoints (`.superRefine(requireAdminToken)`): without
 * DX_ADMIN_TOKEN it refuses to start unless NODE_ENV is explicitly development or test.
 */
export function requireAdminToken(config: { NODE_ENV?: string; DX_ADMIN_TOKEN?: string }, ctx: z.RefinementCtx): void {
  if (config.DX_ADMIN_TOKEN === undefined && !isDevelopment(config)) {
    ctx.addIssue({
      code: 'custom',
      path: ['DX_ADMIN_TOKEN'],
      message: 'bắt buộc trừ khi NODE_ENV=development hoặc test / required unless NODE_ENV is development or test',
    });
  }
}

/** The admin token in force: the configured one, or (development and test only) the default, with a warning. */
export function resolveAdminToken(config: { DX_ADMIN_TOKEN?: string; NODE_ENV?: string }, logger: { warn(object: object, message: string): void }): string {
  if (config.DX_ADMIN_TOKEN) return config.DX_ADMIN_TOKEN;
  if (!isDevelopment(config)) throw new Error('DX_ADMIN_TOKEN: required unless NODE_ENV is development or test');
  logger.warn(
    { NODE_ENV: config.NODE_ENV },
    `DX_ADMIN_TOKEN chưa đặt: đang dùng khoá quản trị mặc định "${DEV_ADMIN_TOKEN}", chỉ để phát triển / ` +
      `DX_ADMIN_TOKEN unset: the development admin token "${DEV_ADMIN_TOKEN}" is in use; never expose this service`,
  );
  return DEV_ADMIN_TOKEN;
}
