import request from 'supertest';

import { expectEventually } from '@dx/testing';

import { ADMIN_TOKEN, listAlerts, NotificationTestApp, startNotification, subscribe } from '../support/notification-test-app';
import { aSlip, StatusFeed } from '../support/status-feed.util';

type Caller = 'none' | 'bad' | 'own' | 'other' | 'admin';
const CALLERS: Caller[] = ['none', 'bad', 'other', 'own', 'admin'];

// quality.md "Access": every endpoint × {no token, bad token, another subscription's token, the
// subscription's own token, admin}; nothing succeeds that should not. "own" is the ward whose alert it is.
describe('Authorisation matrix', () => {
  let app: NotificationTestApp;
  let feed: StatusFeed;
  let own: { id: string; token: string };
  let other: { id: string; token: string };
  let ownAlert: string;
  let otherAlert: string;

  const tokenOf = (caller: Caller): string | undefined =>
    ({ none: undefined, bad: 'dxs_not-a-real-token-0123456789', own: own.token, other: other.token, admin: ADMIN_TOKEN })[caller];

  const as = (caller: Caller, test: request.Test): request.Test => {
    const token = tokenOf(caller);
    return token ? test.set('Authorization', `Bearer ${token}`) : test;
  };

  beforeAll(async () => {
    app = await startNotification();
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    own = await subscribe(app.http, { name: 'Phường Cái Khế', inbox: true, scope: { units: ['31120'], includeDescendants: false }, minSeverity: 'warning' });
    other = await subscribe(app.http, {
      name: 'Phường Ninh Kiều',
      inbox: true,
      scope: { units: ['31135'], includeDescendants: false },
      minSeverity: 'warning',
    });
    await feed.publish(aSlip({ unit: '31120' }), aSlip({ unit: '31135' }));
    await expectEventually(
      async () => {
        const alerts = await listAlerts(app.http);
        expect(alerts).toHaveLength(2);
        ownAlert = alerts.find((a) => a.unit === '31120').id;
        otherAlert = alerts.find((a) => a.unit === '31135').id;
      },
      { timeoutMs: 30_000 },
    );
    // Both inboxes have their own alert before the inbox rows run.
    await expectEventually(
      async () => {
        for (const s of [own, other]) expect((await request(app.http).get('/v1/inbox').set('Authorization', `Bearer ${s.token}`)).body.items).toHaveLength(1);
      },
      { timeoutMs: 30_000 },
    );
  });

  afterAll(async () => {
    await feed?.close();
    await app?.close();
  });

  const validSubscription = { name: 'Mới', email: 'moi@cantho.gov.vn', scope: { units: ['92'], includeDescendants: true }, minSeverity: 'critical' };

  const cases: Array<{ endpoint: string; call: (caller: Caller) => request.Test; expected: Record<Caller, number> }> = [
    {
      endpoint: 'POST /v1/subscriptions',
      call: (c) => as(c, request(app.http).post('/v1/subscriptions')).send(validSubscription),
      expected: { none: 401, bad: 401, other: 403, own: 403, admin: 201 },
    },
    {
      endpoint: 'GET /v1/subscriptions',
      call: (c) => as(c, request(app.http).get('/v1/subscriptions')),
      expected: { none: 401, bad: 401, other: 403, own: 403, admin: 200 },
    },
    {
      endpoint: 'GET /v1/subscriptions/{own}',
      call: (c) => as(c, request(app.http).get(`/v1/subscriptions/${own.id}`)),
      expected: { none: 401, bad: 401, other: 403, own: 403, admin: 200 },
    },
    {
      endpoint: 'DELETE /v1/subscriptions/{id}',
      call: (c) => as(c, request(app.http).delete(`/v1/subscriptions/${deletable[c]}`)),
      expected: { none: 401, bad: 401, other: 403, own: 403, admin: 204 },
    },
    {
      endpoint: 'GET /v1/alerts',
      call: (c) => as(c, request(app.http).get('/v1/alerts')),
      expected: { none: 401, bad: 401, other: 200, own: 200, admin: 200 },
    },
    {
      endpoint: 'GET /v1/alerts/{own alert}',
      call: (c) => as(c, request(app.http).get(`/v1/alerts/${encodeURIComponent(ownAlert)}`)),
      expected: { none: 401, bad: 401, other: 403, own: 200, admin: 200 },
    },
    {
      endpoint: 'POST /v1/alerts/{own alert}/acknowledge',
      call: (c) => as(c, request(app.http).post(`/v1/alerts/${encodeURIComponent(ownAlert)}/acknowledge`)).send({ by: `Người gọi ${c}` }),
      expected: { none: 401, bad: 401, other: 403, own: 200, admin: 200 },
    },
    { endpoint: 'GET /v1/inbox', call: (c) => as(c, request(app.http).get('/v1/inbox')), expected: { none: 401, bad: 401, other: 200, own: 200, admin: 403 } },
  ];
  const deletable: Partial<Record<Caller, string>> = {};

  it.each(cases.map((c) => [c.endpoint, c] as const))('%s', async (_endpoint, { call, expected }) => {
    for (const caller of CALLERS) deletable[caller] = (await subscribe(app.http, { ...validSubscription, name: `Xoá ${caller}` })).id;
    const answered: Record<string, number> = {};
    for (const caller of CALLERS) {
      const response = await call(caller);
      answered[caller] = response.status;
      if (response.status === 401) expect(response.body.error.code).toBe('unauthenticated');
      if (response.status === 403) expect(['forbidden', 'out_of_scope', 'inbox_not_enabled']).toContain(response.body.error.code);
    }
    expect(answered).toEqual(expected);
  });

  it('should show a subscription only its own alerts and its own inbox', async () => {
    const listed = async (token: string) =>
      (await request(app.http).get('/v1/alerts').set('Authorization', `Bearer ${token}`)).body.items.map((a: any) => a.id);
    expect(await listed(own.token)).toEqual([ownAlert]);
    expect(await listed(other.token)).toEqual([otherAlert]);
    const inbox = async (token: string) =>
      (await request(app.http).get('/v1/inbox').set('Authorization', `Bearer ${token}`)).body.items.map((i: any) => i.alertId);
    expect(await inbox(own.token)).toEqual([ownAlert]);
    expect(await inbox(other.token)).toEqual([otherAlert]);
  });

  it('should never return the token or the webhook secret after creation', async () => {
    const created = await request(app.http)
      .post('/v1/subscriptions')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({
        name: 'Cổng',
        webhook: { url: 'http://127.0.0.1:9/hook', secret: 'do-not-show-this-secret-0123' },
        scope: { units: ['92'], includeDescendants: true },
        minSeverity: 'info',
      });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^dxs_/);
    expect(JSON.stringify(created.body)).not.toContain('do-not-show-this-secret');
    const fetched = await request(app.http).get(`/v1/subscriptions/${created.body.id}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    const listedAll = await request(app.http).get('/v1/subscriptions').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    for (const body of [fetched.body, listedAll.body]) {
      expect(JSON.stringify(body)).not.toContain('do-not-show-this-secret');
      expect(JSON.stringify(body)).not.toContain(created.body.token);
    }
    expect(fetched.body.webhook).toEqual({ url: 'http://127.0.0.1:9/hook' });
    // A deleted subscription's token stops working.
    await request(app.http).delete(`/v1/subscriptions/${created.body.id}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(204);
    expect((await request(app.http).get('/v1/alerts').set('Authorization', `Bearer ${created.body.token}`)).status).toBe(401);
  });
});
