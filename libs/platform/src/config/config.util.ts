import { z } from 'zod';

import { kafkaSecurityIssues } from './platform-config.schema';

/** Raised before Nest boots when the environment is wrong; lists every failing variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Values of these variables never reach a log line (style C11).
const SENSITIVE_VARIABLES = new Set(['DX_ADMIN_TOKEN', 'DATABASE_URL', 'SMTP_URL', 'DX_SECRET_KEY', 'KAFKA_SASL_PASSWORD']);

/** Parses `env` with `schema`; every wrong or missing variable is reported at once. */
export function loadConfig<TSchema extends z.ZodType>(schema: TSchema, env: NodeJS.ProcessEnv = process.env): z.infer<TSchema> {
  // An empty variable means "not set": shells and compose files often leave them so.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => ({ variable: issue.path.map(String).join('.') || '(root)', message: issue.message }));
  problems.push(...kafkaSecurityIssues(cleaned));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** The configuration as it may be logged: secrets masked, passwords cut out of URLs. */
export function describeConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (!SENSITIVE_VARIABLES.has(key) || value === undefined) return [key, value];
      if (typeof value === 'string' && /^[a-z]+:\/\//i.test(value)) {
        try {
          const url = new URL(value);
          if (url.password) url.password = '***';
          return [key, url.toString()];
        } catch {
          return [key, '***'];
        }
      }
      return [key, '***'];
    }),
  );
}
