import { DEFAULT_CATALOGUE, Indicator } from '@dx/domain';

import { targetsToDraw, trajectory } from './trajectory.util';

const indicator = (code: string) => DEFAULT_CATALOGUE.indicator(code) as Indicator;
const commune = { code: '31117', name: 'Phường Cái Khế', level: 3 as const, parentCode: '916' };
const city = { code: '92', name: 'Thành phố Cần Thơ', level: 1 as const, parentCode: null };

describe('trajectory', () => {
  it('should run in a straight line from the 2020 baseline to the 2025 milestone and end at the 2030 target', () => {
    // GOV-01: baseline 40 in 2020, >= 80 in 2025 → +8 a year. After 2025 the line is the domain's
    // expectedValue towards 2030 (issue 10 makes it start from the 2025 target), ending at 100.
    const line = trajectory(indicator('GOV-01'), city, 40);
    expect(line.slice(0, 6).map((p) => [p.period, Number(p.expected.toFixed(9))])).toEqual([
      ['2020', 40],
      ['2021', 48],
      ['2022', 56],
      ['2023', 64],
      ['2024', 72],
      ['2025', 80],
    ]);
    expect(line.at(-1)).toEqual({ period: '2030', expected: 100 });
    expect(line).toHaveLength(11);
  });

  it('should expect the target itself when the unit has no baseline value', () => {
    expect(trajectory(indicator('SOC-01'), commune, undefined).find((p) => p.period === '2023')?.expected).toBe(90);
  });
});

describe('targetsToDraw', () => {
  it('should give the 2025 and 2030 milestones of the unit’s level', () => {
    expect(targetsToDraw(indicator('SOC-01'), commune)).toEqual([
      { year: 2025, op: '>', value: 90 },
      { year: 2030, op: '>=', value: 100 },
    ]);
    expect(targetsToDraw(indicator('GOV-04'), commune)).toEqual([{ year: 2030, op: '>=', value: 80 }]);
  });
});
