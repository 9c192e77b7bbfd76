// Errors that go away by themselves (a broker or database outage): retried without limit and never
// dead-lettered, because the message is fine. Classified by error type and code, never by message text.
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
// PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention
// (admin shutdown, crash recovery), 40 transaction rollback (serialization failure, deadlock).
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '53', '57', '40']);

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
  // pg reports a dropped connection without a code; TypeORM wraps driver errors.
  if (candidate.name === 'ConnectionNotFoundError' || candidate.name === 'CannotConnectAlreadyConnectedError') return true;
  if (candidate.driverError && candidate.driverError !== error) return isTransientError(candidate.driverError);
  if (candidate.cause && candidate.cause !== error) return isTransientError(candidate.cause);
  return false;
}
