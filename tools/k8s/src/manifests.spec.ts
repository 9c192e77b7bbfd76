import { join } from 'node:path';

import { TOPIC_DEFINITIONS, TOPICS } from '@dx/contracts';

import { K8S_DIR, Manifest, renderKustomization } from './kustomize-render.util';
import { ManifestValidator } from './manifest-validator.util';

// eslint-disable-next-line @nx/enforce-module-boundaries -- how every service is started (npm start, npm run bench), in no project
const { HEAP_LIMIT_ARGUMENT } = require('../../scripts/services.cjs') as { HEAP_LIMIT_ARGUMENT: string };

const OVERLAYS = ['production', 'staging'];
const SERVICES = ['ingestion', 'computation', 'notification', 'reporting'];
const CONSUMING_SERVICES = ['computation', 'notification', 'reporting'];
const REFERENCE_TOPIC = 'dx.reference.v1';

type Acl = { resource: { type: string; name: string; patternType?: string }; operations: string[] };

const render = (overlay: string): Manifest[] => renderKustomization(join(K8S_DIR, 'overlays', overlay), { exampleSecrets: true });
const ofKind = (manifests: Manifest[], kind: string): Manifest[] => manifests.filter((m) => m.kind === kind);
const named = (manifests: Manifest[], kind: string, name: string): Manifest | undefined => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const spec = (m: Manifest | undefined): any => m?.spec;
const aclsOf = (user: Manifest): Acl[] => spec(user).authorization.acls;
const mayWrite = (user: Manifest, topic: string): boolean =>
  aclsOf(user).some((a) => a.resource.type === 'topic' && a.resource.name === topic && a.operations.some((op) => op === 'Write' || op === 'All'));

describe('Kubernetes manifests (infra/k8s)', () => {
  const validator = new ManifestValidator();

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    const manifests = render(overlay);

    it('should validate every document against the Kubernetes and operator schemas', () => {
      const problems = manifests.flatMap((m) => validator.validate(m).map((p) => `${m.kind}/${m.metadata.name} ${p}`));
      expect(problems).toEqual([]);
      expect(manifests.every((m) => m.metadata.namespace === (overlay === 'production' ? 'dx' : 'dx-staging'))).toBe(true);
    });

    it('should declare every contract topic with its partitions and retention, three replicas and two in sync', () => {
      const topics = Object.fromEntries(ofKind(manifests, 'KafkaTopic').map((t) => [t.metadata.name, spec(t)]));
      expect(Object.keys(topics).sort()).toEqual([...new Set([...TOPIC_DEFINITIONS.map((d) => d.topic), REFERENCE_TOPIC])].sort());
      for (const definition of TOPIC_DEFINITIONS) {
        const retention = definition.configEntries.find((e) => e.name === 'retention.ms')?.value;
        expect([definition.topic, topics[definition.topic].partitions, String(topics[definition.topic].config['retention.ms'])]).toEqual([
          definition.topic,
          definition.numPartitions,
          retention,
        ]);
      }
      for (const [name, topic] of Object.entries(topics)) {
        expect([name, topic.replicas, topic.config['min.insync.replicas']]).toEqual([name, 3, 2]);
      }
      expect(topics[REFERENCE_TOPIC].config['cleanup.policy']).toBe('compact');
    });

    it('should run Kafka on three KRaft nodes and PostgreSQL on three instances', () => {
      const pools = ofKind(manifests, 'KafkaNodePool');
      expect(pools.map((p) => [spec(p).replicas, [...spec(p).roles].sort()])).toEqual([[3, ['broker', 'controller']]]);
      expect(spec(named(manifests, 'Kafka', 'dx-kafka')).kafka.config['min.insync.replicas']).toBe(2);
      expect(spec(named(manifests, 'Cluster', 'dx-postgres')).instances).toBe(3);
    });

    it('should let only ingestion write the observation log and agencies only the intake topic', () => {
      const users = ofKind(manifests, 'KafkaUser');
      expect(users.filter((u) => mayWrite(u, TOPICS.observations)).map((u) => u.metadata.name)).toEqual(['dx-ingestion']);
      const agencies = users.filter((u) => u.metadata.name.startsWith('dx-agency-'));
      expect(agencies.length).toBeGreaterThan(0);
      for (const agency of agencies) {
        expect(aclsOf(agency).map((a) => [a.resource.type, a.resource.name, [...a.operations].sort()])).toEqual([
          ['topic', TOPICS.intake, ['Describe', 'Write']],
        ]);
      }
      // No ACL names a topic that does not exist, and nobody but an operator's tooling creates topics.
      const topics = new Set(ofKind(manifests, 'KafkaTopic').map((t) => t.metadata.name));
      const acls = users.flatMap(aclsOf);
      expect(acls.filter((a) => a.resource.type === 'topic' && !topics.has(a.resource.name))).toEqual([]);
      expect(acls.filter((a) => a.operations.some((op) => ['Create', 'Alter', 'AlterConfigs', 'All'].includes(op)))).toEqual([]);
    });

    it.each(SERVICES)('should run %s with probes, bounded memory, a disruption budget and its own Kafka principal', (service) => {
      const name = `dx-${service}`;
      const deployment = named(manifests, 'Deployment', name);
      const container = spec(deployment).template.spec.containers[0];
      expect(container.image).toMatch(new RegExp(`^dx/${service}:`));
      expect([container.livenessProbe.httpGet.path, container.readinessProbe.httpGet.path]).toEqual(['/health/live', '/health/ready']);
      expect(container.resources.limits.memory).toMatch(/^\d+Mi$/);
      expect(parseInt(container.resources.limits.memory, 10)).toBeLessThanOrEqual(512);
      expect(spec(named(manifests, 'PodDisruptionBudget', name)).selector.matchLabels).toEqual(spec(deployment).selector.matchLabels);

      const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
      expect(env.KAFKA_SASL_USERNAME.value).toBe(name);
      expect(env.KAFKA_SASL_PASSWORD.valueFrom.secretKeyRef).toEqual({ name, key: 'password' });
      const user = named(manifests, 'KafkaUser', name);
      expect(aclsOf(user as Manifest)).toContainEqual({
        resource: { type: 'group', name, patternType: 'prefix' },
        operations: expect.arrayContaining(['Read']),
      });
      expect(env.DATABASE_URL.valueFrom.secretKeyRef).toEqual({ name: 'dx-postgres-app', key: 'uri' });
      // The heap the benchmarks measured the memory goal with (ADR 0023), under the container's limit.
      expect(env.NODE_OPTIONS.value).toBe(HEAP_LIMIT_ARGUMENT);
      expect(parseInt(HEAP_LIMIT_ARGUMENT.split('=')[1], 10)).toBeLessThan(parseInt(container.resources.limits.memory, 10));
      for (const secret of ['DX_ADMIN_TOKEN', 'DX_SECRET_KEY'].filter((s) => env[s])) {
        const { name: secretName, key } = env[secret].valueFrom.secretKeyRef;
        expect(Object.keys(named(manifests, 'Secret', secretName)?.data as object)).toContain(key);
      }
      expect(env.DX_ADMIN_TOKEN !== undefined).toBe(service === 'ingestion' || service === 'notification');
    });

    it('should scale the consuming services on consumer lag and ingestion on CPU', () => {
      for (const service of CONSUMING_SERVICES) {
        const scaled = spec(named(manifests, 'ScaledObject', `dx-${service}`));
        expect(scaled.scaleTargetRef.name).toBe(`dx-${service}`);
        expect(scaled.triggers.find((t: { type: string }) => t.type === 'prometheus').metadata.query).toContain(`dx_kafka_consumer_lag{group="dx-${service}"}`);
        expect(scaled.minReplicaCount).toBeGreaterThanOrEqual(2);
      }
      // An instance beyond the observation log's partitions would have nothing to consume.
      const partitions = TOPIC_DEFINITIONS.find((d) => d.topic === TOPICS.observations)?.numPartitions ?? 0;
      expect(partitions).toBeGreaterThan(0);
      expect(spec(named(manifests, 'ScaledObject', 'dx-computation')).maxReplicaCount).toBeLessThanOrEqual(partitions);
      expect(spec(named(manifests, 'HorizontalPodAutoscaler', 'dx-ingestion')).scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'dx-ingestion',
      });
      expect(ofKind(manifests, 'HorizontalPodAutoscaler').map((h) => h.metadata.name)).toEqual(['dx-ingestion']);
    });
  });

  describe('the validator', () => {
    const [deployment, topic, cluster] = ['Deployment', 'KafkaTopic', 'Cluster'].map((kind) => ofKind(render('production'), kind)[0]);
    const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

    it('should refuse a misspelled field, a wrong type and a value out of range, in core and custom kinds', () => {
      const misspelled = clone(deployment) as any;
      misspelled.spec.template.spec.containers[0].livenesProbe = misspelled.spec.template.spec.containers[0].livenessProbe;
      expect(validator.validate(misspelled).join()).toContain('livenesProbe');

      const wrongType = clone(deployment) as any;
      wrongType.spec.replicas = 'two';
      expect(validator.validate(wrongType).join()).toContain('/spec/replicas: must be integer');

      const noPartitions = clone(topic) as any;
      noPartitions.spec.partitions = 0;
      expect(validator.validate(noPartitions).join()).toContain('/spec/partitions: must be >= 1');

      const unknownInCrd = clone(cluster) as any;
      unknownInCrd.spec.instance = 3;
      expect(validator.validate(unknownInCrd).join()).toContain('instance');

      expect(validator.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })).toEqual(['no schema for example.com/v1 Widget']);
    });

    it('should accept an int-or-string port and a numeric quantity as the API server does', () => {
      const numeric = clone(deployment) as any;
      numeric.spec.template.spec.containers[0].livenessProbe.httpGet.port = 3001;
      numeric.spec.template.spec.containers[0].resources.requests.cpu = 1;
      expect(validator.validate(numeric)).toEqual([]);
    });
  });
});
