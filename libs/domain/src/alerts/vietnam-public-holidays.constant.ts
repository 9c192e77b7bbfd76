import { PublicHolidayRules } from './public-holidays.util';

/**
 * Vietnam's public holidays as the Labour Code 2019 (Bộ luật Lao động 45/2019/QH14, art. 112) sets them:
 * 1/1; Tết, 5 days (here the last day of the lunar year and the first four of the new one); Hùng Kings'
 * day, 10/3 lunar; 30/4; 1/5; 2/9 and one adjacent day (here 1/9, the choice of 2022, 2023 and 2025);
 * a holiday on a weekend gives the next working day off (art. 111). The Prime Minister's yearly
 * schedules move or add days: put those in `extraDays` / `workingDays` of a copy of this constant.
 */
export const VIETNAM_PUBLIC_HOLIDAYS: PublicHolidayRules = {
  solar: [
    { month: 1, day: 1, name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
    { month: 4, day: 30, name: { vi: 'Ngày Chiến thắng 30/4', en: 'Reunification Day' } },
    { month: 5, day: 1, name: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' } },
    { month: 9, day: 1, name: { vi: 'Quốc khánh (ngày liền kề)', en: 'National Day (adjacent day)' } },
    { month: 9, day: 2, name: { vi: 'Quốc khánh', en: 'National Day' } },
  ],
  lunar: [{ month: 3, day: 10, name: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" } }],
  lunarNewYear: { daysBefore: 1, daysFrom: 4, name: { vi: 'Tết Nguyên Đán', en: 'Lunar New Year (Tết)' } },
  compensateWeekends: true,
  extraDays: [],
  workingDays: [],
};
