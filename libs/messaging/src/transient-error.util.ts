// Errors that go away by themselves (a broker or database outage): retried without limit and never
// dead-lettered, because the message is fine. Classified by error type and code, never by message text.
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
// PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention
// (admin shutdown, crash recovery).
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '53', '57']);
/**
 * The SQLSTATEs of a transaction that lost to a concurrent one: 40001 serialization failure, 40P01
 * deadlock detected. PostgreSQL rolled it back, and the same transaction run again can succeed, so these
 * are the one list of "run it again": a consumer retries them as transient, a use case reruns its
 * transaction at once (`isTransactionConflict`). Not the whole class 40: PostgreSQL raises no other code
 * of it in normal work, and 40002 (a constraint violated at commit) would fail again on every run.
 * Not 23505 either: every insert that can race here says `ON CONFLICT`, so a unique violation is a bug.
 */
export const TRANSACTION_CONFLICT_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01']);
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

/** The SQLSTATE of a PostgreSQL error, also when TypeORM or our own code wrapped it; undefined for any other. */
function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate.code;
  if (candidate.driverError && candidate.driverError !== error) return sqlStateOf(candidate.driverError);
  if (candidate.cause && candidate.cause !== error) return sqlStateOf(candidate.cause);
  return undefined;
}

/** The transaction lost to a concurrent one (`TRANSACTION_CONFLICT_SQLSTATES`): running it again is the remedy. */
export function isTransactionConflict(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code !== undefined && TRANSACTION_CONFLICT_SQLSTATES.has(code);
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
    if (TRANSACTION_CONFLICT_SQLSTATES.has(candidate.code)) return true;
  }
  if (error instanceof Error && candidate.code === undefined && TRANSIENT_DRIVER_MESSAGES.has(error.message)) return true;
  // TypeORM wraps driver errors.
  if (candidate.name === 'ConnectionNotFoundError' || candidate.name === 'CannotConnectAlreadyConnectedError') return true;
  if (candidate.driverError && candidate.driverError !== error) return isTransientError(candidate.driverError);
  if (candidate.cause && candidate.cause !== error) return isTransientError(candidate.cause);
  return false;
}
