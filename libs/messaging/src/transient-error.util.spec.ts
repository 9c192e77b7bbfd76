import { isTransactionConflict, isTransientError, TransientError } from './transient-error.util';

// Errors as the drivers build them: pg-pool and pg give some without a code, TypeORM wraps them.
const driverError = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);
const queryFailed = (driver: Error) => Object.assign(new Error(driver.message), { name: 'QueryFailedError', driverError: driver });

describe('isTransientError', () => {
  it.each([
    ['a saturated pool', 'timeout exceeded when trying to connect'],
    ['a connection that timed out', 'Connection terminated due to connection timeout'],
    ['a dropped connection', 'Connection terminated unexpectedly'],
    ['a client-side query timeout', 'Query read timeout'],
    ['a broken client', 'Client has encountered a connection error and is not queryable'],
  ])('should class %s as transient when pg gives it without a code', (_case, message) => {
    expect(isTransientError(driverError(message))).toBe(true);
    expect(isTransientError(queryFailed(driverError(message)))).toBe(true);
  });

  it('should class connection and resource SQLSTATEs as transient and constraint violations as not', () => {
    expect(isTransientError(driverError('the database system is starting up', { code: '57P03' }))).toBe(true);
    expect(isTransientError(driverError('too many connections', { code: '53300' }))).toBe(true);
    expect(isTransientError(driverError('deadlock detected', { code: '40P01' }))).toBe(true);
    expect(isTransientError(queryFailed(driverError('duplicate key value', { code: '23505' })))).toBe(false);
    expect(isTransientError(driverError('invalid input syntax for type uuid', { code: '22P02' }))).toBe(false);
  });

  it('should class a transaction that lost to a concurrent one as transient, and no other rollback', () => {
    expect(isTransientError(queryFailed(driverError('could not serialize access due to concurrent update', { code: '40001' })))).toBe(true);
    expect(isTransientError(driverError('deadlock detected', { code: '40P01' }))).toBe(true);
    // A constraint violated at commit fails the same way on every run: retried without limit, it would stall the partition.
    expect(isTransientError(driverError('transaction integrity constraint violation', { code: '40002' }))).toBe(false);
  });

  it('should class socket errors and kafkajs retriable errors as transient', () => {
    expect(isTransientError(driverError('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientError(driverError('broker gone', { name: 'KafkaJSConnectionError', retriable: true }))).toBe(true);
    expect(isTransientError(new TransientError('dependency answered 503'))).toBe(true);
  });

  it('should not class an error as transient by a substring of its message', () => {
    expect(isTransientError(new Error('value rejected: Connection terminated unexpectedly by the agency'))).toBe(false);
    expect(isTransientError(driverError('Connection terminated unexpectedly', { code: 'XX000' }))).toBe(false);
  });

  it('should not class a rebalance or a refused record as transient', () => {
    expect(isTransientError(driverError('The group is rebalancing', { name: 'KafkaJSProtocolError', type: 'REBALANCE_IN_PROGRESS', retriable: false }))).toBe(
      false,
    );
    expect(isTransientError(driverError('too large', { name: 'KafkaJSProtocolError', type: 'MESSAGE_TOO_LARGE', retriable: false }))).toBe(false);
  });

  it('should follow the cause chain of a wrapped error', () => {
    expect(isTransientError(new Error('batch failed', { cause: driverError('timeout exceeded when trying to connect') }))).toBe(true);
    expect(isTransientError(new Error('batch failed', { cause: new Error('bad value') }))).toBe(false);
    expect(isTransientError(null)).toBe(false);
    expect(isTransientError('timeout exceeded when trying to connect')).toBe(false);
  });
});

describe('isTransactionConflict', () => {
  it('should tell a serialization failure or a deadlock, however wrapped, from any other failure', () => {
    expect(isTransactionConflict(driverError('could not serialize access due to concurrent update', { code: '40001' }))).toBe(true);
    expect(isTransactionConflict(queryFailed(driverError('deadlock detected', { code: '40P01' })))).toBe(true);
    expect(isTransactionConflict(new Error('submission failed', { cause: queryFailed(driverError('deadlock detected', { code: '40P01' })) }))).toBe(true);
    // Running the same transaction again at once cures none of these.
    expect(isTransactionConflict(queryFailed(driverError('duplicate key value', { code: '23505' })))).toBe(false);
    expect(isTransactionConflict(driverError('the database system is starting up', { code: '57P03' }))).toBe(false);
    expect(isTransactionConflict(driverError('transaction integrity constraint violation', { code: '40002' }))).toBe(false);
    expect(isTransactionConflict(driverError('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isTransactionConflict(undefined)).toBe(false);
  });
});
