module.exports = require('../../libs/testing/jest.integration.preset.js')('messaging', __dirname);
