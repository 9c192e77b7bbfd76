import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

// Anything that may hold a secret is censored wherever it appears in a log object.
const REDACTED_PATHS = [
  'authorization',
  'apiKey',
  'secret',
  'password',
  'token',
  '*.authorization',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.token',
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  'config.DX_ADMIN_TOKEN',
  'config.DATABASE_URL',
  'config.SMTP_URL',
  'config.KAFKA_SASL_PASSWORD',
];

// TypeORM's QueryFailedError carries the statement, its parameters and the driver's error, whose `detail`
// quotes row values ("Key (key_hash)=(…)", "Failing row contains …"): user input and key hashes, in every
// 5xx log line. The SQLSTATE, message and stack are what an operator needs.
const SQL_ERROR_FIELDS = ['query', 'parameters', 'driverError', 'detail', 'internalQuery'];

function withoutSql(serialized: unknown): unknown {
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const record = serialized as Record<string, unknown>;
  for (const field of SQL_ERROR_FIELDS) delete record[field];
  for (const value of Object.values(record)) {
    if (Array.isArray(value)) value.forEach(withoutSql);
    else if (typeof value === 'object' && value !== null && 'stack' in value) withoutSql(value);
  }
  return record;
}

/** pino's error serializer, less the SQL and row data that database errors carry. */
export function serializeError(error: unknown): unknown {
  return withoutSql(pino.stdSerializers.err(error as Error));
}

export type AppLogger = Logger;

/** The structured JSON logger of a service (style C19). */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination: pino.DestinationStream = pino.destination({ dest: 1, sync: false }),
): AppLogger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '***' },
      serializers: { err: serializeError, error: serializeError },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Nest's logger interface over pino, so framework messages are structured JSON too. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: AppLogger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
