import { formatFiles, generateFiles, readProjectConfiguration, Tree } from '@nx/devkit';
import * as path from 'node:path';

import { nextMigrationTimestamp, spellings } from '../shared/names.util';
import { appendToArrayProperty } from '../shared/source-edits.util';
import { FeatureGeneratorSchema } from './schema';

/**
 * `nx g @dx/workspace-plugin:feature <name> --project=<service> --titleVi=… --titleEn=…`: one folder
 * apps/<service>/src/<name>/ with module, controller (calls the use case only), use case, repository
 * (rows checked with zod), a unit spec of the use case and the migration of its table; the module joins
 * AppModule's imports and the migration the service's options.
 */
export async function featureGenerator(tree: Tree, options: FeatureGeneratorSchema, now: () => number = Date.now): Promise<void> {
  const project = readProjectConfiguration(tree, options.project);
  const sourceRoot = project.sourceRoot ?? `${project.root}/src`;
  const appModule = `${sourceRoot}/app.module.ts`;
  const optionsFile = `${sourceRoot}/${options.project}.options.ts`;
  for (const file of [appModule, optionsFile]) {
    if (!tree.exists(file)) throw new Error(`${file} is missing: ${options.project} is not a service in the platform's shape`);
  }
  const names = spellings(options.name);
  const featureRoot = `${sourceRoot}/${names.fileName}`;
  if (tree.exists(featureRoot)) throw new Error(`${featureRoot} already exists`);

  const migrations = tree.exists(`${sourceRoot}/migrations`) ? tree.children(`${sourceRoot}/migrations`) : [];
  const migrationTimestamp = nextMigrationTimestamp(migrations, now());
  generateFiles(tree, path.join(__dirname, 'files'), sourceRoot, {
    ...names,
    tableName: `${options.project}.${names.snakeName}`,
    titleVi: options.titleVi,
    titleEn: options.titleEn,
    migrationTimestamp,
    tmpl: '',
  });
  // Migrations live together, where the service's others are.
  const generatedMigration = `${featureRoot}/${migrationTimestamp}-create-${names.fileName}.ts`;
  const migration = `${sourceRoot}/migrations/${migrationTimestamp}-create-${names.fileName}.ts`;
  tree.rename(generatedMigration, migration);

  appendToArrayProperty(
    tree,
    appModule,
    'imports',
    `${names.className}Module`,
    `import { ${names.className}Module } from './${names.fileName}/${names.fileName}.module';`,
  );
  appendToArrayProperty(
    tree,
    optionsFile,
    'migrations',
    `Create${names.className}${migrationTimestamp}`,
    `import { Create${names.className}${migrationTimestamp} } from './migrations/${migrationTimestamp}-create-${names.fileName}';`,
  );
  await formatFiles(tree);
}

export default featureGenerator;
