import { Writable } from 'node:stream';

import request from 'supertest';

import { AlertFiredV1, AlertResolvedV1, ReportOverdueV1 } from '@dx/contracts';
import { expectEventually } from '@dx/testing';

import { rebuildReporting } from '../../../src/rebuild/rebuild.command';
import { aComputedValue, anAlert, anOverdueReport, ReportingFixture, startReportingFixture } from '../support/reporting-harness.util';

const quarters = ['2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'];

describe('Rebuilding the read models', () => {
  let reporting: ReportingFixture;

  beforeAll(async () => {
    reporting = await startReportingFixture('rebuild');
  });

  afterAll(async () => {
    await reporting?.close();
  });

  it('should refuse while the service runs, then end in the same state and let the service go on', async () => {
    const values = quarters.flatMap((period, i) => [
      aComputedValue({ unit: '31117', period, value: 70 + i, computedAt: new Date(Date.UTC(2025, 7, 1, 0, i)).toISOString() }),
      aComputedValue({ unit: '916', period, value: 60 + 2 * i, computedAt: new Date(Date.UTC(2025, 7, 1, 0, i)).toISOString() }),
    ]);
    // A revision of one value: the later computation is the current value.
    values.push(aComputedValue({ unit: '31117', period: '2025-Q2', value: 99, computedAt: new Date(Date.UTC(2025, 7, 2)).toISOString() }));
    await reporting.feed.values(values);
    const alert = anAlert({ id: 'alert-r' });
    await reporting.feed.publish([
      { contract: AlertFiredV1, data: alert },
      { contract: AlertResolvedV1, data: { ...alert, state: 'resolved', resolvedAt: new Date().toISOString(), resolution: 'recovered' } },
      { contract: ReportOverdueV1, data: anOverdueReport({ period: '2025-Q1' }) },
      { contract: ReportOverdueV1, data: anOverdueReport({ period: '2025-Q2' }) },
      { contract: ReportOverdueV1, data: anOverdueReport({ period: '2025-Q1', kind: 'overdue_cleared' }) },
    ]);
    await expectEventually(
      async () => {
        expect(await reporting.db.count('indicator_value')).toBe(16);
        expect((await reporting.db.snapshot()).alerts).toEqual([expect.objectContaining({ state: 'resolved' })]);
        expect(await reporting.db.count('overdue_report')).toBe(1);
      },
      { timeoutMs: 30_000 },
    );
    const before = await reporting.db.snapshot();
    const feedBefore = (await request(reporting.http).get('/v1/changes?after=0&limit=1000&types=indicator_value,alert,overdue_report')).body;
    expect(before.projections.length).toBe(2);

    const rebuildEnv = { ...process.env, DATABASE_URL: reporting.env.databaseUrl, KAFKA_TOPIC_PREFIX: reporting.env.topicPrefix, LOG_LEVEL: 'silent' };
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    await expect(rebuildReporting(rebuildEnv, sink)).rejects.toThrow(/service is running/);

    await reporting.stop();
    let progress = '';
    const progressSink = new Writable({ write: (chunk, _encoding, done) => ((progress += String(chunk)), done()) });
    const summary = await rebuildReporting(rebuildEnv, progressSink);
    expect(summary).toMatchObject({ messages: 17 + 5, values: 16 });
    expect(progress).toContain('100%');
    expect(await reporting.db.snapshot()).toEqual(before);

    // The service goes on from where the rebuild stopped: nothing is applied twice, new values arrive.
    await reporting.restart();
    await reporting.feed.values([aComputedValue({ unit: '31117', period: '2025-Q3', value: 101 })]);
    await reporting.untilCounts({ indicator_value: 17 });
    // The feed continues after the cursors handed out before: a portal re-reads the state, misses nothing.
    const changes = (await request(reporting.http).get(`/v1/changes?after=${feedBefore.next}&limit=1000`)).body.items;
    expect(changes.every((c: { cursor: string }) => BigInt(c.cursor) > BigInt(feedBefore.next))).toBe(true);
    expect(changes.length).toBeGreaterThanOrEqual(17);
    expect(changes.at(-1)).toMatchObject({ unit: '31117', period: '2025-Q3', value: 101 });
  });
});
