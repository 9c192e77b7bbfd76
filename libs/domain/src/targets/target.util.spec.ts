import { Indicator, Target } from '../catalogue/catalogue.type';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { applicableTarget, expectedValue, meetsTarget, milestonesFor, progressRatio, statusOf, targetRef } from './target.util';

const indicator = (code: string): Indicator => DEFAULT_CATALOGUE.indicator(code) as Indicator;
const withTargets = (code: string, targets: Target[]): Indicator => ({ ...indicator(code), targets });
const city = { code: '92', level: 1 as const };
const district = { code: '916', level: 2 as const };
const commune = { code: '31117', level: 3 as const };

describe('target.util', () => {
  describe('applicableTarget', () => {
    it.each([
      // indicator, unit, period, expected target as "year op value"
      ['GOV-01', city, '2023-Q2', '2025 >= 80'],
      ['GOV-01', city, '2025', '2025 >= 80'],
      ['GOV-01', district, '2026-Q1', '2030 >= 100'],
      // After the last milestone it stays in force.
      ['GOV-01', city, '2031', '2030 >= 100'],
      ['GOV-02', city, '2027', '2025 >= 100'],
      ['GOV-04', city, '2025-03', '2030 >= 100'],
      ['GOV-04', district, '2025-03', '2030 >= 90'],
      ['GOV-04', commune, '2025-03', '2030 >= 80'],
      // Floors: the floor of the period's year.
      ['ECO-02', city, '2023', '2023 >= 7'],
      ['ECO-02', city, '2025', '2025 >= 7'],
      ['ECO-02', city, '2026', '2026 >= 8'],
      ['SOC-01', commune, '2025-Q4', '2025 > 90'],
      ['OVR-01', city, '2024', '2025 <= 10'],
    ])('should apply to %s for unit %j in %s the target %s', (code, unit, period, expected) => {
      const target = applicableTarget(indicator(code), unit, period);
      expect(target).toBeDefined();
      const ref = targetRef(target as Target, period);
      expect(`${ref.year} ${ref.op} ${ref.value}`).toBe(expected);
    });

    it('should prefer a unit target over a level target over a general one when several apply', () => {
      const i = withTargets('GOV-01', [
        { kind: 'milestone', year: 2025, op: '>=', value: 80 },
        { kind: 'milestone', year: 2025, op: '>=', value: 85, level: 2 },
        { kind: 'milestone', year: 2025, op: '>=', value: 95, unit: '916', hierarchyVersion: '2024-11' },
      ]);
      expect(applicableTarget(i, district, '2025-Q2', '2024-11')?.value).toBe(95);
      expect(applicableTarget(i, { code: '917', level: 2 }, '2025-Q2', '2024-11')?.value).toBe(85);
      expect(applicableTarget(i, commune, '2025-Q2', '2024-11')?.value).toBe(80);
    });

    it('should apply a unit target only to the unit of its hierarchy version when the code is reused', () => {
      // 31135 was Phường Tân An in 2024-11 and is Phường Ninh Kiều in 2025-07.
      const i = withTargets('SOC-01', [
        { kind: 'milestone', year: 2025, op: '>=', value: 80 },
        { kind: 'milestone', year: 2025, op: '>=', value: 95, unit: '31135', hierarchyVersion: '2025-07' },
      ]);
      const ward = { code: '31135', level: 3 as const };
      expect(applicableTarget(i, ward, '2025', '2025-07')?.value).toBe(95);
      expect(applicableTarget(i, ward, '2025-Q2', '2024-11')?.value).toBe(80);
    });

    it('should find no target when the indicator has none for the unit', () => {
      expect(applicableTarget(withTargets('GOV-01', []), city, '2025')).toBeUndefined();
      expect(applicableTarget(withTargets('GOV-01', [{ kind: 'milestone', year: 2030, op: '>=', value: 1, level: 2 }]), city, '2025')).toBeUndefined();
    });
  });

  describe('meetsTarget', () => {
    it.each([
      [80, '>=', 80, true],
      [79.99, '>=', 80, false],
      // 0.7 * 100 / 0.875 in floating point is 79.99999999999999: still 80.
      [(0.7 * 100) / 0.875, '>=', 80, true],
      // A ">" target met exactly is not met.
      [90, '>', 90, false],
      [90.01, '>', 90, true],
      // DTI rank: lower is better.
      [10, '<=', 10, true],
      [11, '<=', 10, false],
      [3, '<=', 10, true],
      [100, '=', 100, true],
      [100 + 1e-12, '=', 100, true],
      [99.9, '=', 100, false],
    ] as const)('should say %p %s %p is %p when compared', (value, op, target, expected) => {
      expect(meetsTarget(value, { op, value: target })).toBe(expected);
    });
  });

  describe('expectedValue', () => {
    const milestone2025: Target = { kind: 'milestone', year: 2025, op: '>=', value: 80 };

    it.each([
      // Baseline 30 at the end of 2020, 80 at the end of 2025: +10 a year, +2.5 a quarter.
      ['2021', 30, 40],
      ['2023', 30, 60],
      ['2023-Q1', 30, 52.5],
      // Monthly: 2023-02 ends 26 months after 2020: 30 + 50 × 26/60.
      ['2023-02', 30, 30 + (50 * 26) / 60],
      ['2025', 30, 80],
      // Clamped at both ends.
      ['2020', 30, 30],
      ['2019-Q3', 30, 30],
      ['2027', 30, 80],
    ])('should expect at %s from baseline %p the value %p on the straight line', (period, baseline, expected) => {
      expect(expectedValue(indicator('GOV-01'), milestone2025, period, baseline)).toBeCloseTo(expected, 10);
    });

    it('should expect the target itself when there is no baseline value', () => {
      expect(expectedValue(indicator('GOV-01'), milestone2025, '2022', undefined)).toBe(80);
    });

    describe('through each milestone', () => {
      const milestone2030: Target = { kind: 'milestone', year: 2030, op: '>=', value: 100 };
      const milestones = [milestone2025, milestone2030];

      it.each([
        // Baseline 30 (end of 2020) → 80 (end of 2025) → 100 (end of 2030), then 100.
        ['2023', 30, milestone2025, 60],
        ['2025', 30, milestone2025, 80],
        // 2026 ends 12 of 60 months after 2025: 80 + 20 × 12/60 = 84, not 30 + 70 × 72/120 = 72 from the baseline.
        ['2026', 30, milestone2030, 84],
        // 2028-Q2 ends 30 months after 2025: 80 + 20 × 30/60 = 90.
        ['2028-Q2', 30, milestone2030, 90],
        ['2030', 30, milestone2030, 100],
        ['2033', 30, milestone2030, 100],
        // No baseline: the first target until its year, then the line between targets.
        ['2022', undefined, milestone2025, 80],
        ['2028-Q2', undefined, milestone2030, 90],
      ])('should expect at %s from baseline %p (target %j) the value %p', (period, baseline, target, expected) => {
        expect(expectedValue(indicator('GOV-01'), target, period, baseline, milestones)).toBeCloseTo(expected, 10);
      });

      it("should list a unit's milestones one per year, the most specific first", () => {
        const i = withTargets('GOV-04', [
          { kind: 'milestone', year: 2030, op: '>=', value: 80, level: 3 },
          { kind: 'milestone', year: 2025, op: '>=', value: 60 },
          { kind: 'milestone', year: 2030, op: '>=', value: 70 },
        ]);
        expect(milestonesFor(i, commune).map((t) => `${t.year} ${t.value}`)).toEqual(['2025 60', '2030 80']);
        expect(milestonesFor(i, city).map((t) => `${t.year} ${t.value}`)).toEqual(['2025 60', '2030 70']);
      });
    });

    it('should expect the floor of the year when the target is a floor', () => {
      expect(expectedValue(indicator('ECO-02'), { kind: 'floor', fromYear: 2021, year: 2025, op: '>=', value: 7 }, '2023', 3)).toBe(7);
    });

    it('should run a rank down toward its target when lower is better', () => {
      // DTI rank 30 in 2020 to ≤ 10 in 2025: 4 places a year, so 22 expected in 2022.
      expect(expectedValue(indicator('OVR-01'), { kind: 'milestone', year: 2025, op: '<=', value: 10 }, '2022', 30)).toBe(22);
    });
  });

  describe('statusOf', () => {
    const gov01 = indicator('GOV-01');
    const target: Target = { kind: 'milestone', year: 2025, op: '>=', value: 80 };

    it.each([
      [null, 60, 'no_data'],
      [80, 60, 'achieved'],
      [85, 60, 'achieved'],
      [60, 60, 'on_track'],
      [65, 60, 'on_track'],
      [59.5, 60, 'at_risk'],
      // Exactly 5 points behind is still at risk (inclusive tolerance).
      [55, 60, 'at_risk'],
      [54.99, 60, 'off_track'],
      [10, 60, 'off_track'],
    ] as const)('should rate value %p against expected %p as %s', (value, expected, status) => {
      expect(statusOf(gov01, value, target, expected)).toBe(status);
    });

    it('should rate a ">" target met exactly as on track, not achieved, when the expected value is the target', () => {
      // SOC-01 2025: > 90; a value of exactly 90 does not meet it but is not behind either (review section D,
      // decided: only `achieved` uses the strict comparator; the trajectory ends at the target's value).
      expect(statusOf(indicator('SOC-01'), 90, { kind: 'milestone', year: 2025, op: '>', value: 90 }, 90)).toBe('on_track');
    });

    it.each([
      // DTI: ≤ 10, expected 22 on the way there.
      [10, 22, 'achieved'],
      [20, 22, 'on_track'],
      [27, 22, 'at_risk'],
      [28, 22, 'off_track'],
    ] as const)('should rate DTI rank %p against expected %p as %s when lower is better', (value, expected, status) => {
      expect(statusOf(indicator('OVR-01'), value, { kind: 'milestone', year: 2025, op: '<=', value: 10 }, expected)).toBe(status);
    });

    it('should rate a missed floor as at risk or off track when growth falls short', () => {
      const eco02 = indicator('ECO-02');
      const floor: Target = { kind: 'floor', fromYear: 2021, year: 2025, op: '>=', value: 7 };
      expect(statusOf(eco02, 7, floor, 7)).toBe('achieved');
      expect(statusOf(eco02, 2, floor, 7)).toBe('at_risk');
      expect(statusOf(eco02, 1.9, floor, 7)).toBe('off_track');
    });

    it('should rate any distance from an "=" target as behind when it is not met', () => {
      const equal: Target = { kind: 'milestone', year: 2025, op: '=', value: 50 };
      expect(statusOf(gov01, 50, equal, 50)).toBe('achieved');
      expect(statusOf(gov01, 53, equal, 50)).toBe('at_risk');
      expect(statusOf(gov01, 44, equal, 50)).toBe('off_track');
    });

    it('should rate a value on track when there is no target to fall behind', () => {
      expect(statusOf(gov01, 3, undefined, undefined)).toBe('on_track');
    });
  });

  describe('progressRatio', () => {
    it.each([
      // (value − baseline) / (expected − baseline)
      [60, 30, 60, 1],
      [45, 30, 60, 0.5],
      [20, 30, 60, -1 / 3],
      // Rank: from 30 toward 22 expected; at 26 half of the expected progress is made.
      [26, 30, 22, 0.5],
      [50, undefined, 60, undefined],
      [50, 60, 60, undefined],
      [null, 30, 60, undefined],
    ] as const)('should give value %p, baseline %p, expected %p the ratio %p', (value, baseline, expected, ratio) => {
      const result = progressRatio(value, baseline, expected);
      if (ratio === undefined) expect(result).toBeUndefined();
      else expect(result).toBeCloseTo(ratio, 12);
    });
  });
});
