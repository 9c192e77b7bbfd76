import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { K8S_DIR, KustomizeError, renderKustomization, strategicMerge } from './kustomize-render.util';

function kustomization(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dx-kustomize-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('renderKustomization', () => {
  it('should apply the staging patches over the base and keep what they do not name', () => {
    const manifests = renderKustomization(join(K8S_DIR, 'overlays', 'staging'), { exampleSecrets: true });
    const find = (kind: string, name?: string): any => manifests.find((m) => m.kind === kind && (!name || m.metadata.name === name))?.spec;
    const pool = find('KafkaNodePool');
    expect(pool.storage.volumes[0].size).toBe('20Gi');
    expect(pool.replicas).toBe(3);
    expect(pool.roles).toEqual(['controller', 'broker']);
    expect(find('ScaledObject', 'dx-computation').maxReplicaCount).toBe(3);
    const deployment = find('Deployment', 'dx-computation');
    expect(deployment.template.spec.containers[0].image).toBe('dx/computation:0.1.0-rc');
  });

  it('should merge containers, env and volume mounts by their keys and replace other lists', () => {
    const base = {
      spec: {
        containers: [
          {
            name: 'app',
            image: 'a',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            args: ['x', 'y'],
          },
        ],
      },
    };
    const patch = {
      spec: {
        containers: [
          {
            name: 'app',
            env: [
              { name: 'B', value: '3' },
              { name: 'C', value: '4' },
            ],
            args: ['z'],
          },
        ],
      },
    };
    expect(strategicMerge(base, patch, true)).toEqual({
      spec: {
        containers: [
          {
            name: 'app',
            image: 'a',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '3' },
              { name: 'C', value: '4' },
            ],
            args: ['z'],
          },
        ],
      },
    });
    // custom resources: JSON merge patch, lists replaced whole
    expect(strategicMerge({ spec: { roles: ['a', 'b'] } }, { spec: { roles: ['c'] } }, false)).toEqual({ spec: { roles: ['c'] } });
    expect(strategicMerge({ a: 1, b: 2 }, { b: null }, true)).toEqual({ a: 1 });
  });

  it('should refuse a kustomization field it does not implement rather than ignore it', () => {
    const dir = kustomization({ 'kustomization.yaml': 'resources: []\ncommonLabels:\n  team: dx\n' });
    expect(() => renderKustomization(dir)).toThrow(
      new KustomizeError(`${join(dir, 'kustomization.yaml')}: fields not supported by this renderer: commonLabels`),
    );
  });

  it('should refuse to render without the secrets file, as kubectl apply -k does, unless asked to use the example', () => {
    const dir = kustomization({
      'kustomization.yaml': 'generatorOptions:\n  disableNameSuffixHash: true\nsecretGenerator:\n  - name: dx-platform-secrets\n    envs: [secrets.env]\n',
      'secrets.env.example': '# comment\nDX_ADMIN_TOKEN=example-token\n',
    });
    expect(() => renderKustomization(dir)).toThrow(/secrets.env: missing/);
    const [secret] = renderKustomization(dir, { exampleSecrets: true }) as any[];
    expect([secret.kind, secret.metadata.name, Buffer.from(secret.data.DX_ADMIN_TOKEN, 'base64').toString()]).toEqual([
      'Secret',
      'dx-platform-secrets',
      'example-token',
    ]);
  });

  it('should refuse a patch whose target does not exist', () => {
    const dir = kustomization({
      'kustomization.yaml': 'resources: [cm.yaml]\npatches:\n  - path: patch.yaml\n',
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata: {}\n',
      'patch.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\ndata: {a: b}\n',
    });
    expect(() => renderKustomization(dir)).toThrow(/no ConfigMap two to patch/);
  });
});
