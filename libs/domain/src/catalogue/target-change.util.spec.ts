import { HierarchyRegistry, TWO_LEVEL_VERSION_ID } from '../units/hierarchy-registry';
import { DEFAULT_CATALOGUE } from './default-catalogue.constant';
import { validateTargetChange } from './target-change.util';

describe('validateTargetChange', () => {
  const registry = HierarchyRegistry.withDefaults();

  it('should replace the targets, baseline and tolerance of one indicator when the change is valid', () => {
    const result = validateTargetChange(DEFAULT_CATALOGUE, registry, 'GOV-04', {
      targets: [
        { kind: 'milestone', year: 2030, op: '>=', value: 100, level: 1 },
        { kind: 'milestone', year: 2030, op: '>=', value: 85, level: 3 },
        { kind: 'milestone', year: 2027, op: '>=', value: 90, unit: '31135', hierarchyVersion: TWO_LEVEL_VERSION_ID },
      ],
      baseline: { year: 2024 },
      tolerance: 3,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.indicator('GOV-04')).toMatchObject({ baseline: { year: 2024 }, tolerance: 3, regressionThreshold: 2 });
    expect(result.value.indicator('GOV-04')?.targets).toHaveLength(3);
    expect(result.value.indicator('SOC-01')?.targets).toEqual(DEFAULT_CATALOGUE.indicator('SOC-01')?.targets);
    // The catalogue given is a value: unchanged.
    expect(DEFAULT_CATALOGUE.indicator('GOV-04')?.tolerance).toBe(5);
  });

  it('should refuse a target for a level that no loaded version has', () => {
    // A registry holding only the two-level version: no district (level 2) exists anywhere.
    const twoLevelOnly = new HierarchyRegistry();
    const loaded = twoLevelOnly.put(registry.version(TWO_LEVEL_VERSION_ID)?.definition as never);
    expect(loaded.ok).toBe(true);
    const result = validateTargetChange(DEFAULT_CATALOGUE, twoLevelOnly, 'GOV-04', {
      targets: [{ kind: 'milestone', year: 2030, op: '>=', value: 90, level: 2 }],
    });
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'level_not_in_hierarchy', entry: 'target GOV-04 milestone 2030 level 2' }] });
    expect(!result.ok && result.problems[0].text).toEqual({
      vi: 'không phiên bản danh mục hành chính nào đã nạp có đơn vị cấp 2',
      en: 'no loaded hierarchy version has level-2 units',
    });
  });

  it('should give every reason at once when several targets are wrong', () => {
    const result = validateTargetChange(DEFAULT_CATALOGUE, registry, 'ECO-01', {
      targets: [
        // No such ward in 2025-07 (31123 was merged into Phường Ninh Kiều).
        { kind: 'milestone', year: 2027, op: '>=', value: 95, unit: '31123', hierarchyVersion: TWO_LEVEL_VERSION_ID },
        // The digital-economy share is computed for the city only, not for a district.
        { kind: 'milestone', year: 2027, op: '>=', value: 95, unit: '916', hierarchyVersion: '2024-11' },
        { kind: 'milestone', year: 2027, op: '>=', value: 95, unit: '31135', hierarchyVersion: '2031-01' },
      ],
      tolerance: -1,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.code)).toEqual(['invalid_threshold', 'unknown_unit', 'invalid_target', 'unknown_version']);
  });

  it('should refuse an unknown indicator', () => {
    expect(validateTargetChange(DEFAULT_CATALOGUE, registry, 'SOC-99', { targets: [] })).toMatchObject({
      ok: false,
      problems: [{ code: 'unknown_indicator' }],
    });
  });
});
