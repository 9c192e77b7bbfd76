import { checkObservation, DEFAULT_CATALOGUE, HierarchyRegistry, observationKey } from '@dx/domain';

import { DEMO_AGENCIES, generateDemoObservations } from './demo-data.util';

describe('generateDemoObservations', () => {
  const now = new Date('2026-11-27T00:00:00Z');
  const observations = generateDemoObservations(now);
  const hierarchies = HierarchyRegistry.withDefaults();

  it('should produce only observations that ingestion accepts from the agency that sends them', () => {
    const rejected = observations
      .map((o) => ({ o, check: checkObservation(o, { catalogue: DEFAULT_CATALOGUE, hierarchy: hierarchies, now, agency: DEMO_AGENCIES.find((a) => a.code === o.agency) }) }))
      .filter(({ check }) => !check.ok);
    expect(rejected.slice(0, 3)).toEqual([]);
  });

  it('should cover five years, every unit and every measure, once per key', () => {
    expect(new Set(observations.map((o) => o.unit)).size).toBe(hierarchies.inForce('2024').units.length);
    expect(new Set(observations.map((o) => o.measure)).size).toBe(DEFAULT_CATALOGUE.measures.length);
    expect(new Set(observations.map((o) => o.period.slice(0, 4)))).toEqual(new Set(['2020', '2021', '2022', '2023', '2024', '2025', '2026']));
    expect(new Set(observations.map(observationKey)).size).toBe(observations.length);
  });

  it('should be the same on every run and leave some latest reports missing', () => {
    expect(generateDemoObservations(now)).toEqual(observations);
    const latestFibre = observations.filter((o) => o.measure === 'households.fibre' && o.period === '2026-Q3');
    const communes = hierarchies.inForce('2024').unitsAtLevel(3).length;
    expect(latestFibre.length).toBeLessThan(communes);
    expect(latestFibre.length).toBeGreaterThan(communes / 2);
  });

  it('should keep numerators within their denominators', () => {
    const value = (measure: string, unit: string, period: string) => observations.find((o) => o.measure === measure && o.unit === unit && o.period === period)?.value;
    for (const o of observations.filter((x) => x.measure === 'households.fibre')) {
      expect(o.value).toBeLessThanOrEqual(value('households.total', o.unit, o.period) ?? Infinity);
    }
  });
});
