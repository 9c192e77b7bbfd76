import { InvalidDefinitionError } from '../shared/invalid-definition.exception';
import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from './hierarchy-registry';

describe('HierarchyRegistry', () => {
  it.each(['2019', '2024-Q3', '2025-06', '2025-07', '2025', '2030-Q4'])(
    'should keep the three-level version in force for %s when nothing else is activated',
    (period) => {
      expect(HierarchyRegistry.withDefaults().inForce(period).id).toBe(THREE_LEVEL_VERSION_ID);
    },
  );

  it.each([
    ['2024', THREE_LEVEL_VERSION_ID],
    ['2025-Q2', THREE_LEVEL_VERSION_ID],
    ['2025-06', THREE_LEVEL_VERSION_ID],
    ['2025-07', TWO_LEVEL_VERSION_ID],
    ['2025-Q3', TWO_LEVEL_VERSION_ID],
    // A year belongs to the structure in force on its last day, the one its reports are made by.
    ['2025', TWO_LEVEL_VERSION_ID],
    ['2026-01', TWO_LEVEL_VERSION_ID],
  ])('should put %s under version %s when the 2025 version is activated', (period, version) => {
    const registry = HierarchyRegistry.withDefaults();
    registry.activate(TWO_LEVEL_VERSION_ID);
    expect(registry.inForce(period).id).toBe(version);
  });

  it('should fall back to the three-level version when the 2025 version is deactivated again', () => {
    const registry = HierarchyRegistry.withDefaults();
    registry.activate(TWO_LEVEL_VERSION_ID);
    registry.deactivate(TWO_LEVEL_VERSION_ID);
    expect(registry.inForce('2025-Q3').id).toBe(THREE_LEVEL_VERSION_ID);
    expect(registry.isActive(TWO_LEVEL_VERSION_ID)).toBe(false);
  });

  it('should load the two-level version with 103 communes directly under the city when shipped', () => {
    const v = HierarchyRegistry.withDefaults().version(TWO_LEVEL_VERSION_ID);
    expect(v?.unitsAtLevel(3)).toHaveLength(103);
    expect(v?.unitsAtLevel(2)).toHaveLength(0);
    expect(v?.parent('31135')?.code).toBe('92');
  });

  it('should refuse a second version with the same id or an unknown activation when loading', () => {
    const registry = HierarchyRegistry.withDefaults();
    expect(() => registry.load({ id: THREE_LEVEL_VERSION_ID, effectiveFrom: '2024-11-01', units: [{ code: '92', name: 'x', level: 1, parentCode: null }] })).toThrow(
      InvalidDefinitionError,
    );
    expect(() => registry.activate('2030-01')).toThrow(RangeError);
  });

  describe('mapUnit', () => {
    const registry = HierarchyRegistry.withDefaults();

    it('should map a ward that was merged whole to its new ward when going forward', () => {
      // Resolution 1668: Phường Ninh Kiều (31135) was formed from Thới Bình (31123), Tân An (31135), Xuân Khánh (31144).
      expect(registry.mapUnit('31123', THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID)).toEqual([{ code: '31135', whole: true }]);
    });

    it('should map a new ward back to the wards it was formed from when going backward', () => {
      expect(registry.mapUnit('31135', TWO_LEVEL_VERSION_ID, THREE_LEVEL_VERSION_ID)).toEqual([
        { code: '31123', whole: true },
        { code: '31135', whole: true },
        { code: '31144', whole: true },
      ]);
    });

    it('should map a split ward to every part and say not whole when it was divided', () => {
      // Bùi Hữu Nghĩa (31178, Bình Thuỷ) was divided between two new wards.
      expect(registry.mapUnit('31178', THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID)).toEqual([
        { code: '31120', whole: false },
        { code: '31168', whole: false },
      ]);
    });

    it('should map a district to where its communes went when districts were abolished', () => {
      const mapped = registry.mapUnit('916', THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID);
      expect(mapped.map((m) => m.code)).toContain('31135');
      expect(mapped.every((m) => !m.whole)).toBe(true);
    });

    it('should map the city only to its own former code when other provinces merged into it', () => {
      // Hậu Giang (93) and Sóc Trăng (94) are not units of the three-level version.
      expect(registry.mapUnit('92', TWO_LEVEL_VERSION_ID, THREE_LEVEL_VERSION_ID)).toEqual([{ code: '92', whole: true }]);
    });

    it('should not confuse a reused code with the old unit of that code when mapping', () => {
      // 31135 was Phường Tân An before July 2025 and is Phường Ninh Kiều after: same code, different places.
      expect(registry.mapUnit('31135', THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID)).toEqual([{ code: '31135', whole: true }]);
      expect(registry.version(THREE_LEVEL_VERSION_ID)?.get('31135')?.name).not.toBe(registry.version(TWO_LEVEL_VERSION_ID)?.get('31135')?.name);
    });
  });
});
