// Real Kafka + PostgreSQL (style C15/C16). globalSetup reuses KAFKA_BROKERS/DATABASE_URL when set
// (e.g. by `npm test`), otherwise starts containers or local processes once for the whole run.
// Other projects point their own jest.integration.config.js at the same two files.
module.exports = {
  displayName: 'testing-integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testRegex: 'test/integration/.*\\.integration-spec\\.ts$',
  maxWorkers: 1,
  testTimeout: 60_000,
  globalSetup: '<rootDir>/src/global-setup.cjs',
  globalTeardown: '<rootDir>/src/global-teardown.cjs',
};
