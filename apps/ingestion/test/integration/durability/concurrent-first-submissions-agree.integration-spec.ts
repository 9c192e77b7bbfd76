import { Client } from 'pg';
import request from 'supertest';

import { decodeEvent, ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, MessageCollector } from '@dx/testing';

import { IngestionTestApp, startIngestion } from '../ingestion-test-app';

// 300 monthly periods from 2000-01: keys no submission stored before.
const KEYS = 300;
const WRITERS = 4;
const period = (i: number) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

describe('Concurrent first submissions of the same new observations', () => {
  let app: IngestionTestApp;
  let db: Client;
  let published: MessageCollector;
  let apiKey: string;

  beforeAll(async () => {
    app = await startIngestion();
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    published = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.observations}`);
    ({ apiKey } = await app.createAgency({ measures: ['work_records.*'], units: ['916'] }));
  });

  afterAll(async () => {
    await published?.stop();
    await db?.end();
    await app?.close();
  });

  it('should make every later one a revision, so that stored values, revision history and published events agree', async () => {
    // Each writer sends all the keys, with its own value: every key ends with revisions 1…WRITERS.
    const bodies = Array.from({ length: WRITERS }, (_, writer) => ({
      observations: Array.from({ length: KEYS }, (_, i) => ({ measure: 'work_records.total', unit: '916', period: period(i), value: 1000 * (writer + 1) + i })),
    }));
    const answers = await Promise.all(bodies.map((body) => request(app.http).post('/v1/observations').set('Authorization', `Bearer ${apiKey}`).send(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(WRITERS).fill(202));
    expect(answers.reduce((sum, a) => sum + a.body.accepted, 0)).toBe(KEYS);
    expect(answers.reduce((sum, a) => sum + a.body.revised, 0)).toBe(KEYS * (WRITERS - 1));

    const stored = await db.query(
      `SELECT o.period, o.value, o.revision, o.observation_id,
              array_agg(r.revision ORDER BY r.revision) AS revisions, count(DISTINCT r.value)::int AS distinct_values,
              bool_and(r.observation_id = o.observation_id) AS one_id
       FROM ingestion.observation o JOIN ingestion.observation_revision r ON r.observation_id = o.observation_id
       GROUP BY o.period, o.value, o.revision, o.observation_id`,
    );
    expect(stored.rows).toHaveLength(KEYS);
    const allRevisions = Array.from({ length: WRITERS }, (_, i) => i + 1);
    for (const row of stored.rows) {
      expect({ period: row.period, revision: row.revision, revisions: row.revisions, distinct: row.distinct_values }).toEqual({
        period: row.period,
        revision: WRITERS,
        revisions: allRevisions,
        distinct: WRITERS,
      });
    }
    // No revision row belongs to an observation id that is not stored (a lost first insert).
    const orphans = await db.query(
      `SELECT count(*)::int AS n FROM ingestion.observation_revision r WHERE NOT EXISTS (SELECT 1 FROM ingestion.observation o WHERE o.observation_id = r.observation_id)`,
    );
    expect(orphans.rows[0].n).toBe(0);

    const byPeriod = new Map(stored.rows.map((r) => [r.period as string, r]));
    await expectEventually(() => expect(new Set(published.messages.map((m) => JSON.parse(m.value ?? '{}').id)).size).toBe(KEYS * WRITERS), {
      timeoutMs: 60_000,
    });
    const events = published.messages.map((m) => {
      const decoded = decodeEvent(ObservationRecordedV1, m.value);
      if (!decoded.ok) throw decoded.error;
      return decoded.event.data;
    });
    for (const [key, row] of byPeriod) {
      const mine = events.filter((e) => e.period === key);
      // What computation applies: one observation id, revisions 1…WRITERS, the last one the stored value.
      expect(new Set(mine.map((e) => e.observationId))).toEqual(new Set([row.observation_id]));
      expect([...new Set(mine.map((e) => e.revision))].sort()).toEqual(allRevisions);
      const last = mine.reduce((a, b) => (b.revision > a.revision ? b : a));
      expect(last.value).toBe(row.value);
    }
  });
});
