import { InvalidDefinitionError } from '../shared/invalid-definition.exception';
import { HierarchyRegistry } from './hierarchy-registry';
import { loadHierarchy } from './unit-hierarchy';
import { AdministrativeUnit } from './unit.type';

const unit = (code: string, level: 1 | 2 | 3, parentCode: string | null): AdministrativeUnit => ({ code, name: `Unit ${code}`, level, parentCode });

describe('UnitHierarchy', () => {
  const canTho = HierarchyRegistry.withDefaults().version('2024-11');
  if (!canTho) throw new Error('the three-level version ships with the library');

  it('should hold the city, 9 districts and 80 communes when the 2024-11 version is loaded', () => {
    expect(canTho.root.code).toBe('92');
    expect(canTho.unitsAtLevel(1)).toHaveLength(1);
    expect(canTho.unitsAtLevel(2)).toHaveLength(9);
    expect(canTho.unitsAtLevel(3)).toHaveLength(80);
    expect(canTho.units).toHaveLength(90);
    expect(canTho.effectiveFrom).toBe('2024-11-01');
  });

  it('should navigate Ninh Kiều and its wards when asked for relatives', () => {
    const ninhKieu = canTho.children('916');
    expect(canTho.get('916')?.name).toBe('Quận Ninh Kiều');
    expect(canTho.parent('916')?.code).toBe('92');
    expect(canTho.parent('92')).toBeUndefined();
    expect(ninhKieu.every((w) => w.level === 3 && w.parentCode === '916')).toBe(true);
    const ward = ninhKieu[0].code;
    expect(canTho.ancestors(ward).map((u) => u.code)).toEqual(['916', '92']);
    expect(canTho.level(ward)).toBe(3);
    expect(canTho.isDescendantOf(ward, '92')).toBe(true);
    expect(canTho.isDescendantOf(ward, '917')).toBe(false);
    expect(canTho.isDescendantOf('92', '92')).toBe(false);
    expect(canTho.descendants('92')).toHaveLength(89);
    expect(canTho.descendants('916')).toHaveLength(ninhKieu.length);
  });

  it('should give no children or descendants when the unit has no children', () => {
    const h = loadHierarchy({ id: 't', effectiveFrom: '2024-11-01', units: [unit('92', 1, null), unit('916', 2, '92')] });
    expect(h.children('916')).toEqual([]);
    expect(h.descendants('916')).toEqual([]);
  });

  it('should order children by code whatever order the file lists them in', () => {
    const h = loadHierarchy({
      id: 't',
      effectiveFrom: '2024-11-01',
      units: [unit('918', 2, '92'), unit('92', 1, null), unit('916', 2, '92'), unit('917', 2, '92')],
    });
    expect(h.children('92').map((u) => u.code)).toEqual(['916', '917', '918']);
  });

  it('should throw when asked about a code that is not in the version', () => {
    expect(canTho.get('31999')).toBeUndefined();
    expect(() => canTho.level('31999')).toThrow(RangeError);
  });

  it.each<[string, AdministrativeUnit[], string, string]>([
    ['an unknown parent', [unit('92', 1, null), unit('916', 2, '99')], 'unknown_parent', 'unit 916'],
    ['a duplicate code', [unit('92', 1, null), unit('916', 2, '92'), unit('916', 2, '92')], 'duplicate_code', 'unit 916'],
    ['a cycle', [unit('92', 1, null), unit('916', 2, '917'), unit('917', 2, '916')], 'cycle', 'unit 916'],
    ['a child above its parent', [unit('92', 1, null), unit('31117', 3, '92'), unit('916', 2, '31117')], 'level_mismatch', 'unit 916'],
    ['a commune without a parent', [unit('92', 1, null), unit('31117', 3, null)], 'level_mismatch', 'unit 31117'],
    ['two roots', [unit('92', 1, null), unit('93', 1, null)], 'invalid_version', 'hierarchy t'],
    ['a level outside 1-3', [unit('92', 1, null), { ...unit('916', 2, '92'), level: 4 as never }], 'invalid_level', 'unit 916'],
  ])('should reject the version when it has %s', (_case, units, code, entry) => {
    expect(() => loadHierarchy({ id: 't', effectiveFrom: '2024-11-01', units })).toThrow(InvalidDefinitionError);
    try {
      loadHierarchy({ id: 't', effectiveFrom: '2024-11-01', units });
    } catch (error) {
      expect((error as InvalidDefinitionError).code).toBe(code);
      expect((error as InvalidDefinitionError).entry).toBe(entry);
    }
  });

  it('should reject the version when its effective date is not an ISO date', () => {
    expect(() => loadHierarchy({ id: 't', effectiveFrom: '01/07/2025', units: [unit('92', 1, null)] })).toThrow(/effectiveFrom/);
  });
});
