import { HierarchyChangedV1 } from '@dx/contracts';
import { TWO_LEVEL_VERSION_ID } from '@dx/domain';
import { expectEventually } from '@dx/testing';

import { anObservation, ScriptedObservation } from '../support/computation-harness.util';
import { ComputationFixture, shippedHierarchy, startComputationFixture } from '../support/computation-fixture.util';

// Code 31120 is Phường An Hòa (in Quận Ninh Kiều, 916) in the three-level version and Phường Cái Khế (formed
// from 31117, 31120 and part of 31178) in the 2025 one. An Hòa reports its households for 2025-Q2; then an
// administrator moves the 2025 version's effective date to 1 April, so 2025-Q2 is read in the 2025 version.
// Business "now" is 10 October 2025.
describe('An effective date moved on dx.reference.v1', () => {
  let computation: ComputationFixture;

  const o = (measure: string, period: string, value: number): ScriptedObservation => anObservation({ measure, unit: '31120', period, value });

  beforeAll(async () => {
    computation = await startComputationFixture('redate', { env: { DX_CLOCK_NOW: '2025-10-10T00:00:00+07:00' } });
  });

  afterAll(async () => {
    await computation?.close();
  });

  it('should keep each fact in the version it was applied in, so the new ward never reads the old ward of its code as its own', async () => {
    await computation.apply([o('households.fibre', '2025-Q2', 500), o('households.total', '2025-Q2', 1000)]);
    await computation.settled();
    const versions = async () =>
      (await computation.db.client.query(`SELECT measure, period, hierarchy_version AS version FROM computation.observation_fact ORDER BY measure, period`))
        .rows;
    expect(await versions()).toEqual([
      { measure: 'households.fibre', period: '2025-Q2', version: '2024-11' },
      { measure: 'households.total', period: '2025-Q2', version: '2024-11' },
    ]);
    const district = await computation.db.value('SOC-01', '916', '2025-Q2');
    expect(district).toMatchObject({ value: 50, hierarchyVersion: '2024-11' });

    const shipped = shippedHierarchy();
    const units: HierarchyChangedV1['units'] = shipped.units.map((u) => ({ ...u, formedFrom: u.formedFrom?.map((part) => ({ ...part })) }));
    await computation.reference.publish({
      contract: HierarchyChangedV1,
      data: { version: TWO_LEVEL_VERSION_ID, effectiveFrom: '2025-04-01', units, changedAt: new Date().toISOString() },
    });

    // 2025-Q2 is now Cái Khế's, and Cái Khế reported nothing for it: An Hòa's households, applied in the
    // three-level version for a period that version no longer has, are never read as Cái Khế's own report.
    await expectEventually(async () => expect((await computation.db.value('SOC-01', '31120', '2025-Q2'))?.hierarchyVersion).toBe(TWO_LEVEL_VERSION_ID), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    const ward = await computation.db.value('SOC-01', '31120', '2025-Q2');
    expect(ward).toMatchObject({ value: null, status: 'no_data' });
    expect(ward?.numerator).toBeUndefined();
    // The facts keep their version; the old district's value of a period no longer its version's is left as it was.
    expect(await versions()).toEqual([
      { measure: 'households.fibre', period: '2025-Q2', version: '2024-11' },
      { measure: 'households.total', period: '2025-Q2', version: '2024-11' },
    ]);
    expect(await computation.db.value('SOC-01', '916', '2025-Q2')).toEqual(district);
  });
});
