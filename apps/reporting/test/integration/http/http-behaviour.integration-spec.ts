import request from 'supertest';

import { scorecardResponseSchema } from '@dx/contracts';
import { expectEventually } from '@dx/testing';

import {
  aComputedValue,
  anAlert,
  anOverdueReport,
  createReportingTestEnv,
  dropReportingTestEnv,
  ReportingFixture,
  ReportingTestApp,
  ReportingTestEnv,
  startReporting,
  startReportingFixture,
} from '../support/reporting-harness.util';
import { openEventStream } from '../support/sse-client.util';
import { AlertFiredV1, ReportOverdueV1 } from '@dx/contracts';

// Every GET of the portal API, with what its answer must look like.
const GETS = [
  '/v1/indicators',
  '/v1/indicators/SOC-01',
  '/v1/units?version=2024-11&parent=916',
  '/v1/units/916?version=2024-11',
  '/v1/units/916/periods?version=2024-11',
  '/v1/about',
  '/v1/scorecard?unit=916&period=2025-Q2',
  '/v1/indicators/SOC-01/series?unit=916&version=2024-11',
  '/v1/indicators/SOC-01/ranking?parent=916&period=2025-Q2',
  '/v1/alerts?state=open',
  '/v1/overdue-reports',
  '/v1/changes?after=0',
  '/v1/exports/scorecard.csv?unit=916&period=2025-Q2',
  '/v1/exports/scorecard.xlsx?unit=916&period=2025-Q2',
  '/docs/openapi.json',
];

describe('HTTP behaviour of the portal API', () => {
  let reporting: ReportingFixture;

  beforeAll(async () => {
    reporting = await startReportingFixture('http', { REPORTING_CORS_ORIGINS: 'https://data.cantho.gov.vn' });
    await reporting.feed.values([
      aComputedValue({ unit: '916', value: 84.5, numerator: 845, denominator: 1000, status: 'at_risk', expected: 88 }),
      aComputedValue({ unit: '31117', value: 92 }),
      aComputedValue({ unit: '31120', value: 70, status: 'off_track' }),
    ]);
    await reporting.feed.publish([
      { contract: AlertFiredV1, data: anAlert({ id: 'alert-1' }) },
      { contract: ReportOverdueV1, data: anOverdueReport() },
    ]);
    await reporting.untilCounts({ indicator_value: 3, alert: 1, overdue_report: 1 });
  });

  afterAll(async () => {
    await reporting?.close();
  });

  it.each(GETS)('should tag %s with an ETag and answer 304 when it still matches', async (path) => {
    const first = await request(reporting.http).get(path);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^(W\/)?"/);
    expect(first.headers['cache-control']).toBeDefined();
    const again = await request(reporting.http).get(path).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('should change the ETag when the data changes', async () => {
    const before = await request(reporting.http).get('/v1/scorecard?unit=916&period=2025-Q2');
    await reporting.feed.values([aComputedValue({ unit: '916', value: 86, status: 'at_risk', computedAt: new Date(Date.now() + 1000).toISOString() })]);
    await expectEventually(
      async () => {
        const after = await request(reporting.http).get('/v1/scorecard?unit=916&period=2025-Q2').set('If-None-Match', before.headers.etag);
        expect(after.status).toBe(200);
        expect(scorecardResponseSchema.parse(after.body).indicators.find((i) => i.code === 'SOC-01')?.value).toBe(86);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('should fit Cache-Control to the resource', async () => {
    expect((await request(reporting.http).get('/v1/indicators')).headers['cache-control']).toBe('public, max-age=300');
    expect((await request(reporting.http).get('/v1/scorecard?unit=916&period=2025-Q2')).headers['cache-control']).toBe('public, no-cache');
    expect((await request(reporting.http).get('/v1/changes?after=0&limit=1')).headers['cache-control']).toBe('public, max-age=60');
  });

  it.each([
    ['/v1/scorecard?unit=916', 'period'],
    ['/v1/scorecard?unit=916&period=2025-13', 'period'],
    ['/v1/scorecard?unit=9x&period=2025', 'unit'],
    ['/v1/scorecard?unit=916&unit=917&period=2025', 'unit'],
    ['/v1/indicators/SOC-01/series?unit=916&frequency=weekly', 'frequency'],
    ['/v1/indicators/SOC-01/series?unit=916&version=2024-11&from=2025&to=2024', 'from'],
    ['/v1/indicators/GOV-01/series?unit=92&frequency=month', 'frequency'],
    ['/v1/indicators/SOC-01/ranking?period=2025', 'parent'],
    ['/v1/alerts?state=burning', 'state'],
    ['/v1/changes?limit=0', 'limit'],
    ['/v1/units?level=4', 'level'],
  ])('should answer 400 naming the parameter for %s', async (path, parameter) => {
    const response = await request(reporting.http).get(path);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_parameter');
    expect(response.body.error.details).toEqual([expect.objectContaining({ parameter })]);
  });

  it.each([
    ['/v1/scorecard?unit=99999&period=2025', 'unknown_unit'],
    // 916 is a district of the three-level version; in 2025 (two-level) it is no unit.
    ['/v1/scorecard?unit=916&period=2025', 'unknown_unit'],
    ['/v1/indicators/XYZ-99/series?unit=92', 'unknown_indicator'],
    ['/v1/indicators/XYZ-99', 'unknown_indicator'],
    ['/v1/indicators/SOC-01/ranking?parent=99999&period=2025', 'unknown_unit'],
    ['/v1/units/99999', 'unknown_unit'],
    ['/v1/units?version=1999-01', 'unknown_version'],
    ['/v1/no-such-thing', 'not_found'],
  ])('should answer 404 for %s', async (path, code) => {
    const response = await request(reporting.http).get(path);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe(code);
  });

  it('should gzip when the client accepts it', async () => {
    const response = await request(reporting.http).get('/v1/indicators').set('Accept-Encoding', 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body.indicators).toHaveLength(16);
  });

  it('should allow the configured portal origins only', async () => {
    const allowed = await request(reporting.http).get('/v1/indicators').set('Origin', 'https://data.cantho.gov.vn');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://data.cantho.gov.vn');
    expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
    const other = await request(reporting.http).get('/v1/indicators').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(reporting.http)
      .options('/v1/scorecard')
      .set('Origin', 'https://data.cantho.gov.vn')
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(204);
  });

  it('should document every endpoint in the OpenAPI at /docs with examples', async () => {
    const spec = (await request(reporting.http).get('/docs/openapi.json')).body;
    for (const path of [
      '/v1/indicators',
      '/v1/units',
      '/v1/scorecard',
      '/v1/indicators/{code}/series',
      '/v1/indicators/{code}/ranking',
      '/v1/alerts',
      '/v1/overdue-reports',
      '/v1/exports/scorecard.csv',
      '/v1/exports/scorecard.xlsx',
      '/v1/changes',
      '/v1/changes/stream',
    ]) {
      expect(spec.paths[path]?.get).toBeDefined();
    }
    const ok = spec.paths['/v1/scorecard'].get.responses['200'].content['application/json'].schema;
    expect(ok.example.indicators[0].code).toBe('SOC-01');
    expect(ok.properties.indicators.type).toBe('array');
    expect(spec.paths['/v1/scorecard'].get.responses['400'].content['application/json'].examples.invalid_parameter.value.error.code).toBe('invalid_parameter');
    expect((await request(reporting.http).get('/docs')).status).toBe(200);
  });

  it('should show the alerts and overdue reports of the read model', async () => {
    const alerts = await request(reporting.http).get('/v1/alerts?state=open');
    expect(alerts.body.alerts).toEqual([expect.objectContaining({ id: 'alert-1', state: 'firing', hierarchyVersion: '2024-11' })]);
    expect((await request(reporting.http).get('/v1/alerts?state=resolved')).body.alerts).toEqual([]);
    const overdue = await request(reporting.http).get('/v1/overdue-reports');
    expect(overdue.body.reports).toEqual([
      expect.objectContaining({ measure: 'households.fibre', unit: '31117', unitName: 'Phường Cái Khế', dueDate: '2025-07-15' }),
    ]);
  });
});

describe('Request limits of the portal API', () => {
  let env: ReportingTestEnv;
  let app: ReportingTestApp | undefined;

  beforeAll(async () => {
    env = await createReportingTestEnv('limits');
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    if (env) await dropReportingTestEnv(env);
  });

  it('should answer 429 with Retry-After and the contract body once a client used its share', async () => {
    // 40 a minute: bursts of 10.
    app = await startReporting(env, { HTTP_RATE_LIMIT_PER_MINUTE: '40' });
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 12; i += 1) {
      const response = await request(app.http).get('/v1/indicators');
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited?.body.error.code).toBe('rate_limited');
  });

  it('should hold open streams apart from requests in flight, under a cap of their own', async () => {
    app = await startReporting(env, { HTTP_MAX_IN_FLIGHT: '2', HTTP_MAX_STREAMS: '3' });
    const streams = [1, 2, 3].map(() => openEventStream(`${app?.http}/v1/changes/stream`));
    try {
      expect(await Promise.all(streams.map((s) => s.status))).toEqual([200, 200, 200]);
      // Three open streams take none of the two request slots…
      expect((await request(app.http).get('/v1/indicators')).status).toBe(200);
      // …and a fourth stream is refused while they are open, with the contract's body.
      const fourth = await request(app.http).get('/v1/changes/stream?after=0').timeout(5_000);
      expect(fourth.status).toBe(503);
      expect(fourth.body.error.code).toBe('unavailable');
    } finally {
      for (const stream of streams) stream.close();
    }
    // A closed stream gives its slot back.
    await expectEventually(
      async () => {
        const again = openEventStream(`${app?.http}/v1/changes/stream`);
        try {
          expect(await again.status).toBe(200);
        } finally {
          again.close();
        }
      },
      { timeoutMs: 10_000 },
    );
  });
});
