import { publicHolidayName, publicHolidays, PublicHolidayRules } from './public-holidays.util';
import { VIETNAM_PUBLIC_HOLIDAYS } from './vietnam-public-holidays.constant';

describe('publicHolidays', () => {
  it('should list the statutory holidays of 2026, with Tết from 29 Chạp to mùng 4 and a Monday in lieu of Hùng Kings', () => {
    const days = publicHolidays(2026, VIETNAM_PUBLIC_HOLIDAYS);
    expect([...days.keys()]).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(days.get('2026-02-17')).toEqual({ vi: 'Tết Nguyên Đán', en: 'Lunar New Year (Tết)' });
    expect(days.get('2026-04-27')).toEqual({ vi: 'Nghỉ bù Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day (day in lieu)" });
  });

  it('should give the working days after a weekend cluster in lieu, as in 2023 (29/4 to 3/5 off)', () => {
    const days = publicHolidays(2023, VIETNAM_PUBLIC_HOLIDAYS);
    expect(['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03'].every((d) => days.has(d))).toBe(true);
    expect(days.has('2023-05-04')).toBe(false);
  });

  it.each([
    // year, National Day holidays as announced (2/9 on Saturday 2023, on Monday 2024, on Tuesday 2025)
    [2023, ['2023-09-01', '2023-09-02', '2023-09-04']],
    // 2024: the adjacent day 1/9 is a Sunday, so the Tuesday after 2/9 is given in lieu.
    [2024, ['2024-09-01', '2024-09-02', '2024-09-03']],
    [2025, ['2025-09-01', '2025-09-02']],
  ])('should give the National Day holidays of %s', (year, expected) => {
    const september = [...publicHolidays(year as number, VIETNAM_PUBLIC_HOLIDAYS).keys()].filter((d) => d.slice(5, 7) === '09');
    expect(september).toEqual(expected);
  });

  it('should put Tết in every year from 2020 to 2035 as five days ending on mùng 4', () => {
    for (let year = 2020; year <= 2035; year += 1) {
      const tet = [...publicHolidays(year, VIETNAM_PUBLIC_HOLIDAYS)].filter(([, name]) => name.vi === 'Tết Nguyên Đán').map(([d]) => d);
      expect(tet).toHaveLength(5);
      expect(Date.parse(tet[4]) - Date.parse(tet[0])).toBe(4 * 86_400_000);
    }
  });

  it('should apply a yearly decision that adds one day and gives another back', () => {
    const rules: PublicHolidayRules = {
      ...VIETNAM_PUBLIC_HOLIDAYS,
      extraDays: [{ date: '2025-01-27', name: { vi: 'Nghỉ Tết (hoán đổi)', en: 'Tết (swapped day)' } }],
      workingDays: ['2025-02-03'],
    };
    expect(publicHolidayName('2025-01-27', rules)?.en).toBe('Tết (swapped day)');
    expect(publicHolidayName('2025-02-03', rules)).toBeUndefined();
    expect(publicHolidayName('2025-02-03', VIETNAM_PUBLIC_HOLIDAYS)?.en).toBe('Lunar New Year (Tết) (day in lieu)');
  });

  it('should have no holiday on an ordinary day, and none at all with empty rules', () => {
    expect(publicHolidayName('2026-03-10', VIETNAM_PUBLIC_HOLIDAYS)).toBeUndefined();
    const none: PublicHolidayRules = { solar: [], lunar: [], compensateWeekends: true, extraDays: [], workingDays: [] };
    expect(publicHolidays(2026, none).size).toBe(0);
  });

  it('should refuse a rule that names no date', () => {
    const rules: PublicHolidayRules = { ...VIETNAM_PUBLIC_HOLIDAYS, solar: [{ month: 2, day: 30, name: { vi: 'x', en: 'x' } }] };
    expect(() => publicHolidays(2026, rules)).toThrow(RangeError);
  });
});
