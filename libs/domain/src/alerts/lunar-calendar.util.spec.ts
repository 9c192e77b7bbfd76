import fc from 'fast-check';

import { fromLunarDate, lunarNewYear, toLunarDate } from './lunar-calendar.util';

// Chinese New Year as published in almanacs, i.e. reckoned at UTC+8: an independent check of the computation.
const CHINESE_NEW_YEAR: Record<number, string> = {
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

// Tết reckoned at UTC+7. It equals the Chinese date except in 2030, whose new moon falls on
// 2 February at 23:08 in Hà Nội, 00:08 on the 3rd in Beijing (as in 1985 and 2007, checked below).
const TET: Record<number, string> = { ...CHINESE_NEW_YEAR, 2030: '2030-02-02' };

// Hùng Kings' day (10/3 lunar) as announced by the Government for each year.
const HUNG_KINGS_DAY: Record<number, string> = {
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
};

describe('lunar calendar', () => {
  it.each(Object.entries(TET))('should put Tết %s on %s', (year, date) => {
    expect(lunarNewYear(Number(year))).toBe(date);
  });

  it.each(Object.entries(CHINESE_NEW_YEAR))('should reproduce the published Chinese New Year %s when reckoned at UTC+8', (year, date) => {
    expect(lunarNewYear(Number(year), 8)).toBe(date);
  });

  it('should tell Tết from the Chinese New Year in the years the meridian matters', () => {
    expect([lunarNewYear(1985), lunarNewYear(1985, 8)]).toEqual(['1985-01-21', '1985-02-20']);
    expect([lunarNewYear(2007), lunarNewYear(2007, 8)]).toEqual(['2007-02-17', '2007-02-18']);
  });

  it.each(Object.entries(HUNG_KINGS_DAY))("should put Hùng Kings' day %s on %s", (year, date) => {
    expect(fromLunarDate({ year: Number(year), month: 3, day: 10, leap: false })).toBe(date);
  });

  it('should know the leap months of 2023 (month 2) and 2025 (month 6)', () => {
    expect(toLunarDate('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(toLunarDate('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(fromLunarDate({ year: 2025, month: 6, day: 1, leap: true })).toBe('2025-07-25');
    expect(fromLunarDate({ year: 2026, month: 6, day: 1, leap: true })).toBeUndefined();
  });

  it('should end the lunar year 2025 on 29 Chạp, the eve of Tết 2026', () => {
    expect(toLunarDate('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(toLunarDate('2026-02-17')).toEqual({ year: 2026, month: 1, day: 1, leap: false });
  });

  it('should convert every day of 1990-2060 back to itself', () => {
    const start = Date.UTC(1990, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 * 365 }), (offset) => {
        const date = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const lunar = toLunarDate(date);
        expect(lunar.day).toBeGreaterThanOrEqual(1);
        expect(lunar.day).toBeLessThanOrEqual(30);
        expect(fromLunarDate(lunar)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it('should refuse text that is not a date', () => {
    expect(() => toLunarDate('2025-02-30')).toThrow(RangeError);
    expect(() => toLunarDate('tomorrow')).toThrow(RangeError);
    expect(() => fromLunarDate({ year: 2025, month: 13, day: 1, leap: false })).toThrow(RangeError);
  });
});
