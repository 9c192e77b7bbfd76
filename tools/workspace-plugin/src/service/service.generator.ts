import { formatFiles, generateFiles, Tree } from '@nx/devkit';
import * as path from 'node:path';

import { nextMigrationTimestamp, spellings } from '../shared/names.util';
import { addServiceName } from '../shared/source-edits.util';
import { ServiceGeneratorSchema } from './schema';

export const SERVICE_NAME_FILE = 'libs/platform/src/bootstrap/service-context.ts';

/**
 * `nx g @dx/workspace-plugin:service <name> --port=… --titleVi=… --titleEn=…`: apps/<name> with the
 * composition root of every service (app.module.ts, <name>.options.ts, main.ts calling createServiceApp,
 * migrate.ts), its config schema, the processed-event migration, a start<Name>() test helper and a
 * readiness integration test. Kafka principals, containers and manifests are left to their own files
 * (docs/architecture.md, "Adding a service").
 */
export async function serviceGenerator(tree: Tree, options: ServiceGeneratorSchema, now: () => number = Date.now): Promise<void> {
  if (!/^[a-z][a-z0-9]{1,30}$/.test(options.name)) throw new Error(`service name "${options.name}": lower-case letters and digits only`);
  const root = `apps/${options.name}`;
  if (tree.exists(root)) throw new Error(`${root} already exists`);

  generateFiles(tree, path.join(__dirname, 'files'), root, {
    ...spellings(options.name),
    schemaName: options.name,
    port: options.port,
    titleVi: options.titleVi,
    titleEn: options.titleEn,
    migrationTimestamp: nextMigrationTimestamp([], now()),
    tmpl: '',
  });
  addServiceName(tree, SERVICE_NAME_FILE, options.name);
  await formatFiles(tree);
}

export default serviceGenerator;
