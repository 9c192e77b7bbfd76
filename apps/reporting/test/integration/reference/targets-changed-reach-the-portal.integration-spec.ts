import request from 'supertest';

import { TargetsChangedV1 } from '@dx/contracts';
import { expectEventually } from '@dx/testing';

import { aComputedValue, ReportingFixture, startReportingFixture } from '../support/reporting-harness.util';

// SOC-01's 2025 milestone is "> 90" in the plan; an administrator raises it to ">= 99" through ingestion,
// which publishes the indicator's targets whole on dx.reference.v1 (as here).
const RAISED: TargetsChangedV1 = {
  indicator: 'SOC-01',
  targets: [
    { kind: 'milestone', year: 2025, op: '>=', value: 99 },
    { kind: 'milestone', year: 2030, op: '>=', value: 100 },
  ],
  baseline: { year: 2020 },
  tolerance: 5,
  regressionThreshold: 2,
  changedAt: new Date().toISOString(),
};
const milestone2025 = (targets: Array<{ year: number; op: string; value: number }>) => targets.filter((t) => t.year === 2025).map((t) => `${t.op} ${t.value}`);

describe('Targets changed on dx.reference.v1', () => {
  let reporting: ReportingFixture;
  const series = () => request(reporting.http).get('/v1/indicators/SOC-01/series').query({ unit: '31117', version: '2024-11' });

  beforeAll(async () => {
    reporting = await startReportingFixture('reference');
    await reporting.feed.values([aComputedValue({ indicator: 'SOC-01', unit: '31117', period: '2025-Q2' })]);
    await expectEventually(async () => expect((await series()).body.points).toHaveLength(1), { timeoutMs: 30_000 });
  });

  afterAll(async () => {
    await reporting?.close();
  });

  it('should show the new targets in the catalogue and in a series answered before the change', async () => {
    expect(milestone2025((await request(reporting.http).get('/v1/indicators/SOC-01')).body.targets)).toEqual(['> 90']);
    expect(milestone2025((await series()).body.targets)).toEqual(['> 90']);

    await reporting.feed.publish([{ contract: TargetsChangedV1, data: RAISED }]);

    await expectEventually(async () => expect(milestone2025((await request(reporting.http).get('/v1/indicators/SOC-01')).body.targets)).toEqual(['>= 99']), {
      timeoutMs: 30_000,
    });
    // The series' answer was kept until the read model changed: the reference change dropped it.
    expect(milestone2025((await series()).body.targets)).toEqual(['>= 99']);
  });

  it('should read the changed targets before answering after a restart', async () => {
    await reporting.restart();
    expect(milestone2025((await request(reporting.http).get('/v1/indicators/SOC-01')).body.targets)).toEqual(['>= 99']);
  });
});
