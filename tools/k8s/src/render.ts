// Prints an overlay as `kubectl apply -k` would apply it (the subset of kustomize infra/k8s uses):
//   npx nx run k8s:render --args="production"          YAML on stdout
//   npx nx run k8s:render --args="production --list"   one `Kind/name` per line
// Secrets are read from overlays/<name>/platform-secrets.env; `--example-secrets` uses the example file.
import { join } from 'node:path';

import { stringify } from 'yaml';

import { K8S_DIR, renderKustomization } from './kustomize-render.util';

const args = process.argv.slice(2);
const overlay = args.find((a) => !a.startsWith('--')) ?? 'production';
const manifests = renderKustomization(join(K8S_DIR, 'overlays', overlay), { exampleSecrets: args.includes('--example-secrets') });
process.stdout.write(
  args.includes('--list') ? manifests.map((m) => `${m.kind}/${m.metadata.name}\n`).join('') : manifests.map((m) => stringify(m)).join('---\n'),
);
