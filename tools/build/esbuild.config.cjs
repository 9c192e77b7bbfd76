'use strict';
// esbuild settings shared by every app's `build` target (@nx/esbuild, see nx.json targetDefaults).
//
// esbuild does not implement TypeScript's `emitDecoratorMetadata`, and NestJS resolves constructor
// dependencies from that metadata. So TypeScript itself transpiles each .ts file (per file, exactly as
// `npm start` does through ts-node's transpileOnly), and esbuild only bundles the result. Type checking is
// the `typecheck` target's job.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..');

function compilerOptions() {
  const file = path.join(WORKSPACE_ROOT, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, WORKSPACE_ROOT);
  return {
    ...options,
    // CommonJS, as `npm start` runs it: decorator metadata may name an interface imported from another
    // file, which is then `undefined` at run time (Nest's `Object`); ES module imports would refuse it.
    module: ts.ModuleKind.CommonJS,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: true,
    declaration: false,
    noEmit: false,
  };
}

const typescriptDecoratorsPlugin = {
  name: 'dx-typescript-decorators',
  setup(build) {
    const options = compilerOptions();
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.endsWith('.d.ts') || args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      const output = ts.transpileModule(source, { compilerOptions: options, fileName: args.path, reportDiagnostics: false });
      return { contents: output.outputText, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

module.exports = {
  plugins: [typescriptDecoratorsPlugin],
  // Migrations are recorded under their class names, and Nest names providers by class: keep the names.
  keepNames: true,
  logLevel: 'warning',
};
