// The Vietnamese lunisolar calendar (âm lịch), computed astronomically for the meridian of UTC+7 as
// Hồ Ngọc Đức's published algorithm does (new moons and solar terms after Jean Meeus, "Astronomical
// Algorithms", 1998). Since 1968 Vietnam reckons its calendar at UTC+7, which is why Tết can differ by a
// day or a month from the Chinese New Year (reckoned at UTC+8).

/** A date of the Vietnamese lunar calendar; `leap` marks the intercalary month (tháng nhuận). */
export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly leap: boolean;
}

/** Vietnam's calendar meridian, in hours east of UTC. */
export const VIETNAM_CALENDAR_TIME_ZONE = 7;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SYNODIC_MONTH = 29.530588853;
// Julian day of the new moon of 1900-01-01, the origin of the new-moon index k.
const NEW_MOON_EPOCH = 2415021.076998695;
const DEGREE = Math.PI / 180;

/** The lunar date of an ISO (Gregorian) date. Throws `RangeError` for text that is not a valid date. */
export function toLunarDate(isoDate: string, timeZone = VIETNAM_CALENDAR_TIME_ZONE): LunarDate {
  const { day, month, year } = parseIsoDate(isoDate);
  const dayNumber = julianDayNumber(day, month, year);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, timeZone);
  let a11 = lunarMonth11(year, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1, timeZone);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1, timeZone);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    if (diff >= leapOffset) {
      lunarMonth = diff + 10;
      leap = diff === leapOffset;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

/**
 * The ISO (Gregorian) date of a lunar date, or `undefined` when that date does not exist (a leap month
 * the year does not have). Day 30 of a 29-day month gives the first day of the next month.
 */
export function fromLunarDate(lunar: LunarDate, timeZone = VIETNAM_CALENDAR_TIME_ZONE): string | undefined {
  const { year, month, day, leap } = lunar;
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`${year}/${month}/${day} is not a lunar date`);
  }
  const a11 = month < 11 ? lunarMonth11(year - 1, timeZone) : lunarMonth11(year, timeZone);
  const b11 = month < 11 ? lunarMonth11(year, timeZone) : lunarMonth11(year + 1, timeZone);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return undefined;
  }
  const monthStart = newMoonDay(k + offset, timeZone);
  return isoFromJulianDay(monthStart + day - 1);
}

/** The Gregorian date of Tết Nguyên Đán (the first day of the first lunar month) of `year`. */
export function lunarNewYear(year: number, timeZone = VIETNAM_CALENDAR_TIME_ZONE): string {
  return fromLunarDate({ year, month: 1, day: 1, leap: false }, timeZone) as string;
}

function parseIsoDate(isoDate: string): { day: number; month: number; year: number } {
  const match = typeof isoDate === 'string' ? ISO_DATE.exec(isoDate) : null;
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || isoFromJulianDay(julianDayNumber(day, month, year)) !== isoDate) {
    throw new RangeError(`"${isoDate}" is not an ISO date YYYY-MM-DD`);
  }
  return { day, month, year };
}

function julianDayNumber(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

function isoFromJulianDay(jd: number): string {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = 100 * b + d - 4800 + Math.floor(m / 10);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Julian date (TT) of the k-th new moon after 1900-01-01 (Meeus, chapter 49, abridged).
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEGREE);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly * DEGREE) + 0.0021 * Math.sin(2 * DEGREE * sunAnomaly);
  c1 = c1 - 0.4068 * Math.sin(moonAnomaly * DEGREE) + 0.0161 * Math.sin(DEGREE * 2 * moonAnomaly);
  c1 -= 0.0004 * Math.sin(DEGREE * 3 * moonAnomaly);
  c1 = c1 + 0.0104 * Math.sin(DEGREE * 2 * latitude) - 0.0051 * Math.sin(DEGREE * (sunAnomaly + moonAnomaly));
  c1 = c1 - 0.0074 * Math.sin(DEGREE * (sunAnomaly - moonAnomaly)) + 0.0004 * Math.sin(DEGREE * (2 * latitude + sunAnomaly));
  c1 = c1 - 0.0004 * Math.sin(DEGREE * (2 * latitude - sunAnomaly)) - 0.0006 * Math.sin(DEGREE * (2 * latitude + moonAnomaly));
  c1 = c1 + 0.001 * Math.sin(DEGREE * (2 * latitude - moonAnomaly)) + 0.0005 * Math.sin(DEGREE * (2 * moonAnomaly + sunAnomaly));
  const deltaT = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c1 - deltaT;
}

// The sun's apparent longitude (radians, 0..2π) at Julian date `jd` (Meeus, chapter 25, low precision).
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const anomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let correction = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(DEGREE * anomaly);
  correction += (0.019993 - 0.000101 * t) * Math.sin(DEGREE * 2 * anomaly) + 0.00029 * Math.sin(DEGREE * 3 * anomaly);
  const longitude = (meanLongitude + correction) * DEGREE;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

// Local day number of the k-th new moon.
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

// Which of the 12 major solar-term sectors (30° each) the sun is in at local midnight starting `dayNumber`.
function solarTermSector(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

// Day number of the start of the 11th lunar month (the one containing the winter solstice) of `year`.
function lunarMonth11(year: number, timeZone: number): number {
  const offset = julianDayNumber(31, 12, year) - 2415021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const newMoonDayNumber = newMoonDay(k, timeZone);
  return solarTermSector(newMoonDayNumber, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : newMoonDayNumber;
}

// In a 13-month year, the position after month 11 of the first month without a major solar term: the leap month.
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = solarTermSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = sector;
    i += 1;
    sector = solarTermSector(newMoonDay(k + i, timeZone), timeZone);
  } while (sector !== last && i < 14);
  return i - 1;
}
