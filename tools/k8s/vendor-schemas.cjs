'use strict';
// Writes the JSON schemas that infra/k8s manifests are validated against (offline, in `npm test`) into
// infra/k8s/schemas/, from the official sources given as arguments:
//
//   node tools/k8s/vendor-schemas.cjs <kubernetes swagger.json> <CRD yaml>...
//
// - Kubernetes: the OpenAPI (swagger 2.0) document of a Kubernetes release, e.g. kubernetes-client/python's
//   kubernetes/swagger.json.unprocessed; only the definitions reachable from the kinds we deploy are kept.
// - Operators: their CustomResourceDefinition files (Strimzi packaging/install/cluster-operator/04x-Crd-*.yaml,
//   CloudNativePG config/crd/bases/postgresql.cnpg.io_clusters.yaml, KEDA config/crd/bases/keda.sh_scaledobjects.yaml);
//   the openAPIV3Schema of each served version is kept.
// Descriptions are dropped (they do not take part in validation); nothing else is changed: the strictness
// added at validation time (unknown fields refused) is in tools/k8s/src/manifest-validator.util.ts.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const OUT = path.resolve(__dirname, '..', '..', 'infra', 'k8s', 'schemas');
const KUBERNETES_KINDS = [
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.Secret',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  'io.k8s.api.networking.v1.NetworkPolicy',
];

function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'description' && typeof value === 'string'))
      .map(([key, value]) => [
        key,
        key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutDescriptions(v)])) : withoutDescriptions(value),
      ]),
  );
}

function refsOf(node, found = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value.replace('#/definitions/', ''));
      else refsOf(value, found);
    }
  }
  return found;
}

function vendorKubernetes(file) {
  const swagger = JSON.parse(fs.readFileSync(file, 'utf8'));
  const definitions = {};
  const pending = [...KUBERNETES_KINDS, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
  while (pending.length > 0) {
    const name = pending.pop();
    if (definitions[name]) continue;
    if (!swagger.definitions[name]) throw new Error(`${file}: no definition ${name}`);
    definitions[name] = withoutDescriptions(swagger.definitions[name]);
    pending.push(...refsOf(definitions[name]));
  }
  const kinds = {};
  for (const name of KUBERNETES_KINDS) {
    for (const gvk of swagger.definitions[name]['x-kubernetes-group-version-kind']) {
      kinds[`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`] = name;
    }
  }
  const document = { source: { file: path.basename(file), info: swagger.info }, kinds, definitions };
  fs.writeFileSync(path.join(OUT, 'kubernetes.json'), `${JSON.stringify(document, null, 1)}\n`);
  return Object.keys(kinds);
}

function vendorCrd(file) {
  const crd = YAML.parse(fs.readFileSync(file, 'utf8'));
  if (crd.kind !== 'CustomResourceDefinition') throw new Error(`${file}: not a CustomResourceDefinition`);
  const versions = {};
  for (const version of crd.spec.versions.filter((v) => v.served)) {
    versions[version.name] = withoutDescriptions(version.schema.openAPIV3Schema);
  }
  const document = { source: { file: path.basename(file), crd: crd.metadata.name }, group: crd.spec.group, kind: crd.spec.names.kind, versions };
  fs.writeFileSync(path.join(OUT, `${crd.metadata.name}.json`), `${JSON.stringify(document, null, 1)}\n`);
  return Object.keys(versions).map((v) => `${crd.spec.group}/${v}/${crd.spec.names.kind}`);
}

function main([swagger, ...crds]) {
  if (!swagger || crds.length === 0) {
    process.stderr.write('usage: node tools/k8s/vendor-schemas.cjs <kubernetes swagger.json> <CRD yaml>...\n');
    process.exit(2);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const written = [...vendorKubernetes(swagger), ...crds.flatMap(vendorCrd)];
  process.stdout.write(`schemas for ${written.length} kinds in ${path.relative(process.cwd(), OUT)}:\n  ${written.join('\n  ')}\n`);
}

main(process.argv.slice(2));
