import { HierarchyChangedV1 } from '@dx/contracts';
import { IndicatorValue, TWO_LEVEL_VERSION_ID } from '@dx/domain';
import { expectEventually } from '@dx/testing';

import { anObservation, decodeStatusEvents, decodeValues, ScriptedObservation } from '../support/computation-harness.util';
import { ComputationFixture, shippedHierarchy, startComputationFixture, valueKey } from '../support/computation-fixture.util';

// Households of four 2025 wards in 2025-Q3 (SOC-01, a stock: read by Q3, carried into Q4 and the year 2025);
// business "now" is 10 October 2025. Ninh Kiều 31135: 900/1000, Cái Khế 31120: 800/1000, Tân An 31147:
// 700/1000, An Bình 31150: 600/1000, so the city is 3000/4000 = 75 %. Then an administrator replaces the
// 2025-07 version: a new district 999 takes Ninh Kiều and Cái Khế, and An Bình is removed.
describe('A hierarchy version replaced on dx.reference.v1', () => {
  let computation: ComputationFixture;

  const o = (measure: string, unit: string, value: number): ScriptedObservation => anObservation({ measure, unit, period: '2025-Q3', value });

  beforeAll(async () => {
    computation = await startComputationFixture('hierarchy', { env: { DX_CLOCK_NOW: '2025-10-10T00:00:00+07:00' }, collect: ['values', 'status'] });
  });

  afterAll(async () => {
    await computation?.close();
  });

  it('should recompute and publish the values the change reaches, and only those, leaving the removed ward’s values as they were', async () => {
    await computation.apply(
      [
        ['31135', 900],
        ['31120', 800],
        ['31147', 700],
        ['31150', 600],
      ].flatMap(([unit, fibre]) => [o('households.fibre', String(unit), Number(fibre)), o('households.total', String(unit), 1000)]),
    );
    await computation.settled();
    const before = await computation.db.values();
    expect(before.get('SOC-01|92|2025-Q3')).toMatchObject({ value: 75, numerator: 3000, denominator: 4000 });
    const valuesMark = computation.values.messages.length;
    const statusMark = computation.status.messages.length;

    const shipped = shippedHierarchy();
    const units: HierarchyChangedV1['units'] = [
      ...shipped.units
        .filter((u) => u.code !== '31150')
        .map((u) => ({
          ...u,
          formedFrom: u.formedFrom?.map((part) => ({ ...part })),
          parentCode: u.code === '31135' || u.code === '31120' ? '999' : u.parentCode,
        })),
      { code: '999', name: 'Quận Thử Nghiệm', level: 2, parentCode: '92' },
    ];
    await computation.reference.publish({
      contract: HierarchyChangedV1,
      data: { version: TWO_LEVEL_VERSION_ID, effectiveFrom: shipped.effectiveFrom, units, changedAt: new Date().toISOString() },
    });

    await expectEventually(async () => expect(await computation.db.value('SOC-01', '999', '2025-Q3')).toBeDefined(), { timeoutMs: 60_000, intervalMs: 100 });
    await computation.settled();
    const after = await computation.db.values();
    // The new district sums its two wards: 1700/2000; the city loses An Bình: 2400/3000. Both carry Q3 into Q4
    // and the year 2025.
    for (const period of ['2025-Q3', '2025-Q4', '2025']) {
      expect(after.get(`SOC-01|999|${period}`)).toMatchObject({ value: 85, numerator: 1700, denominator: 2000, hierarchyVersion: TWO_LEVEL_VERSION_ID });
      expect(after.get(`SOC-01|92|${period}`)).toMatchObject({ value: 80, numerator: 2400, denominator: 3000 });
    }
    // Nothing else changed: the wards read the same households wherever they sit, and the removed ward's
    // values stay as they were, no longer updated.
    const changed = [...after.keys()].filter((k) => JSON.stringify(after.get(k)) !== JSON.stringify(before.get(k))).sort();
    expect(changed).toEqual(['92', '999'].flatMap((u) => ['2025', '2025-Q3', '2025-Q4'].map((p) => `SOC-01|${u}|${p}`)).sort());
    expect(after.get('SOC-01|31150|2025-Q3')).toEqual(before.get('SOC-01|31150|2025-Q3'));

    // Published: exactly the changed values, as now stored.
    await expectEventually(() => expect(decodeValues(computation.values.messages.slice(valuesMark)).map(valueKey).sort()).toEqual(changed));
    for (const message of decodeValues(computation.values.messages.slice(valuesMark)))
      expect(message).toMatchObject(after.get(valueKey(message)) as IndicatorValue);
    // Status events only about changed values, and one for the new district's first quarter if it is behind.
    const statusKeys = decodeStatusEvents(computation.status.messages.slice(statusMark)).map(({ data }) => valueKey(data));
    expect(statusKeys.every((k) => changed.includes(k))).toBe(true);
    if (['at_risk', 'off_track'].includes(after.get('SOC-01|999|2025-Q3')?.status ?? '')) {
      await expectEventually(() =>
        expect(decodeStatusEvents(computation.status.messages.slice(statusMark)).map(({ data }) => valueKey(data))).toContain('SOC-01|999|2025-Q3'),
      );
    }
  });
});
