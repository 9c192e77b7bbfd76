import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The dashboard's built files: the page and its fingerprinted assets (names carry their hash). */
export interface DashboardFiles {
  indexHtml: string;
  /** Asset file name → absolute path; only these names are ever served. */
  assets: ReadonlyMap<string, string>;
}

/** Reads the build output of `nx run dashboard:build`; undefined when it has not been built. */
export function findDashboardFiles(directory: string): DashboardFiles | undefined {
  const root = resolve(directory);
  const indexHtml = join(root, 'index.html');
  if (!existsSync(indexHtml)) return undefined;
  const assetsDir = join(root, 'assets');
  const names = existsSync(assetsDir) ? readdirSync(assetsDir).filter((name) => /^[A-Za-z0-9._-]+$/.test(name)) : [];
  return { indexHtml, assets: new Map(names.map((name) => [name, join(assetsDir, name)])) };
}
