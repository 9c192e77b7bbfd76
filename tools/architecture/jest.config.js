// Runs the feature-boundary check on the fixture trees in fixtures/ (no network, no database).
module.exports = {
  displayName: 'architecture',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Each check starts dependency-cruiser and the TypeScript compiler (a few seconds on a busy machine).
  testTimeout: 60_000,
};
