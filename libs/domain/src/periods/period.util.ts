/** Reporting frequency, also the kind of a period. */
export type Frequency = 'month' | 'quarter' | 'year';

/** A calendar period in Vietnam time: `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
export type Period =
  | { readonly frequency: 'year'; readonly year: number }
  | { readonly frequency: 'quarter'; readonly year: number; readonly quarter: number }
  | { readonly frequency: 'month'; readonly year: number; readonly month: number };

/** A period as a value or as its canonical text. */
export type PeriodInput = Period | string;

/** Thrown by the throwing period helpers for text that is not a period. */
export class InvalidPeriodError extends RangeError {
  constructor(readonly input: string) {
    super(`"${input}" is not a period (expected YYYY, YYYY-Qn or YYYY-MM, from ${EARLIEST_YEAR})`);
    this.name = 'InvalidPeriodError';
  }
}

/** Frequencies from finest to coarsest. */
export const FREQUENCIES: readonly Frequency[] = ['month', 'quarter', 'year'];

const MONTHS_IN: Record<Frequency, number> = { month: 1, quarter: 3, year: 12 };
// Can Tho keeps Indochina Time (UTC+7, no daylight saving): periods and due dates are local calendar days.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;
/**
 * The earliest year a period text may name. The plan's baselines are 2020 and nothing the platform
 * monitors predates 2000; without a bound, `0000` parses and `previousPeriod("0000")` falls off the calendar.
 */
export const EARLIEST_YEAR = 2000;

const parsed = new Map<string, Period>();

/** Parses canonical period text from {@link EARLIEST_YEAR} on; `undefined` when it is not one (never throws). */
export function parsePeriod(text: string): Period | undefined {
  const cached = parsed.get(text);
  if (cached) return cached;
  const match = typeof text === 'string' ? PERIOD_PATTERN.exec(text) : null;
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < EARLIEST_YEAR) return undefined;
  const period: Period = match[2]
    ? { frequency: 'quarter', year, quarter: Number(match[2]) }
    : match[3]
      ? { frequency: 'month', year, month: Number(match[3]) }
      : { frequency: 'year', year };
  // Bounded: a hostile caller could otherwise grow the memo with every year 2000-9999 × 17.
  if (parsed.size < 50_000) parsed.set(text, period);
  return period;
}

/** Period value of `input`; throws {@link InvalidPeriodError} for bad text. */
export function toPeriod(input: PeriodInput): Period {
  if (typeof input !== 'string') return input;
  const period = parsePeriod(input);
  if (!period) throw new InvalidPeriodError(input);
  return period;
}

/** Canonical text: `2025`, `2025-Q3`, `2025-07`. */
export function formatPeriod(input: PeriodInput): string {
  const p = toPeriod(input);
  const year = String(p.year).padStart(4, '0');
  if (p.frequency === 'year') return year;
  if (p.frequency === 'quarter') return `${year}-Q${p.quarter}`;
  return `${year}-${String(p.month).padStart(2, '0')}`;
}

/** Months since year 0 of the period's first month (internal arithmetic, exported for the domain). */
export function firstMonth(input: PeriodInput): number {
  const p = toPeriod(input);
  if (p.frequency === 'year') return p.year * 12;
  if (p.frequency === 'quarter') return p.year * 12 + (p.quarter - 1) * 3;
  return p.year * 12 + p.month - 1;
}

/** First month after the period, in the same count as {@link firstMonth}. */
export function endMonth(input: PeriodInput): number {
  const p = toPeriod(input);
  return firstMonth(p) + MONTHS_IN[p.frequency];
}

/** The period of `frequency` that contains the month `monthIndex` (as counted by {@link firstMonth}). */
export function periodContainingMonth(frequency: Frequency, monthIndex: number): Period {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (frequency === 'year') return { frequency, year };
  if (frequency === 'quarter') return { frequency, year, quarter: Math.ceil(month / 3) };
  return { frequency, year, month };
}

/** True when `a` is a coarser frequency than `b` (year > quarter > month). */
export function isCoarser(a: Frequency, b: Frequency): boolean {
  return FREQUENCIES.indexOf(a) > FREQUENCIES.indexOf(b);
}

/** The instant the period starts (00:00 Vietnam time on its first day). */
export function periodStart(input: PeriodInput): Date {
  return monthStart(firstMonth(input));
}

/** The instant the period is over (00:00 Vietnam time on the day after its last day); exclusive. */
export function periodEnd(input: PeriodInput): Date {
  return monthStart(endMonth(input));
}

/** True when `outer` contains `inner` (a period contains itself). */
export function contains(outer: PeriodInput, inner: PeriodInput): boolean {
  return firstMonth(outer) <= firstMonth(inner) && endMonth(inner) <= endMonth(outer);
}

/** The coarser periods containing `input`, finest first: a month gives its quarter and year. */
export function coarserPeriods(input: PeriodInput): Period[] {
  const p = toPeriod(input);
  return FREQUENCIES.filter((f) => isCoarser(f, p.frequency)).map((f) => periodContainingMonth(f, firstMonth(p)));
}

/** The periods of `frequency` inside `input`, in order (empty when `frequency` is coarser). */
export function finerPeriods(input: PeriodInput, frequency: Frequency): Period[] {
  const p = toPeriod(input);
  if (isCoarser(frequency, p.frequency)) return [];
  const result: Period[] = [];
  for (let m = firstMonth(p); m < endMonth(p); m += MONTHS_IN[frequency]) {
    result.push(periodContainingMonth(frequency, m));
  }
  return result;
}

/** The period of the same length `steps` periods later (negative: earlier). */
export function shiftPeriod(input: PeriodInput, steps: number): Period {
  const p = toPeriod(input);
  return periodContainingMonth(p.frequency, firstMonth(p) + steps * MONTHS_IN[p.frequency]);
}

/** The period of the same length just before `input`. */
export function previousPeriod(input: PeriodInput): Period {
  return shiftPeriod(input, -1);
}

/** The same period one year earlier (year-on-year comparisons). */
export function sameSpanLastYear(input: PeriodInput): Period {
  const p = toPeriod(input);
  return periodContainingMonth(p.frequency, firstMonth(p) - 12);
}

/**
 * True when the period has not started yet at `now`. The current, unfinished period is not in the
 * future: agencies may report month-to-date values, and later revise them.
 */
export function isFuture(input: PeriodInput, now: Date): boolean {
  return periodStart(input).getTime() > now.getTime();
}

/** Every period of `frequency` from the one containing `from`'s start to the one containing `to`'s end. */
export function periodsBetween(from: PeriodInput, to: PeriodInput, frequency: Frequency): Period[] {
  const result: Period[] = [];
  const last = endMonth(to) - 1;
  let p = periodContainingMonth(frequency, firstMonth(from));
  while (firstMonth(p) <= last) {
    result.push(p);
    p = shiftPeriod(p, 1);
  }
  return result;
}

/**
 * The last day (ISO date, Vietnam calendar) on which a report for `period` is on time: the period's last
 * day plus the measure's due days. Q1 2025 with 15 due days is due on 2025-04-15.
 */
export function reportDueDate(measure: { readonly dueDays: number }, period: PeriodInput): string {
  const lastDay = utcMidnight(endMonth(period), 0);
  return isoDate(lastDay + measure.dueDays * DAY_MS);
}

/** The period's last day as an ISO date (Vietnam calendar). */
export function periodLastDay(period: PeriodInput): string {
  return isoDate(utcMidnight(endMonth(period), 0));
}

/** True once the due date has passed in Vietnam (from 00:00 the day after it). */
export function isOverdue(measure: { readonly dueDays: number }, period: PeriodInput, now: Date): boolean {
  const due = Date.parse(`${reportDueDate(measure, period)}T00:00:00Z`);
  return now.getTime() >= due + DAY_MS - VIETNAM_OFFSET_MS;
}

function monthStart(monthIndex: number): Date {
  return new Date(utcMidnight(monthIndex, 1) - VIETNAM_OFFSET_MS);
}

function isoDate(utcMs: number): string {
  const date = new Date(utcMs);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${year}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

// Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
function utcMidnight(monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(Math.floor(monthIndex / 12), monthIndex % 12, day);
  return date.getTime();
}
