import { join } from 'node:path';

import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes } from 'kafkajs';

import { TOPICS } from '@dx/contracts';
import { createTestKafka, expectEventually, PrivateKafka, startPrivateKafka, uniqueSuffix } from '@dx/testing';

import { K8S_DIR, Manifest, renderKustomization } from '../../src/kustomize-render.util';

type StrimziAcl = {
  resource: { type: 'topic' | 'group' | 'cluster' | 'transactionalId'; name?: string; patternType?: 'literal' | 'prefix' };
  operations: string[];
};

const OPERATIONS: Record<string, AclOperationTypes> = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Describe: AclOperationTypes.DESCRIBE,
  Delete: AclOperationTypes.DELETE,
  Create: AclOperationTypes.CREATE,
  Alter: AclOperationTypes.ALTER,
  All: AclOperationTypes.ALL,
};
const RESOURCES = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  cluster: AclResourceTypes.CLUSTER,
  transactionalId: AclResourceTypes.TRANSACTIONAL_ID,
};

const PASSWORDS = {
  admin: 'admin-secret-0001',
  'dx-ingestion': 'ingestion-secret-01',
  'dx-computation': 'computation-secret-1',
  'dx-agency-vnpt-cantho': 'agency-secret-0001',
};

/** The ACLs the Strimzi user operator would create for these KafkaUsers, as kafkajs ACL entries. */
function aclEntries(users: Manifest[]) {
  return users.flatMap((user) =>
    (user.spec as { authorization: { acls: StrimziAcl[] } }).authorization.acls.flatMap((acl) =>
      acl.operations.map((operation) => ({
        resourceType: RESOURCES[acl.resource.type],
        resourceName: acl.resource.name ?? 'kafka-cluster',
        resourcePatternType: acl.resource.patternType === 'prefix' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
        principal: `User:${user.metadata.name}`,
        host: '*',
        operation: OPERATIONS[operation],
        permissionType: AclPermissionTypes.ALLOW,
      })),
    ),
  );
}

// The KafkaUsers of infra/k8s, applied as ACLs to a real broker that authenticates with SCRAM and denies
// what no ACL allows: only ingestion writes the observation log, agencies write only the intake topic.
describe('The KafkaUser ACLs of infra/k8s on a real broker', () => {
  let kafka: PrivateKafka;
  const as = (user: keyof typeof PASSWORDS): Kafka =>
    createTestKafka({ brokers: kafka.brokers, security: { sasl: { mechanism: 'scram-sha-512', username: user, password: PASSWORDS[user] } } });

  beforeAll(async () => {
    kafka = await startPrivateKafka({ saslUsers: PASSWORDS, acls: true });
    const manifests = renderKustomization(join(K8S_DIR, 'overlays', 'production'), { exampleSecrets: true });
    const users = manifests.filter((m) => m.kind === 'KafkaUser' && m.metadata.name in PASSWORDS);
    const admin = as('admin').admin();
    await admin.connect();
    try {
      const topics = [TOPICS.intake, TOPICS.observations];
      await admin.createTopics({ waitForLeaders: false, topics: topics.map((topic) => ({ topic, numPartitions: 1 })) });
      // A slow broker may not know the topics for a moment (kafkajs' waitForLeaders does not wait for that).
      await expectEventually(
        async () => expect((await admin.fetchTopicMetadata({ topics })).topics.map((t) => t.partitions[0].leader >= 0)).toEqual([true, true]),
        {
          timeoutMs: 30_000,
          intervalMs: 200,
        },
      );
      await admin.createAcls({ acl: aclEntries(users) });
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    await kafka?.dispose();
  });

  const produce = async (user: keyof typeof PASSWORDS, topic: string): Promise<void> => {
    const producer = as(user).producer({ retry: { retries: 1 } });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key: '31117', value: `${user}-${uniqueSuffix(3)}` }] });
    } finally {
      await producer.disconnect();
    }
  };

  it('should let ingestion write the observation log and refuse computation and an agency', async () => {
    await produce('dx-ingestion', TOPICS.observations);
    await expect(produce('dx-computation', TOPICS.observations)).rejects.toThrow(/authoriz/i);
    await expect(produce('dx-agency-vnpt-cantho', TOPICS.observations)).rejects.toThrow(/authoriz/i);
  });

  it('should let an agency write the intake topic, which ingestion reads in its own group', async () => {
    await produce('dx-agency-vnpt-cantho', TOPICS.intake);
    const received: string[] = [];
    const consumer = as('dx-ingestion').consumer({ groupId: 'dx-ingestion' });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: TOPICS.intake, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
      await expectEventually(() => expect(received).toEqual([expect.stringMatching(/^dx-agency-vnpt-cantho-/)]), { timeoutMs: 30_000 });
    } finally {
      await consumer.disconnect();
    }
  });

  it('should let computation read the observation log in its own group and no other', async () => {
    const received: string[] = [];
    const own = as('dx-computation').consumer({ groupId: 'dx-computation-test' });
    await own.connect();
    try {
      await own.subscribe({ topic: TOPICS.observations, fromBeginning: true });
      await own.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
      await expectEventually(() => expect(received).toEqual([expect.stringMatching(/^dx-ingestion-/)]), { timeoutMs: 30_000 });
    } finally {
      await own.disconnect();
    }

    // The broker answers GROUP_AUTHORIZATION_FAILED to FindCoordinator; kafkajs reports it as no coordinator.
    const foreign = as('dx-computation').consumer({ groupId: 'dx-ingestion', retry: { retries: 0 } });
    await foreign.connect();
    try {
      await foreign.subscribe({ topic: TOPICS.observations, fromBeginning: true });
      const crashed = new Promise<Error>((resolve) => foreign.on(foreign.events.CRASH, (event) => resolve(event.payload.error)));
      await foreign.run({ eachMessage: async () => undefined });
      expect((await crashed).name).toBe('KafkaJSGroupCoordinatorNotFound');
    } finally {
      await foreign.disconnect();
    }
  });
});
