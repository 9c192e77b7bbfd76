import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { FactSet } from '../observations/fact-set';
import { Observation } from '../observations/observation.type';
import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from '../units/hierarchy-registry';
import { UnitHierarchy } from '../units/unit-hierarchy';
import { affectedIndicatorValues } from './affected-indicator-values.util';
import { comparableSeries } from './comparable-series.util';
import { computeAll, computeIndicator, computeIndicators } from './compute-indicator.util';
import { factScope } from './fact-scope.util';
import { IndicatorValue } from './indicator-value.type';

// Since 1 July 2025 Can Tho has no districts: the 2024-11 version is in force for periods ending before
// 2025-07-01, the 2025-07 version from then on (the year 2025 included). Units of the real resolution:
//   new 31135 Phường Ninh Kiều ← 31123 Thới Bình + 31135 Tân An + 31144 Xuân Khánh (all whole)
//   new 31120 Phường Cái Khế   ← 31117 Cái Khế + 31120 An Hòa + part of 31178 Bùi Hữu Nghĩa
//   new 31147 Phường Tân An    ← 31147 Hưng Lợi + 31149 An Khánh (both whole)
//   new 92 Thành phố Cần Thơ   ← 92 Cần Thơ + 93 Hậu Giang + 94 Sóc Trăng (93 and 94 in no loaded version)
const registry = HierarchyRegistry.withDefaults();
const twoLevel = registry.version(TWO_LEVEL_VERSION_ID) as UnitHierarchy;
const threeLevel = registry.version(THREE_LEVEL_VERSION_ID) as UnitHierarchy;

const o = (measure: string, unit: string, period: string, value: number): Observation => ({ measure, unit, period, value });
const households = (unit: string, period: string, fibre: number, total: number) => [
  o('households.fibre', unit, period, fibre),
  o('households.total', unit, period, total),
];
const inNew = (facts: Observation[], indicator: string, unit: string, period: string): IndicatorValue =>
  computeIndicator(DEFAULT_CATALOGUE, twoLevel, new FactSet(facts), indicator, unit, period);
const inOld = (facts: Observation[], indicator: string, unit: string, period: string): IndicatorValue =>
  computeIndicator(DEFAULT_CATALOGUE, threeLevel, new FactSet(facts), indicator, unit, period);

describe('computeIndicator across the 2025 reorganisation', () => {
  describe('a merged ward (three whole predecessors)', () => {
    const q2 = [...households('31123', '2025-Q2', 900, 1000), ...households('31135', '2025-Q2', 1000, 2000), ...households('31144', '2025-Q2', 950, 1000)];

    it("should sum its predecessors' numerators and denominators for a period before its version", () => {
      // (900 + 1000 + 950) / (1000 + 2000 + 1000) = 2850/4000 = 71.25 %; all three predecessors reported.
      expect(inNew(q2, 'SOC-01', '31135', '2025-Q2')).toMatchObject({
        value: 71.25,
        numerator: 2850,
        denominator: 4000,
        coverage: { reported: 3, expected: 3 },
        hierarchyVersion: TWO_LEVEL_VERSION_ID,
      });
      expect(inNew(q2, 'SOC-01', '31135', '2025-Q2').quality).toBeUndefined();
    });

    it("should carry the predecessors' stock into its first quarter, and its own report once it arrives", () => {
      // Nothing reported by the new ward for Q3: the Q2 stock of its whole territory, 2850/4000, not old Tân An's 1000/2000.
      expect(inNew(q2, 'SOC-01', '31135', '2025-Q3')).toMatchObject({
        value: 71.25,
        numerator: 2850,
        denominator: 4000,
        coverage: { reported: 1, expected: 1 },
      });
      // Its own Q3 report wins: 3400/4000 = 85 %.
      expect(inNew([...q2, ...households('31135', '2025-Q3', 3400, 4000)], 'SOC-01', '31135', '2025-Q3')).toMatchObject({ value: 85, numerator: 3400 });
    });
  });

  describe('a split ward (one predecessor partly merged)', () => {
    it('should count the partly merged predecessor in full and mark the value approximate', () => {
      const q2 = [...households('31117', '2025-Q2', 450, 500), ...households('31120', '2025-Q2', 280, 400), ...households('31178', '2025-Q2', 540, 600)];
      // (450 + 280 + 540) / (500 + 400 + 600) = 1270/1500 = 84.67 %; 31178 went only partly into 31120 but counts whole.
      const value = inNew(q2, 'SOC-01', '31120', '2025-Q2');
      expect(value).toMatchObject({ numerator: 1270, denominator: 1500, quality: 'approximate', coverage: { reported: 3, expected: 3 } });
      expect(value.value).toBeCloseTo((1270 * 100) / 1500, 10);
      // Without Bùi Hữu Nghĩa's report nothing is approximate: (450 + 280) / (500 + 400) = 81.11 %, 2 of 3 reported.
      const partial = inNew(q2.slice(0, 4), 'SOC-01', '31120', '2025-Q2');
      expect(partial).toMatchObject({ numerator: 730, denominator: 900, coverage: { reported: 2, expected: 3 } });
      expect(partial.quality).toBeUndefined();
    });
  });

  describe('the new city in the year 2025', () => {
    it("should read the old city's own months to June and its own months from July", () => {
      // GOV-04 is own scope. Old 92 January-June: 80 online of 100 each month; new 92 July-November: 190 of 200;
      // December's total came without its online count, so that month is not a pair.
      const facts = [
        ...['01', '02', '03', '04', '05', '06'].flatMap((m) => [
          o('work_records.total', '92', `2025-${m}`, 100),
          o('work_records.online', '92', `2025-${m}`, 80),
        ]),
        ...['07', '08', '09', '10', '11'].flatMap((m) => [o('work_records.total', '92', `2025-${m}`, 200), o('work_records.online', '92', `2025-${m}`, 190)]),
        o('work_records.total', '92', '2025-12', 200),
      ];
      // (6 × 80 + 5 × 190) / (6 × 100 + 5 × 200) = 1430/1600 = 89.375 %.
      // Coverage in unit-months: January-June the old city plus Hậu Giang and Sóc Trăng (outside every loaded
      // version): 3 × 6 = 18 expected, 6 reported; July-December the new city: 6 expected, 5 reported.
      const year = computeIndicators(DEFAULT_CATALOGUE, registry, new FactSet(facts), [{ indicator: 'GOV-04', unit: '92', period: '2025' }])[0];
      expect(year).toMatchObject({
        value: 89.375,
        numerator: 1430,
        denominator: 1600,
        coverage: { reported: 11, expected: 24 },
        hierarchyVersion: TWO_LEVEL_VERSION_ID,
      });
    });

    it("should roll up the old units' quarters to June and the new units' from July", () => {
      // GOV-02 (quarterly flow, rollup). Q1: old ward 31117 90/100 and old district 916's own offices 45/50;
      // Q2: 31117 95/100; Q3: new ward 31120 180/200; Q4: new ward 31135 270/300.
      const facts = [
        o('online_users.eid', '31117', '2025-Q1', 90),
        o('online_users.total', '31117', '2025-Q1', 100),
        o('online_users.eid', '916', '2025-Q1', 45),
        o('online_users.total', '916', '2025-Q1', 50),
        o('online_users.eid', '31117', '2025-Q2', 95),
        o('online_users.total', '31117', '2025-Q2', 100),
        o('online_users.eid', '31120', '2025-Q3', 180),
        o('online_users.total', '31120', '2025-Q3', 200),
        o('online_users.eid', '31135', '2025-Q4', 270),
        o('online_users.total', '31135', '2025-Q4', 300),
      ];
      // (90 + 45 + 95 + 180 + 270) / (100 + 50 + 100 + 200 + 300) = 680/750 = 90.67 %. The abolished district's
      // own first-half users count: they were the city's. Coverage in unit-quarters: Q1 and Q2 the 90 old units
      // plus the 2 provinces outside, (90 + 2) × 2 = 184; Q3 and Q4 the 104 new units, 208: 392 expected, 5 reported.
      const city = inNew(facts, 'GOV-02', '92', '2025');
      expect(city).toMatchObject({ numerator: 680, denominator: 750, coverage: { reported: 5, expected: 392 } });
      expect(city.value).toBeCloseTo((680 * 100) / 750, 10);
      // The new ward 31120: its predecessors' Q1 and Q2 (31117) and its own Q3: (90 + 95 + 180) / (100 + 100 + 200)
      // = 365/400 = 91.25 %; unit-quarters 3 + 3 (predecessors) + 1 + 1 = 8 expected, 3 reported.
      expect(inNew(facts, 'GOV-02', '31120', '2025')).toMatchObject({ value: 91.25, numerator: 365, denominator: 400, coverage: { reported: 3, expected: 8 } });
    });
  });

  describe('baselines', () => {
    const baseline2020 = [
      ...households('31123', '2020-Q4', 500, 1000),
      ...households('31135', '2020-Q4', 1000, 2000),
      ...households('31144', '2020-Q4', 300, 1000),
    ];

    it("should back-cast a new ward's 2020 baseline from its predecessors", () => {
      // (500 + 1000 + 300) / (1000 + 2000 + 1000) = 1800/4000 = 45 %.
      expect(inNew(baseline2020, 'SOC-01', '31135', '2020')).toMatchObject({
        value: 45,
        numerator: 1800,
        denominator: 4000,
        hierarchyVersion: TWO_LEVEL_VERSION_ID,
      });
      // 2026-Q2: 3600/4000 = 90 %. Trajectory: 90 at the end of 2025, 100 at the end of 2030: at the end of
      // 2026-Q2, 6 of 60 months on, 90 + 10 × 6/60 = 91 expected: 1 behind, at_risk. Progress from the
      // back-cast baseline: (90 − 45) / (91 − 45) = 45/46.
      const value = inNew([...baseline2020, ...households('31135', '2026-Q2', 3600, 4000)], 'SOC-01', '31135', '2026-Q2');
      expect(value).toMatchObject({ value: 90, status: 'at_risk', target: { year: 2030, op: '>=', value: 100 } });
      expect(value.expected).toBeCloseTo(91, 10);
      expect(value.progress).toBeCloseTo(45 / 46, 10);
    });

    it('should leave a ward formed only from units of other provinces without a back-cast, with its parts expected', () => {
      // Xã Hỏa Lựu (31338) was formed from three Hậu Giang communes: nothing to read before July 2025.
      expect(inNew(baseline2020, 'SOC-01', '31338', '2020')).toMatchObject({ value: null, status: 'no_data', coverage: { reported: 0, expected: 3 } });
    });
  });

  describe('stocks never cross versions by code', () => {
    it("should read an old ward's quarter against its own old population, not the new ward's", () => {
      // Old Tân An (31135 of 2024-11): 2024 residents 10000, 4G/5G covered in Q2 9500. The NEW ward 31135
      // reports 30000 residents for 2025: a 2025-07 figure, which 2025-Q2 (three-level) never reads.
      const facts = [
        o('population.total', '31135', '2024', 10000),
        o('population.covered_4g5g', '31135', '2025-Q2', 9500),
        o('population.total', '31135', '2025', 30000),
      ];
      // 9500/10000 = 95 %, not 9500/30000.
      expect(inOld(facts, 'SOC-03', '31135', '2025-Q2')).toMatchObject({ value: 95, numerator: 9500, denominator: 10000 });
      // The new ward's Q3: its own 2025 residents; its coverage not reported yet, Tân An's Q2 not its own: no pair.
      expect(inNew(facts, 'SOC-03', '31135', '2025-Q3')).toMatchObject({ value: null, status: 'no_data', coverage: { reported: 0, expected: 1 } });
    });

    it("should not carry an abolished district's own stock into any unit of the new version", () => {
      // GOV-01 Q2: old city's own offices 150 of 200 procedures at level 4; old district 916's own 100 of 200.
      const facts = [
        o('public_services.level4_multichannel', '92', '2025-Q2', 150),
        o('public_services.total', '92', '2025-Q2', 200),
        o('public_services.level4_multichannel', '916', '2025-Q2', 100),
        o('public_services.total', '916', '2025-Q2', 200),
      ];
      // Old city Q2: (150 + 100) / (200 + 200) = 62.5 %.
      expect(inOld(facts, 'GOV-01', '92', '2025-Q2')).toMatchObject({ value: 62.5 });
      // New city Q3, nothing reported since July: the city's own offices carry 150/200 = 75 % from the old city;
      // the district offices no longer exist and are nobody's predecessor. The new city's offices also stand
      // for Hậu Giang's and Sóc Trăng's, which no loaded version has: carried, but not reported (0 of 104).
      expect(inNew(facts, 'GOV-01', '92', '2025-Q3')).toMatchObject({ value: 75, numerator: 150, denominator: 200, coverage: { reported: 0, expected: 104 } });
    });

    it('should publish no value for an old unit in a period of the new version', () => {
      // Asked anyway, an old ward in 2025-Q3 has nobody standing for it.
      expect(inOld(households('31123', '2025-Q2', 900, 1000), 'SOC-01', '31123', '2025-Q3')).toMatchObject({
        value: null,
        coverage: { reported: 0, expected: 0 },
      });
    });
  });

  describe('matched pairs', () => {
    it('should leave out a numerator whose denominator is missing when rolling up units', () => {
      // 2025-Q2, three-level: 31117 950 of 1000 households; 31120 400 with fibre but no household count.
      // City: 950/1000 = 95 %, not (950 + 400) / 1000 = 135 %; 1 of 80 communes reported.
      const facts = [...households('31117', '2025-Q2', 950, 1000), o('households.fibre', '31120', '2025-Q2', 400)];
      expect(inOld(facts, 'SOC-01', '92', '2025-Q2')).toMatchObject({ value: 95, numerator: 950, denominator: 1000, coverage: { reported: 1, expected: 80 } });
    });

    it('should leave out a month whose denominator is missing when summing months', () => {
      // District 916's own records, Q1: January 80/100, February 90 online without a total, March 70/80.
      // (80 + 70) / (100 + 80) = 150/180 = 83.33 %, not (80 + 90 + 70) / 180 = 133 %; 2 of 3 unit-months.
      const facts = [
        o('work_records.online', '916', '2025-01', 80),
        o('work_records.total', '916', '2025-01', 100),
        o('work_records.online', '916', '2025-02', 90),
        o('work_records.online', '916', '2025-03', 70),
        o('work_records.total', '916', '2025-03', 80),
      ];
      const value = inOld(facts, 'GOV-04', '916', '2025-Q1');
      expect(value).toMatchObject({ numerator: 150, denominator: 180, coverage: { reported: 2, expected: 3 } });
      expect(value.value).toBeCloseTo((150 * 100) / 180, 10);
    });

    it("should pair a merged ward's carried stocks predecessor by predecessor", () => {
      // Q2: Cái Khế (31117) 950 of 1000; An Hòa (31120) 350 with fibre but no household count yet. The new
      // Phường Cái Khế's Q3 carries 950/1000 = 95 %, not (950 + 350) / 1000; its territory is not all in: 0 of 1.
      const facts = [...households('31117', '2025-Q2', 950, 1000), o('households.fibre', '31120', '2025-Q2', 350)];
      expect(inNew(facts, 'SOC-01', '31120', '2025-Q3')).toMatchObject({
        value: 95,
        numerator: 950,
        denominator: 1000,
        coverage: { reported: 0, expected: 1 },
      });
    });

    it('should keep a ratio above 100 and mark it when the numerator exceeds the denominator', () => {
      // 1100 fibre subscriptions for 1000 households: 110 %.
      expect(inOld(households('31117', '2025-Q2', 1100, 1000), 'SOC-01', '31117', '2025-Q2')).toMatchObject({ value: 110, quality: 'exceeds_denominator' });
    });
  });

  describe('trajectory through each milestone', () => {
    // Baseline 2020 of the new ward 31147: (300 + 300) / (500 + 500) = 60 %.
    const facts = [
      ...households('31147', '2020-Q4', 300, 500),
      ...households('31149', '2020-Q4', 300, 500),
      ...households('31147', '2025-Q4', 850, 1000),
      ...households('31147', '2026-Q3', 880, 1000),
    ];

    it('should keep a unit that missed the 2025 milestone behind in 2026', () => {
      // End of 2025: expected 90 (the milestone); 85 is 5 behind: at_risk (tolerance inclusive).
      expect(inNew(facts, 'SOC-01', '31147', '2025-Q4')).toMatchObject({ value: 85, expected: 90, status: 'at_risk' });
      // 2026-Q3: from 90 (end of 2025) to 100 (end of 2030), 9 of 60 months on: 91.5 expected; 88 is 3.5 behind,
      // at_risk. A line from the baseline to 2030 would expect 60 + 40 × 69/120 = 83 and call it on_track.
      const q3 = inNew(facts, 'SOC-01', '31147', '2026-Q3');
      expect(q3).toMatchObject({ value: 88, status: 'at_risk' });
      expect(q3.expected).toBeCloseTo(91.5, 10);
    });

    it('should stay at the last target after the last milestone', () => {
      expect(inNew(facts, 'SOC-01', '31147', '2031-Q1').expected).toBe(100);
    });
  });

  describe('targets follow the levels of the version in force', () => {
    it('should apply the district target to a district before July 2025 and let the new communes take the commune target', () => {
      const facts = [o('work_records.online', '916', '2025-06', 85), o('work_records.total', '916', '2025-06', 100)];
      // GOV-04 2030: district ≥ 90, commune ≥ 80. District 916 in June: 85 < 90, no baseline → 5 behind, at_risk.
      expect(inOld(facts, 'GOV-04', '916', '2025-06')).toMatchObject({ target: { year: 2030, op: '>=', value: 90 }, status: 'at_risk' });
      // From July no unit has level 2: every published GOV-04 value is the city's or a commune's.
      const july = computeAll(DEFAULT_CATALOGUE, registry, new FactSet(facts), '2025-07').filter((v) => v.indicator === 'GOV-04');
      expect(new Set(july.map((v) => v.target?.value))).toEqual(new Set([100, 80]));
      expect(july).toHaveLength(104);
    });
  });
});

describe('affectedIndicatorValues across the 2025 reorganisation', () => {
  const now = new Date('2026-03-01T00:00:00Z');

  it('should name each value in the version in force for its period and reach the new ward through formedFrom', () => {
    // Review defect B: a 2025-Q2 observation of old ward 31123 used to list 31123 in 2025-Q3 … 2026-Q1.
    const refs = affectedIndicatorValues(DEFAULT_CATALOGUE, registry, { measure: 'households.fibre', unit: '31123', period: '2025-Q2' }, { now });
    expect(refs.every((r) => registry.inForce(r.period).has(r.unit) && r.hierarchyVersion === registry.inForce(r.period).id)).toBe(true);
    const keys = refs.map((r) => `${r.unit} ${r.period}`).sort();
    // Q2 in the old structure (the ward, its district, the city); the stock carried to 2026-Q1 and the year 2025
    // in the new one (Phường Ninh Kiều, formed from 31123, and the new city, formed from the old).
    expect(keys).toEqual(
      ['31123 2025-Q2', '916 2025-Q2', '92 2025-Q2', ...['2025-Q3', '2025-Q4', '2026-Q1', '2025'].flatMap((p) => [`31135 ${p}`, `92 ${p}`])].sort(),
    );
    // Every listed value can be computed.
    expect(() => computeIndicators(DEFAULT_CATALOGUE, registry, new FactSet(), refs)).not.toThrow();
  });

  it("should list the new units' later values when an old observation is in the baseline year", () => {
    const refs = affectedIndicatorValues(DEFAULT_CATALOGUE, registry, { measure: 'households.total', unit: '31144', period: '2020-Q4' }, { now });
    const in2026 = refs
      .filter((r) => r.period === '2026-Q1')
      .map((r) => `${r.unit} ${r.hierarchyVersion}`)
      .sort();
    expect(in2026).toEqual([`31135 ${TWO_LEVEL_VERSION_ID}`, `92 ${TWO_LEVEL_VERSION_ID}`]);
  });

  it('should list exactly the values that change when an old observation changes, across both versions', () => {
    const base = [
      ...households('31123', '2025-Q2', 900, 1000),
      ...households('31135', '2025-Q3', 3000, 4000),
      o('households.fibre', '31144', '2025-Q2', 950),
      o('work_records.online', '31117', '2025-03', 40),
    ];
    // Each completes or revises a pair of the old version; the new ward and city read them through formedFrom.
    const added = [
      o('households.total', '31144', '2025-Q2', 1000),
      o('households.fibre', '31123', '2025-Q2', 990),
      o('work_records.total', '31117', '2025-03', 50),
    ];
    const before = computeAll(DEFAULT_CATALOGUE, registry, new FactSet(base), '2025');
    for (const observation of added) {
      const after = computeAll(DEFAULT_CATALOGUE, registry, new FactSet([...base, observation]), '2025');
      const changed = after.filter((v, i) => JSON.stringify(v) !== JSON.stringify(before[i])).map((v) => `${v.indicator} ${v.unit} ${v.period}`);
      expect(changed.length).toBeGreaterThan(0);
      const listed = new Set(affectedIndicatorValues(DEFAULT_CATALOGUE, registry, observation).map((r) => `${r.indicator} ${r.unit} ${r.period}`));
      expect(changed.filter((k) => !listed.has(k))).toEqual([]);
    }
  });
});

describe('factScope across the 2025 reorganisation', () => {
  it("should read a new ward's predecessors and the baseline years when its value is computed", () => {
    const scope = factScope(DEFAULT_CATALOGUE, registry, [{ indicator: 'SOC-01', unit: '31135', period: '2025-Q3' }]);
    expect(scope).toEqual({ measures: ['households.fibre', 'households.total'], units: ['31123', '31135', '31144'], years: [2019, 2020, 2024, 2025] });
  });
});

describe('comparableSeries', () => {
  it("should assemble a split ward's series from its predecessors' published pairs before July 2025 and its own after", () => {
    const published = [
      // 2025-Q2, three-level: Cái Khế 450/500, An Hòa 280/400, Bùi Hữu Nghĩa 540/600 (partly merged).
      {
        indicator: 'SOC-01',
        unit: '31117',
        period: '2025-Q2',
        value: 90,
        numerator: 450,
        denominator: 500,
        coverage: { reported: 1, expected: 1 },
        hierarchyVersion: THREE_LEVEL_VERSION_ID,
      },
      {
        indicator: 'SOC-01',
        unit: '31120',
        period: '2025-Q2',
        value: 70,
        numerator: 280,
        denominator: 400,
        coverage: { reported: 1, expected: 1 },
        hierarchyVersion: THREE_LEVEL_VERSION_ID,
      },
      {
        indicator: 'SOC-01',
        unit: '31178',
        period: '2025-Q2',
        value: 90,
        numerator: 540,
        denominator: 600,
        coverage: { reported: 1, expected: 1 },
        hierarchyVersion: THREE_LEVEL_VERSION_ID,
      },
      // 2025-Q1: only Cái Khế published.
      {
        indicator: 'SOC-01',
        unit: '31117',
        period: '2025-Q1',
        value: 80,
        numerator: 400,
        denominator: 500,
        coverage: { reported: 1, expected: 1 },
        hierarchyVersion: THREE_LEVEL_VERSION_ID,
      },
      // 2025-Q3: the new ward's own value; the OLD 31120 of Q2 must not be read as the new one.
      {
        indicator: 'SOC-01',
        unit: '31120',
        period: '2025-Q3',
        value: 88,
        numerator: 1320,
        denominator: 1500,
        coverage: { reported: 1, expected: 1 },
        hierarchyVersion: TWO_LEVEL_VERSION_ID,
      },
    ];
    const points = comparableSeries(
      DEFAULT_CATALOGUE,
      registry,
      { indicator: 'SOC-01', unit: '31120', hierarchyVersion: TWO_LEVEL_VERSION_ID },
      ['2025-Q1', '2025-Q2', '2025-Q3'],
      published,
    );
    expect(points).toEqual([
      // Q1: 400/500 = 80 %; two predecessors unpublished: 1 of 3 reported. Bùi Hữu Nghĩa did not contribute.
      {
        period: '2025-Q1',
        value: 80,
        numerator: 400,
        denominator: 500,
        coverage: { reported: 1, expected: 3 },
        hierarchyVersion: THREE_LEVEL_VERSION_ID,
        fromPredecessors: true,
      },
      // Q2: (450 + 280 + 540) / (500 + 400 + 600) = 1270/1500; the partly merged ward counted in full.
      {
        period: '2025-Q2',
        value: (1270 * 100) / 1500,
        numerator: 1270,
        denominator: 1500,
        coverage: { reported: 3, expected: 3 },
        quality: 'approximate',
        hierarchyVersion: THREE_LEVEL_VERSION_ID,
        fromPredecessors: true,
      },
      {
        period: '2025-Q3',
        value: 88,
        numerator: 1320,
        denominator: 1500,
        coverage: { reported: 1, expected: 1 },
        hierarchyVersion: TWO_LEVEL_VERSION_ID,
        fromPredecessors: false,
      },
    ]);
  });
});
