import { consumerGroupError, isConsumerGroupError, isRecordRefused, kafkaErrorType } from './kafka-error.util';

// The shapes kafkajs 2.2 gives: KafkaJSProtocolError with a `type`, wrapped by its retrier.
const protocolError = (type: string, retriable = false) => Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type, retriable });
const nonRetriable = (cause: Error) => Object.assign(new Error(cause.message, { cause }), { name: 'KafkaJSNonRetriableError', retriable: false });

describe('kafka error classification', () => {
  it.each(['REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'NOT_COORDINATOR_FOR_GROUP', 'FENCED_INSTANCE_ID'])(
    'should see %s as a group error, bare or wrapped by the retrier',
    (type) => {
      const error = protocolError(type);
      expect(isConsumerGroupError(error)).toBe(true);
      expect(consumerGroupError(nonRetriable(nonRetriable(error)))).toBe(error);
    },
  );

  it('should not see a processing failure or a broker outage as a group error', () => {
    expect(isConsumerGroupError(new Error('cannot process 666'))).toBe(false);
    expect(isConsumerGroupError(Object.assign(new Error('down'), { name: 'KafkaJSConnectionError', retriable: true }))).toBe(false);
    expect(isConsumerGroupError(protocolError('MESSAGE_TOO_LARGE'))).toBe(false);
  });

  it.each(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD'])('should see %s as a refused record', (type) => {
    expect(isRecordRefused(nonRetriable(protocolError(type)))).toBe(true);
  });

  it('should not see an outage, an authorisation error or a missing topic as a refused record', () => {
    expect(isRecordRefused(protocolError('UNKNOWN_TOPIC_OR_PARTITION', true))).toBe(false);
    expect(isRecordRefused(protocolError('TOPIC_AUTHORIZATION_FAILED'))).toBe(false);
    expect(isRecordRefused(new Error('Connection timeout'))).toBe(false);
  });

  it('should read the type through a cause chain and stop on a cycle', () => {
    const cyclic: Error & { cause?: unknown } = new Error('a');
    cyclic.cause = cyclic;
    expect(kafkaErrorType(cyclic)).toBeUndefined();
    expect(kafkaErrorType(nonRetriable(protocolError('INVALID_RECORD')))).toBe('INVALID_RECORD');
  });
});
