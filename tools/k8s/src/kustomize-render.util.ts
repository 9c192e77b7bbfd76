import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as a plain JSON value. */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [key: string]: unknown }; [key: string]: unknown };

export interface RenderOptions {
  /**
   * Where a secretGenerator's env file is missing, read `<file>.example` instead (tests). Off by default:
   * like `kubectl apply -k`, rendering then fails, so the examples never reach a cluster.
   */
  exampleSecrets?: boolean;
}

// The kustomization fields this renderer implements; anything else is refused rather than ignored, so the
// rendering can never silently differ from `kubectl apply -k`.
const FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches', 'secretGenerator', 'generatorOptions']);
const CLUSTER_SCOPED = new Set(['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PersistentVolume']);
// Strategic-merge keys of the Kubernetes lists our patches touch (k8s.io/api `patchMergeKey`); other lists,
// and every list of a custom resource (kustomize merges those as JSON merge patches), are replaced.
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
};
const BUILT_IN_GROUPS = new Set(['v1', 'apps/v1', 'policy/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'batch/v1']);

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  patches?: Array<{ path: string }>;
  secretGenerator?: Array<{ name: string; envs?: string[]; literals?: string[]; type?: string }>;
  generatorOptions?: { disableNameSuffixHash?: boolean };
}

export class KustomizeError extends Error {}

function readYaml(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length > 0) throw new KustomizeError(`${file}: ${document.errors[0].message}`);
      return document.toJS() as unknown;
    })
    .filter((value) => value !== null && value !== undefined);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strategic merge of `patch` into `target` (maps merged, known Kubernetes lists merged by key). */
export function strategicMerge(target: unknown, patch: unknown, builtIn: boolean, field = ''): unknown {
  if (isObject(target) && isObject(patch)) {
    const merged: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (key === '$patch') throw new KustomizeError('$patch directives are not supported');
      merged[key] = value === null ? undefined : key in target ? strategicMerge(target[key], value, builtIn, key) : value;
      if (merged[key] === undefined) delete merged[key];
    }
    return merged;
  }
  const mergeKey = MERGE_KEYS[field];
  if (builtIn && mergeKey && Array.isArray(target) && Array.isArray(patch)) {
    const result = [...target];
    for (const item of patch) {
      const index = isObject(item) ? result.findIndex((existing) => isObject(existing) && existing[mergeKey] === item[mergeKey]) : -1;
      if (index >= 0) result[index] = strategicMerge(result[index], item, builtIn);
      else result.push(item);
    }
    return result;
  }
  return patch;
}

function readEnvFile(file: string, options: RenderOptions): Record<string, string> {
  let source = file;
  if (!existsSync(source)) {
    if (!options.exampleSecrets || !existsSync(`${file}.example`)) throw new KustomizeError(`${file}: missing (copy ${file}.example and fill it in)`);
    source = `${file}.example`;
  }
  const entries: Record<string, string> = {};
  for (const line of readFileSync(source, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    if (at <= 0) throw new KustomizeError(`${source}: expected KEY=VALUE, got "${trimmed}"`);
    entries[trimmed.slice(0, at)] = trimmed.slice(at + 1);
  }
  return entries;
}

function setImages(manifest: Manifest, images: NonNullable<Kustomization['images']>): void {
  const pod = (manifest.spec as { template?: { spec?: { containers?: Array<{ image: string }>; initContainers?: Array<{ image: string }> } } } | undefined)
    ?.template?.spec;
  for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
    const [name, tag] = container.image.split(/:(?=[^/]*$)/);
    const image = images.find((i) => i.name === name);
    if (image) container.image = `${image.newName ?? name}:${image.newTag ?? tag ?? 'latest'}`;
  }
}

/**
 * Renders a kustomization directory the way `kustomize build` does, for the subset of kustomize that
 * infra/k8s uses (docs/adr: Kubernetes): resources (files and directories), namespace, images, patches
 * (strategic merge, target named by the patch), secretGenerator (envs, literals) without name hashes.
 */
export function renderKustomization(directory: string, options: RenderOptions = {}): Manifest[] {
  const dir = resolve(directory);
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const [kustomization] = readYaml(file) as Kustomization[];
  const unknown = Object.keys(kustomization).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) throw new KustomizeError(`${file}: fields not supported by this renderer: ${unknown.join(', ')}`);

  let manifests: Manifest[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = resolve(dir, resource);
    if (!existsSync(path)) throw new KustomizeError(`${file}: resource ${resource} not found`);
    manifests.push(...(statSync(path).isDirectory() ? renderKustomization(path, options) : (readYaml(path) as Manifest[])));
  }

  if (kustomization.secretGenerator?.length) {
    if (!kustomization.generatorOptions?.disableNameSuffixHash) {
      throw new KustomizeError(
        `${file}: secretGenerator needs generatorOptions.disableNameSuffixHash (name hashes and their references are not rendered here)`,
      );
    }
    for (const generator of kustomization.secretGenerator) {
      const values: Record<string, string> = {};
      for (const env of generator.envs ?? []) Object.assign(values, readEnvFile(resolve(dir, env), options));
      for (const literal of generator.literals ?? []) {
        const at = literal.indexOf('=');
        values[literal.slice(0, at)] = literal.slice(at + 1);
      }
      manifests.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: generator.name },
        type: generator.type ?? 'Opaque',
        data: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
      });
    }
  }

  for (const { path } of kustomization.patches ?? []) {
    for (const patch of readYaml(resolve(dir, path)) as Manifest[]) {
      const index = manifests.findIndex((m) => m.apiVersion === patch.apiVersion && m.kind === patch.kind && m.metadata.name === patch.metadata.name);
      if (index < 0) throw new KustomizeError(`${join(dir, path)}: no ${patch.kind} ${patch.metadata.name} to patch`);
      manifests[index] = strategicMerge(manifests[index], patch, BUILT_IN_GROUPS.has(patch.apiVersion)) as Manifest;
    }
  }

  const images = kustomization.images ?? [];
  if (images.length > 0) manifests.forEach((m) => setImages(m, images));
  if (kustomization.namespace) {
    manifests = manifests.map((m) => (CLUSTER_SCOPED.has(m.kind) ? m : { ...m, metadata: { ...m.metadata, namespace: kustomization.namespace } }));
  }
  return manifests;
}

/** `dirname` of this file's repository: infra/k8s. */
export const K8S_DIR = resolve(dirname(__filename), '..', '..', '..', 'infra', 'k8s');
