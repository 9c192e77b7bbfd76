import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { ValidateFunction } from 'ajv';

import { K8S_DIR, Manifest } from './kustomize-render.util';

type Schema = Record<string, unknown>;

const SCHEMA_DIR = join(K8S_DIR, 'schemas');
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the API server enforces beyond the published schema, made explicit for ajv:
 * - an unknown field is an error (kubectl's default `--validate=strict`; kubeconform `-strict`), except
 *   where a schema keeps unknown fields (`x-kubernetes-preserve-unknown-fields`, maps with
 *   additionalProperties);
 * - int-or-string fields take either (`x-kubernetes-int-or-string`, Kubernetes' IntOrString), a quantity
 *   takes a string or a number.
 * CEL rules (`x-kubernetes-validations`) are not evaluated here: the operators' webhooks and the API server do.
 */
function strict(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strict);
  if (!isObject(node)) return node;
  const result: Schema = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'properties' && isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)])) : strict(value),
    ]),
  );
  if (result['x-kubernetes-int-or-string'] === true || result['format'] === 'int-or-string') {
    delete result['type'];
    delete result['format'];
    result['anyOf'] = [{ type: 'string' }, { type: 'integer' }];
  }
  if (result['properties'] && result['additionalProperties'] === undefined && result['x-kubernetes-preserve-unknown-fields'] !== true) {
    result['additionalProperties'] = false;
  }
  return result;
}

interface KubernetesSchemas {
  kinds: Record<string, string>;
  definitions: Record<string, Schema>;
}

interface CrdSchemas {
  group: string;
  kind: string;
  versions: Record<string, Schema>;
}

/** Validates manifests against the vendored Kubernetes and operator schemas (infra/k8s/schemas). */
export class ManifestValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(schemaDir = SCHEMA_DIR) {
    const kubernetes = JSON.parse(readFileSync(join(schemaDir, 'kubernetes.json'), 'utf8')) as KubernetesSchemas;
    const definitions = strict(kubernetes.definitions) as Record<string, Schema>;
    definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { anyOf: [{ type: 'string' }, { type: 'number' }] };
    this.ajv.addSchema({ $id: 'k8s', definitions: JSON.parse(JSON.stringify(definitions).replaceAll('"#/definitions/', '"k8s#/definitions/')) });
    for (const [kind, definition] of Object.entries(kubernetes.kinds)) {
      this.validators.set(kind, this.ajv.compile({ $ref: `k8s#/definitions/${definition}` }));
    }
    for (const file of readdirSync(schemaDir).filter((f) => f !== 'kubernetes.json' && f.endsWith('.json'))) {
      const crd = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as CrdSchemas;
      for (const [version, schema] of Object.entries(crd.versions)) {
        const withMeta = strict(schema) as Schema;
        // The API server checks metadata of custom resources like that of any object.
        withMeta['properties'] = { ...(withMeta['properties'] as Schema), metadata: { $ref: `k8s#/definitions/${OBJECT_META}` } };
        this.validators.set(`${crd.group}/${version}/${crd.kind}`, this.ajv.compile(withMeta));
      }
    }
  }

  /** The kinds it has schemas for, as `group/version/Kind` (`v1/Secret` for the core group). */
  get kinds(): string[] {
    return [...this.validators.keys()];
  }

  /** Problems of one manifest, each `path: message`; empty when it is valid. */
  validate(manifest: Manifest): string[] {
    const validator = this.validators.get(`${manifest.apiVersion}/${manifest.kind}`);
    if (!validator) return [`no schema for ${manifest.apiVersion} ${manifest.kind}`];
    if (validator(manifest)) return [];
    return (validator.errors ?? []).map(
      (e) => `${e.instancePath || '/'}: ${e.message}${e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : ''}`,
    );
  }
}
