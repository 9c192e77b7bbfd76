import { Agent } from 'node:http';

import fc from 'fast-check';
import { Client } from 'pg';
import request from 'supertest';

import { expectEventually } from '@dx/testing';

import { ADMIN_TOKEN, alertDetail, listAlerts, NotificationTestApp, startNotification, subscribe } from '../support/notification-test-app';
import { aSlip, StatusFeed } from '../support/status-feed.util';

// quality.md "Bad input": ≥ 10,000 generated malformed or hostile payloads on every write endpoint;
// no 5xx, nothing stored, the service stays up.
const HOSTILE_STRINGS = [
  "'; DROP TABLE notification.subscription; --",
  "92' OR '1'='1",
  '\u0000',
  'tên\u0007',
  '\u202e92',
  '９２',
  '92\u200b',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'ftp://example.org/',
  'http://user:pw@127.0.0.1/',
  '9'.repeat(400),
  'x'.repeat(70_000),
  'NaN',
  'Infinity',
  '1e400',
];
const hostileText = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 15 }));
const anyJson = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
// Each generated subscription has at least one field that can never be accepted.
const badUnits = fc.oneof(
  fc.constant([]),
  fc.array(
    fc.oneof(
      fc.constantFrom('99999', '1', '92x', "92' --", '\u0000'),
      anyJson.filter((v) => typeof v !== 'string'),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  anyJson,
);
const badSeverity = fc.oneof(
  fc.constantFrom('urgent', 'CRITICAL', '', 'info '),
  anyJson.filter((v) => !['info', 'warning', 'critical'].includes(v as string)),
);
const hostileSubscription = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        name: fc.oneof(hostileText, anyJson),
        email: fc.oneof(hostileText, anyJson),
        webhook: fc.oneof(fc.record({ url: fc.oneof(hostileText, anyJson), secret: fc.oneof(hostileText, anyJson) }), anyJson),
        inbox: anyJson,
        scope: fc.oneof(
          fc.record({ units: badUnits, includeDescendants: anyJson, pillars: anyJson, indicators: anyJson }, { requiredKeys: ['units'] }),
          anyJson,
        ),
        minSeverity: badSeverity,
      },
      { requiredKeys: ['minSeverity'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      name: fc.constant('Hợp lệ'),
      email: fc.constant('a@b.vn'),
      scope: fc.record({ units: badUnits, includeDescendants: fc.boolean() }),
      minSeverity: fc.constant('warning'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      name: fc.constant('Không kênh'),
      scope: fc.constant({ units: ['92'], includeDescendants: true }),
      minSeverity: fc.constant('info'),
      inbox: fc.constantFrom(false, undefined),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      name: fc.constant('URL xấu'),
      webhook: fc.record({
        url: fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'ftp://x/', 'http://user:pw@127.0.0.1/', 'not a url'),
        secret: fc.constant('0123456789abcdef0'),
      }),
      scope: fc.constant({ units: ['92'], includeDescendants: true }),
      minSeverity: fc.constant('info'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      name: fc.constant('Thừa trường'),
      email: fc.constant('a@b.vn'),
      scope: fc.constant({ units: ['92'], includeDescendants: true }),
      minSeverity: fc.constant('info'),
      extra: anyJson,
    }),
  },
  { weight: 1, arbitrary: anyJson },
);
const hostileAcknowledgement = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        by: fc.oneof(
          fc.constantFrom('', '   ', 'x'.repeat(201), 'Lê\u0000', '\u0007'),
          anyJson.filter((v) => typeof v !== 'string'),
        ),
        note: fc.oneof(hostileText, anyJson),
      },
      { requiredKeys: ['by'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      by: fc.constant('Lê Văn Cường'),
      note: fc.oneof(
        fc.constant('n'.repeat(2_001)),
        anyJson.filter((v) => typeof v !== 'string'),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ by: fc.constant('Lê Văn Cường'), extra: anyJson }) },
  { weight: 1, arbitrary: fc.record({ note: hostileText }) },
  { weight: 1, arbitrary: anyJson },
);
const hostileRaw = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '[', '{"by":', 'null', '{"by":1e999}', '\uFEFF{}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`, '{"by":"\\ud800"}'),
);

const COUNT = { subscriptions: 9_000, subscriptionsRaw: 1_000, acknowledgements: 9_000, acknowledgementsRaw: 1_000 };

describe('Hostile input to every write endpoint', () => {
  let app: NotificationTestApp;
  let feed: StatusFeed;
  let db: Client;
  let alertId: string;
  let wardToken: string;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    app = await startNotification({ LOG_LEVEL: 'error' });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    ({ token: wardToken } = await subscribe(app.http, {
      name: 'UBND Phường Cái Khế',
      inbox: true,
      scope: { units: ['31120'], includeDescendants: false },
      minSeverity: 'warning',
    }));
    await feed.publish(aSlip());
    alertId = (
      await expectEventually(
        async () => {
          const alerts = await listAlerts(app.http);
          expect(alerts).toHaveLength(1);
          return alerts[0];
        },
        { timeoutMs: 30_000 },
      )
    ).id;
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    // The fired event has left the outbox: from here on, anything in it would come from the fuzz.
    await expectEventually(async () => expect((await stored()).outbox).toBe(0), { timeoutMs: 30_000 });
  });

  afterAll(async () => {
    agent.destroy();
    await db?.end();
    await feed?.close();
    await app?.close();
  });

  // One pool of kept-alive connections: 20,000 requests are not 20,000 TCP handshakes.
  const agent = new Agent({ keepAlive: true, maxSockets: 25 });

  async function send(requests: Array<() => request.Test>): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      const responses = await Promise.all(requests.slice(i, i + 25).map((r) => r().agent(agent)));
      for (const response of responses) {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500 || response.status < 400) throw new Error(`unexpected ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
        if (typeof response.body.error?.code !== 'string') throw new Error(`${response.status} without an error code: ${response.text.slice(0, 300)}`);
      }
    }
  }

  async function stored() {
    const { rows } = await db.query(`SELECT (SELECT count(*) FROM notification.subscription)::int AS subscriptions,
      (SELECT count(*) FROM notification.outbox_event)::int AS outbox,
      (SELECT count(*) FROM notification.notification_order)::int AS orders,
      (SELECT string_agg(state, ',') FROM notification.alert) AS states`);
    return rows[0];
  }

  it('should answer 10,000 hostile subscriptions with 4xx and store none', async () => {
    const before = await stored();
    const bodies = fc.sample(hostileSubscription, { numRuns: COUNT.subscriptions, seed: 11 });
    await send(
      bodies.map(
        (body) => () =>
          request(app.http)
            .post('/v1/subscriptions')
            .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body)),
      ),
    );
    const raw = fc.sample(hostileRaw, { numRuns: COUNT.subscriptionsRaw, seed: 12 });
    await send(
      raw.map(
        (text) => () =>
          request(app.http).post('/v1/subscriptions').set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('Content-Type', 'application/json').send(text),
      ),
    );
    // 10 MB: refused before it is parsed.
    const huge = await request(app.http)
      .post('/v1/subscriptions')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('Content-Type', 'application/json')
      .send(`{"name":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    expect(huge.status).toBe(413);

    expect(await stored()).toEqual(before);
    expect(before.subscriptions).toBe(1);
  }, 600_000);

  it('should answer 10,000 hostile acknowledgements with 4xx and leave the alert firing', async () => {
    const before = await stored();
    const path = `/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`;
    const bodies = fc.sample(hostileAcknowledgement, { numRuns: COUNT.acknowledgements, seed: 21 });
    await send(
      bodies.map(
        (body, i) => () =>
          request(app.http)
            .post(path)
            .set('Authorization', `Bearer ${i % 2 === 0 ? ADMIN_TOKEN : wardToken}`)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body)),
      ),
    );
    const raw = fc.sample(hostileRaw, { numRuns: COUNT.acknowledgementsRaw, seed: 22 });
    await send(
      raw.map((text) => () => request(app.http).post(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('Content-Type', 'application/json').send(text)),
    );
    // Hostile alert ids in the path (short enough for Node's header limit, which answers 431 by itself).
    const ids = fc.sample(
      hostileText.filter((t) => t.length > 0 && t.length < 1_000),
      { numRuns: 200, seed: 23 },
    );
    await send(
      ids.map(
        (id) => () =>
          request(app.http)
            .post(`/v1/alerts/${encodeURIComponent(id)}/acknowledge`)
            .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
            .send({ by: 'Lê Văn Cường' }),
      ),
    );

    expect(await stored()).toEqual(before);
    expect((await alertDetail(app.http, alertId)).state).toBe('firing');
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20_000);
    expect(statuses.has(500)).toBe(false);

    // Still up, and a valid request still works.
    expect((await request(app.http).get('/health/live')).status).toBe(200);
    const valid = await request(app.http).post(path).set('Authorization', `Bearer ${wardToken}`).send({ by: 'Lê Văn Cường' });
    expect(valid.status).toBe(200);
    expect(valid.body.state).toBe('acknowledged');
  }, 600_000);
});
