import { Severity } from '../slips/slip.util';
import { DEFAULT_DELIVERY_WINDOW } from './default-delivery-window.constant';
import { PublicHolidayRules, publicHolidayName } from './public-holidays.util';
import { VIETNAM_OFFSET_MS } from './vietnam-offset.constant';

/**
 * When non-critical notifications may go out, in Vietnam time (Asia/Ho_Chi_Minh: UTC+7 all year, no
 * daylight saving). Outside the window a notification waits for the next allowed instant.
 */
export interface DeliveryWindow {
  /** `HH:MM`–`HH:MM` local; may span midnight (`21:00`–`07:00`). Absent: no quiet hours. */
  readonly quietHours?: { readonly from: string; readonly to: string };
  /** Whole days without notifications. Absent: none. */
  readonly holidays?: PublicHolidayRules;
  /** Weekdays without notifications, 0 = Sunday … 6 = Saturday (e.g. `[0, 6]` for weekends). */
  readonly restDays?: readonly number[];
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True when `at` falls in quiet hours, on a holiday or on a rest day. */
export function isQuiet(at: Date, window: DeliveryWindow = DEFAULT_DELIVERY_WINDOW): boolean {
  return nextAllowedInstant(at, window).getTime() !== at.getTime();
}

/**
 * The first instant at or after `at` that is outside quiet hours, holidays and rest days: `at` itself
 * when it is allowed, else the end of the quiet hours of the first allowed day (07:00 by default).
 * Throws `RangeError` for malformed quiet hours or a window that allows nothing for a year.
 */
export function nextAllowedInstant(at: Date, window: DeliveryWindow = DEFAULT_DELIVERY_WINDOW): Date {
  const quiet = window.quietHours ? { from: minutesOf(window.quietHours.from), to: minutesOf(window.quietHours.to) } : undefined;
  let local = at.getTime() + VIETNAM_OFFSET_MS;
  for (let step = 0; step < 800; step += 1) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    const weekday = new Date(dayStart).getUTCDay();
    if ((window.holidays && publicHolidayName(date, window.holidays)) || window.restDays?.includes(weekday)) {
      local = dayStart + DAY_MS;
      continue;
    }
    const minute = Math.floor((local - dayStart) / MINUTE_MS);
    const quietUntil = quiet ? quietEnd(minute, quiet.from, quiet.to) : undefined;
    if (quietUntil === undefined) return new Date(local - VIETNAM_OFFSET_MS);
    local = dayStart + quietUntil * MINUTE_MS;
  }
  throw new RangeError('the delivery window allows no instant within a year');
}

/**
 * When a notification of `severity` created at `at` is delivered: critical ones at once, every other
 * one at the next allowed instant (contract: quiet hours and holidays delay only non-critical ones).
 */
export function deliveryTime(at: Date, severity: Severity, window: DeliveryWindow = DEFAULT_DELIVERY_WINDOW): Date {
  return severity === 'critical' ? at : nextAllowedInstant(at, window);
}

// Minutes since local midnight at which the quiet period containing `minute` ends (may be ≥ 1440,
// i.e. the next day), or undefined when `minute` is not quiet.
function quietEnd(minute: number, from: number, to: number): number | undefined {
  if (from === to) return undefined;
  if (from < to) return minute >= from && minute < to ? to : undefined;
  if (minute >= from) return 24 * 60 + to;
  return minute < to ? to : undefined;
}

function minutesOf(clock: string): number {
  const match = typeof clock === 'string' ? CLOCK.exec(clock) : null;
  if (!match) throw new RangeError(`"${clock}" is not a time of day HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}
