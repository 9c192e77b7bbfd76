// The integration-test Jest config every project uses: real Kafka and PostgreSQL from the shared
// globalSetup (started once per Jest run, or reused from KAFKA_BROKERS / DATABASE_URL), one worker.
const path = require('node:path');

module.exports = (displayName, projectDir) => ({
  displayName: `${displayName}-integration`,
  ...require('../../jest.preset.js'),
  rootDir: projectDir,
  testRegex: 'test/integration/.*\\.integration-spec\\.ts$',
  maxWorkers: 1,
  testTimeout: 90_000,
  globalSetup: path.join(__dirname, 'src', 'global-setup.cjs'),
  globalTeardown: path.join(__dirname, 'src', 'global-teardown.cjs'),
});
