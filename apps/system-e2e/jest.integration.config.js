module.exports = require('../../libs/testing/jest.integration.preset.js')('system-e2e', __dirname);
