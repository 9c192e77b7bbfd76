// A restart of the local broker (infra/kafka/kafka.sh stop + start) keeps topics, messages and committed
// consumer-group offsets. Runs its own broker on a private KAFKA_DIR and free ports, so the shared broker
// of the test run is not disturbed. Needs Java 17+ (skipped without java, or when
// INFRA_MODE=containers|external).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestKafka, expectEventually, freePort, waitForConsumerGroupJoin } from '../../../src';

const KAFKA_SH = resolve(__dirname, '../../../../../infra/kafka/kafka.sh');
const javaAvailable = spawnSync(process.env['JAVA'] ?? 'java', ['-version']).status === 0;
const localMode = !['containers', 'external'].includes(process.env['INFRA_MODE'] ?? '');
const describeLocal = javaAvailable && localMode ? describe : describe.skip;

describeLocal('Local Kafka broker restart', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let brokers: string;
  const topic = 'test.restart.v1';
  const groupId = 'test-restart-group';

  const kafkaSh = async (command: 'start' | 'stop') => {
    const { stdout } = await promisify(execFile)('bash', [KAFKA_SH, command], { env, timeout: 90_000 });
    return stdout;
  };

  /** "Kafka Server started" precedes the group coordinator loading its partition: wait for both. */
  const waitForGroupCoordinator = () =>
    expectEventually(
      async () => {
        const admin = createTestKafka({ brokers }).admin({ retry: { retries: 0 } });
        await admin.connect();
        try {
          await admin.describeGroups([groupId]);
        } finally {
          await admin.disconnect();
        }
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dx-kafka-restart-'));
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    env = { ...process.env, KAFKA_DIR: dir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort) };
    brokers = `127.0.0.1:${port}`;
    expect(await kafkaSh('start')).toMatch(/formatting new storage/);
    await waitForGroupCoordinator();
  });

  afterAll(async () => {
    await kafkaSh('stop').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('should keep messages and committed group offsets when the broker is stopped and started again', async () => {
    const before = createTestKafka({ brokers });
    const admin = before.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    const producer = before.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })) });
    const first = before.consumer({ groupId, maxWaitTimeInMs: 250 });
    const seen: string[] = [];
    const firstJoined = waitForConsumerGroupJoin(first);
    await first.connect();
    await first.subscribe({ topic, fromBeginning: true });
    await first.run({ autoCommit: false, eachMessage: async ({ message }) => void seen.push(message.value?.toString() ?? '') });
    await firstJoined;
    await expectEventually(() => expect(seen).toHaveLength(10), { timeoutMs: 20_000 });
    await first.commitOffsets([{ topic, partition: 0, offset: '6' }]); // as if m6..m9 were not processed yet
    await Promise.all([first.disconnect(), producer.disconnect(), admin.disconnect()]);

    await kafkaSh('stop');
    const restart = await kafkaSh('start');
    expect(restart).toMatch(/kafka up on/);
    expect(restart).not.toMatch(/formatting new storage/);
    await waitForGroupCoordinator();

    const after = createTestKafka({ brokers });
    const adminAfter = after.admin();
    await adminAfter.connect();
    try {
      expect(await adminAfter.listTopics()).toContain(topic);
      const [offsets] = await adminAfter.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '6' })]);

      const consumer = after.consumer({ groupId, maxWaitTimeInMs: 250 });
      const received: string[] = [];
      const joined = waitForConsumerGroupJoin(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(message.value?.toString() ?? '') });
      await joined;
      await expectEventually(() => expect(received).toEqual(['m6', 'm7', 'm8', 'm9']), { timeoutMs: 20_000 });
      await consumer.disconnect();

      const [{ high }] = await adminAfter.fetchTopicOffsets(topic);
      expect(high).toBe('10');
    } finally {
      await adminAfter.disconnect();
    }
  });
});
