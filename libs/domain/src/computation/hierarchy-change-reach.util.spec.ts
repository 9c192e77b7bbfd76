import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { AdministrativeUnit, HierarchyDefinition } from '../units/unit.type';
import { hierarchyChangeReach } from './hierarchy-change-reach.util';
import { IndicatorValueRef } from './indicator-value.type';

const unit = (code: string, level: 1 | 2 | 3, parentCode: string | null, formedFrom?: AdministrativeUnit['formedFrom']): AdministrativeUnit => ({
  code,
  name: `Đơn vị ${code}`,
  level,
  parentCode,
  ...(formedFrom ? { formedFrom } : {}),
});

// Three levels to June 2025: city 92, districts 916 (communes 31117, 31120) and 917 (commune 31150).
const threeLevel: HierarchyDefinition = {
  id: 'A',
  effectiveFrom: '2024-11-01',
  units: [unit('92', 1, null), unit('916', 2, '92'), unit('917', 2, '92'), unit('31117', 3, '916'), unit('31120', 3, '916'), unit('31150', 3, '917')],
};
// Two levels from July 2025: ward 31135 merges 31117 and 31120; 31150 continues itself.
const twoLevel: HierarchyDefinition = {
  id: 'B',
  effectiveFrom: '2025-07-01',
  units: [
    unit('92', 1, null),
    unit('31135', 3, '92', [
      { code: '31117', whole: true },
      { code: '31120', whole: true },
    ]),
    unit('31150', 3, '92', [{ code: '31150', whole: true }]),
  ],
};

function registryWith(...definitions: HierarchyDefinition[]): HierarchyRegistry {
  const registry = new HierarchyRegistry();
  for (const d of definitions) {
    const result = registry.put(d);
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  }
  return registry;
}

// 15 November 2025: months 2025-01 … 2025-11, quarters Q1 … Q4 (Q4 has started), the year 2025.
const now = new Date('2025-11-15T00:00:00Z');

function reach(change: HierarchyDefinition, before = registryWith(threeLevel, twoLevel)): string[] {
  const after = registryWith(...before.versions().map((v) => v.definition));
  const put = after.put(change);
  if (!put.ok) throw new Error(put.problems.map((p) => p.message).join('; '));
  return keys(hierarchyChangeReach(DEFAULT_CATALOGUE, before, after, change.id, { now, fromYear: 2025 }));
}

const keys = (refs: IndicatorValueRef[]) => refs.map((r) => `${r.indicator} ${r.unit} ${r.period} ${r.hierarchyVersion}`).sort();
// GOV-02 is rollup, quarterly (quarters and years); GOV-04 is own scope, monthly (months, quarters, years).
const of = (indicator: string, all: string[]) => all.filter((k) => k.startsWith(`${indicator} `));
const cross = (indicator: string, units: string[], periods: string[], version: string) =>
  units.flatMap((u) => periods.map((p) => `${indicator} ${u} ${p} ${version}`)).sort();

describe('hierarchyChangeReach', () => {
  it('should reach the old and new districts, the city and the ward formed from it when a commune is re-parented', () => {
    // 31120 moves from district 916 to 917 in version A: both districts' and the city's sums change in A's
    // quarters (Q1, Q2); in B the city and 31135 (formed from 31120) back-cast from A, so their B periods
    // are reached too. 31120's own values do not change: it reads the same records wherever it sits.
    const all = reach({ ...threeLevel, units: threeLevel.units.map((u) => (u.code === '31120' ? { ...u, parentCode: '917' } : u)) });
    expect(of('GOV-02', all)).toEqual(
      [
        ...cross('GOV-02', ['92', '916', '917', '31120'], ['2025-Q1', '2025-Q2'], 'A'),
        ...cross('GOV-02', ['92', '31135'], ['2025-Q3', '2025-Q4', '2025'], 'B'),
      ].sort(),
    );
    expect(of('GOV-04', all)).toEqual([]);
  });

  it('should reach the ward and the city in the version periods when the ward gains a predecessor', () => {
    // 31150 now also takes part of 31120: its own series and the city's sums change from 2025-07 and in the
    // year 2025 (which back-casts January to June from the predecessors); nothing of version A changes.
    const all = reach({
      ...twoLevel,
      units: twoLevel.units.map((u) =>
        u.code === '31150'
          ? {
              ...u,
              formedFrom: [
                { code: '31150', whole: true },
                { code: '31120', whole: false },
              ],
            }
          : u,
      ),
    });
    expect(of('GOV-02', all)).toEqual(cross('GOV-02', ['92', '31150'], ['2025-Q3', '2025-Q4', '2025'], 'B'));
    expect(of('GOV-04', all)).toEqual(cross('GOV-04', ['31150'], ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-Q3', '2025-Q4', '2025'], 'B'));
  });

  it('should reach only the old parent of a removed unit, and never name the removed unit', () => {
    const all = reach({ ...twoLevel, units: twoLevel.units.filter((u) => u.code !== '31150') });
    expect(of('GOV-02', all)).toEqual(cross('GOV-02', ['92'], ['2025-Q3', '2025-Q4', '2025'], 'B'));
    expect(of('GOV-04', all)).toEqual([]);
    expect(all.some((k) => k.includes(' 31150 '))).toBe(false);
  });

  it('should reach every unit of the version in the periods that changed version when its effective date moves', () => {
    // B from 2025-04-01: April to June and Q2 move from A to B, and every B value reads its months anew.
    const all = reach({ ...twoLevel, effectiveFrom: '2025-04-01' });
    expect(of('GOV-02', all)).toEqual(cross('GOV-02', ['92', '31135', '31150'], ['2025-Q2', '2025-Q3', '2025-Q4', '2025'], 'B'));
    expect(of('GOV-04', all)).toHaveLength(3 * (8 + 3 + 1)); // 3 units × (8 months 04 … 11, 3 quarters Q2 … Q4, the year)
    expect(all.some((k) => k.endsWith(' A'))).toBe(false);
  });

  it('should reach every unit of a new version in its periods, and nothing before it', () => {
    const before = registryWith(threeLevel);
    const all = reach(twoLevel, before);
    expect(of('GOV-02', all)).toEqual(cross('GOV-02', ['92', '31135', '31150'], ['2025-Q3', '2025-Q4', '2025'], 'B'));
  });

  it('should reach nothing when only names change', () => {
    expect(reach({ ...twoLevel, units: twoLevel.units.map((u) => ({ ...u, name: `${u.name} (mới)` })) })).toEqual([]);
  });
});
