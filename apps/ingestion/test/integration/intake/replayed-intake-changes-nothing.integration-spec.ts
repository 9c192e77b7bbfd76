import { Admin, Kafka, logLevel, Message } from 'kafkajs';
import { Client } from 'pg';
import request from 'supertest';

import { AGENCY_HEADER, decodeEvent, ObservationRecordedV1, ObservationRejectedV1, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, MessageCollector } from '@dx/testing';

import { ADMIN_TOKEN, IngestionTestApp, startIngestion } from '../ingestion-test-app';

const observation = (unit: string, value: number) => JSON.stringify({ measure: 'households.total', unit, period: '2025-Q1', value });

describe('Kafka intake applied once per message, in offset order', () => {
  let app: IngestionTestApp;
  let kafka: Kafka;
  let admin: Admin;
  let db: Client;
  let recorded: MessageCollector;
  let rejected: MessageCollector;
  const agencies: Record<'a' | 'b' | 'revoked', string> = { a: '', b: '', revoked: '' };

  const intakeTopic = () => `${app.topicPrefix}${TOPICS.intake}`;
  const groupId = () => `${app.topicPrefix}dx-ingestion`;

  async function produce(messages: Message[]): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: intakeTopic(), messages });
    } finally {
      await producer.disconnect();
    }
  }

  /** The ingestion group has committed every message of the intake topic. */
  async function caughtUp(): Promise<void> {
    await expectEventually(
      async () => {
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(intakeTopic()),
          admin.fetchOffsets({ groupId: groupId(), topics: [intakeTopic()] }),
        ]);
        for (const end of ends) {
          const at = committed.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          expect(end.high === '0' ? '0' : at).toBe(end.high);
        }
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
  }

  const state = async () =>
    (
      await db.query(`SELECT (SELECT json_agg(o ORDER BY unit) FROM (SELECT unit, value, revision, agency_code, observation_id FROM ingestion.observation) o) AS observations,
                             (SELECT count(*)::int FROM ingestion.observation_revision) AS revisions,
                             (SELECT count(*)::int FROM ingestion.submission) AS submissions`)
    ).rows[0];

  beforeAll(async () => {
    app = await startIngestion();
    kafka = new Kafka({ clientId: 'intake-replay-test', brokers: app.brokers, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    agencies.a = (await app.createAgency({ measures: ['households.*'], units: ['916'] })).code;
    agencies.b = (await app.createAgency({ measures: ['households.*'], units: ['916'] })).code;
    const revoked = await app.createAgency({ measures: ['households.*'], units: ['916'] });
    agencies.revoked = revoked.code;
    const gone = await request(app.http).delete(`/v1/agencies/${revoked.code}/keys/${revoked.keyId}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(gone.status).toBe(204);
    recorded = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.observations}`);
    rejected = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.intakeDeadLetters}`);
  });

  afterAll(async () => {
    await recorded?.stop();
    await rejected?.stop();
    await admin?.disconnect();
    await db?.end();
    await app?.close();
  });

  it('should apply messages in offset order across agencies and refuse an agency whose keys are all revoked', async () => {
    const from = (agency: string) => ({ [AGENCY_HEADER]: agency });
    // Same message key, so one partition: its order is the order sent.
    await produce([
      { key: '31117', headers: from(agencies.a), value: observation('31117', 5) },
      { key: '31117', headers: from(agencies.a), value: observation('31117', 6) },
      { key: '31117', headers: from(agencies.b), value: observation('31120', 7) },
      { key: '31117', headers: from(agencies.a), value: observation('31120', 8) },
      { key: '31117', headers: from(agencies.b), value: observation('31117', -1) },
      { key: '31117', headers: from(agencies.revoked), value: observation('31123', 9) },
    ]);
    await expectEventually(
      () => {
        expect(recorded.messages).toHaveLength(4);
        expect(rejected.messages).toHaveLength(2);
      },
      { timeoutMs: 30_000 },
    );
    await caughtUp();

    const stored = await state();
    expect(
      stored.observations.map((o: { unit: string; value: number; revision: number; agency_code: string }) => [o.unit, o.value, o.revision, o.agency_code]),
    ).toEqual([
      ['31117', 6, 2, agencies.a],
      ['31120', 8, 2, agencies.a],
    ]);
    const reasons = rejected.messages.map((m) => {
      const decoded = decodeEvent(ObservationRejectedV1, m.value);
      if (!decoded.ok) throw decoded.error;
      return [decoded.event.data.agency, decoded.event.data.reason.code];
    });
    expect(reasons.sort()).toEqual(
      [
        [agencies.b, 'invalid_value'],
        [agencies.revoked, 'no_live_key'],
      ].sort(),
    );
  });

  it('should change nothing and emit nothing when the whole range is consumed again', async () => {
    const before = await state();
    const [recordedBefore, rejectedBefore] = [recorded.messages.length, rejected.messages.length];

    // As after a crash before the commit, or lost offsets: the group starts over from the first offset.
    const { databaseUrl, topicPrefix } = app;
    await app.service.close();
    await expectEventually(() => admin.deleteGroups([groupId()]), { timeoutMs: 30_000, intervalMs: 500 });
    const restarted = await startIngestion({ DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: topicPrefix });
    app = {
      ...restarted,
      close: async () => {
        await restarted.close();
      },
    };
    await caughtUp();

    // A new message after the replayed range: once its event is out, anything the replay wrote would be too.
    await produce([{ key: '31147', headers: { [AGENCY_HEADER]: agencies.a }, value: observation('31147', 1) }]);
    await expectEventually(() => expect(recorded.messages.length).toBeGreaterThan(recordedBefore), { timeoutMs: 30_000 });
    await caughtUp();

    const after = await state();
    expect(after.observations.filter((o: { unit: string }) => o.unit !== '31147')).toEqual(before.observations);
    expect([after.revisions, after.submissions]).toEqual([before.revisions + 1, before.submissions + 1]);
    const emitted = recorded.messages.slice(recordedBefore).map((m) => {
      const decoded = decodeEvent(ObservationRecordedV1, m.value);
      if (!decoded.ok) throw decoded.error;
      return [decoded.event.data.unit, decoded.event.data.value];
    });
    expect(emitted).toEqual([['31147', 1]]);
    expect(rejected.messages).toHaveLength(rejectedBefore);
  });
});
