module.exports = require('../../libs/testing/jest.integration.preset.js')('k8s', __dirname);
