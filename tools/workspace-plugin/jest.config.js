// Runs the generators on an in-memory tree, then type-checks what they wrote against the real libraries.
module.exports = {
  displayName: 'workspace-plugin',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // The type-check compiles the platform libraries too (tens of seconds on a busy machine).
  testTimeout: 180_000,
};
