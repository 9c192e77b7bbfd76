import { DEFAULT_CATALOGUE, HierarchyRegistry } from '@dx/domain';

import { planRecompute } from './recompute-plan.util';

const hierarchies = HierarchyRegistry.withDefaults();
const NOW = new Date('2025-07-10T00:00:00+07:00');
const keys = (refs: ReadonlyArray<{ indicator: string; unit: string; period: string }>) => refs.map((r) => `${r.indicator} ${r.unit} ${r.period}`).sort();

describe('planRecompute', () => {
  it('should recompute the commune, its district and the city for the period, and the new ward and city it carries into, when a rollup stock changes', () => {
    const plan = planRecompute(DEFAULT_CATALOGUE, hierarchies, [{ measure: 'households.total', unit: '31117', period: '2025-Q2' }], NOW);

    // Q2 is the three-level version's: the ward, its district and the city. The stock is carried into Q3
    // (current) and the year 2025, which are the two-level version's: Phường Cái Khế (31120), formed from
    // 31117, and the new city. Q4 is in the future.
    expect(keys(plan.refs)).toEqual(
      [
        ...['31117', '916', '92'].map((u) => `SOC-01 ${u} 2025-Q2`),
        ...['31120', '92'].flatMap((u) => ['2025', '2025-Q3'].map((p) => `SOC-01 ${u} ${p}`)),
      ].sort(),
    );
    expect(plan.refs.filter((r) => r.period === '2025-Q3').every((r) => r.hierarchyVersion === '2025-07')).toBe(true);
    expect(plan.units).toEqual(['31117', '31120', '916', '92']);
  });

  it('should read every unit under the city, both measures of the ratio and the years it looks at when the city is recomputed', () => {
    const plan = planRecompute(DEFAULT_CATALOGUE, hierarchies, [{ measure: 'households.fibre', unit: '31117', period: '2025-Q2' }], NOW);

    // The old city's Q2 reads its 90 units; the new city's Q3 and year read its 104 units and, for what it
    // carries from before July, the old units they were formed from: every code of both versions.
    const codes = new Set(hierarchies.versions().flatMap((v) => v.units.map((u) => u.code)));
    expect(plan.scope.units).toEqual([...codes].sort());
    expect(plan.scope.measures).toEqual(['households.fibre', 'households.total']);
    // The periods' year and the one before (carry-forward), the baseline year 2020 and the one before.
    expect(plan.scope.years).toEqual([2019, 2020, 2024, 2025]);
  });

  it('should recompute only the unit itself when an own-scope indicator reads the measure', () => {
    const plan = planRecompute(DEFAULT_CATALOGUE, hierarchies, [{ measure: 'work_records.total', unit: '917', period: '2025-02' }], NOW);

    // The district's own offices: February and Q1. The year 2025 is the two-level version's, where no unit
    // was formed from the district's offices (the new city's own records are its own offices').
    expect(keys(plan.refs)).toEqual(['GOV-04 917 2025-02', 'GOV-04 917 2025-Q1']);
    expect(plan.scope.units).toEqual(['917']);
  });

  it('should list each value once when several facts of a batch affect it', () => {
    const plan = planRecompute(
      DEFAULT_CATALOGUE,
      hierarchies,
      [
        { measure: 'households.total', unit: '31117', period: '2025-Q2' },
        { measure: 'households.fibre', unit: '31117', period: '2025-Q2' },
        { measure: 'households.total', unit: '31120', period: '2025-Q2' },
      ],
      NOW,
    );

    expect(plan.refs).toHaveLength(new Set(keys(plan.refs)).size);
    // Old 31120 (An Hòa) and 31117 both went into the new 31120 (Phường Cái Khế).
    expect(plan.units).toEqual(['31117', '31120', '916', '92']);
  });

  it('should plan nothing when the measure or unit is unknown', () => {
    const plan = planRecompute(
      DEFAULT_CATALOGUE,
      hierarchies,
      [
        { measure: 'no.such', unit: '31117', period: '2025-Q2' },
        { measure: 'households.total', unit: '99999', period: '2025-Q2' },
      ],
      NOW,
    );

    expect(plan.refs).toEqual([]);
    expect(plan.scope.units).toEqual([]);
  });
});
