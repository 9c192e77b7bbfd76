import { expectEventually } from '@dx/testing';

import { Pipeline, startPipeline } from '../support/pipeline.util';

// The first half of the platform end to end: an agency's HTTP submission → ingestion's outbox → the real
// broker → computation → an indicator value on dx.indicator-values.v1.
describe('An agency submission becoming an indicator value', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ name: 'submission' });
    await pipeline.collectValues();
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('should publish the fibre share of a commune, its district and the city after one submission', async () => {
    await pipeline.createAgency();
    await pipeline.submit([
      { measure: 'households.total', unit: '31117', period: '2025-Q2', value: 5000 },
      { measure: 'households.fibre', unit: '31117', period: '2025-Q2', value: 4600 },
    ]);

    // 4600 / 5000 = 92 % for the commune, and (being the only reporter) for Ninh Kiều and the city.
    await expectEventually(
      () => {
        const latest = new Map<string, number | null>();
        for (const value of pipeline.publishedValues()) {
          if (value.indicator === 'SOC-01' && value.period === '2025-Q2') latest.set(value.unit, value.value);
        }
        expect(Object.fromEntries(latest)).toEqual({ '31117': 92, '916': 92, '92': 92 });
      },
      { timeoutMs: 30_000 },
    );
  });
});
