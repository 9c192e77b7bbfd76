// `npm run test:cluster`: the three-broker test (several minutes; CI runs it after `npm test`). Its own
// Kafka cluster on free ports; PostgreSQL from the shared globalSetup (DATABASE_URL or a local server).
const base = require('../../libs/testing/jest.integration.preset.js')('system-e2e-cluster', __dirname);

module.exports = { ...base, testRegex: 'test/cluster/.*\\.cluster-spec\\.ts$', testTimeout: 30 * 60_000 };
