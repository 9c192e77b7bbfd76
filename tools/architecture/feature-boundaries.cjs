// Feature boundaries inside every service (style C3, C14), checked by dependency-cruiser from
// `npm run lint`. A feature is a top-level folder of apps/<service>/src; files at the src root (main.ts,
// app.module.ts, <service>.options.ts) are the composition root and may import anything.
// Paths are relative to the folder the check runs in, so the same rules run on the fixtures of
// src/feature-boundaries.spec.ts.
const FEATURE_FILE = '^apps/([^/]+)/src/([^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'no-feature-cycles',
      severity: 'error',
      comment: 'Two features depend on each other: a cycle means an event or a port is missing (style C3).',
      scope: 'folder',
      from: { path: '^apps/[^/]+/src/[^/]+$' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycles',
      severity: 'error',
      comment: 'Files that import each other: a cycle means an event or a port is missing (style C3).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'entry-points-call-use-cases',
      severity: 'error',
      comment: 'Controllers and consumers call use cases, never a repository (style C3).',
      from: { path: '\\.(controller|consumer)\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'feature-public-surface',
      severity: 'error',
      comment:
        'Another feature is used through what its module exports (services, guards, types, constants): never its ' +
        'repositories, nor its entry points (controllers, consumers, schedulers), which only its module wires (style C14).',
      from: { path: FEATURE_FILE },
      to: {
        path: '^apps/$1/src/[^/]+/.+\\.(repository|controller|consumer|scheduler)\\.ts$',
        pathNot: '^apps/$1/src/$2/',
      },
    },
  ],
  options: {
    // Type-only imports count: a feature that needs another's types depends on it.
    tsPreCompilationDeps: true,
    includeOnly: '^apps/[^/]+/src/',
    exclude: { path: '\\.(spec|integration-spec)\\.ts$' },
    doNotFollow: { path: 'node_modules' },
  },
};
