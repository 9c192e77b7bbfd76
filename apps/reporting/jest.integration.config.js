module.exports = require('../../libs/testing/jest.integration.preset.js')('reporting', __dirname);
