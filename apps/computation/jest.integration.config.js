module.exports = require('../../libs/testing/jest.integration.preset.js')('computation', __dirname);
