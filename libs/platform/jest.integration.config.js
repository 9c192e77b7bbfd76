module.exports = require('../../libs/testing/jest.integration.preset.js')('platform', __dirname);
