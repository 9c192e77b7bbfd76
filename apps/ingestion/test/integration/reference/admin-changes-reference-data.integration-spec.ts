import { Client } from 'pg';
import request from 'supertest';

import { CONTRACTS_BY_TOPIC, decodeEvent, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, MessageCollector } from '@dx/testing';

import { ADMIN_TOKEN, IngestionTestApp, startIngestion } from '../ingestion-test-app';

// A version after 2025-07: the city, Phường Ninh Kiều (31135) formed from itself and Phường Cái Khế (31120),
// and a new ward 32001 formed from Phường Tân An (31147) of 2025-07.
const city = { code: '92', name: 'Thành phố Cần Thơ', type: 'Thành phố Trung ương', level: 1, parentCode: null };
const version2026 = {
  effectiveFrom: '2026-01-01',
  source: 'integration test',
  units: [
    city,
    { code: '31135', name: 'Phường Ninh Kiều', type: 'Phường', level: 3, parentCode: '92', formedFrom: [{ code: '31135' }, { code: '31120' }] },
    { code: '32001', name: 'Phường Tân An Mới', type: 'Phường', level: 3, parentCode: '92', formedFrom: [{ code: '31147' }] },
  ],
};

describe('Reference data changed by an administrator at run time', () => {
  let app: IngestionTestApp;
  let db: Client;
  let reference: MessageCollector;

  const asAdmin = (r: request.Test) => r.set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  const published = () =>
    reference.messages.map((m) => {
      const decoded = decodeEvent(CONTRACTS_BY_TOPIC[TOPICS.reference], m.value);
      if (!decoded.ok) throw decoded.error;
      return { key: m.key, type: decoded.event.type, data: decoded.event.data as unknown as Record<string, unknown> };
    });
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ingestion.${table}`)).rows[0].n;

  beforeAll(async () => {
    app = await startIngestion();
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    reference = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.reference}`);
  });

  afterAll(async () => {
    await reference?.stop();
    await db?.end();
    await app?.close();
  });

  it('should refuse a hierarchy with a dangling parent with 422 and the reason, storing and publishing nothing', async () => {
    const before = await asAdmin(request(app.http).get('/v1/hierarchies'));
    const dangling = { ...version2026, units: [city, { code: '31135', name: 'Phường Ninh Kiều', level: 3, parentCode: '916' }] };

    const response = await asAdmin(request(app.http).put('/v1/hierarchies/2026-01')).send(dangling);

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('invalid_hierarchy');
    expect(response.body.error.details).toEqual([
      {
        code: 'unknown_parent',
        entry: 'unit 31135',
        message: 'unit 31135: đơn vị cấp trên 916 không có trong phiên bản / parent 916 does not exist in the version',
      },
    ]);
    expect(await count('hierarchy_version')).toBe(0);
    expect(await count('outbox_event')).toBe(0);
    expect((await asAdmin(request(app.http).get('/v1/hierarchies'))).body).toEqual(before.body);
    expect((await asAdmin(request(app.http).get('/v1/units?version=2026-01'))).status).toBe(404);
  });

  it('should refuse a valid version too large for one dx.reference.v1 message with 413, changing nothing', async () => {
    // 4,000 wards under the city, each formed from a ward of 2025-07 with a long name: about 1 MB as an event.
    const wards2025 = (await asAdmin(request(app.http).get('/v1/units?version=2025-07&level=3'))).body.units.map((u: { code: string }) => u.code);
    const units = [
      city,
      ...Array.from({ length: 4000 }, (_, i) => ({
        code: String(40000 + i),
        name: `Phường số ${i} ${'x'.repeat(120)}`,
        level: 3,
        parentCode: '92',
        formedFrom: [{ code: wards2025[i % wards2025.length], name: 'y'.repeat(60), whole: false }],
      })),
    ];
    const response = await asAdmin(request(app.http).put('/v1/hierarchies/2027-01')).send({ effectiveFrom: '2027-01-01', units });
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('too large for one message') });
    expect(await count('hierarchy_version')).toBe(0);
    expect(await count('outbox_event')).toBe(0);
  });

  it('should refuse a target for a unit its version does not have with 422, and an unknown indicator with 404', async () => {
    const before = (await asAdmin(request(app.http).get('/v1/catalog'))).body.targets;
    const response = await asAdmin(request(app.http).put('/v1/catalog/targets/SOC-01')).send({
      targets: [{ kind: 'milestone', year: 2030, op: '>=', value: 95, unit: '31117', hierarchyVersion: '2025-07' }],
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'invalid_targets', details: [{ code: 'unknown_unit' }] });
    expect((await asAdmin(request(app.http).put('/v1/catalog/targets/SOC-99')).send({ targets: [] })).status).toBe(404);
    expect((await asAdmin(request(app.http).put('/v1/catalog/targets/SOC-01')).send({ targets: 'all' })).status).toBe(400);
    expect(await count('indicator_targets')).toBe(0);
    expect((await asAdmin(request(app.http).get('/v1/catalog'))).body.targets).toEqual(before);
  });

  it('should store and publish a targets change on dx.reference.v1 keyed by indicator, and answer with the new definition', async () => {
    const targets = [
      { kind: 'milestone', year: 2025, op: '>=', value: 70, level: 3 },
      { kind: 'milestone', year: 2030, op: '>=', value: 99, level: 3 },
    ];
    const response = await asAdmin(request(app.http).put('/v1/catalog/targets/SOC-01')).send({ targets, tolerance: 2 });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: 'SOC-01', targets, tolerance: 2 });
    await expectEventually(() => expect(published().filter((m) => m.key === 'targets:SOC-01')).toHaveLength(1));
    const [message] = published().filter((m) => m.key === 'targets:SOC-01');
    expect(message.type).toBe('vn.cantho.dx.reference.targets.changed.v1');
    expect(message.data).toMatchObject({
      indicator: 'SOC-01',
      targets,
      tolerance: 2,
      regressionThreshold: response.body.regressionThreshold,
      baseline: response.body.baseline,
    });
    const catalog = (await asAdmin(request(app.http).get('/v1/catalog'))).body;
    expect(catalog.targets.filter((t: { indicator: string }) => t.indicator === 'SOC-01')).toEqual(targets.map((t) => ({ ...t, indicator: 'SOC-01' })));
  });

  it('should load a hierarchy version that observations are checked against at once, list its units and publish it', async () => {
    const response = await asAdmin(request(app.http).put('/v1/hierarchies/2026-01')).send(version2026);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: '2026-01', effectiveFrom: '2026-01-01', active: true });
    expect(response.body.units.map((u: { code: string }) => u.code)).toEqual(['92', '31135', '32001']);

    const listed = (await asAdmin(request(app.http).get('/v1/hierarchies'))).body.map((v: { version: string; effectiveFrom: string }) => [
      v.version,
      v.effectiveFrom,
    ]);
    expect(listed).toEqual([
      ['2024-11', '2024-11-01'],
      ['2025-07', '2025-07-01'],
      ['2026-01', '2026-01-01'],
    ]);
    const wards = (await asAdmin(request(app.http).get('/v1/units?version=2026-01&level=3&parent=92'))).body;
    expect(wards.units.map((u: { code: string }) => u.code)).toEqual(['31135', '32001']);
    const districts = (await asAdmin(request(app.http).get('/v1/units?version=2024-11&level=2'))).body;
    expect(districts.units).toHaveLength(9);
    expect((await asAdmin(request(app.http).get('/v1/units?version=2026-01&parent=916'))).status).toBe(404);

    await expectEventually(() => expect(published().filter((m) => m.key === 'hierarchy:2026-01')).toHaveLength(1));
    expect(published().find((m) => m.key === 'hierarchy:2026-01')?.data).toMatchObject({
      version: '2026-01',
      effectiveFrom: '2026-01-01',
      units: version2026.units,
    });

    // 32001 exists only from 2026-01: accepted for 2026, unknown in 2025's version.
    const { apiKey } = await app.createAgency({ measures: ['households.*'], units: ['92'] });
    const submit = (period: string) =>
      request(app.http)
        .post('/v1/observations?dryRun=true')
        .set('Authorization', `Bearer ${apiKey}`)
        .send({ observations: [{ measure: 'households.total', unit: '32001', period, value: 1200 }] });
    expect((await submit('2026-Q1')).body).toMatchObject({ accepted: 1, rejected: [] });
    expect((await submit('2025-Q4')).body.rejected).toEqual([expect.objectContaining({ code: 'unknown_unit' })]);
  });

  it('should let another running instance check against a change made on this one', async () => {
    const other = await startIngestion({ DATABASE_URL: app.databaseUrl, KAFKA_TOPIC_PREFIX: app.topicPrefix });
    try {
      const response = await asAdmin(request(app.http).put('/v1/catalog/targets/SOC-02')).send({
        targets: [{ kind: 'milestone', year: 2030, op: '>=', value: 100 }],
      });
      expect(response.status).toBe(200);
      await expectEventually(async () => {
        const catalog = (await asAdmin(request(other.http).get('/v1/catalog'))).body;
        expect(catalog.targets.filter((t: { indicator: string }) => t.indicator === 'SOC-02')).toEqual([
          { kind: 'milestone', year: 2030, op: '>=', value: 100, indicator: 'SOC-02' },
        ]);
      });
    } finally {
      await other.service.close();
    }
  });

  it('should find the stored changes after a restart', async () => {
    const restarted = await startIngestion({ DATABASE_URL: app.databaseUrl, KAFKA_TOPIC_PREFIX: app.topicPrefix });
    try {
      const catalog = (await asAdmin(request(restarted.http).get('/v1/catalog'))).body;
      expect(catalog.indicators.find((i: { code: string }) => i.code === 'SOC-01').tolerance).toBe(2);
      expect(catalog.targets.filter((t: { indicator: string }) => t.indicator === 'SOC-01').map((t: { value: number }) => t.value)).toEqual([70, 99]);
      expect((await asAdmin(request(restarted.http).get('/v1/units?version=2026-01'))).body.units).toHaveLength(3);
    } finally {
      await restarted.service.close();
    }
  });
});
