import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { FactSet } from '../observations/fact-set';
import { Observation } from '../observations/observation.type';
import { loadHierarchy } from '../units/unit-hierarchy';
import { affectedIndicatorValues } from './affected-indicator-values.util';
import { computeAll } from './compute-indicator.util';
import { IndicatorValueRef } from './indicator-value.type';

const hierarchy = loadHierarchy({
  id: 'test',
  effectiveFrom: '2024-11-01',
  units: [
    { code: '92', name: 'Thành phố', level: 1, parentCode: null },
    { code: '916', name: 'Quận A', level: 2, parentCode: '92' },
    { code: '917', name: 'Quận B', level: 2, parentCode: '92' },
    { code: '31117', name: 'Phường 1', level: 3, parentCode: '916' },
    { code: '31150', name: 'Phường 3', level: 3, parentCode: '917' },
  ],
});
const keys = (refs: IndicatorValueRef[]) => refs.map((r) => `${r.indicator} ${r.unit} ${r.period}`).sort();
const affected = (measure: string, unit: string, period: string, now?: Date) =>
  keys(affectedIndicatorValues(DEFAULT_CATALOGUE, hierarchy, { measure, unit, period }, now ? { now } : {}));

describe('affectedIndicatorValues', () => {
  it('should list the unit, its ancestors, the month, its quarter and year when a monthly flow arrives for an own-scope indicator', () => {
    // GOV-04 is own scope: the commune's records change only the commune's values.
    expect(affected('work_records.online', '31117', '2025-05')).toEqual(['GOV-04 31117 2025', 'GOV-04 31117 2025-05', 'GOV-04 31117 2025-Q2']);
  });

  it('should list every ancestor when a rollup indicator reads the observation', () => {
    expect(affected('online_users.total', '31117', '2025-Q1')).toEqual(
      ['92', '916', '31117'].flatMap((u) => [`GOV-02 ${u} 2025`, `GOV-02 ${u} 2025-Q1`]).sort(),
    );
  });

  it('should list the periods a stock is carried into, up to 12 months after it ended', () => {
    // A quarterly stock of 2025-Q2 is read by Q2 2025 … Q2 2026 and by the year 2025 (2026 ends 18 months after).
    expect(affected('households.total', '31150', '2025-Q2').filter((k) => k.startsWith('SOC-01 31150'))).toEqual(
      ['2025', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'].map((p) => `SOC-01 31150 ${p}`).sort(),
    );
    // A yearly stock (residents 2025) is the denominator of every quarter of 2025 and of 2026, and of both years.
    const soc03 = affected('population.total', '31150', '2025').filter((k) => k.startsWith('SOC-03 31150'));
    expect(soc03).toHaveLength(10);
    expect(soc03).toContain('SOC-03 31150 2026-Q4');
  });

  it('should list this year and the next when a growth reads the observation', () => {
    expect(affected('labour_productivity', '92', '2024')).toEqual(['ECO-02 92 2024', 'ECO-02 92 2025']);
  });

  it('should list both GRDP indicators at the city when a sector breakdown arrives', () => {
    expect(affected('grdp.digital', '92', '2024')).toEqual(['ECO-01 92 2024', 'ECO-03 92 2024']);
  });

  it('should list the ancestors of a commune when its fibre flag changes the share of communes', () => {
    expect(affected('fibre.available', '31117', '2025-Q4').filter((k) => k.endsWith(' 2025-Q4'))).toEqual([
      'SOC-02 31117 2025-Q4',
      'SOC-02 916 2025-Q4',
      'SOC-02 92 2025-Q4',
    ]);
  });

  it('should leave out future periods when now is given', () => {
    const now = new Date('2025-08-15T00:00:00Z');
    expect(affected('households.total', '31150', '2025-Q2', now).filter((k) => k.startsWith('SOC-01 31150'))).toEqual(
      ['2025', '2025-Q2', '2025-Q3'].map((p) => `SOC-01 31150 ${p}`).sort(),
    );
  });

  it('should list every later period up to now when the observation is in the baseline year', () => {
    const now = new Date('2021-05-10T00:00:00Z');
    // 2020 households set the SOC-01 baseline: 2020-Q4, 2020 and 2021-Q1 read the stock itself; 2021, 2021-Q1 and
    // 2021-Q2 (the current quarter) move with the baseline.
    expect(affected('households.total', '31150', '2020-Q4', now).filter((k) => k.startsWith('SOC-01 31150'))).toEqual(
      ['2020', '2020-Q4', '2021', '2021-Q1', '2021-Q2'].map((p) => `SOC-01 31150 ${p}`).sort(),
    );
  });

  it('should list nothing when the measure or unit is unknown', () => {
    expect(affected('no.such', '31117', '2025-Q1')).toEqual([]);
    expect(affected('households.total', '99999', '2025-Q1')).toEqual([]);
  });

  it('should cover every value that actually changes when an observation is added', () => {
    const base: Observation[] = [
      { measure: 'households.total', unit: '31117', period: '2025-Q1', value: 100 },
      { measure: 'households.fibre', unit: '31117', period: '2025-Q1', value: 50 },
      { measure: 'population.total', unit: '31150', period: '2025', value: 1000 },
      { measure: 'population.covered_4g5g', unit: '31150', period: '2025-Q3', value: 900 },
      { measure: 'work_records.online', unit: '916', period: '2025-08', value: 8 },
    ];
    const added: Observation[] = [
      { measure: 'households.fibre', unit: '31117', period: '2025-Q3', value: 70 },
      { measure: 'population.total', unit: '31150', period: '2025', value: 1200 },
      { measure: 'work_records.total', unit: '916', period: '2025-08', value: 10 },
    ];
    for (const observation of added) {
      const before = computeAll(DEFAULT_CATALOGUE, hierarchy, new FactSet(base), '2025');
      const after = computeAll(DEFAULT_CATALOGUE, hierarchy, new FactSet([...base, observation]), '2025');
      const changed = after.filter((v, i) => JSON.stringify(v) !== JSON.stringify(before[i])).map((v) => `${v.indicator} ${v.unit} ${v.period}`);
      expect(changed.length).toBeGreaterThan(0);
      const listed = new Set(affected(observation.measure, observation.unit, observation.period));
      expect(changed.filter((k) => !listed.has(k))).toEqual([]);
    }
  });
});
