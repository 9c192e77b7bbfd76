import { EventPublisher } from '@dx/messaging';
import { collectMessages, createTestKafka, expectEventually, PrivateKafka, startPrivateKafka, uniqueSuffix } from '@dx/testing';

const EVENTS = 400;

// The relays' and dead letters' one publisher, on three brokers: one hangs (SIGSTOP) while it leads a
// partition of a send, and its partition moves to the broker that has already answered for another
// partition of the same send. kafkajs' own retry sends only to brokers that have not answered yet, so
// it resolved with that partition never written (events lost, the outbox rows deleted; ADR 0016). Every
// event of a resolved send must be on the topic.
describe('EventPublisher when a partition leader hangs mid-send', () => {
  let kafka: PrivateKafka;
  let paused = false;
  const topic = `publisher-leader-hangs-${uniqueSuffix()}`;

  beforeAll(async () => {
    kafka = await startPrivateKafka({ nodes: 3 });
  });

  afterAll(async () => {
    if (paused) await kafka.resumeNode(2).catch(() => undefined);
    await kafka?.dispose();
  });

  /** Metadata read from broker 1 alone: a client that picks the hung broker would wait for it. */
  const partitionsSeenByBroker1 = async () => {
    const admin = createTestKafka({ brokers: kafka.brokers.split(',')[0] }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0].partitions;
    } finally {
      await admin.disconnect();
    }
  };

  const highWatermark = async (partition: number): Promise<number> => {
    const admin = createTestKafka({ brokers: kafka.brokers.split(',')[0] }).admin();
    await admin.connect();
    try {
      return Number((await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition)?.high ?? 0);
    } finally {
      await admin.disconnect();
    }
  };

  it('should publish every event of a resolved send when a hung leader hands its partition to a broker that already answered', async () => {
    const admin = createTestKafka({ brokers: kafka.brokers }).admin();
    await admin.connect();
    try {
      // Partition 0 led by broker 1, partition 1 by broker 2 with broker 1 next in line.
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            replicaAssignment: [
              { partition: 0, replicas: [1, 3, 2] },
              { partition: 1, replicas: [2, 1, 3] },
            ],
            configEntries: [{ name: 'min.insync.replicas', value: '2' }],
          },
        ],
      });
    } finally {
      await admin.disconnect();
    }
    const message = (id: string) => ({ topic, message: { key: id, value: JSON.stringify({ id }), headers: {} } });
    const publisher = new EventPublisher(createTestKafka({ brokers: kafka.brokers }), '/test');
    try {
      // The publisher learns the leaders (1 and 2) and connects to both.
      await publisher.publishEncoded(Array.from({ length: 20 }, (_, i) => message(`warm-up-${i}`)));
      expect((await partitionsSeenByBroker1()).map((p) => p.leader)).toEqual([1, 2]);

      await kafka.pauseNode(2);
      paused = true;
      // Broker 2 is fenced: partition 1 now led by broker 1, broker 2 out of every in-sync set.
      await expectEventually(
        async () => {
          const partitions = await partitionsSeenByBroker1();
          expect(partitions.map((p) => [p.leader, p.isr.includes(2)])).toEqual([
            [1, false],
            [1, false],
          ]);
        },
        { timeoutMs: 90_000, intervalMs: 1_000 },
      );

      // Still believing broker 2 leads partition 1, the publisher sends there and waits; broker 1 writes
      // partition 0 and answers. Then broker 2 dies: its connection closes, and kafkajs' retry finds
      // partition 1 led by broker 1, which has answered already.
      // (A retry that re-sends the whole request writes it.)
      const ids = Array.from({ length: EVENTS }, (_, i) => `event-${i}`);
      const before = await highWatermark(0);
      const sent = publisher.publishEncoded(ids.map(message)).then(
        () => undefined,
        (error: unknown) => error,
      );
      await expectEventually(async () => expect(await highWatermark(0)).toBeGreaterThan(before), { timeoutMs: 30_000, intervalMs: 100 });
      await kafka.killNode(2);
      paused = false;
      // A send that fails is retried by the caller (the relay keeps its rows); one that resolves must have
      // written everything.
      let outcome = await sent;
      while (outcome !== undefined)
        outcome = await publisher.publishEncoded(ids.map(message)).then(
          () => undefined,
          (error: unknown) => error,
        );

      const collector = await collectMessages(kafka.brokers.split(',')[0], topic);
      try {
        await expectEventually(
          () => {
            const seen = new Set(collector.messages.map((m) => (JSON.parse(m.value ?? '{}') as { id: string }).id));
            expect(ids.filter((id) => !seen.has(id))).toEqual([]);
          },
          { timeoutMs: 60_000, intervalMs: 500 },
        );
      } finally {
        await collector.stop();
      }
    } finally {
      await publisher.disconnect().catch(() => undefined);
    }
  });
});
