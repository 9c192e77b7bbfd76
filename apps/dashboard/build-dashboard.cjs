'use strict';
// Builds the dashboard into static files that the reporting service serves at `/`: one bundled script
// and one stylesheet with content hashes in their names (cached for a year), and index.html naming them.
// `node apps/dashboard/build-dashboard.cjs <outdir>`, or require() it (npm start, browser tests).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

async function buildDashboard(outdir = path.join(ROOT, 'dist', 'dashboard')) {
  const esbuild = require('esbuild');
  const target = path.resolve(ROOT, outdir);
  fs.rmSync(target, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { app: 'apps/dashboard/src/main.ts', styles: 'apps/dashboard/src/styles.css' },
    outdir: path.join(target, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    sourcemap: false,
    format: 'iife',
    target: ['es2020'],
    tsconfig: 'apps/dashboard/tsconfig.json',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((f) => f.startsWith('app-') && f.endsWith('.js'));
  const styles = outputs.find((f) => f.startsWith('styles-') && f.endsWith('.css'));
  const template = fs.readFileSync(path.join(__dirname, 'src', 'index.html'), 'utf8');
  fs.writeFileSync(path.join(target, 'index.html'), template.replace('{{styles}}', `/assets/${styles}`).replace('{{script}}', `/assets/${script}`));
  return { outdir: target, files: ['index.html', ...outputs.map((f) => `assets/${f}`)] };
}

module.exports = { buildDashboard };

if (require.main === module) {
  const started = Date.now();
  buildDashboard(process.argv[2])
    .then(({ outdir, files }) => process.stdout.write(`dashboard built in ${Date.now() - started} ms: ${outdir} (${files.join(', ')})\n`))
    .catch((error) => {
      process.stderr.write(`${error.stack || error}\n`);
      process.exit(1);
    });
}
