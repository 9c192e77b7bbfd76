import { LocalizedText } from '../shared/localized-text.type';
import { Severity } from '../slips/slip.util';
import { Status } from '../targets/target.util';
import { VIETNAM_OFFSET_MS } from './vietnam-offset.constant';

// No-break space: a value and its % sign stay on one line in mail clients.
const NBSP = '\u00a0';
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Severity names as shown to supervisors. */
export const SEVERITY_NAMES: Readonly<Record<Severity, LocalizedText>> = {
  info: { vi: 'Thông tin', en: 'Info' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  critical: { vi: 'Nghiêm trọng', en: 'Critical' },
};

// The same words as slips' describeSlip uses (its table is private to slips/; see the README).
export const STATUS_NAMES: Readonly<Record<Status, LocalizedText>> = {
  achieved: { vi: 'đã đạt', en: 'achieved' },
  on_track: { vi: 'đúng tiến độ', en: 'on track' },
  at_risk: { vi: 'có nguy cơ chậm', en: 'at risk' },
  off_track: { vi: 'chậm tiến độ', en: 'off track' },
  no_data: { vi: 'chưa có số liệu', en: 'no data' },
};

/**
 * An indicator value for people: one decimal at most, Vietnamese with a decimal comma and a
 * (no-break) space before the per-cent sign (`84,5 %`), English with a point and none (`84.5%`).
 */
export function formatIndicatorValue(value: number | null | undefined, valueUnit: 'percent' | 'rank'): LocalizedText {
  if (value === null || value === undefined || !Number.isFinite(value)) return { vi: 'không có', en: 'none' };
  if (valueUnit === 'rank') return { vi: `hạng ${value}`, en: `rank ${value}` };
  const en = String(Number(value.toFixed(1)));
  return { vi: `${en.replace('.', ',')}${NBSP}%`, en: `${en}%` };
}

/** An instant in Vietnam time: `22:30 ngày 16/02/2026` / `22:30 on 16 Feb 2026 (UTC+7)`. */
export function formatVietnamTime(at: Date): LocalizedText {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const [day, month, year] = [local.getUTCDate(), local.getUTCMonth(), local.getUTCFullYear()];
  return { vi: `${clock} ngày ${pad(day)}/${pad(month + 1)}/${year}`, en: `${clock} on ${day} ${MONTHS_EN[month]} ${year} (UTC+7)` };
}

/** A Vietnam calendar day: `16/02/2026` / `16 Feb 2026`. */
export function formatVietnamDate(at: Date): LocalizedText {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const [day, month, year] = [local.getUTCDate(), local.getUTCMonth(), local.getUTCFullYear()];
  return { vi: `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}/${year}`, en: `${day} ${MONTHS_EN[month]} ${year}` };
}
