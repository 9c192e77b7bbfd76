module.exports = require('../../libs/testing/jest.integration.preset.js')('ingestion', __dirname);
