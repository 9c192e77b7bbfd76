import { z } from 'zod';

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
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-z0-9-]*\.?$/, 'expected lowercase letters, digits, dashes, ending in a dot').default(''),
});

export const databaseConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'expected postgres://user:password@host:port/database')
    .default(DEFAULT_DATABASE_URL),
});

export const runtimeConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Distinguishes instances of one service (client ids, logs); group ids stay per service.
  DX_INSTANCE_ID: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
});

export function httpPortSchema<TName extends string>(variable: TName, defaultPort: number) {
  return z.object({
    [variable]: z.coerce.number().int().min(1).max(65535).default(defaultPort),
  } as Record<TName, z.ZodDefault<z.ZodCoercedNumber<unknown>>>);
}

export const adminTokenConfigSchema = z.object({
  DX_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

/** The admin token in force: the configured one, or the development default outside production. */
export function resolveAdminToken(config: { DX_ADMIN_TOKEN?: string; NODE_ENV: string }): string {
  if (config.DX_ADMIN_TOKEN) return config.DX_ADMIN_TOKEN;
  if (config.NODE_ENV === 'production') {
    throw new Error('DX_ADMIN_TOKEN: required in production');
  }
  return DEV_ADMIN_TOKEN;
}
