import request from 'supertest';

import { expectEventually } from '@dx/testing';

import { INGESTION_ADMIN_TOKEN, Pipeline, startPipeline } from '../support/pipeline.util';

// Reference data end to end: an administrator raises SOC-01's 2025 milestone through ingestion's API →
// dx.reference.v1 → computation recomputes the ward's value and publishes it with the new target.
describe('A target changed through the admin API', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ name: 'reference' });
    await pipeline.collectValues();
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('should recompute and publish the ward’s value with the new target and status', async () => {
    await pipeline.createAgency();
    // 950 of 1,000 households: 95 %, achieved against the plan's "> 90" for 2025.
    await pipeline.submit([
      { measure: 'households.total', unit: '31117', period: '2025-Q2', value: 1000 },
      { measure: 'households.fibre', unit: '31117', period: '2025-Q2', value: 950 },
    ]);
    await expectEventually(
      async () => expect(await pipeline.computationDb.value('SOC-01', '31117', '2025-Q2')).toMatchObject({ value: 95, status: 'achieved' }),
      {
        timeoutMs: 60_000,
      },
    );

    const changed = await request(pipeline.ingestion.http)
      .put('/v1/catalog/targets/SOC-01')
      .set('Authorization', `Bearer ${INGESTION_ADMIN_TOKEN}`)
      .send({
        targets: [
          { kind: 'milestone', year: 2025, op: '>=', value: 99 },
          { kind: 'milestone', year: 2030, op: '>=', value: 100 },
        ],
        tolerance: 5,
      });
    expect(changed.status).toBe(200);

    // 95 against ">= 99", 4 behind with a tolerance of 5: at_risk.
    const published = await pipeline.eventuallyPublished(
      (v) => v.indicator === 'SOC-01' && v.unit === '31117' && v.period === '2025-Q2' && v.target?.value === 99,
    );
    expect(published).toMatchObject({ value: 95, target: { year: 2025, op: '>=', value: 99 }, expected: 99, status: 'at_risk' });
  });
});
