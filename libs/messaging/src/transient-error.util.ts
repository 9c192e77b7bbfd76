// Errors that go away by themselves (a broker or database outage): retried without limit and never
// dead-lettered, because the message is fine. Classified by error type and code, never by message text.
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
// PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention
// (admin shutdown, crash recovery), 40 transaction rollback (serialization failure, deadlock).
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '53', '57', '40']);
// pg and pg-pool raise these without any code (pg 8.16, pg-pool 3.14): a saturated pool, a connection that
// timed out or was dropped, a client-side query timeout. Their exact texts are the only mark they carry,
// so they are matched whole (never by substring), as a fixed list to review when the driver is upgraded.
const TRANSIENT_DRIVER_MESSAGES = new Set([
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Query read timeout',
  'timeout expired',
  'Client has encountered a connection error and is not queryable',
]);

/** Thrown by our own code to mark a condition as transient (for example: a dependency answered 503). */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

export function isTransientError(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { code?: unknown; retriable?: unknown; name?: unknown; cause?: unknown; driverError?: unknown };
  // kafkajs marks its own errors
  if (candidate.retriable === true) return true;
  if (candidate.name === 'KafkaJSConnectionError' || candidate.name === 'KafkaJSNumberOfRetriesExceeded') return true;
  if (typeof candidate.code === 'string') {
    if (TRANSIENT_NODE_CODES.has(candidate.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(candidate.code) && TRANSIENT_SQLSTATE_CLASSES.has(candidate.code.slice(0, 2))) return true;
  }
  if (error instanceof Error && candidate.code === undefined && TRANSIENT_DRIVER_MESSAGES.has(error.message)) return true;
  // TypeORM wraps driver errors.
  if (candidate.name === 'ConnectionNotFoundError' || candidate.name === 'CannotConnectAlreadyConnectedError') return true;
  if (candidate.driverError && candidate.driverError !== error) return isTransientError(candidate.driverError);
  if (candidate.cause && candidate.cause !== error) return isTransientError(candidate.cause);
  return false;
}
