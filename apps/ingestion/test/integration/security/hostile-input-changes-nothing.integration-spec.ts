import fc from 'fast-check';
import { Client } from 'pg';
import request from 'supertest';

import { ADMIN_TOKEN, IngestionTestApp, startIngestion } from '../ingestion-test-app';

// quality.md "Bad input": ≥ 10,000 generated malformed or hostile payloads across the write endpoints;
// no 5xx, nothing stored, the service stays up.
const HOSTILE_STRINGS = [
  "'; DROP TABLE ingestion.observation; --",
  "31117' OR '1'='1",
  '\u0000',
  '\u202e92',
  'ｈｏｕｓｅｈｏｌｄｓ.total',
  'households.total\u200b',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  'Ninh Kiều',
  '9'.repeat(400),
  '2025-Q5',
  '2025-00',
  '-2025',
  '1e400',
];

const hostileText = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const anyJson = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
// The value is always unacceptable, so no generated item can be a valid observation by chance.
const invalidValue = fc.oneof(
  fc.constantFrom(-1, -1.5, -0.0001, -1e308, '12', '', null, true, {}, []),
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  hostileText,
);
const hostileItem = fc.record(
  {
    measure: fc.oneof(fc.constantFrom('households.total', 'grdp.digital', 'fibre.available'), anyJson),
    unit: fc.oneof(fc.constantFrom('92', '916', '31117'), anyJson),
    period: fc.oneof(fc.constantFrom('2025-Q1', '2024', '2025-06'), anyJson),
    value: invalidValue,
    dimensions: fc.oneof(fc.constant(undefined), fc.dictionary(hostileText, anyJson, { maxKeys: 3 }), anyJson),
  },
  { requiredKeys: ['value'] },
);
const hostileBody = fc.oneof(
  { weight: 6, arbitrary: fc.record({ observations: fc.array(hostileItem, { minLength: 1, maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ observations: anyJson }) },
  { weight: 1, arbitrary: anyJson.map((v) => ({ v })) },
);
const hostileRawBody = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '[', '{"observations":', 'null', '{"observations":[1e999]}', '\uFEFF{}'));
const hostileCsv = fc
  .array(fc.array(fc.oneof(hostileText, fc.constantFrom('-1', '1.5', 'x', '"', '""', '\r')), { maxLength: 6 }), { maxLength: 5 })
  .map((rows) => `measure,unit,period,value\n${rows.map((r) => [...r, 'not-a-number'].join(',')).join('\n')}`);
const hostileAgency = fc.record({ code: anyJson, name: anyJson, measures: anyJson, units: fc.oneof(anyJson, fc.constant(['99999x'])) }, { requiredKeys: [] });

const COUNT = { json: 4_000, raw: 1_500, csv: 2_500, agency: 2_000 };

// Path segments and query values: text (percent-encoded), raw escapes that do not decode, look-alike ids.
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as a client could still send it
  }
}
const hostileSegment = fc.oneof(
  hostileText.map(encoded),
  fc.constantFrom(
    '%00',
    '%',
    '%ZZ',
    '%FF',
    '%C0%80',
    '%0A',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    '------------------------------------',
    '00000000-0000-0000-0000-00000000000g',
    '00000000-0000-0000-0000-000000000000',
    '%2e%2e',
    'x'.repeat(3_000),
  ),
);
const hostileQuery = fc
  .array(fc.tuple(fc.constantFrom('measure', 'unit', 'period', 'limit', 'version', 'dryRun', 'measure[]', '__proto__'), hostileSegment), {
    minLength: 1,
    maxLength: 4,
  })
  .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&'));
const PARAMETER_COUNT = 400;

describe('Hostile input to every write endpoint', () => {
  let app: IngestionTestApp;
  let db: Client;
  let apiKey: string;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    app = await startIngestion({ INGESTION_RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'error' });
    ({ apiKey } = await app.createAgency({ code: 'fuzz', measures: ['*'], units: ['92'] }));
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  async function send(requests: Array<() => request.Test>): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      const responses = await Promise.all(requests.slice(i, i + 25).map((r) => r()));
      for (const response of responses) {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500 || response.status < 400) {
          throw new Error(`unexpected ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
        }
        expect(response.body.error?.code ?? response.body.rejected?.[0]?.code).toEqual(expect.any(String));
      }
    }
  }

  const agency = (r: request.Test) => r.set('Authorization', `Bearer ${apiKey}`);

  it('should answer 10,000 hostile payloads with 4xx, store nothing and stay up', async () => {
    const json = fc.sample(hostileBody, { numRuns: COUNT.json, seed: 42 });
    await send(json.map((body) => () => agency(request(app.http).post('/v1/observations')).send(body as object)));
    const raw = fc.sample(hostileRawBody, { numRuns: COUNT.raw, seed: 43 });
    await send(raw.map((text) => () => agency(request(app.http).post('/v1/observations')).set('Content-Type', 'application/json').send(text)));
    const csv = fc.sample(hostileCsv, { numRuns: COUNT.csv, seed: 44 });
    await send(csv.map((text) => () => agency(request(app.http).post('/v1/observations.csv')).set('Content-Type', 'text/csv').send(text)));
    const agencies = fc.sample(hostileAgency, { numRuns: COUNT.agency, seed: 45 });
    await send(
      agencies.map(
        (body) => () =>
          request(app.http)
            .post('/v1/agencies')
            .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
            .send(body as object),
      ),
    );

    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
    const stored = await db.query(`SELECT (SELECT count(*) FROM ingestion.observation)::int AS observations,
      (SELECT count(*) FROM ingestion.outbox_event)::int + (SELECT count(*) FROM ingestion.observation_revision)::int AS events,
      (SELECT count(*) FROM ingestion.agency)::int AS agencies`);
    expect(stored.rows[0]).toEqual({ observations: 0, events: 0, agencies: 1 });

    expect((await request(app.http).get('/health/live')).status).toBe(200);
    const valid = await agency(request(app.http).post('/v1/observations')).send({
      observations: [{ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 10 }],
    });
    expect(valid.status).toBe(202);
  }, 300_000); // 10,000 requests: minutes on a loaded two-core machine

  it('should answer hostile path and query parameters with 4xx (or an empty 200 for a search), never 5xx', async () => {
    const admin = (r: request.Test) => r.set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    const segments = fc.sample(fc.tuple(hostileSegment, hostileSegment), { numRuns: PARAMETER_COUNT, seed: 46 });
    const queries = fc.sample(hostileQuery, { numRuns: PARAMETER_COUNT, seed: 47 });
    const invalidItem = { observations: [{ measure: 'households.total', unit: '31117', period: '2025-Q1', value: -1 }] };
    const calls: Array<{ label: string; search: boolean; call: () => request.Test }> = [
      ...segments.flatMap(([a, b]) => [
        { label: `GET /v1/submissions/${a}`, search: false, call: () => agency(request(app.http).get(`/v1/submissions/${a}`)) },
        { label: `POST /v1/agencies/${a}/keys`, search: false, call: () => admin(request(app.http).post(`/v1/agencies/${a}/keys`)) },
        { label: `DELETE /v1/agencies/${a}/keys/${b}`, search: false, call: () => admin(request(app.http).delete(`/v1/agencies/${a}/keys/${b}`)) },
      ]),
      ...queries.flatMap((q) => [
        { label: `GET /v1/observations?${q}`, search: true, call: () => agency(request(app.http).get(`/v1/observations?${q}`)) },
        { label: `GET /v1/units?${q}`, search: true, call: () => admin(request(app.http).get(`/v1/units?${q}`)) },
        { label: `POST /v1/observations?${q}`, search: false, call: () => agency(request(app.http).post(`/v1/observations?${q}`)).send(invalidItem) },
      ]),
    ];
    const observationsBefore = (await db.query(`SELECT count(*)::int AS n FROM ingestion.observation`)).rows[0].n;
    const answered = new Map<number, number>();
    for (let i = 0; i < calls.length; i += 25) {
      const slice = calls.slice(i, i + 25);
      const responses = await Promise.all(slice.map((c) => c.call()));
      responses.forEach((response, j) => {
        answered.set(response.status, (answered.get(response.status) ?? 0) + 1);
        const { label, search } = slice[j];
        if (response.status >= 500 || (response.status < 400 && !(search && response.status === 200))) {
          throw new Error(`unexpected ${response.status} for ${label.slice(0, 200)}: ${JSON.stringify(response.body).slice(0, 300)}`);
        }
        if (response.status >= 400) expect(response.body.error?.code ?? response.body.rejected?.[0]?.code).toEqual(expect.any(String));
      });
    }
    expect([...answered.values()].reduce((a, b) => a + b, 0)).toBe(6 * PARAMETER_COUNT);
    expect(answered.get(400)).toBeGreaterThan(PARAMETER_COUNT);
    const stored = await db.query(
      `SELECT (SELECT count(*) FROM ingestion.observation)::int AS observations, (SELECT count(*) FROM ingestion.api_key)::int AS keys`,
    );
    expect(stored.rows[0]).toEqual({ observations: observationsBefore, keys: 1 });
  });
});
