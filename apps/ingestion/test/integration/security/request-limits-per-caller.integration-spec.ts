import request from 'supertest';

import { ADMIN_TOKEN, IngestionTestApp, startIngestion } from '../ingestion-test-app';

describe('Limits per caller: failed authentication, reads, admin calls', () => {
  let app: IngestionTestApp;
  let apiKey: string;

  beforeAll(async () => {
    app = await startIngestion({
      INGESTION_AUTH_FAILURES_PER_MINUTE: '6',
      INGESTION_READ_RATE_LIMIT_PER_MINUTE: '3',
      INGESTION_ADMIN_RATE_LIMIT_PER_MINUTE: '3',
    });
    ({ apiKey } = await app.createAgency({ measures: ['households.*'], units: ['916'] })); // the first admin call
  });

  afterAll(async () => {
    await app?.close();
  });

  const expectLimited = (response: request.Response) => {
    expect(response.status).toBe(429);
    expect(response.body.error).toEqual({ code: 'rate_limited', message: expect.stringContaining(' / '), details: [] });
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  };

  it("should limit an agency's reads per minute without touching its submissions", async () => {
    const read = () => request(app.http).get('/v1/observations').set('Authorization', `Bearer ${apiKey}`);
    expect([(await read()).status, (await read()).status, (await read()).status]).toEqual([200, 200, 200]);
    expectLimited(await read());
    // Reading a submission is a read too.
    expectLimited(await request(app.http).get('/v1/submissions/00000000-0000-0000-0000-000000000000').set('Authorization', `Bearer ${apiKey}`));
    const submit = await request(app.http)
      .post('/v1/observations?dryRun=true')
      .set('Authorization', `Bearer ${apiKey}`)
      .send({ observations: [{ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1 }] });
    expect(submit.status).toBe(202);
  });

  it('should limit calls with the admin token per minute', async () => {
    const list = () => request(app.http).get('/v1/agencies').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect([(await list()).status, (await list()).status]).toEqual([200, 200]);
    expectLimited(await list());
    expectLimited(await request(app.http).get('/v1/catalog').set('Authorization', `Bearer ${ADMIN_TOKEN}`));
  });

  it('should refuse an address with 429 once its credentials failed too often, before checking the next ones', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await request(app.http).get('/v1/observations').set('Authorization', `Bearer dxk_guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expectLimited(await request(app.http).get('/v1/observations').set('Authorization', 'Bearer dxk_guess-5'));
    expectLimited(await request(app.http).post('/v1/observations').send({ observations: [] }));
    // Guessing from this address stops here, even with a right key, until the address's budget refills.
    expectLimited(await request(app.http).post('/v1/agencies/x/keys').set('Authorization', `Bearer ${apiKey}`));
  });
});
