import { assertTestDatabaseName } from './assert-test-database-name.util';

describe('assertTestDatabaseName', () => {
  it('should accept a name when it contains "test"', () => {
    expect(() => assertTestDatabaseName('ingestion_test_0a1b2c3d4e5f')).not.toThrow();
  });

  it('should refuse a name when it lacks "test"', () => {
    expect(() => assertTestDatabaseName('postgres')).toThrow(/must have "test" in their name/);
  });

  it('should refuse a name when it is not a plain lowercase identifier', () => {
    expect(() => assertTestDatabaseName('Robert"; drop database x; --test')).toThrow(/invalid test database name/);
    expect(() => assertTestDatabaseName(`x_test_${'a'.repeat(60)}`)).toThrow(/invalid test database name/);
  });
});
