import { Client } from 'pg';
import request from 'supertest';

import { ADMIN_TOKEN, IngestionTestApp, startIngestion } from '../ingestion-test-app';

describe('Agencies, API keys and who may call what', () => {
  let app: IngestionTestApp;
  let db: Client;

  beforeAll(async () => {
    app = await startIngestion();
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const asAdmin = (r: request.Test) => r.set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  const observation = { measure: 'households.total', unit: '31117', period: '2025-Q1', value: 100 };

  it('should show a new key once and store only its hash when an agency is created', async () => {
    const response = await asAdmin(request(app.http).post('/v1/agencies')).send({
      code: 'vnpt-cantho',
      name: 'VNPT Cần Thơ',
      measures: ['households.*'],
      units: ['916'],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ code: 'vnpt-cantho', name: 'VNPT Cần Thơ', measures: ['households.*'], units: ['916'] });
    expect(response.body.apiKey).toMatch(/^dxk_/);

    const stored = await db.query(`SELECT row_to_json(k)::text AS row FROM ingestion.api_key k WHERE agency_code = 'vnpt-cantho'`);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].row).not.toContain(response.body.apiKey.slice(4));

    const listed = await asAdmin(request(app.http).get('/v1/agencies'));
    expect(JSON.stringify(listed.body)).not.toContain(response.body.apiKey);
    expect(listed.body.find((a: { code: string }) => a.code === 'vnpt-cantho').keys).toHaveLength(1);
  });

  it('should refuse a taken code, unknown units and measure patterns that match nothing', async () => {
    await app.createAgency({ code: 'taken', measures: ['*'], units: ['92'] });
    const taken = await asAdmin(request(app.http).post('/v1/agencies')).send({ code: 'taken', name: 'x', measures: ['*'], units: ['92'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('conflict');

    const bad = await asAdmin(request(app.http).post('/v1/agencies')).send({ code: 'bad', name: 'x', measures: ['nothing.*'], units: ['99999'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['measures', 'units']);

    const missing = await asAdmin(request(app.http).post('/v1/agencies')).send({ code: 'Bad Code' });
    expect(missing.status).toBe(400);
  });

  it('should keep the old key working after rotation until it is revoked', async () => {
    const { code, apiKey: oldKey, keyId: oldKeyId } = await app.createAgency({ measures: ['households.*'], units: ['92'] });
    const rotated = await asAdmin(request(app.http).post(`/v1/agencies/${code}/keys`));
    expect(rotated.status).toBe(201);
    const newKey = rotated.body.apiKey;

    for (const key of [oldKey, newKey]) {
      const r = await request(app.http)
        .post('/v1/observations?dryRun=true')
        .set('Authorization', `Bearer ${key}`)
        .send({ observations: [observation] });
      expect(r.status).toBe(202);
    }
    expect((await asAdmin(request(app.http).delete(`/v1/agencies/${code}/keys/${oldKeyId}`))).status).toBe(204);
    const withOld = await request(app.http)
      .post('/v1/observations?dryRun=true')
      .set('Authorization', `Bearer ${oldKey}`)
      .send({ observations: [observation] });
    expect(withOld.status).toBe(401);
    const withNew = await request(app.http)
      .post('/v1/observations?dryRun=true')
      .set('Authorization', `Bearer ${newKey}`)
      .send({ observations: [observation] });
    expect(withNew.status).toBe(202);

    expect((await asAdmin(request(app.http).delete(`/v1/agencies/${code}/keys/00000000-0000-0000-0000-000000000000`))).status).toBe(404);
    expect((await asAdmin(request(app.http).post('/v1/agencies/nobody/keys'))).status).toBe(404);
  });

  describe('authorisation matrix', () => {
    let agencyKey: string;
    let otherKey: string;

    beforeAll(async () => {
      agencyKey = (await app.createAgency({ measures: ['households.*'], units: ['916'] })).apiKey;
      otherKey = (await app.createAgency({ measures: ['households.*'], units: ['917'] })).apiKey;
    });

    const endpoints: Array<{ name: string; call: () => request.Test; role: 'admin' | 'agency' }> = [
      { name: 'POST /v1/agencies', role: 'admin', call: () => request(app.http).post('/v1/agencies').send({}) },
      { name: 'GET /v1/agencies', role: 'admin', call: () => request(app.http).get('/v1/agencies') },
      { name: 'POST /v1/agencies/x/keys', role: 'admin', call: () => request(app.http).post('/v1/agencies/x/keys') },
      { name: 'DELETE /v1/agencies/x/keys/y', role: 'admin', call: () => request(app.http).delete('/v1/agencies/x/keys/y') },
      { name: 'GET /v1/catalog', role: 'admin', call: () => request(app.http).get('/v1/catalog') },
      { name: 'GET /v1/units', role: 'admin', call: () => request(app.http).get('/v1/units') },
      {
        name: 'POST /v1/observations',
        role: 'agency',
        call: () =>
          request(app.http)
            .post('/v1/observations?dryRun=true')
            .send({ observations: [observation] }),
      },
      {
        name: 'POST /v1/observations.csv',
        role: 'agency',
        call: () =>
          request(app.http)
            .post('/v1/observations.csv?dryRun=true')
            .set('Content-Type', 'text/csv')
            .send('measure,unit,period,value\nhouseholds.total,31117,2025-Q1,1\n'),
      },
      { name: 'GET /v1/observations', role: 'agency', call: () => request(app.http).get('/v1/observations') },
      { name: 'GET /v1/submissions/x', role: 'agency', call: () => request(app.http).get('/v1/submissions/00000000-0000-0000-0000-000000000000') },
    ];

    it.each(endpoints)('should answer $name with 401 without a key and with a bad key', async ({ call }) => {
      const none = await call();
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('unauthenticated');
      const bad = await call().set('Authorization', 'Bearer dxk_not-a-real-key');
      expect(bad.status).toBe(401);
      const malformed = await call().set('Authorization', 'Basic YWRtaW46YWRtaW4=');
      expect(malformed.status).toBe(401);
    });

    it.each(endpoints)('should let only the right role call $name', async ({ call, role }) => {
      const asAgency = await call().set('Authorization', `Bearer ${agencyKey}`);
      const asAdminToken = await call().set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      const [allowed, refused] = role === 'admin' ? [asAdminToken, asAgency] : [asAgency, asAdminToken];
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect([401, 403]).not.toContain(allowed.status);
    });

    it("should reject observations for another agency's units as out_of_scope", async () => {
      const r = await request(app.http)
        .post('/v1/observations?dryRun=true')
        .set('Authorization', `Bearer ${otherKey}`)
        .send({ observations: [observation] });
      expect(r.status).toBe(422);
      expect(r.body.rejected).toEqual([{ index: 0, code: 'out_of_scope', message: expect.any(String) }]);
    });
  });
});
