import { LocalizedText } from '../shared/localized-text.type';
import { fromLunarDate, lunarNewYear } from './lunar-calendar.util';

/** A holiday on a fixed day of the Gregorian calendar. */
export interface SolarHolidayRule {
  readonly month: number;
  readonly day: number;
  readonly name: LocalizedText;
}

/** A holiday on a fixed day of a (non-leap) lunar month. */
export interface LunarHolidayRule {
  readonly month: number;
  readonly day: number;
  readonly name: LocalizedText;
}

/** A day added by a one-off decision (the Prime Minister's yearly Tết or 2/9 schedule, a moved day). */
export interface ExtraHoliday {
  readonly date: string;
  readonly name: LocalizedText;
}

/**
 * Which days are public holidays. Rules are evaluated per Gregorian year; `extraDays` and `workingDays`
 * (ISO dates) apply the yearly decisions that no rule predicts.
 */
export interface PublicHolidayRules {
  readonly solar: readonly SolarHolidayRule[];
  readonly lunar: readonly LunarHolidayRule[];
  /** Tết: `daysBefore` last days of the old lunar year and `daysFrom` days from the first of the new one. */
  readonly lunarNewYear?: { readonly daysBefore: number; readonly daysFrom: number; readonly name: LocalizedText };
  /** A rule day on a Saturday or Sunday gives the next working day off (Labour Code 2019, art. 111). */
  readonly compensateWeekends: boolean;
  readonly extraDays: readonly ExtraHoliday[];
  /** Days that are not holidays whatever a rule says (a decision moved them). */
  readonly workingDays: readonly string[];
}

const DAY_MS = 86_400_000;
const memo = new WeakMap<PublicHolidayRules, Map<number, ReadonlyMap<string, LocalizedText>>>();

/**
 * The public holidays of Gregorian `year` under `rules`, ISO date → name, in date order. Compensation
 * days are named after the holiday they make up for. Throws `RangeError` for a rule that names no date.
 */
export function publicHolidays(year: number, rules: PublicHolidayRules): ReadonlyMap<string, LocalizedText> {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new RangeError(`year ${year} is outside 1900-2199`);
  const byYear = memo.get(rules) ?? new Map<number, ReadonlyMap<string, LocalizedText>>();
  memo.set(rules, byYear);
  const cached = byYear.get(year);
  if (cached) return cached;
  const computed = computeHolidays(year, rules);
  byYear.set(year, computed);
  return computed;
}

/** The holiday's name when `isoDate` is a public holiday under `rules`. */
export function publicHolidayName(isoDate: string, rules: PublicHolidayRules): LocalizedText | undefined {
  return publicHolidays(Number(isoDate.slice(0, 4)), rules).get(isoDate);
}

function computeHolidays(year: number, rules: PublicHolidayRules): ReadonlyMap<string, LocalizedText> {
  const ruleDays = new Map<string, LocalizedText>();
  // Lunar dates of the previous lunar year can fall early in this Gregorian year, and vice versa.
  const add = (date: string | undefined, name: LocalizedText) => {
    if (date && date.startsWith(`${year}-`) && !ruleDays.has(date)) ruleDays.set(date, name);
  };
  for (const rule of rules.solar) {
    const date = isoDate(year, rule.month, rule.day);
    if (!date) throw new RangeError(`holiday ${rule.day}/${rule.month} is not a date`);
    add(date, rule.name);
  }
  for (const lunarYear of [year - 1, year]) {
    for (const rule of rules.lunar) add(fromLunarDate({ year: lunarYear, month: rule.month, day: rule.day, leap: false }), rule.name);
  }
  if (rules.lunarNewYear) {
    const { daysBefore, daysFrom, name } = rules.lunarNewYear;
    for (const lunarYear of [year, year + 1]) {
      const first = Date.parse(`${lunarNewYear(lunarYear)}T00:00:00Z`);
      for (let offset = -daysBefore; offset < daysFrom; offset += 1) add(new Date(first + offset * DAY_MS).toISOString().slice(0, 10), name);
    }
  }
  const days = new Map(ruleDays);
  if (rules.compensateWeekends) {
    for (const [date, name] of [...ruleDays].sort(([a], [b]) => a.localeCompare(b))) {
      if (!isWeekend(date)) continue;
      let next = shiftDate(date, 1);
      while (isWeekend(next) || days.has(next)) next = shiftDate(next, 1);
      if (next.startsWith(`${year}-`)) days.set(next, { vi: `Nghỉ bù ${name.vi}`, en: `${name.en} (day in lieu)` });
    }
  }
  for (const extra of rules.extraDays) if (extra.date.startsWith(`${year}-`)) days.set(extra.date, extra.name);
  for (const date of rules.workingDays) days.delete(date);
  return new Map([...days].sort(([a], [b]) => a.localeCompare(b)));
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.toISOString().slice(0, 10) : undefined;
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}
