module.exports = require('../../libs/testing/jest.integration.preset.js')('notification', __dirname);
