import request from 'supertest';

import { ChangeItem, changesResponseSchema } from '@dx/contracts';
import { expectEventually } from '@dx/testing';

import { aComputedValue, ReportingFixture, startReportingFixture } from '../support/reporting-harness.util';
import { openEventStream } from '../support/sse-client.util';

const valueFor = (i: number) => aComputedValue({ unit: '31117', period: `2024-${String(i).padStart(2, '0')}`, indicator: 'GOV-04', value: 50 + i });

async function allChanges(http: string, after: string, limit: number): Promise<{ items: ChangeItem[]; next: string }> {
  const items: ChangeItem[] = [];
  let cursor = after;
  for (;;) {
    const response = await request(http).get('/v1/changes').query({ after: cursor, limit });
    expect(response.status).toBe(200);
    const page = changesResponseSchema.parse(response.body);
    items.push(...page.items);
    if (page.items.length < limit) return { items, next: page.next };
    cursor = page.next;
  }
}

describe('The change feed', () => {
  let reporting: ReportingFixture;

  beforeAll(async () => {
    reporting = await startReportingFixture('changes');
  });

  afterAll(async () => {
    await reporting?.close();
  });

  it('should resume the poll and the stream from a cursor with no gap and no repeat across a restart', async () => {
    const first = [1, 2, 3, 4, 5].map(valueFor);
    const ids = await reporting.feed.values(first);
    await reporting.untilCounts({ change: 5 });
    // A re-delivered event (same id) changes nothing, so the feed does not repeat it.
    await reporting.feed.values([first[0]], [ids[0]]);

    const stream = openEventStream(`${reporting.http}/v1/changes/stream?after=0`);
    expect(await stream.status).toBe(200);
    await expectEventually(() => expect(stream.events).toHaveLength(5), { timeoutMs: 10_000 });
    const polled = await allChanges(reporting.http, '0', 2);
    expect(polled.items.map((i) => i.cursor)).toEqual(stream.events.map((e) => e.id));
    const lastSeen = stream.events[2].id as string;
    stream.close();

    await reporting.stop();
    // While the service is down computation goes on publishing.
    await reporting.feed.values([6, 7, 8].map(valueFor));
    await reporting.restart();

    const resumed = openEventStream(`${reporting.http}/v1/changes/stream`, { 'Last-Event-ID': lastSeen });
    expect(await resumed.status).toBe(200);
    await expectEventually(() => expect(resumed.events).toHaveLength(5), { timeoutMs: 30_000 });
    const periods = resumed.events.map((e) => (JSON.parse(e.data) as { period: string }).period);
    expect(periods).toEqual(['2024-04', '2024-05', '2024-06', '2024-07', '2024-08']);
    // And the poll from its last `next` sees exactly the three new values.
    const rest = await allChanges(reporting.http, polled.next, 100);
    expect(rest.items.map((i) => (i.type === 'indicator_value' ? i.period : i.type))).toEqual(['2024-06', '2024-07', '2024-08']);

    // Live: a value published now arrives on the open stream, once.
    await reporting.feed.values([valueFor(9)]);
    await expectEventually(() => expect(resumed.events).toHaveLength(6), { timeoutMs: 30_000 });
    expect(JSON.parse(resumed.events[5].data)).toMatchObject({ type: 'indicator_value', period: '2024-09', value: 59, hierarchyVersion: '2024-11' });
    expect(new Set(resumed.events.map((e) => e.id)).size).toBe(6);
    resumed.close();
  });

  it('should answer 400 naming the parameter for a malformed cursor', async () => {
    const response = await request(reporting.http).get('/v1/changes').query({ after: 'yesterday' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_parameter', details: [{ parameter: 'after' }] });
    const stream = await request(reporting.http).get('/v1/changes/stream').set('Last-Event-ID', 'x');
    expect(stream.status).toBe(400);
    expect(stream.body.error.details[0].parameter).toBe('Last-Event-ID');
  });
});
