import { Client } from 'pg';
import request from 'supertest';

import { decodeEvent, ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, MessageCollector } from '@dx/testing';

import { IngestionTestApp, startIngestion } from '../ingestion-test-app';

describe('Submitting observations', () => {
  let app: IngestionTestApp;
  let db: Client;
  let published: MessageCollector;
  let apiKey: string;

  const post = (body: unknown, path = '/v1/observations') =>
    request(app.http)
      .post(path)
      .set('Authorization', `Bearer ${apiKey}`)
      .send(body as object);
  const recorded = () =>
    published.messages.map((m) => {
      const decoded = decodeEvent(ObservationRecordedV1, m.value);
      if (!decoded.ok) throw decoded.error;
      return decoded.event;
    });
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ingestion.${table}`)).rows[0].n;

  beforeAll(async () => {
    app = await startIngestion();
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    published = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.observations}`);
    // The whole city, but only these measures (units out of scope: see the access-matrix test).
    ({ apiKey } = await app.createAgency({
      code: 'ninh-kieu',
      measures: ['households.*', 'work_records.*', 'grdp.*', 'fibre.available'],
      units: ['916', '92'],
    }));
  });

  afterAll(async () => {
    await published?.stop();
    await db?.end();
    await app?.close();
  });

  it.each([
    ['unknown_measure', { measure: 'households.cats', unit: '31117', period: '2025-Q1', value: 1 }],
    ['unknown_unit', { measure: 'households.total', unit: '99999', period: '2025-Q1', value: 1 }],
    ['level_not_allowed', { measure: 'households.total', unit: '916', period: '2025-Q1', value: 1 }],
    ['invalid_period', { measure: 'households.total', unit: '31117', period: '2025-13', value: 1 }],
    ['invalid_period', { measure: 'households.total', unit: '31117', period: '2025-06', value: 1 }],
    ['period_in_future', { measure: 'households.total', unit: '31117', period: '2999-Q1', value: 1 }],
    ['invalid_value', { measure: 'households.total', unit: '31117', period: '2025-Q1', value: -1 }],
    ['invalid_value', { measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1.5 }],
    ['invalid_value', { measure: 'households.total', unit: '31117', period: '2025-Q1', value: '12' }],
    ['invalid_value', { measure: 'fibre.available', unit: '31117', period: '2025-Q1', value: 2 }],
    ['invalid_dimensions', { measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1, dimensions: { sector: 'industry' } }],
    ['invalid_dimensions', { measure: 'grdp.total', unit: '92', period: '2024', value: 1, dimensions: { sector: 'mining' } }],
    ['out_of_scope', { measure: 'population.total', unit: '31117', period: '2024', value: 1 }],
  ])('should reject with %s and store nothing', async (code, item) => {
    const before = await count('observation');
    const response = await post({ observations: [item] });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      submissionId: expect.any(String),
      accepted: 0,
      revised: 0,
      unchanged: 0,
      rejected: [{ index: 0, code, message: expect.stringContaining(' / ') }],
    });
    expect(await count('observation')).toBe(before);
  });

  it('should store and publish the valid items of a mixed batch and neither store nor publish the invalid ones', async () => {
    const response = await post({
      observations: [
        { measure: 'households.total', unit: '31117', period: '2025-Q1', value: 5000 },
        { measure: 'households.total', unit: '99999', period: '2025-Q1', value: 10 },
        { measure: 'households.fibre', unit: '31117', period: '2025-Q1', value: 4210 },
        { measure: 'grdp.digital', unit: '92', period: '2024', value: 18250.5, dimensions: { sector: 'industry' } },
        { measure: 'households.fibre', unit: '31120', period: '2025-Q1', value: -3 },
      ],
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ accepted: 3, revised: 0, unchanged: 0 });
    expect(response.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'unknown_unit'],
      [4, 'invalid_value'],
    ]);

    await expectEventually(
      () => {
        const subjects = recorded().map((e) => e.subject);
        expect(subjects).toEqual(expect.arrayContaining(['households.total/31117/2025-Q1', 'households.fibre/31117/2025-Q1', 'grdp.digital/92/2024']));
      },
      { timeoutMs: 20_000 },
    );
    const events = recorded();
    expect(events.some((e) => e.data.unit === '99999' || e.data.unit === '31120')).toBe(false);
    const grdp = events.find((e) => e.data.measure === 'grdp.digital');
    expect(grdp?.data).toMatchObject({ agency: 'ninh-kieu', unit: '92', period: '2024', value: 18250.5, dimensions: { sector: 'industry' }, revision: 1 });
    expect(published.messages.find((m) => m.value?.includes('grdp.digital'))?.key).toBe('92');
    expect((await db.query(`SELECT count(*)::int AS n FROM ingestion.observation WHERE unit IN ('99999', '31120')`)).rows[0].n).toBe(0);
  });

  it('should count a re-send as unchanged and a new value as a revision, keeping the whole history', async () => {
    const item = { measure: 'work_records.total', unit: '916', period: '2025-03', value: 1200 };
    expect((await post({ observations: [item] })).body).toMatchObject({ accepted: 1, revised: 0, unchanged: 0 });
    expect((await post({ observations: [item] })).body).toMatchObject({ accepted: 0, revised: 0, unchanged: 1 });
    // A revision that lowers the value, then a second one in the same request as a third.
    expect(
      (
        await post({
          observations: [
            { ...item, value: 1100 },
            { ...item, value: 1150 },
          ],
        })
      ).body,
    ).toMatchObject({ accepted: 0, revised: 2, unchanged: 0 });

    const history = await request(app.http).get('/v1/observations?measure=work_records.total&unit=916&period=2025-03').set('Authorization', `Bearer ${apiKey}`);
    expect(history.status).toBe(200);
    expect(history.body.observations).toHaveLength(1);
    expect(history.body.observations[0]).toMatchObject({ value: 1150, revision: 3 });
    expect(history.body.observations[0].revisions.map((r: { revision: number; value: number }) => [r.revision, r.value])).toEqual([
      [1, 1200],
      [2, 1100],
      [3, 1150],
    ]);

    await expectEventually(
      () => {
        const revisions = recorded()
          .filter((e) => e.subject === 'work_records.total/916/2025-03')
          .map((e) => [e.data.revision, e.data.value, e.data.previousValue]);
        expect(revisions).toEqual([
          [1, 1200, undefined],
          [2, 1100, 1200],
          [3, 1150, 1100],
        ]);
      },
      { timeoutMs: 20_000 },
    );
  });

  it('should return the first answer and do nothing again when a request is retried with its Idempotency-Key', async () => {
    const body = { observations: [{ measure: 'households.total', unit: '31120', period: '2025-Q1', value: 777 }] };
    const first = await post(body).set('Idempotency-Key', 'retry-1');
    expect(first.status).toBe(202);
    const revisionsBefore = await count('observation_revision');
    // The same request, its keys in another order and spaced differently.
    const retried = await request(app.http)
      .post('/v1/observations')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Content-Type', 'application/json')
      .set('Idempotency-Key', 'retry-1')
      .send('{ "observations": [ { "value": 777, "period": "2025-Q1", "unit": "31120", "measure": "households.total" } ] }');
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual(first.body);
    expect(await count('observation_revision')).toBe(revisionsBefore);
    expect((await db.query(`SELECT value FROM ingestion.observation WHERE unit = '31120' AND measure = 'households.total'`)).rows[0].value).toBe(777);
  });

  it('should refuse an Idempotency-Key reused for a different request with 422 idempotency_key_reused and do nothing', async () => {
    const body = { observations: [{ measure: 'households.total', unit: '31150', period: '2024-Q3', value: 40 }] };
    expect((await post(body).set('Idempotency-Key', 'batch-7')).status).toBe(202);
    const [submissions, revisions] = [await count('submission'), await count('observation_revision')];

    const other = await post({ observations: [{ ...body.observations[0], value: 41 }] }).set('Idempotency-Key', 'batch-7');
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: 'idempotency_key_reused', message: expect.stringContaining(' / ') });
    // The key space is shared by JSON and CSV: the same data as CSV is another request.
    const csv = await request(app.http)
      .post('/v1/observations.csv')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Content-Type', 'text/csv')
      .set('Idempotency-Key', 'batch-7')
      .send('measure,unit,period,value\nhouseholds.total,31150,2024-Q3,40\n');
    expect(csv.status).toBe(422);
    expect(csv.body.error.code).toBe('idempotency_key_reused');
    expect([await count('submission'), await count('observation_revision')]).toEqual([submissions, revisions]);
    expect((await db.query(`SELECT value FROM ingestion.observation WHERE unit = '31150' AND period = '2024-Q3'`)).rows[0].value).toBe(40);
  });

  it('should check and answer but store and publish nothing when dryRun is set', async () => {
    const [observations, outbox, submissions] = [await count('observation'), await count('observation_revision'), await count('submission')];
    const response = await post(
      {
        observations: [
          { measure: 'households.total', unit: '31123', period: '2025-Q1', value: 12 },
          { measure: 'nope', unit: '1', period: 'x', value: 1 },
        ],
      },
      '/v1/observations?dryRun=true',
    );
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'unknown_measure' }] });
    expect([await count('observation'), await count('observation_revision'), await count('submission')]).toEqual([observations, outbox, submissions]);
    expect(recorded().some((e) => e.data.unit === '31123')).toBe(false);
  });

  it('should give the answer again to its agency only when a submission is read back', async () => {
    const submitted = await post({ observations: [{ measure: 'households.total', unit: '31149', period: '2025-Q1', value: 3 }] });
    const again = await request(app.http).get(`/v1/submissions/${submitted.body.submissionId}`).set('Authorization', `Bearer ${apiKey}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(submitted.body);

    const { apiKey: otherKey } = await app.createAgency({ measures: ['*'], units: ['92'] });
    const foreign = await request(app.http).get(`/v1/submissions/${submitted.body.submissionId}`).set('Authorization', `Bearer ${otherKey}`);
    expect(foreign.status).toBe(404);
    const foreignData = await request(app.http).get('/v1/observations').set('Authorization', `Bearer ${otherKey}`);
    expect(foreignData.body.observations).toEqual([]);
  });

  it('should show an agency only its own revisions of an observation that another agency revised', async () => {
    const item = { measure: 'households.total', unit: '31117', period: '2024-Q4', value: 10 };
    const { apiKey: otherKey } = await app.createAgency({ measures: ['households.*'], units: ['916'] });
    expect((await post({ observations: [item] })).body).toMatchObject({ accepted: 1 });
    const other = await request(app.http)
      .post('/v1/observations')
      .set('Authorization', `Bearer ${otherKey}`)
      .send({ observations: [{ ...item, value: 20 }] });
    expect(other.body).toMatchObject({ revised: 1 });

    const listed = async (key: string) =>
      (await request(app.http).get('/v1/observations?measure=households.total&unit=31117&period=2024-Q4').set('Authorization', `Bearer ${key}`)).body
        .observations;
    const mine = await listed(apiKey);
    expect(mine).toEqual([expect.objectContaining({ value: 10, revision: 1, supersededByAnotherAgency: true })]);
    expect(mine[0].revisions.map((r: { revision: number; value: number }) => [r.revision, r.value])).toEqual([[1, 10]]);
    expect(JSON.stringify(mine)).not.toContain(other.body.submissionId);
    const theirs = await listed(otherKey);
    expect(theirs).toEqual([expect.objectContaining({ value: 20, revision: 2, supersededByAnotherAgency: false })]);
    expect(theirs[0].revisions.map((r: { revision: number; value: number }) => [r.revision, r.value])).toEqual([[2, 20]]);
  });

  it('should accept CSV and reject a bad row by its 1-based row number', async () => {
    const csv =
      'measure,unit,period,value,sector\nhouseholds.total,31147,2025-Q1,40,\nhouseholds.total,31147,2025-Q2,forty,\ngrdp.total,92,2024,99000,services\n';
    const response = await request(app.http).post('/v1/observations.csv').set('Authorization', `Bearer ${apiKey}`).set('Content-Type', 'text/csv').send(csv);
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ accepted: 2, rejected: [{ index: 2, code: 'invalid_value' }] });

    const header = await request(app.http)
      .post('/v1/observations.csv')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Content-Type', 'text/csv')
      .send('a,b\n1,2\n');
    expect(header.status).toBe(400);
    expect(header.body.error.code).toBe('invalid_csv');
  });

  it('should refuse a CSV with 40,000 header columns as a whole, and go on serving', async () => {
    const before = await count('submission');
    const header = ['measure', 'unit', 'period', 'value', ...Array.from({ length: 40_000 }, (_, i) => `c${i.toString(36)}`)].join(',');
    const csv = `${header}\n${'households.total,31117,2025-Q2,1\n'.repeat(2_000)}`;
    const response = await request(app.http).post('/v1/observations.csv').set('Authorization', `Bearer ${apiKey}`).set('Content-Type', 'text/csv').send(csv);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_csv', message: expect.stringContaining('more than 64 columns') });
    expect(await count('submission')).toBe(before);
    const nine = `measure,unit,period,value,${Array.from({ length: 9 }, (_, i) => `d${i}`).join(',')}\nhouseholds.total,31117,2025-Q2,1,,,,,,,,,\n`;
    const dimensions = await request(app.http).post('/v1/observations.csv').set('Authorization', `Bearer ${apiKey}`).set('Content-Type', 'text/csv').send(nine);
    expect(dimensions.status).toBe(400);
    expect(dimensions.body.error.message).toContain('too many dimension columns');
  });

  it.each([
    ['malformed JSON', (r: request.Test) => r.set('Content-Type', 'application/json').send('{"observations": [{'), 400, 'malformed_json'],
    ['no observations array', (r: request.Test) => r.send({ items: [] }), 400, 'invalid_request'],
    ['an empty array', (r: request.Test) => r.send({ observations: [] }), 400, 'invalid_request'],
    ['10,001 observations', (r: request.Test) => r.send({ observations: Array.from({ length: 10_001 }, () => ({})) }), 400, 'invalid_request'],
    [
      'nesting 1,000 deep',
      (r: request.Test) => r.set('Content-Type', 'application/json').send(`{"observations":[${'['.repeat(1000)}${']'.repeat(1000)}]}`),
      400,
      'too_deep',
    ],
    [
      'a 10 MB body',
      (r: request.Test) => r.set('Content-Type', 'application/json').send(`{"observations":["${'x'.repeat(10 * 1024 * 1024)}"]}`),
      413,
      'payload_too_large',
    ],
    ['text/plain', (r: request.Test) => r.set('Content-Type', 'text/plain').send('hello'), 415, 'unsupported_media_type'],
  ])('should refuse %s with a clear error and store nothing', async (_name, send, status, code) => {
    const before = await count('submission');
    const response = await send(request(app.http).post('/v1/observations').set('Authorization', `Bearer ${apiKey}`));
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await count('submission')).toBe(before);
  });
});

describe('Rate limit per agency', () => {
  let app: IngestionTestApp;

  beforeAll(async () => {
    app = await startIngestion({ INGESTION_RATE_LIMIT_PER_MINUTE: '6' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should answer 429 with Retry-After once an agency used its burst, without slowing another agency', async () => {
    const { apiKey } = await app.createAgency({ measures: ['*'], units: ['92'] });
    const { apiKey: otherKey } = await app.createAgency({ measures: ['*'], units: ['92'] });
    const body = { observations: [{ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1 }] };
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 8; i += 1) {
      const r = await request(app.http).post('/v1/observations?dryRun=true').set('Authorization', `Bearer ${apiKey}`).send(body);
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(limited?.body.error.code).toBe('rate_limited');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const other = await request(app.http).post('/v1/observations?dryRun=true').set('Authorization', `Bearer ${otherKey}`).send(body);
    expect(other.status).toBe(202);
  });
});
