// One lint configuration (style C2, C3, C14, C19): Nx module boundaries in two tag dimensions
// (type:* and scope:*), no console, no forwardRef, library imports through their entries only (@dx/name,
// and @dx/messaging/nest for the Nest glue of messaging).
// Feature boundaries inside each app (no feature cycles, entry points call use cases, another feature
// only through what it exports) are checked by dependency-cruiser: tools/architecture/feature-boundaries.cjs.
const nx = require('@nx/eslint-plugin');

// Tests of any project may use the test harness (type:testing); production code may not.
function dependencyConstraints(inTests) {
  const testing = inTests ? ['type:testing'] : [];
  return [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', ...testing] },
    { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', ...testing] },
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', ...testing],
      bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg'],
    },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', ...testing] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:testing'] },
    // Benchmarks (bench/) are not shipped: like tests, they may use the harness (seeded data, test databases).
    { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:testing'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:ingestion', onlyDependOnLibsWithTags: ['scope:ingestion', 'scope:shared'] },
    { sourceTag: 'scope:computation', onlyDependOnLibsWithTags: ['scope:computation', 'scope:shared'] },
    { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:notification', 'scope:shared'] },
    { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:reporting', 'scope:shared'] },
    { sourceTag: 'scope:demo', onlyDependOnLibsWithTags: ['scope:demo', 'scope:shared'] },
  ];
}

const boundaries = (inTests) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: dependencyConstraints(inTests) }];

const libraryEntriesOnly = [{ group: ['@dx/*/src/*', '@dx/*/src'], message: 'Import a library through its entry (@dx/name, or @dx/messaging/nest).' }];
// A bare @EventPattern handler takes any payload type and would bypass the contract decoding (issue 9).
const consumersThroughContracts = [
  {
    name: '@nestjs/microservices',
    importNames: ['EventPattern', 'MessagePattern'],
    message: "Consume a topic with @ConsumeEvents(TOPICS.x) from '@dx/messaging/nest': it types the batch by the topic's contract.",
  },
];

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  // The fixtures are deliberately broken import graphs for the feature-boundary check, not code.
  { ignores: ['**/node_modules', '**/dist', '.dx', '.nx', 'tmp', 'coverage', 'tools/architecture/fixtures'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='forwardRef']", message: 'forwardRef hides a cycle: add an event or a port instead (style C3).' },
      ],
      'no-restricted-imports': ['error', { patterns: libraryEntriesOnly, paths: consumersThroughContracts }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // @ConsumeEvents itself is built on @EventPattern.
    files: ['libs/messaging/src/nest/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: libraryEntriesOnly }] },
  },
  {
    // Integration tests use the harness; only tests may import @dx/testing.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts'],
    rules: { 'no-console': 'off', '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    // Cross-service scenarios assemble several apps in one test process (style C15).
    files: ['apps/system-e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // The computation benchmark measures the service in-process, as production runs it, so it assembles the app.
    files: ['bench/computation/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  // Layout is Prettier's alone (`npm run format`); this turns off the lint rules that would argue with it.
  require('eslint-config-prettier/flat'),
];
