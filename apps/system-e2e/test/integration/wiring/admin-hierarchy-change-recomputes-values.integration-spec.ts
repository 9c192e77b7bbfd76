import request from 'supertest';

import { TWO_LEVEL_VERSION_ID } from '@dx/domain';
import { expectEventually } from '@dx/testing';

import { shippedHierarchy } from '../../../../computation/test/integration/support/computation-fixture.util';
import { INGESTION_ADMIN_TOKEN, Pipeline, startPipeline } from '../support/pipeline.util';

// A hierarchy end to end: an administrator replaces the 2025 version through ingestion's API, putting
// Phường Ninh Kiều (31135) and Phường Cái Khế (31120) under a new district 999 → dx.reference.v1 →
// computation publishes the district's values from the wards' households, and the city's are unchanged.
describe('A hierarchy version replaced through the admin API', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ name: 'hierarchy' });
    await pipeline.collectValues();
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('should publish the new district’s value of the wards it takes, once the version is replaced', async () => {
    const db = pipeline.computationDb;
    await pipeline.createAgency();
    // 2025-Q3 is in the 2025 version: Ninh Kiều 900 of 1,000 households, Cái Khế 700 of 1,000.
    await pipeline.submit([
      { measure: 'households.total', unit: '31135', period: '2025-Q3', value: 1000 },
      { measure: 'households.fibre', unit: '31135', period: '2025-Q3', value: 900 },
      { measure: 'households.total', unit: '31120', period: '2025-Q3', value: 1000 },
      { measure: 'households.fibre', unit: '31120', period: '2025-Q3', value: 700 },
    ]);
    await expectEventually(async () => expect(await db.value('SOC-01', '92', '2025-Q3')).toMatchObject({ value: 80, numerator: 1600, denominator: 2000 }), {
      timeoutMs: 60_000,
    });
    const city = await db.value('SOC-01', '92', '2025-Q3');

    const shipped = shippedHierarchy();
    const replaced = await request(pipeline.ingestion.http)
      .put(`/v1/hierarchies/${TWO_LEVEL_VERSION_ID}`)
      .set('Authorization', `Bearer ${INGESTION_ADMIN_TOKEN}`)
      .send({
        effectiveFrom: shipped.effectiveFrom,
        units: [
          ...shipped.units.map((u) => (u.code === '31135' || u.code === '31120' ? { ...u, parentCode: '999' } : u)),
          { code: '999', name: 'Quận Thử Nghiệm', level: 2, parentCode: '92' },
        ],
      });
    expect(replaced.status).toBe(200);

    // (900 + 700) / (1,000 + 1,000) = 80 %.
    const published = await pipeline.eventuallyPublished((v) => v.indicator === 'SOC-01' && v.unit === '999' && v.period === '2025-Q3');
    expect(published).toMatchObject({ value: 80, numerator: 1600, denominator: 2000, hierarchyVersion: TWO_LEVEL_VERSION_ID });
    expect(await db.value('SOC-01', '92', '2025-Q3')).toMatchObject({ value: city?.value, numerator: 1600, denominator: 2000 });
  });
});
