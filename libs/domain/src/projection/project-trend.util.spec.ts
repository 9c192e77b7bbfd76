import { Indicator } from '../catalogue/catalogue.type';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { naturalBounds, projectToNextMilestone, projectTrend } from './project-trend.util';

const indicator = (code: string): Indicator => DEFAULT_CATALOGUE.indicator(code) as Indicator;
const city = { code: '92', level: 1 as const };
const commune = { code: '31117', level: 3 as const };

describe('projectTrend', () => {
  it('should extend the straight line of yearly values to the end of the year asked', () => {
    // +2 points a year from 70 in 2023: 74 in 2025, then five more years to 2030 → 84.
    const points = [
      { period: '2023', value: 70 },
      { period: '2024', value: 72 },
      { period: '2025', value: 74 },
    ];
    expect(projectTrend(points, 2030)?.value).toBeCloseTo(84, 9);
  });

  it('should fit the least-squares line when the points are not on one line', () => {
    // x in years from 2023: 0, 1, 2; y: 70, 73, 74 → slope 2, intercept 70.333…; at x = 7: 84.333…
    const points = [
      { period: '2023', value: 70 },
      { period: '2024', value: 73 },
      { period: '2025', value: 74 },
    ];
    expect(projectTrend(points, 2030)?.value).toBeCloseTo(70 + 1 / 3 + 2 * 7, 9);
  });

  it('should use only the points within the window before the latest one', () => {
    const points = [
      { period: '2018', value: 0 },
      { period: '2023', value: 70 },
      { period: '2024', value: 72 },
      { period: '2025', value: 74 },
    ];
    const trend = projectTrend(points, 2030, { windowMonths: 36 });
    expect(trend).toMatchObject({ from: '2023', to: '2025', points: 3 });
    expect(trend?.value).toBeCloseTo(84, 9);
  });

  it('should read quarters at the end of each quarter', () => {
    // +1 a quarter: 2025-Q2 = 62, so the end of 2025 (two quarters on) = 64.
    const points = [
      { period: '2024-Q4', value: 60 },
      { period: '2025-Q1', value: 61 },
      { period: '2025-Q2', value: 62 },
    ];
    expect(projectTrend(points, 2025)?.value).toBeCloseTo(64, 9);
  });

  it('should make no trend from too few points or points ending together', () => {
    expect(
      projectTrend(
        [
          { period: '2024', value: 1 },
          { period: '2025', value: 2 },
        ],
        2030,
      ),
    ).toBeUndefined();
    expect(
      projectTrend(
        [
          { period: '2025', value: 1 },
          { period: '2025-Q4', value: 2 },
          { period: '2025-12', value: 3 },
        ],
        2030,
      ),
    ).toBeUndefined();
    expect(
      projectTrend(
        [
          { period: '2023', value: null },
          { period: '2024', value: 1 },
          { period: '2025', value: 2 },
        ],
        2030,
      ),
    ).toBeUndefined();
  });

  it('should clamp the projection to the bounds', () => {
    const points = [
      { period: '2023', value: 80 },
      { period: '2024', value: 90 },
      { period: '2025', value: 99 },
    ];
    expect(projectTrend(points, 2030, { bounds: { max: 100 } })?.value).toBe(100);
  });
});

describe('projectToNextMilestone', () => {
  it('should project a commune to 2030 when its latest value is after 2025', () => {
    // SOC-01's 2030 milestone is >= 100: 80, 81, 82 in 2026-Q1..Q3 → +1 a quarter; 17 quarters to the end of 2030: 99.
    const projection = projectToNextMilestone(indicator('SOC-01'), commune, [
      { period: '2026-Q1', value: 80 },
      { period: '2026-Q2', value: 81 },
      { period: '2026-Q3', value: 82 },
    ]);
    expect(projection).toMatchObject({ year: 2030, target: { year: 2030, op: '>=', value: 100 }, meetsTarget: false });
    expect(projection?.value).toBeCloseTo(99, 9);
  });

  it('should project to 2025 while the 2025 milestone is ahead and say when it would be met', () => {
    // GOV-01 >= 80 by 2025: 70, 75, 80 in 2022–2024 → 85 at the end of 2025.
    const projection = projectToNextMilestone(indicator('GOV-01'), city, [
      { period: '2022', value: 70 },
      { period: '2023', value: 75 },
      { period: '2024', value: 80 },
    ]);
    expect(projection).toMatchObject({ year: 2025, meetsTarget: true, target: { value: 80 } });
    expect(projection?.value).toBeCloseTo(85, 9);
  });

  it('should project a rank with lower-is-better and keep it at 1 or more', () => {
    // OVR-01 <= 10: ranks 14, 12, 10 in 2022–2024 → 8 in 2025, within the target.
    const projection = projectToNextMilestone(indicator('OVR-01'), city, [
      { period: '2022', value: 14 },
      { period: '2023', value: 12 },
      { period: '2024', value: 10 },
    ]);
    expect(projection?.value).toBeCloseTo(8, 9);
    expect(projection?.meetsTarget).toBe(true);
    expect(naturalBounds(indicator('OVR-01'))).toEqual({ min: 1 });
  });

  it('should not project an every-period floor or past the last milestone', () => {
    const rising = [
      { period: '2022', value: 7 },
      { period: '2023', value: 8 },
      { period: '2024', value: 9 },
    ];
    expect(projectToNextMilestone(indicator('ECO-02'), city, rising)).toBeUndefined();
    const late = [
      { period: '2029', value: 1 },
      { period: '2030', value: 2 },
      { period: '2031', value: 3 },
    ];
    expect(projectToNextMilestone(indicator('GOV-01'), city, late)).toBeUndefined();
  });
});
