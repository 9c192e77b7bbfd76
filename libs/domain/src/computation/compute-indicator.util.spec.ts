import fc from 'fast-check';

import { loadCatalogue } from '../catalogue/catalogue';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { FactSet } from '../observations/fact-set';
import { Dimensions, Observation } from '../observations/observation.type';
import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from '../units/hierarchy-registry';
import { loadHierarchy, UnitHierarchy } from '../units/unit-hierarchy';
import { AdministrativeUnit } from '../units/unit.type';
import { computeAll, computeIndicator, computeIndicators } from './compute-indicator.util';
import { IndicatorValue } from './indicator-value.type';

// 92 city ─┬─ 916 ─┬─ 31117
//          │       └─ 31120
//          ├─ 917 ─── 31150
//          └─ 918 (no communes)
const UNITS: AdministrativeUnit[] = [
  { code: '92', name: 'Thành phố', level: 1, parentCode: null },
  { code: '916', name: 'Quận A', level: 2, parentCode: '92' },
  { code: '917', name: 'Quận B', level: 2, parentCode: '92' },
  { code: '918', name: 'Quận C', level: 2, parentCode: '92' },
  { code: '31117', name: 'Phường 1', level: 3, parentCode: '916' },
  { code: '31120', name: 'Phường 2', level: 3, parentCode: '916' },
  { code: '31150', name: 'Phường 3', level: 3, parentCode: '917' },
];
const hierarchy = loadHierarchy({ id: 'test', effectiveFrom: '2024-11-01', units: UNITS });

const o = (measure: string, unit: string, period: string, value: number, dimensions?: Dimensions): Observation => ({
  measure,
  unit,
  period,
  value,
  ...(dimensions ? { dimensions } : {}),
});
const compute = (facts: Observation[], indicator: string, unit: string, period: string, h: UnitHierarchy = hierarchy): IndicatorValue =>
  computeIndicator(DEFAULT_CATALOGUE, h, new FactSet(facts), indicator, unit, period);

describe('computeIndicator', () => {
  describe('every indicator, by hand', () => {
    it.each<[string, string, string, string, Observation[], Partial<IndicatorValue>]>([
      [
        // Σ level-4 = 150 + 60 + 20 = 230; Σ total = 200 + 100 + 50 = 350; 230/350 = 65.714…%.
        // No 2020 data: expected = the 2025 target 80; 14.3 behind > 5 → off_track. 7 units should report, 3 did.
        'GOV-01',
        '92',
        '2025-Q2',
        'city rollup of a stock',
        [
          o('public_services.total', '92', '2025-Q2', 200),
          o('public_services.level4_multichannel', '92', '2025-Q2', 150),
          o('public_services.total', '916', '2025-Q2', 100),
          o('public_services.level4_multichannel', '916', '2025-Q2', 60),
          o('public_services.total', '31117', '2025-Q2', 50),
          o('public_services.level4_multichannel', '31117', '2025-Q2', 20),
        ],
        {
          value: (230 * 100) / 350,
          numerator: 230,
          denominator: 350,
          target: { year: 2025, op: '>=', value: 80 },
          expected: 80,
          status: 'off_track',
          coverage: { reported: 3, expected: 7 },
        },
      ],
      [
        // e-ID users 380 + 100 = 480 of 400 + 100 = 500 → 96 %; target 100, 4 behind → at_risk.
        // 916, 31117 and 31120 should report; the district's own offices did not.
        'GOV-02',
        '916',
        '2025-Q1',
        'district rollup of a flow',
        [
          o('online_users.total', '31117', '2025-Q1', 400),
          o('online_users.eid', '31117', '2025-Q1', 380),
          o('online_users.total', '31120', '2025-Q1', 100),
          o('online_users.eid', '31120', '2025-Q1', 100),
        ],
        { value: 96, numerator: 480, denominator: 500, expected: 100, status: 'at_risk', coverage: { reported: 2, expected: 3 } },
      ],
      [
        // Year 2025 with no 2025 report: Q4 2024 (ended exactly 12 months before) is carried: 1000/1000 = 100 % → achieved.
        'GOV-03',
        '917',
        '2025',
        'stock carried from last year',
        [o('procedure_results.valid', '31150', '2024-Q4', 1000), o('procedure_results.digitised', '31150', '2024-Q4', 1000)],
        { value: 100, numerator: 1000, denominator: 1000, status: 'achieved', coverage: { reported: 1, expected: 2 } },
      ],
      [
        // Own scope: the district's offices 80 + 90 + 70 = 240 online of 100 + 120 + 80 = 300 → 80 %.
        // The commune's 1000 records are not the district's. Level-2 target 2030 ≥ 90, no baseline → 10 behind → off_track.
        // Coverage counts unit-months: 1 unit × 3 months, all three with both parts.
        'GOV-04',
        '916',
        '2025-Q1',
        'own scope, monthly flow summed to a quarter',
        [
          o('work_records.total', '916', '2025-01', 100),
          o('work_records.online', '916', '2025-01', 80),
          o('work_records.total', '916', '2025-02', 120),
          o('work_records.online', '916', '2025-02', 90),
          o('work_records.total', '916', '2025-03', 80),
          o('work_records.online', '916', '2025-03', 70),
          o('work_records.total', '31117', '2025-01', 1000),
          o('work_records.online', '31117', '2025-01', 0),
        ],
        {
          value: 80,
          numerator: 240,
          denominator: 300,
          target: { year: 2030, op: '>=', value: 90 },
          expected: 90,
          status: 'off_track',
          coverage: { reported: 3, expected: 3 },
        },
      ],
      [
        // Total GRDP only as a breakdown: 30000 + 40000 + 30000 = 100000. Digital reported as a total 18000
        // (its breakdown 15000 is ignored: the total wins). 18 %; target 20 → 2 behind → at_risk.
        'ECO-01',
        '92',
        '2024',
        'total versus breakdown',
        [
          o('grdp.total', '92', '2024', 30000, { sector: 'agriculture' }),
          o('grdp.total', '92', '2024', 40000, { sector: 'industry' }),
          o('grdp.total', '92', '2024', 30000, { sector: 'services' }),
          o('grdp.digital', '92', '2024', 18000),
          o('grdp.digital', '92', '2024', 1000, { sector: 'agriculture' }),
          o('grdp.digital', '92', '2024', 8000, { sector: 'industry' }),
          o('grdp.digital', '92', '2024', 6000, { sector: 'services' }),
        ],
        {
          value: 18,
          numerator: 18000,
          denominator: 100000,
          target: { year: 2025, op: '>=', value: 20 },
          expected: 20,
          status: 'at_risk',
          coverage: { reported: 1, expected: 1 },
        },
      ],
      [
        // (159 − 150) / 150 = 6 %; the 2024 floor is 7 % → 1 behind → at_risk.
        'ECO-02',
        '92',
        '2024',
        'year-on-year growth against a floor',
        [o('labour_productivity', '92', '2023', 150), o('labour_productivity', '92', '2024', 159)],
        { value: 6, target: { year: 2024, op: '>=', value: 7 }, expected: 7, status: 'at_risk', coverage: { reported: 1, expected: 1 } },
      ],
      [
        // Agriculture 1000/30000 = 3.33 %, industry 8000/40000 = 20 %, services 6000/30000 = 20 %: min 3.33 %;
        // target 10 → 6.67 behind → off_track.
        'ECO-03',
        '92',
        '2024',
        'minimum over sectors',
        [
          o('grdp.total', '92', '2024', 30000, { sector: 'agriculture' }),
          o('grdp.total', '92', '2024', 40000, { sector: 'industry' }),
          o('grdp.total', '92', '2024', 30000, { sector: 'services' }),
          o('grdp.digital', '92', '2024', 1000, { sector: 'agriculture' }),
          o('grdp.digital', '92', '2024', 8000, { sector: 'industry' }),
          o('grdp.digital', '92', '2024', 6000, { sector: 'services' }),
        ],
        { value: (1000 * 100) / 30000, numerator: 1000, denominator: 30000, expected: 10, status: 'off_track' },
      ],
      [
        // (950 + 400) / (1000 + 500) = 1350/1500 = 90 %: "> 90" is not met, but 90 is the expected value → on_track.
        'SOC-01',
        '916',
        '2025-Q1',
        'a ">" target met exactly',
        [
          o('households.total', '31117', '2025-Q1', 1000),
          o('households.fibre', '31117', '2025-Q1', 950),
          o('households.total', '31120', '2025-Q1', 500),
          o('households.fibre', '31120', '2025-Q1', 400),
        ],
        {
          value: 90,
          numerator: 1350,
          denominator: 1500,
          target: { year: 2025, op: '>', value: 90 },
          expected: 90,
          status: 'on_track',
          coverage: { reported: 2, expected: 2 },
        },
      ],
      [
        // 3 communes under the city; 31117 has fibre, 31120 has not, 31150 did not report (counts as not): 1/3.
        'SOC-02',
        '92',
        '2025-Q1',
        'share of communes, non-reporting not covered',
        [o('fibre.available', '31117', '2025-Q1', 1), o('fibre.available', '31120', '2025-Q1', 0)],
        { value: 100 / 3, numerator: 1, denominator: 3, expected: 100, status: 'off_track', coverage: { reported: 2, expected: 3 } },
      ],
      [
        // Covered 4000 + 1900 + 2400 = 8300; residents from the 2024 figure carried into 2025: 4000 + 2000 + 3000 = 9000.
        // 92.22 %; target 100 → 7.8 behind → off_track.
        'SOC-03',
        '92',
        '2025-Q1',
        'a yearly denominator under a quarterly numerator',
        [
          o('population.total', '31117', '2024', 4000),
          o('population.total', '31120', '2024', 2000),
          o('population.total', '31150', '2024', 3000),
          o('population.covered_4g5g', '31117', '2025-Q1', 4000),
          o('population.covered_4g5g', '31120', '2025-Q1', 1900),
          o('population.covered_4g5g', '31150', '2025-Q1', 2400),
        ],
        { value: (8300 * 100) / 9000, numerator: 8300, denominator: 9000, status: 'off_track', coverage: { reported: 3, expected: 3 } },
      ],
      [
        // 1960 of 2000 adults → 98 %; 2 behind 100 → at_risk.
        'SOC-04',
        '917',
        '2025-Q2',
        'district of one commune',
        [o('population.adult', '31150', '2025', 2000), o('population.smartphone', '31150', '2025-Q2', 1960)],
        { value: 98, numerator: 1960, denominator: 2000, status: 'at_risk', coverage: { reported: 1, expected: 1 } },
      ],
      [
        // Baseline 2020: 0 of 4000 covered by 5G = 0 %. Straight line to 100 at the end of 2030: at the end of
        // 2025-Q1 (51 of 120 months) 100 × 51/120 = 42.5 expected. 1000/4000 = 25 % → 17.5 behind → off_track;
        // progress 25/42.5 = 0.588.
        'SOC-05',
        '31117',
        '2025-Q1',
        'a trajectory from the 2020 baseline',
        [
          o('population.total', '31117', '2020', 4000),
          o('population.covered_5g', '31117', '2020-Q4', 0),
          o('population.total', '31117', '2024', 4000),
          o('population.covered_5g', '31117', '2025-Q1', 1000),
        ],
        { value: 25, target: { year: 2030, op: '>=', value: 100 }, expected: 42.5, status: 'off_track', progress: 25 / 42.5 },
      ],
      [
        // Holders 500 + 2000 + 1000 = 3500 of eligible 1000 + 3000 + 2000 = 6000 → 58.3 % > 50 → achieved.
        'SOC-06',
        '916',
        '2025-Q3',
        'district reporting itself and its communes',
        [
          o('payment_accounts.holders', '916', '2025-Q3', 500),
          o('payment_accounts.holders', '31117', '2025-Q3', 2000),
          o('payment_accounts.holders', '31120', '2025-Q3', 1000),
          o('payment_accounts.eligible', '916', '2025', 1000),
          o('payment_accounts.eligible', '31117', '2025', 3000),
          o('payment_accounts.eligible', '31120', '2025', 2000),
        ],
        {
          value: (3500 * 100) / 6000,
          numerator: 3500,
          denominator: 6000,
          target: { year: 2025, op: '>', value: 50 },
          status: 'achieved',
          coverage: { reported: 3, expected: 3 },
        },
      ],
      [
        // 3100 digital IDs for 3000 residents: 103.3 %, accepted but flagged; ≥ 100 → achieved.
        'SOC-07',
        '31150',
        '2025-Q1',
        'a numerator above its denominator',
        [o('population.total', '31150', '2024', 3000), o('population.digital_id', '31150', '2025-Q1', 3100)],
        { value: (3100 * 100) / 3000, status: 'achieved', quality: 'exceeds_denominator' },
      ],
      [
        // (2000 + 1000) / (4000 + 2000) = 50 % → off_track.
        'SOC-08',
        '916',
        '2025-Q1',
        'district rollup',
        [
          o('population.total', '31117', '2024', 4000),
          o('population.total', '31120', '2024', 2000),
          o('population.health_record', '31117', '2025-Q1', 2000),
          o('population.health_record', '31120', '2025-Q1', 1000),
        ],
        { value: 50, numerator: 3000, denominator: 6000, status: 'off_track' },
      ],
      [
        // Rank 12, target ≤ 10, lower is better: 2 places behind (within 5) → at_risk.
        'OVR-01',
        '92',
        '2024',
        'a "<=" rank',
        [o('dti.rank', '92', '2024', 12)],
        { value: 12, target: { year: 2025, op: '<=', value: 10 }, expected: 10, status: 'at_risk', coverage: { reported: 1, expected: 1 } },
      ],
    ])('should compute %s for %s in %s when it is %s', (indicator, unit, period, _case, facts, expected) => {
      const value = compute(facts, indicator, unit, period);
      const { value: number, progress, ...rest } = expected;
      expect(value).toMatchObject({ indicator, unit, period, ...rest });
      expect(value.value).toBeCloseTo(number as number, 10);
      if (progress !== undefined) expect(value.progress).toBeCloseTo(progress, 10);
    });
  });

  describe('edge cases', () => {
    const households = (fibre: number, total: number) => [o('households.fibre', '31117', '2025-Q1', fibre), o('households.total', '31117', '2025-Q1', total)];

    it('should give no value when the denominator is zero', () => {
      expect(compute(households(0, 0), 'SOC-01', '31117', '2025-Q1')).toMatchObject({ value: null, numerator: 0, denominator: 0, status: 'no_data' });
    });

    it('should give no value and publish no half pair when the denominator is missing', () => {
      const value = compute([o('households.fibre', '31117', '2025-Q1', 10)], 'SOC-01', '31117', '2025-Q1');
      expect(value).toMatchObject({ value: null, status: 'no_data', coverage: { reported: 0, expected: 1 } });
      expect(value.numerator).toBeUndefined();
      expect(value.denominator).toBeUndefined();
    });

    it('should give no data and expect the unit itself when the unit has no children', () => {
      // District 918 has no communes; its own offices should report public services.
      expect(compute([], 'GOV-01', '918', '2025-Q1')).toMatchObject({ value: null, status: 'no_data', coverage: { reported: 0, expected: 1 } });
      // Households are counted in communes only: nothing is expected of 918.
      expect(compute([], 'SOC-01', '918', '2025-Q1').coverage).toEqual({ reported: 0, expected: 0 });
      expect(compute([], 'SOC-02', '918', '2025-Q1')).toMatchObject({ value: null, coverage: { reported: 0, expected: 0 } });
    });

    it('should take Q3 for the year when a stock has no value in the last quarter', () => {
      // Q3: 930/1000 = 93 %; Q4 not in yet.
      const facts = [
        ...households(900, 1000).map((f) => ({ ...f, period: '2025-Q2' })),
        o('households.fibre', '31117', '2025-Q3', 930),
        o('households.total', '31117', '2025-Q3', 1000),
      ];
      expect(compute(facts, 'SOC-01', '31117', '2025')).toMatchObject({ value: 93, numerator: 930, denominator: 1000 });
      // Once Q4 arrives it wins: 960/1000.
      facts.push(o('households.fibre', '31117', '2025-Q4', 960), o('households.total', '31117', '2025-Q4', 1000));
      expect(compute(facts, 'SOC-01', '31117', '2025').value).toBe(96);
    });

    it('should stop carrying a stock forward when it ended more than 12 months before', () => {
      // 2024 residents serve every quarter of 2025 but not 2026-Q1 (15 months after 2024 ended).
      const facts = [
        o('population.total', '31150', '2024', 3000),
        o('population.digital_id', '31150', '2025-Q4', 2400),
        o('population.digital_id', '31150', '2026-Q1', 2700),
      ];
      expect(compute(facts, 'SOC-07', '31150', '2025-Q4').value).toBe(80);
      expect(compute(facts, 'SOC-07', '31150', '2026-Q1')).toMatchObject({ value: null, status: 'no_data', coverage: { reported: 0, expected: 1 } });
      // The 2026 figure, once in, is the denominator of 2026's quarters: 2700/3000.
      facts.push(o('population.total', '31150', '2026', 3000));
      expect(compute(facts, 'SOC-07', '31150', '2026-Q1').value).toBe(90);
    });

    it('should lower the value when a revision lowers an observation', () => {
      // 950/1000 = 95 %, revised to 850/1000 = 85 %.
      const facts = new FactSet(households(950, 1000));
      expect(computeIndicator(DEFAULT_CATALOGUE, hierarchy, facts, 'SOC-01', '31117', '2025-Q1').value).toBe(95);
      facts.add(o('households.fibre', '31117', '2025-Q1', 850));
      expect(computeIndicator(DEFAULT_CATALOGUE, hierarchy, facts, 'SOC-01', '31117', '2025-Q1')).toMatchObject({ value: 85, numerator: 850 });
    });

    it('should sum the months present but mark coverage incomplete when a quarter lacks a month', () => {
      // Jan 40/50 + Feb 45/50 = 85/100; March missing: 2 of 3 unit-months reported.
      const facts = [
        o('work_records.total', '31117', '2025-01', 50),
        o('work_records.online', '31117', '2025-01', 40),
        o('work_records.total', '31117', '2025-02', 50),
        o('work_records.online', '31117', '2025-02', 45),
      ];
      expect(compute(facts, 'GOV-04', '31117', '2025-Q1')).toMatchObject({ value: 85, coverage: { reported: 2, expected: 3 } });
      expect(compute(facts, 'GOV-04', '31117', '2025-01')).toMatchObject({ value: 80, coverage: { reported: 1, expected: 1 } });
    });

    it('should not split a quarterly flow into months when asked for a month', () => {
      const facts = [o('online_users.total', '31117', '2025-Q1', 100), o('online_users.eid', '31117', '2025-Q1', 90)];
      expect(compute(facts, 'GOV-02', '31117', '2025-02').value).toBeNull();
      // A year adds up its quarters: only Q1 is in, 1 of 4 unit-quarters.
      expect(compute(facts, 'GOV-02', '31117', '2025')).toMatchObject({ value: 90, coverage: { reported: 1, expected: 4 } });
    });

    it("should not fake zero growth when this year's figure is missing", () => {
      expect(compute([o('labour_productivity', '92', '2024', 150)], 'ECO-02', '92', '2025')).toMatchObject({ value: null, status: 'no_data' });
    });

    it('should give no growth when last year was zero', () => {
      expect(compute([o('labour_productivity', '92', '2024', 0), o('labour_productivity', '92', '2025', 10)], 'ECO-02', '92', '2025').value).toBeNull();
    });

    it('should give no minimum when a sector is missing', () => {
      const facts = [
        o('grdp.total', '92', '2024', 300, { sector: 'agriculture' }),
        o('grdp.digital', '92', '2024', 30, { sector: 'agriculture' }),
        o('grdp.total', '92', '2024', 400, { sector: 'industry' }),
        o('grdp.digital', '92', '2024', 80, { sector: 'industry' }),
      ];
      expect(compute(facts, 'ECO-03', '92', '2024')).toMatchObject({ value: null, status: 'no_data', coverage: { reported: 0, expected: 1 } });
    });

    it('should give no data rather than 0 % when no commune has reported fibre', () => {
      expect(compute([], 'SOC-02', '92', '2025-Q1')).toMatchObject({ value: null, status: 'no_data', coverage: { reported: 0, expected: 3 } });
    });

    it('should meet a "<=" rank target when the rank is 10 or better', () => {
      expect(compute([o('dti.rank', '92', '2025', 10)], 'OVR-01', '92', '2025').status).toBe('achieved');
      expect(compute([o('dti.rank', '92', '2025', 18)], 'OVR-01', '92', '2025').status).toBe('off_track');
    });

    it('should use a fixed baseline value when an administrator sets one', () => {
      const definition = DEFAULT_CATALOGUE.toDefinition();
      const catalogue = loadCatalogue({
        ...definition,
        indicators: definition.indicators.map((i) => (i.code === 'SOC-05' ? { ...i, baseline: { year: 2020, value: 20 } } : i)),
      });
      // 20 → 100 over 2021-2030: at the end of 2025 (60 of 120 months) 60 expected.
      const value = computeIndicator(
        catalogue,
        hierarchy,
        new FactSet([o('population.total', '31117', '2025', 100), o('population.covered_5g', '31117', '2025-Q4', 60)]),
        'SOC-05',
        '31117',
        '2025',
      );
      expect(value).toMatchObject({ value: 60, expected: 60, status: 'on_track', progress: 1 });
    });

    it('should count the communes of the version in force when computing under the 2025 hierarchy', () => {
      const twoLevels = HierarchyRegistry.withDefaults().version(TWO_LEVEL_VERSION_ID) as UnitHierarchy;
      // 103 communes, two with fibre: 2/103.
      const value = compute([o('fibre.available', '31135', '2025-Q3', 1), o('fibre.available', '31633', '2025-Q3', 1)], 'SOC-02', '92', '2025-Q3', twoLevels);
      expect(value).toMatchObject({ numerator: 2, denominator: 103, coverage: { reported: 2, expected: 103 } });
    });

    it('should throw when the indicator or unit is unknown', () => {
      expect(() => compute([], 'XXX-01', '92', '2025')).toThrow(RangeError);
      expect(() => compute([], 'SOC-01', '99999', '2025')).toThrow(RangeError);
    });
  });

  describe('computeAll', () => {
    it('should compute every indicator for every unit and published period when given a year', () => {
      const values = computeAll(DEFAULT_CATALOGUE, HierarchyRegistry.withDefaults(), new FactSet(), '2024');
      // 11 quarterly indicators × 90 units × (4 quarters + year) + GOV-04 × 90 × (12 + 4 + 1) + 4 city-only yearly.
      expect(values).toHaveLength(11 * 90 * 5 + 90 * 17 + 4);
      expect(values.every((v) => v.status === 'no_data' && v.hierarchyVersion === THREE_LEVEL_VERSION_ID)).toBe(true);
      expect(new Set(values.map((v) => `${v.indicator}|${v.unit}|${v.period}`)).size).toBe(values.length);
    });

    it('should publish each period for the units of the version in force for it when the year spans the reorganisation', () => {
      const values = computeAll(DEFAULT_CATALOGUE, HierarchyRegistry.withDefaults(), new FactSet(), '2025');
      // Q1, Q2 and months to June: the 90 units of 2024-11. Q3, Q4, July on and the year: the 104 of 2025-07
      // (no districts). 11 quarterly indicators × (90 × 2 quarters + 104 × (2 quarters + year))
      // + GOV-04 × (90 × (6 months + 2 quarters) + 104 × (6 months + 2 quarters + year)) + 4 city-only yearly.
      expect(values).toHaveLength(11 * (90 * 2 + 104 * 3) + 90 * 8 + 104 * 9 + 4);
      const versionOf = (period: string) => new Set(values.filter((v) => v.period === period).map((v) => v.hierarchyVersion));
      expect(versionOf('2025-Q2')).toEqual(new Set([THREE_LEVEL_VERSION_ID]));
      expect(versionOf('2025-07')).toEqual(new Set([TWO_LEVEL_VERSION_ID]));
      expect(versionOf('2025')).toEqual(new Set([TWO_LEVEL_VERSION_ID]));
      // District 916 exists only in the three-level version: its SOC-01 is published for Q1 and Q2 only.
      expect(new Set(values.filter((v) => v.indicator === 'SOC-01' && v.unit === '916').map((v) => v.period))).toEqual(new Set(['2025-Q1', '2025-Q2']));
    });

    it('should agree with computeIndicator when values are computed in one run', () => {
      const facts = [o('households.total', '31117', '2025-Q1', 1000), o('households.fibre', '31117', '2025-Q1', 700)];
      const all = computeAll(DEFAULT_CATALOGUE, hierarchy, new FactSet(facts), '2025');
      const city = all.find((v) => v.indicator === 'SOC-01' && v.unit === '92' && v.period === '2025-Q1');
      expect(city).toEqual(compute(facts, 'SOC-01', '92', '2025-Q1'));
    });
  });

  describe('computeIndicators', () => {
    it('should give the same values as computeIndicator one by one, across hierarchy versions', () => {
      const registry = HierarchyRegistry.withDefaults();
      const facts = [
        o('households.total', '31117', '2025-Q1', 1000),
        o('households.fibre', '31117', '2025-Q1', 700),
        o('work_records.total', '916', '2025-03', 40),
        o('work_records.online', '916', '2025-03', 30),
      ];
      const refs = [
        { indicator: 'SOC-01', unit: '92', period: '2025-Q1' },
        { indicator: 'SOC-01', unit: '916', period: '2025-Q2' },
        { indicator: 'GOV-04', unit: '916', period: '2025-03' },
        { indicator: 'SOC-02', unit: '92', period: '2025-Q1' },
        // The year 2025 is the two-level version's: the new city, whose Q1 stock comes from its predecessor.
        { indicator: 'SOC-01', unit: '92', period: '2025' },
      ];
      const together = computeIndicators(DEFAULT_CATALOGUE, registry, new FactSet(facts), refs);
      const oneByOne = refs.map((r) => computeIndicator(DEFAULT_CATALOGUE, registry.inForce(r.period), new FactSet(facts), r.indicator, r.unit, r.period));
      expect(together).toEqual(oneByOne);
      expect(together[0].value).toBeCloseTo(70, 10);
    });
  });

  describe('properties', () => {
    const communes = ['31117', '31120', '31150'];
    const countPair = fc.tuple(fc.nat(5000), fc.nat(5000));
    // For each unit: maybe a (level-4, total) pair of public-service counts.
    const reports = fc.record(
      Object.fromEntries(UNITS.map((u) => [u.code, fc.option(countPair, { nil: undefined })])) as Record<string, fc.Arbitrary<[number, number] | undefined>>,
    );
    const toFacts = (r: Record<string, [number, number] | undefined>): Observation[] =>
      Object.entries(r).flatMap(([unit, pair]) =>
        pair ? [o('public_services.level4_multichannel', unit, '2025-Q1', pair[0]), o('public_services.total', unit, '2025-Q1', pair[1])] : [],
      );

    it('should give the same value when rolling up facts and units in any order', () => {
      fc.assert(
        fc.property(reports, fc.func(fc.integer()), (r, order) => {
          const facts = toFacts(r);
          const shuffle = <T>(items: T[]) =>
            items
              .map((item, i) => ({ item, key: order(i) }))
              .sort((a, b) => a.key - b.key)
              .map((x) => x.item);
          const shuffledHierarchy = loadHierarchy({ id: 'test', effectiveFrom: '2024-11-01', units: shuffle(UNITS) });
          for (const unit of ['92', '916']) {
            expect(compute(shuffle(facts), 'GOV-01', unit, '2025-Q1', shuffledHierarchy)).toEqual(compute(facts, 'GOV-01', unit, '2025-Q1'));
          }
        }),
      );
    });

    it("should make a parent's ratio the ratio of its own and its children's summed parts", () => {
      fc.assert(
        fc.property(reports, (r) => {
          const facts = toFacts(r);
          const city = compute(facts, 'GOV-01', '92', '2025-Q1');
          const parts = [
            compute(facts, 'GOV-01', '92', '2025-Q1', loadHierarchy({ id: 'test', effectiveFrom: '2024-11-01', units: [UNITS[0]] })),
            ...['916', '917', '918'].map((d) => compute(facts, 'GOV-01', d, '2025-Q1')),
          ];
          const num = parts.reduce((s, p) => s + (p.numerator ?? 0), 0);
          const den = parts.reduce((s, p) => s + (p.denominator ?? 0), 0);
          expect(city.numerator ?? 0).toBe(num);
          expect(city.denominator ?? 0).toBe(den);
          if (den > 0) expect(city.value).toBeCloseTo((num * 100) / den, 9);
          else expect(city.value).toBeNull();
        }),
      );
    });

    it('should change nothing but the coverage when a unit without data is added', () => {
      const measures = ['households.fibre', 'households.total', 'population.covered_4g5g', 'population.total'];
      const communeFacts = fc.array(fc.record({ measure: fc.constantFrom(...measures), unit: fc.constantFrom(...communes), value: fc.nat(10000) }), {
        maxLength: 20,
      });
      fc.assert(
        fc.property(communeFacts, (raw) => {
          const facts = raw.map((f) => o(f.measure, f.unit, f.measure === 'population.total' ? '2025' : '2025-Q1', f.value));
          const bigger = loadHierarchy({
            id: 'test',
            effectiveFrom: '2024-11-01',
            units: [...UNITS, { code: '31121', name: 'Phường mới', level: 3, parentCode: '916' }],
          });
          for (const indicator of ['SOC-01', 'SOC-03']) {
            for (const unit of ['92', '916']) {
              const before = compute(facts, indicator, unit, '2025-Q1');
              const after = compute(facts, indicator, unit, '2025-Q1', bigger);
              expect({ ...after, coverage: before.coverage }).toEqual(before);
              expect(after.coverage).toEqual({ reported: before.coverage.reported, expected: before.coverage.expected + 1 });
            }
          }
        }),
      );
    });
  });
});
