import { HierarchyChangedV1, TargetsChangedV1 } from '@dx/contracts';

import { applyReferenceChange, CurrentReferenceData, defaultReferenceData, indicatorTargets, KEPT_CHANGES, referenceChangeOf } from './reference-data';

// The contracts' payloads are what dx.reference.v1 carries: typed as such, they must fit the domain's shape.
describe('referenceChangeOf', () => {
  it('should turn a targets change into the domain change of that indicator, settings included', () => {
    const data: TargetsChangedV1 = {
      indicator: 'SOC-01',
      targets: [{ kind: 'milestone', year: 2025, op: '>=', value: 99 }],
      baseline: { year: 2020 },
      tolerance: 5,
      regressionThreshold: 2,
      changedAt: '2026-12-04T00:00:00.000Z',
    };
    expect(referenceChangeOf(data)).toEqual({
      kind: 'targets',
      indicator: 'SOC-01',
      change: { targets: data.targets, baseline: { year: 2020 }, tolerance: 5, regressionThreshold: 2 },
    });
  });

  it('should turn a hierarchy change into a version the domain loads under the event’s version id', () => {
    const data: HierarchyChangedV1 = {
      version: '2026-01',
      effectiveFrom: '2026-01-01',
      units: [
        { code: '92', name: 'Thành phố Cần Thơ', level: 1, parentCode: null },
        { code: '31135', name: 'Phường Ninh Kiều', level: 3, parentCode: '92', formedFrom: [{ code: '31135' }, { code: '31120' }] },
      ],
      changedAt: '2026-12-04T00:00:00.000Z',
    };
    const result = applyReferenceChange(defaultReferenceData(), referenceChangeOf(data));
    expect(result.ok && result.value.hierarchies.inForce('2026-02').units.map((u) => u.code)).toEqual(['92', '31135']);
  });
});

describe('CurrentReferenceData', () => {
  const soc01 = (value: number) => {
    const current = indicatorTargets(defaultReferenceData().catalogue, 'SOC-01');
    if (!current) throw new Error('SOC-01 is in the plan');
    return {
      kind: 'targets' as const,
      indicator: 'SOC-01',
      change: { ...current, targets: [{ kind: 'milestone' as const, year: 2025, op: '>=' as const, value }] },
    };
  };

  it('should swap in each accepted change and tell its listeners, keeping the value work started with', () => {
    const reference = new CurrentReferenceData();
    const before = reference.reference;
    let told = 0;
    reference.onChange(() => (told += 1));

    expect(reference.apply(soc01(99))).toEqual([]);

    expect(told).toBe(1);
    expect(reference.catalogue.indicator('SOC-01')?.targets.map((t) => t.value)).toEqual([99]);
    expect(before.catalogue.indicator('SOC-01')?.targets.map((t) => t.value)).not.toEqual([99]);
  });

  it('should keep the current value and tell nobody when a change is refused', () => {
    const reference = new CurrentReferenceData();
    let told = 0;
    const stop = reference.onChange(() => (told += 1));
    const before = reference.reference;

    expect(reference.apply({ ...soc01(99), indicator: 'NOPE-99' }).length).toBeGreaterThan(0);
    stop();
    expect(reference.apply(soc01(98))).toEqual([]);

    expect(told).toBe(0);
    expect(reference.reference).not.toBe(before);
  });

  it('should remember the reference data just before and after each change applied at a position, and forget the oldest', () => {
    const reference = new CurrentReferenceData();
    const first = reference.reference;
    reference.apply(soc01(99), '7');
    const second = reference.reference;
    reference.apply(soc01(98), '8');
    reference.apply({ ...soc01(97), indicator: 'NOPE-99' }, '9');

    expect(reference.changeAt('7')).toMatchObject({ before: first, after: second });
    expect(reference.changeAt('8')?.before).toBe(second);
    expect(reference.changeAt('8')?.after).toBe(reference.reference);
    expect(reference.changeAt('9')).toBeUndefined(); // refused: nothing applied there
    for (let at = 10; at < 10 + KEPT_CHANGES; at++) reference.apply(soc01(90), String(at));
    expect(reference.changeAt('7')).toBeUndefined();
    expect(reference.changeAt('8')).toBeUndefined();
    expect(reference.changeAt(String(10 + KEPT_CHANGES - 1))).toBeDefined();
  });
});
