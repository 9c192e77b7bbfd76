// kafkajs reports broker answers as KafkaJSProtocolError with a `type`, and its retrier wraps them in
// KafkaJSNonRetriableError / KafkaJSNumberOfRetriesExceeded with the original as `cause`.

// The consumer's group membership moved on (a rebalance, an expired or fenced member, a new coordinator):
// the batch in hand may belong to another member now, so it is abandoned, never counted against a message.
const GROUP_ERROR_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'NOT_COORDINATOR_FOR_GROUP',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'FENCED_INSTANCE_ID',
]);

// The broker refuses these records themselves: sending them again can never succeed.
const REFUSED_RECORD_TYPES = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'INVALID_TOPIC_EXCEPTION']);

/** `error`, then its `cause`, then that one's `cause`… (at most once each). */
function* causeChain(error: unknown): Generator<{ type?: unknown; cause?: unknown }> {
  const seen = new Set<unknown>();
  for (let current = error; typeof current === 'object' && current !== null && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    yield current as { type?: unknown; cause?: unknown };
  }
}

/** The kafkajs protocol error type of `error` or of the first error in its `cause` chain that has one. */
export function kafkaErrorType(error: unknown): string | undefined {
  for (const link of causeChain(error)) if (typeof link.type === 'string') return link.type;
  return undefined;
}

/** The error in the chain that carries a group error's type, as kafkajs' runner recognises it when rethrown. */
export function consumerGroupError(error: unknown): Error | undefined {
  for (const link of causeChain(error)) if (typeof link.type === 'string' && GROUP_ERROR_TYPES.has(link.type)) return link as Error;
  return undefined;
}

export function isConsumerGroupError(error: unknown): boolean {
  return consumerGroupError(error) !== undefined;
}

/** Whether the broker refused the records as such (too large, invalid), which no retry can change. */
export function isRecordRefused(error: unknown): boolean {
  const type = kafkaErrorType(error);
  return type !== undefined && REFUSED_RECORD_TYPES.has(type);
}
