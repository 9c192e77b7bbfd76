import request from 'supertest';

import { createKafkaClient, kafkaSecurity, StructuredLogger } from '@dx/messaging';
import { createTestDatabase, dropTestDatabase, expectEventually, PrivateKafka, startPrivateKafka, uniqueSuffix } from '@dx/testing';

import { ConfigError, createServiceApp, kafkaConfigSchema, loadConfig, ServiceApp } from '../../src';
import { bareService } from './support/bare-service';
import { NoFeaturesModule } from './support/no-features.module';

// Computation's name: its Kafka user is one of USERS.
const BARE_SERVICE = bareService('computation');

const USERS = { admin: 'admin-secret-0001', computation: 'computation-secret-01', ingestion: 'ingestion-secret-001' };

/** Every log entry a client wrote, as JSON text, to look for secrets in. */
function recordingLogger(entries: string[]): StructuredLogger {
  const write = (obj: object, msg?: string): void =>
    void entries.push(JSON.stringify({ ...obj, msg }, (_key, value) => (value instanceof Error ? { message: value.message, stack: value.stack } : value)));
  const logger: StructuredLogger = { error: write, warn: write, info: write, debug: write, child: () => logger };
  return logger;
}

// M2 of the security review: the services reach a broker that requires SASL/SCRAM with the credentials
// of their principal, validated like every variable; a wrong password is refused and never logged.
describe('Kafka clients authenticating with SASL/SCRAM', () => {
  let kafka: PrivateKafka;
  let databaseUrl: string;
  let service: ServiceApp<unknown> | undefined;

  beforeAll(async () => {
    kafka = await startPrivateKafka({ saslUsers: USERS });
    databaseUrl = await createTestDatabase('sasl');
  });

  afterAll(async () => {
    await service?.close();
    await kafka?.dispose();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  const envFor = (username: string, password: string, mechanism: string): NodeJS.ProcessEnv => ({
    ...process.env,
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: `sasl-${uniqueSuffix()}.`,
    LOG_LEVEL: 'silent',
  });

  it('should start a service with SCRAM-SHA-512 credentials and publish and consume through it', async () => {
    service = await createServiceApp(NoFeaturesModule, BARE_SERVICE, envFor('computation', USERS.computation, 'scram-sha-512'));
    expect((await request(service.app.getHttpServer()).get('/health/ready')).status).toBe(200);

    const topic = `sasl-${uniqueSuffix()}`;
    const admin = service.context.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: false, topics: [{ topic }] });
      // A slow broker may not know the topic for a moment (kafkajs' waitForLeaders does not wait for that).
      await expectEventually(
        async () => expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions[0].leader).toBeGreaterThanOrEqual(0),
        {
          timeoutMs: 30_000,
          intervalMs: 200,
        },
      );
    } finally {
      await admin.disconnect();
    }
    const producer = service.context.kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: '31117', value: 'first' },
        { key: '31117', value: 'second' },
      ],
    });
    await producer.disconnect();

    const received: string[] = [];
    const consumer = service.context.kafka.consumer({ groupId: `sasl-${uniqueSuffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
    try {
      await expectEventually(() => expect(received).toEqual(['first', 'second']), { timeoutMs: 30_000 });
    } finally {
      await consumer.disconnect();
    }
  });

  it('should connect with SCRAM-SHA-256 credentials as well', async () => {
    const config = loadConfig(kafkaConfigSchema, envFor('ingestion', USERS.ingestion, 'scram-sha-256'));
    const client = createKafkaClient({ brokers: kafka.brokers.split(','), clientId: 'sasl-256', logger: recordingLogger([]), security: kafkaSecurity(config) });
    const admin = client.admin();
    await admin.connect();
    try {
      expect((await admin.describeCluster()).brokers).toHaveLength(1);
    } finally {
      await admin.disconnect();
    }
  });

  it('should refuse a wrong password, at the client and at service start, without logging either password', async () => {
    const wrong = 'not-the-password-42';
    const entries: string[] = [];
    const config = loadConfig(kafkaConfigSchema, envFor('ingestion', wrong, 'scram-sha-512'));
    const client = createKafkaClient({
      brokers: kafka.brokers.split(','),
      clientId: 'sasl-wrong',
      logger: recordingLogger(entries),
      security: kafkaSecurity(config),
    });
    const producer = client.producer();
    await expect(producer.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    await producer.disconnect().catch(() => undefined);

    await expect(createServiceApp(NoFeaturesModule, BARE_SERVICE, envFor('ingestion', wrong, 'scram-sha-512'))).rejects.toMatchObject({
      name: 'KafkaJSSASLAuthenticationError',
    });

    expect(entries.length).toBeGreaterThan(0);
    expect(entries.join('\n')).not.toContain(wrong);
    expect(entries.join('\n')).not.toContain(USERS.ingestion);
  });

  it('should refuse to start when SASL is half configured, naming the missing variable', async () => {
    const env = { ...envFor('ingestion', USERS.ingestion, 'scram-sha-512'), KAFKA_SASL_PASSWORD: '' };
    await expect(createServiceApp(NoFeaturesModule, BARE_SERVICE, env)).rejects.toThrow(ConfigError);
    await expect(createServiceApp(NoFeaturesModule, BARE_SERVICE, env)).rejects.toThrow(/KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set/);
  });
});
