import fc from 'fast-check';

import { HierarchyRegistry } from '../units/hierarchy-registry';
import { HierarchyDefinition } from '../units/unit.type';
import { applyReferenceChange, defaultReferenceData, indicatorTargets, ReferenceData } from './reference-data';

// A small version after 2025-07: the city and two wards, Ninh Kiều (31135) formed from itself and Cái Khế (31120).
const version2026 = (units: HierarchyDefinition['units']): HierarchyDefinition => ({ id: '2026-01', effectiveFrom: '2026-01-01', units });
const city = { code: '92', name: 'Thành phố Cần Thơ', level: 1 as const, parentCode: null };

describe('applyReferenceChange', () => {
  let reference: ReferenceData;

  beforeEach(() => {
    reference = defaultReferenceData();
  });

  it('should load a new hierarchy version in force from its effective date and leave the reference it was given as it was', () => {
    const result = applyReferenceChange(reference, {
      kind: 'hierarchy',
      definition: version2026([
        city,
        { code: '31135', name: 'Phường Ninh Kiều', level: 3, parentCode: '92', formedFrom: [{ code: '31135' }, { code: '31120' }] },
        { code: '31147', name: 'Phường Tân An', level: 3, parentCode: '92' },
      ]),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.hierarchies.inForce('2026-01').id).toBe('2026-01');
    expect(result.value.hierarchies.inForce('2025-12').id).toBe('2025-07');
    expect(result.value.hierarchies.predecessors('31135', '2026-01', '2025-07').units.map((u) => u.code)).toEqual(['31135', '31120']);
    expect(reference.hierarchies.version('2026-01')).toBeUndefined();
    expect(reference.hierarchies.inForce('2026-01').id).toBe('2025-07');
  });

  it('should refuse a version whose unit names a parent that does not exist, with the reason in Vietnamese and English', () => {
    const result = applyReferenceChange(reference, {
      kind: 'hierarchy',
      definition: version2026([city, { code: '31117', name: 'Phường Ninh Kiều', level: 3, parentCode: '916' }]),
    });
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'unknown_parent', entry: 'unit 31117' }] });
    expect(!result.ok && result.problems[0].message).toBe(
      'unit 31117: đơn vị cấp trên 916 không có trong phiên bản / parent 916 does not exist in the version',
    );
    expect(reference.hierarchies.version('2026-01')).toBeUndefined();
  });

  it('should refuse duplicate codes, a unit above its parent and formedFrom naming a unit the version before does not have, all at once', () => {
    const duplicates = applyReferenceChange(reference, {
      kind: 'hierarchy',
      definition: version2026([
        city,
        { code: '31117', name: 'Phường Ninh Kiều', level: 3, parentCode: '92' },
        { code: '31117', name: 'Phường Ninh Kiều (bis)', level: 3, parentCode: '92' },
        { code: '31135', name: 'Phường Bình Thủy', level: 1, parentCode: '92' },
      ]),
    });
    expect(!duplicates.ok && duplicates.problems.map((p) => p.code).sort()).toEqual(['duplicate_code', 'level_mismatch']);

    // 31117 (Phường Cái Khế of 2024-11) was merged into Phường Ninh Kiều in July 2025: 2025-07 has no such unit.
    const lineage = applyReferenceChange(reference, {
      kind: 'hierarchy',
      definition: version2026([city, { code: '31135', name: 'Phường Ninh Kiều', level: 3, parentCode: '92', formedFrom: [{ code: '31117' }] }]),
    });
    expect(lineage).toMatchObject({ ok: false, problems: [{ code: 'unknown_predecessor', entry: 'unit 31135' }] });
  });

  it('should refuse to replace a version in a way that strands a unit target, naming the target', () => {
    const ward = { code: '32001', name: 'Phường Tân An Mới', level: 3 as const, parentCode: '92', formedFrom: [{ code: '31147' }] };
    const loaded = applyReferenceChange(reference, { kind: 'hierarchy', definition: version2026([city, ward]) });
    if (!loaded.ok) throw new Error(loaded.problems[0].message);
    const targeted = applyReferenceChange(loaded.value, {
      kind: 'targets',
      indicator: 'SOC-01',
      change: { targets: [{ kind: 'milestone', year: 2027, op: '>=', value: 95, unit: '32001', hierarchyVersion: '2026-01' }] },
    });
    if (!targeted.ok) throw new Error(targeted.problems[0].message);

    const withoutWard = applyReferenceChange(targeted.value, {
      kind: 'hierarchy',
      definition: version2026([city, { code: '31135', name: 'Phường Ninh Kiều', level: 3, parentCode: '92' }]),
    });
    expect(withoutWard).toMatchObject({ ok: false, problems: [{ code: 'unknown_unit', entry: 'target SOC-01 milestone 2027 unit 32001' }] });
    expect(targeted.value.hierarchies.version('2026-01')?.has('32001')).toBe(true);
  });

  it('should replace an indicator’s targets and settings in a new catalogue only', () => {
    const before = indicatorTargets(reference.catalogue, 'SOC-01');
    const result = applyReferenceChange(reference, {
      kind: 'targets',
      indicator: 'SOC-01',
      change: { targets: [{ kind: 'milestone', year: 2030, op: '>=', value: 99, level: 3 }], tolerance: 1, regressionThreshold: 4 },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(indicatorTargets(result.value.catalogue, 'SOC-01')).toEqual({
      indicator: 'SOC-01',
      targets: [{ kind: 'milestone', year: 2030, op: '>=', value: 99, level: 3 }],
      baseline: before?.baseline,
      tolerance: 1,
      regressionThreshold: 4,
    });
    expect(indicatorTargets(reference.catalogue, 'SOC-01')).toEqual(before);
    expect(result.value.hierarchies).toBe(reference.hierarchies);
  });

  it('should refuse a target for a level that no loaded version has once the three-level version is out of the registry', () => {
    const onlyTwoLevel = { catalogue: reference.catalogue, hierarchies: new HierarchyRegistry() };
    expect(onlyTwoLevel.hierarchies.put(reference.hierarchies.version('2025-07')?.definition as HierarchyDefinition).ok).toBe(true);
    const result = applyReferenceChange(onlyTwoLevel, {
      kind: 'targets',
      indicator: 'GOV-04',
      change: { targets: [{ kind: 'milestone', year: 2030, op: '>=', value: 90, level: 2 }] },
    });
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'level_not_in_hierarchy' }] });
  });
});

describe('applyReferenceChange on arbitrary input', () => {
  const reference = defaultReferenceData();
  const code = fc.oneof(fc.constantFrom('92', '916', '31135', '31120', '31117', '32001', '', '9', '123456'), fc.string({ maxLength: 6 }));
  const unit = fc.record(
    {
      code,
      name: fc.oneof(fc.constant('Phường'), fc.string({ maxLength: 4 })),
      level: fc.oneof(fc.constantFrom(1, 2, 3), fc.integer({ min: -1, max: 5 }), fc.double()),
      parentCode: fc.oneof(fc.constant(null), code),
      formedFrom: fc.array(fc.record({ code, provinceCode: fc.constantFrom('92', '93', '94', 'x'), whole: fc.boolean() }, { requiredKeys: ['code'] }), {
        maxLength: 3,
      }),
    },
    { requiredKeys: ['code', 'name', 'level'] },
  );
  const target = fc.record(
    {
      kind: fc.constantFrom('milestone', 'floor', 'other'),
      year: fc.oneof(fc.constantFrom(2020, 2025, 2030), fc.integer({ min: -5, max: 100_000 })),
      fromYear: fc.integer({ min: 1990, max: 2040 }),
      op: fc.constantFrom('>=', '>', '<=', '=', '!='),
      value: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
      level: fc.integer({ min: 0, max: 4 }),
      unit: code,
      hierarchyVersion: fc.constantFrom('2024-11', '2025-07', '2031-01'),
    },
    { requiredKeys: ['kind', 'year', 'op', 'value'] },
  );

  // An admin API answers a refused change with 422; a throw here would be a 500.
  it('should answer every hierarchy version with the version loaded or the reasons, never a throw, leaving the input as it was', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), fc.constantFrom('2026-01-01', '2025-07-01', '2026-02-30', '1999-01-01', 'soon'), (units, effectiveFrom) => {
        const result = applyReferenceChange(reference, { kind: 'hierarchy', definition: { id: '2026-01', effectiveFrom, units: units as never } });
        expect(result.ok || result.problems.length > 0).toBe(true);
        expect(reference.hierarchies.version('2026-01')).toBeUndefined();
      }),
      { numRuns: 300, seed: 10 },
    );
  });

  it('should answer every targets change with the new catalogue or the reasons, never a throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('SOC-01', 'GOV-04', 'ECO-02', 'XYZ-99'),
        fc.array(target, { maxLength: 4 }),
        fc.integer({ min: -2, max: 10 }),
        (indicator, targets, tolerance) => {
          const result = applyReferenceChange(reference, { kind: 'targets', indicator, change: { targets: targets as never, tolerance } });
          expect(result.ok || result.problems.length > 0).toBe(true);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
