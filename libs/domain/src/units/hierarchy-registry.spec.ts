import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from './hierarchy-registry';
import { HierarchyDefinition } from './unit.type';

const unit = (code: string, level: 1 | 2 | 3, parentCode: string | null, formedFrom?: HierarchyDefinition['units'][number]['formedFrom']) => ({
  code,
  name: `Đơn vị ${code}`,
  level,
  parentCode,
  ...(formedFrom ? { formedFrom } : {}),
});

describe('HierarchyRegistry', () => {
  it.each([
    ['2019', THREE_LEVEL_VERSION_ID],
    ['2020', THREE_LEVEL_VERSION_ID],
    ['2024', THREE_LEVEL_VERSION_ID],
    ['2025-Q2', THREE_LEVEL_VERSION_ID],
    ['2025-06', THREE_LEVEL_VERSION_ID],
    ['2025-07', TWO_LEVEL_VERSION_ID],
    ['2025-Q3', TWO_LEVEL_VERSION_ID],
    // A year belongs to the structure in force on its last day, the one its reports are made by.
    ['2025', TWO_LEVEL_VERSION_ID],
    ['2026-01', TWO_LEVEL_VERSION_ID],
    ['2030-Q4', TWO_LEVEL_VERSION_ID],
  ])('should put %s under version %s by default when both shipped versions are in force by date', (period, version) => {
    expect(HierarchyRegistry.withDefaults().inForce(period).id).toBe(version);
  });

  it('should fall back to the three-level version when the 2025 version is taken out of force', () => {
    const registry = HierarchyRegistry.withDefaults();
    registry.deactivate(TWO_LEVEL_VERSION_ID);
    expect(registry.inForce('2025-Q3').id).toBe(THREE_LEVEL_VERSION_ID);
    expect(registry.isActive(TWO_LEVEL_VERSION_ID)).toBe(false);
    registry.activate(TWO_LEVEL_VERSION_ID);
    expect(registry.inForce('2025-Q3').id).toBe(TWO_LEVEL_VERSION_ID);
    expect(() => registry.activate('2030-01')).toThrow(RangeError);
  });

  it('should load the two-level version with 103 communes directly under the city when shipped', () => {
    const v = HierarchyRegistry.withDefaults().version(TWO_LEVEL_VERSION_ID);
    expect(v?.unitsAtLevel(3)).toHaveLength(103);
    expect(v?.unitsAtLevel(2)).toHaveLength(0);
    expect(v?.parent('31135')?.code).toBe('92');
  });

  describe('put', () => {
    const twoLevel = () => HierarchyRegistry.withDefaults().version(TWO_LEVEL_VERSION_ID)?.definition as HierarchyDefinition;

    it('should move the periods that change version when an administrator changes an effective date', () => {
      const registry = HierarchyRegistry.withDefaults();
      const result = registry.put({ ...twoLevel(), effectiveFrom: '2025-04-01' });
      expect(result.ok).toBe(true);
      expect(registry.inForce('2025-Q1').id).toBe(THREE_LEVEL_VERSION_ID);
      expect(registry.inForce('2025-Q2').id).toBe(TWO_LEVEL_VERSION_ID);
      expect(registry.versions().map((v) => `${v.id} ${v.effectiveFrom}`)).toEqual(['2024-11 2024-11-01', '2025-07 2025-04-01']);
    });

    it('should put a further version in force from its date and map its units back through every version', () => {
      const registry = HierarchyRegistry.withDefaults();
      // A 2027 version where Phường Ninh Kiều (31135) and Phường Cái Khế (31120) merge into one ward 31135.
      const result = registry.put({
        id: '2027-01',
        effectiveFrom: '2027-01-01',
        units: [
          unit('92', 1, null, [{ code: '92', whole: true }]),
          unit('31135', 3, '92', [
            { code: '31135', provinceCode: '92', whole: true },
            { code: '31120', provinceCode: '92', whole: true },
          ]),
        ],
      });
      expect(result.ok).toBe(true);
      expect(registry.inForce('2026-Q4').id).toBe(TWO_LEVEL_VERSION_ID);
      expect(registry.inForce('2027-01').id).toBe('2027-01');
      // Back to 2024-11: Ninh Kiều's three wards, Cái Khế's two and, in part, Bùi Hữu Nghĩa (31178).
      expect(registry.predecessors('31135', '2027-01', THREE_LEVEL_VERSION_ID).units).toEqual([
        { code: '31123', whole: true },
        { code: '31135', whole: true },
        { code: '31144', whole: true },
        { code: '31117', whole: true },
        { code: '31120', whole: true },
        { code: '31178', whole: false },
      ]);
      expect(registry.successors(['31123'], THREE_LEVEL_VERSION_ID, '2027-01')).toEqual(['31135']);
    });

    it('should refuse a version with a dangling parent with every reason and change nothing', () => {
      const registry = HierarchyRegistry.withDefaults();
      const result = registry.put({
        id: '2027-01',
        effectiveFrom: '2027-01-01',
        units: [unit('92', 1, null), unit('31135', 3, '99'), unit('31120', 3, '98'), unit('31120', 3, '92')],
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map((p) => `${p.code} ${p.entry}`)).toEqual([
        'duplicate_code unit 31120',
        'unknown_parent unit 31135',
        'unknown_parent unit 31120',
      ]);
      expect(result.problems[1].text).toEqual({ vi: 'đơn vị cấp trên 99 không có trong phiên bản', en: 'parent 99 does not exist in the version' });
      expect(result.problems[1].message).toBe('unit 31135: đơn vị cấp trên 99 không có trong phiên bản / parent 99 does not exist in the version');
      expect(registry.version('2027-01')).toBeUndefined();
      expect(registry.inForce('2027-Q1').id).toBe(TWO_LEVEL_VERSION_ID);
    });

    it('should refuse formedFrom naming a unit the version before does not have, but accept a province outside every version', () => {
      const registry = HierarchyRegistry.withDefaults();
      const result = registry.put({
        id: '2027-01',
        effectiveFrom: '2027-01-01',
        units: [
          // 93 (Hậu Giang) is in no loaded version: accepted, it will only lower coverage.
          unit('92', 1, null, [
            { code: '92', whole: true },
            { code: '93', whole: true },
          ]),
          // 31117 was Phường Cái Khế of 2024-11; the version before 2027 is 2025-07, which has no 31117.
          unit('31120', 3, '92', [{ code: '31117', provinceCode: '92', whole: true }]),
        ],
      });
      expect(result).toMatchObject({ ok: false, problems: [{ code: 'unknown_predecessor', entry: 'unit 31120' }] });
      expect(!result.ok && result.problems[0].text.en).toBe('formedFrom names 31117 (province 92), which version 2025-07, in force before it, does not have');
    });

    it("should refuse a replacement that breaks the next version's lineage", () => {
      const registry = HierarchyRegistry.withDefaults();
      // A three-level version without Ninh Kiều's wards: 2025-07 names them in formedFrom.
      const old = registry.version(THREE_LEVEL_VERSION_ID)?.definition as HierarchyDefinition;
      const result = registry.put({ ...old, units: old.units.filter((u) => u.code !== '31123') });
      expect(result).toMatchObject({ ok: false, problems: [{ code: 'unknown_predecessor', entry: 'hierarchy 2025-07 unit 31135' }] });
      expect(registry.version(THREE_LEVEL_VERSION_ID)?.has('31123')).toBe(true);
    });

    it('should refuse a second version taking effect on the same day', () => {
      const registry = HierarchyRegistry.withDefaults();
      const result = registry.put({ id: 'copy', effectiveFrom: '2025-07-01', units: [unit('92', 1, null)] });
      expect(result).toMatchObject({ ok: false, problems: [{ code: 'duplicate_effective_date', entry: 'hierarchy copy' }] });
    });

    it.each([
      ['an id with a slash', { id: 'a/b' }],
      ['a date that does not exist', { effectiveFrom: '2027-02-30' }],
      ['a date before 2000', { effectiveFrom: '1999-12-31' }],
      ['no units', { units: [] }],
    ])('should refuse a version with %s', (_case, change) => {
      const result = HierarchyRegistry.withDefaults().put({ id: '2027-01', effectiveFrom: '2027-01-01', units: [unit('92', 1, null)], ...change });
      expect(result).toMatchObject({ ok: false, problems: [{ code: 'invalid_version' }] });
    });
  });

  describe('predecessors', () => {
    const registry = HierarchyRegistry.withDefaults();

    it('should name the old city and count Hậu Giang and Sóc Trăng as outside when the new city goes back', () => {
      expect(registry.predecessors('92', TWO_LEVEL_VERSION_ID, THREE_LEVEL_VERSION_ID)).toEqual({ units: [{ code: '92', whole: true }], outside: 2 });
    });

    it('should mark a partly merged predecessor when a ward took part of another', () => {
      // Resolution 1668, clause 2: Phường Cái Khế (31120) = Cái Khế (31117) + An Hòa (31120) + part of Bùi Hữu Nghĩa (31178).
      expect(registry.predecessors('31120', TWO_LEVEL_VERSION_ID, THREE_LEVEL_VERSION_ID)).toEqual({
        units: [
          { code: '31117', whole: true },
          { code: '31120', whole: true },
          { code: '31178', whole: false },
        ],
        outside: 0,
      });
    });

    it('should list the new units formed from a unit or its district when going forward', () => {
      expect(registry.successors(['31178'], THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID).sort()).toEqual(['31120', '31168']);
      expect(registry.successors(['92'], THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID)).toEqual(['92']);
    });
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
