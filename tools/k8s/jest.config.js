// Renders infra/k8s and validates every document against the vendored schemas (no cluster, no network).
module.exports = {
  displayName: 'k8s',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
