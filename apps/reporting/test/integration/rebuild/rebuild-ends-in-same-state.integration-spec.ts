import { Writable } from 'node:stream';

import request from 'supertest';

import { AlertFiredV1, AlertResolvedV1, ReportOverdueV1 } from '@dx/contracts';
import { expectEventually } from '@dx/testing';

import { rebuildReporting } from '../../../src/rebuild/rebuild.command';
import {
  aComputedValue,
  anAlert,
  anOverdueReport,
  createReportingTestEnv,
  dropReportingTestEnv,
  ReportingDatabase,
  ReportingTestApp,
  ReportingTestEnv,
  startReporting,
  TopicFeed,
} from '../support/reporting-harness.util';

const quarters = ['2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'];

describe('Rebuilding the read models', () => {
  let env: ReportingTestEnv;
  let app: ReportingTestApp | undefined;
  let feed: TopicFeed;
  let db: ReportingDatabase;
  const running = (): ReportingTestApp => {
    if (!app) throw new Error('the service is not running');
    return app;
  };

  beforeAll(async () => {
    env = await createReportingTestEnv('rebuild');
    app = await startReporting(env);
    feed = new TopicFeed(env.topicPrefix);
    db = new ReportingDatabase(env.databaseUrl);
    await db.connect();
  });

  afterAll(async () => {
    await db?.close();
    await feed?.close();
    await app?.close();
    if (env) await dropReportingTestEnv(env);
  });

  it('should refuse while the service runs, then end in the same state and let the service go on', async () => {
    const values = quarters.flatMap((period, i) => [
      aComputedValue({ unit: '31117', period, value: 70 + i, computedAt: new Date(Date.UTC(2025, 7, 1, 0, i)).toISOString() }),
      aComputedValue({ unit: '916', period, value: 60 + 2 * i, computedAt: new Date(Date.UTC(2025, 7, 1, 0, i)).toISOString() }),
    ]);
    // A revision of one value: the later computation is the current value.
    values.push(aComputedValue({ unit: '31117', period: '2025-Q2', value: 99, computedAt: new Date(Date.UTC(2025, 7, 2)).toISOString() }));
    await feed.values(values);
    const alert = anAlert({ id: 'alert-r' });
    await feed.publish([
      { contract: AlertFiredV1, data: alert },
      { contract: AlertResolvedV1, data: { ...alert, state: 'resolved', resolvedAt: new Date().toISOString(), resolution: 'recovered' } },
      { contract: ReportOverdueV1, data: anOverdueReport({ period: '2025-Q1' }) },
      { contract: ReportOverdueV1, data: anOverdueReport({ period: '2025-Q2' }) },
      { contract: ReportOverdueV1, data: anOverdueReport({ period: '2025-Q1', kind: 'overdue_cleared' }) },
    ]);
    await expectEventually(
      async () => {
        expect(await db.count('indicator_value')).toBe(16);
        expect((await db.snapshot()).alerts).toEqual([expect.objectContaining({ state: 'resolved' })]);
        expect(await db.count('overdue_report')).toBe(1);
      },
      { timeoutMs: 30_000 },
    );
    const before = await db.snapshot();
    const feedBefore = (await request(running().http).get('/v1/changes?after=0&limit=1000&types=indicator_value,alert,overdue_report')).body;
    expect(before.projections.length).toBe(2);

    const rebuildEnv = { ...process.env, DATABASE_URL: env.databaseUrl, KAFKA_TOPIC_PREFIX: env.topicPrefix, LOG_LEVEL: 'silent' };
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    await expect(rebuildReporting(rebuildEnv, sink)).rejects.toThrow(/service is running/);

    await running().close();
    app = undefined;
    let progress = '';
    const progressSink = new Writable({ write: (chunk, _encoding, done) => ((progress += String(chunk)), done()) });
    const summary = await rebuildReporting(rebuildEnv, progressSink);
    expect(summary).toMatchObject({ messages: 17 + 5, values: 16 });
    expect(progress).toContain('100%');
    expect(await db.snapshot()).toEqual(before);

    // The service goes on from where the rebuild stopped: nothing is applied twice, new values arrive.
    app = await startReporting(env);
    await feed.values([aComputedValue({ unit: '31117', period: '2025-Q3', value: 101 })]);
    await expectEventually(async () => expect(await db.count('indicator_value')).toBe(17), { timeoutMs: 30_000 });
    // The feed continues after the cursors handed out before: a portal re-reads the state, misses nothing.
    const changes = (await request(app.http).get(`/v1/changes?after=${feedBefore.next}&limit=1000`)).body.items;
    expect(changes.every((c: { cursor: string }) => BigInt(c.cursor) > BigInt(feedBefore.next))).toBe(true);
    expect(changes.length).toBeGreaterThanOrEqual(17);
    expect(changes.at(-1)).toMatchObject({ unit: '31117', period: '2025-Q3', value: 101 });
  });
});
