// Runs a service straight from TypeScript: transpile-only ts-node (types are checked by `typecheck`)
// and the @dx/* aliases of tsconfig.base.json.
const path = require('node:path');
require('ts-node').register({
  transpileOnly: true,
  project: path.join(__dirname, '..', 'tsconfig.base.json'),
  compilerOptions: { module: 'commonjs' },
});
require('tsconfig-paths').register({
  baseUrl: path.join(__dirname, '..'),
  paths: require('../tsconfig.base.json').compilerOptions.paths,
});
