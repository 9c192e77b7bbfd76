'use strict';
// `npm run bench`: runs every bench/**/*.bench.ts (each prints a markdown table of ratios measured in
// the same run) and writes what they printed to bench/results/<date>.md. Benchmarks are not tests.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { REPO_ROOT } = require('./services.cjs');

function findBenchmarks(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'results' ? [] : findBenchmarks(full);
    return entry.name.endsWith('.bench.ts') ? [full] : [];
  });
}

const only = process.argv[2];
const benchmarks = findBenchmarks(path.join(REPO_ROOT, 'bench')).filter((file) => !only || file.includes(only));
let failed = false;
const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const written = [];
for (const file of benchmarks) {
  const relative = path.relative(REPO_ROOT, file);
  process.stdout.write(`\n▶ ${relative}\n`);
  const result = spawnSync(process.execPath, ['-r', path.join(REPO_ROOT, 'tools', 'register.cjs'), file], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(result.stdout);
  if (result.status !== 0) {
    failed = true;
    continue;
  }
  // One file per benchmark and day, so running one benchmark keeps the others' results.
  const out = path.join(resultsDir, `${new Date().toISOString().slice(0, 10)}-${path.basename(file, '.bench.ts')}.md`);
  fs.writeFileSync(out, `<!-- ${relative} -->\n${result.stdout.trim()}\n`);
  written.push(path.relative(REPO_ROOT, out));
}
process.stdout.write(`\nwritten: ${written.join(', ') || 'nothing'}\n`);
process.exit(failed ? 1 : 0);
