import { checkObservation, DEFAULT_CATALOGUE, HierarchyRegistry, observationKey } from '@dx/domain';

import { DEMO_AGENCIES, generateDemoObservations, trickleObservations } from './demo-data.util';

describe('generateDemoObservations', () => {
  const now = new Date('2026-11-27T00:00:00Z');
  const observations = generateDemoObservations(now);
  const hierarchies = HierarchyRegistry.withDefaults();

  it('should produce only observations that ingestion accepts from the agency that sends them', () => {
    const rejected = observations
      .map((o) => ({
        o,
        check: checkObservation(o, { catalogue: DEFAULT_CATALOGUE, hierarchy: hierarchies, now, agency: DEMO_AGENCIES.find((a) => a.code === o.agency) }),
      }))
      .filter(({ check }) => !check.ok);
    expect(rejected.slice(0, 3)).toEqual([]);
  });

  it('should cover five years, every unit and every measure, once per key', () => {
    expect(new Set(observations.map((o) => o.measure)).size).toBe(DEFAULT_CATALOGUE.measures.length);
    expect(new Set(observations.map((o) => o.period.slice(0, 4)))).toEqual(new Set(['2020', '2021', '2022', '2023', '2024', '2025', '2026']));
    expect(new Set(observations.map(observationKey)).size).toBe(observations.length);
  });

  it('should report for the old units up to 2025-06 and for the new units from 2025-07', () => {
    const unitsIn = (period: string) => new Set(observations.filter((o) => o.measure === 'work_records.total' && o.period === period).map((o) => o.unit));
    // 90 units of the three-level version (city, 9 districts, 80 communes); 104 of the two-level one.
    expect(unitsIn('2025-06')).toEqual(new Set(hierarchies.inForce('2025-06').units.map((u) => u.code)));
    expect(unitsIn('2025-06').size).toBe(90);
    expect(unitsIn('2025-07')).toEqual(new Set(hierarchies.inForce('2025-07').units.map((u) => u.code)));
    expect(unitsIn('2025-07').size).toBe(104);
    // The year 2025 is the two-level version's: residents are reported by the new communes (some of them late).
    const residents2025 = observations.filter((o) => o.measure === 'population.total' && o.period === '2025').map((o) => o.unit);
    expect(residents2025.every((unit) => hierarchies.inForce('2025').get(unit)?.level === 3)).toBe(true);
    expect(residents2025.filter((unit) => !hierarchies.inForce('2024').has(unit)).length).toBeGreaterThan(50);
  });

  it('should be the same on every run and leave some latest reports missing', () => {
    expect(generateDemoObservations(now)).toEqual(observations);
    const latestFibre = observations.filter((o) => o.measure === 'households.fibre' && o.period === '2026-Q3');
    const communes = hierarchies.inForce('2026-Q3').unitsAtLevel(3).length;
    expect(latestFibre.length).toBeLessThan(communes);
    expect(latestFibre.length).toBeGreaterThan(communes / 2);
  });

  it('should keep numerators within their denominators', () => {
    const value = (measure: string, unit: string, period: string) =>
      observations.find((o) => o.measure === measure && o.unit === unit && o.period === period)?.value;
    for (const o of observations.filter((x) => x.measure === 'households.fibre')) {
      expect(o.value).toBeLessThanOrEqual(value('households.total', o.unit, o.period) ?? Infinity);
    }
  });
});

describe('trickleObservations', () => {
  const now = new Date('2026-11-27T00:00:00Z');
  const hierarchies = HierarchyRegistry.withDefaults();

  it('should send this quarter’s reports of a few communes that ingestion accepts', () => {
    const first = trickleObservations(now, 0);
    expect(first).toHaveLength(6);
    expect(new Set(first.map((o) => o.period))).toEqual(new Set(['2026-Q4']));
    const rejected = first.filter(
      (o) => !checkObservation(o, { catalogue: DEFAULT_CATALOGUE, hierarchy: hierarchies, now, agency: DEMO_AGENCIES.find((a) => a.code === o.agency) }).ok,
    );
    expect(rejected).toEqual([]);
  });

  it('should move on to other communes at the next tick and raise the share over the rounds', () => {
    const units = (tick: number) => trickleObservations(now, tick).map((o) => o.unit);
    expect(units(1)).not.toEqual(units(0));
    const communes = hierarchies.inForce('2026-Q4').unitsAtLevel(3).length;
    const fibre = (tick: number) => trickleObservations(now, tick).find((o) => o.measure === 'households.fibre')?.value ?? 0;
    // One full round later the same commune reports again, with more fibre households.
    expect(fibre(communes)).toBeGreaterThan(fibre(0));
  });
});
