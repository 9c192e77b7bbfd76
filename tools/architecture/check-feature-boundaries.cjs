'use strict';
// Runs the feature-boundary rules (feature-boundaries.cjs) on apps/*/src of a tree: the workspace by
// default (the `architecture:lint` target), or a fixture tree given as the first argument (the spec).
// Exits non-zero on any violation: none is tolerated, so there is no list of known ones.
const { spawnSync } = require('node:child_process');
const { readdirSync, existsSync } = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.join(__dirname, '../..');
// The package exports no path to its CLI, so it is reached in node_modules.
const DEPCRUISE = path.join(REPO_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

function checkFeatureBoundaries(root) {
  const sources = readdirSync(path.join(root, 'apps'))
    .map((app) => path.join('apps', app, 'src'))
    .filter((src) => existsSync(path.join(root, src)));
  const args = [DEPCRUISE, '--config', path.join(__dirname, 'feature-boundaries.cjs'), '--output-type', 'err', ...sources];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

module.exports = { checkFeatureBoundaries };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? REPO_ROOT);
  const { status, output } = checkFeatureBoundaries(root);
  process.stdout.write(output);
  process.exit(status);
}
