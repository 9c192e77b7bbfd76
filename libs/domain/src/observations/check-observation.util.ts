import { Catalogue } from '../catalogue/catalogue';
import { Measure } from '../catalogue/catalogue.type';
import { EARLIEST_YEAR, Frequency, formatPeriod, isFuture, parsePeriod, Period } from '../periods/period.util';
import { LocalizedText } from '../shared/localized-text.type';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { UnitHierarchy } from '../units/unit-hierarchy';
import { Dimensions, Observation } from './observation.type';

/** What an agency may report: measure patterns (`*` matches anything, `households.*`) and units with their descendants. */
export interface AgencyScope {
  readonly measures: readonly string[];
  readonly units: readonly string[];
}

/** Rejection codes of the ingestion contract. WARNING: on the wire; never rename. */
export type RejectionCode =
  'unknown_measure' | 'unknown_unit' | 'level_not_allowed' | 'invalid_period' | 'period_in_future' | 'invalid_value' | 'invalid_dimensions' | 'out_of_scope';

/**
 * Outcome of {@link checkObservation}. A rejection carries `text` ({vi, en}) and `message`, the same
 * text as one string "vi / en" for the contract's `message` field.
 */
export type ObservationCheck =
  | { readonly ok: true; readonly observation: Observation; readonly hierarchyVersion: string }
  | { readonly ok: false; readonly code: RejectionCode; readonly message: string; readonly text: LocalizedText };

export interface ObservationCheckContext {
  readonly catalogue: Catalogue;
  /** The version in force for the observation's period, or the registry to find it. */
  readonly hierarchy: UnitHierarchy | HierarchyRegistry;
  readonly now: Date;
  /** Omitted for trusted callers (the simulator, admin back-fills): no scope check. */
  readonly agency?: AgencyScope;
}

const FREQUENCY_NAMES: Record<Frequency, LocalizedText> = {
  month: { vi: 'tháng', en: 'month' },
  quarter: { vi: 'quý', en: 'quarter' },
  year: { vi: 'năm', en: 'year' },
};

/**
 * Checks one submitted observation and returns it normalised (canonical period, sorted dimensions,
 * none for `{}`), or the first failing check in the contract's order: measure, unit, level, period
 * (format and the measure's frequency), future, value, dimensions, agency scope. Never throws.
 * With a registry the unit is checked in the version in force for the period; with an unreadable or future
 * period, in any loaded version (so the period's own rejection is the one given).
 */
export function checkObservation(input: unknown, ctx: ObservationCheckContext): ObservationCheck {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const measureCode = raw['measure'];
  const measure = typeof measureCode === 'string' ? ctx.catalogue.measure(measureCode) : undefined;
  if (!measure) {
    return reject('unknown_measure', {
      vi: `Không có số liệu "${show(measureCode)}" trong danh mục`,
      en: `Unknown measure "${show(measureCode)}"`,
    });
  }
  const periodText = raw['period'];
  const period = typeof periodText === 'string' ? parsePeriod(periodText) : undefined;
  const unitCode = raw['unit'];
  const hierarchy = ctx.hierarchy instanceof HierarchyRegistry ? versionToCheck(ctx.hierarchy, period, unitCode, ctx.now) : ctx.hierarchy;
  const unit = typeof unitCode === 'string' ? hierarchy.get(unitCode) : undefined;
  if (!unit) {
    return reject('unknown_unit', {
      vi: `Không có đơn vị hành chính mã "${show(unitCode)}" trong phiên bản ${hierarchy.id}`,
      en: `No administrative unit "${show(unitCode)}" in hierarchy version ${hierarchy.id}`,
    });
  }
  if (!measure.levels.includes(unit.level)) {
    return reject('level_not_allowed', {
      vi: `Số liệu ${measure.code} không báo cáo ở cấp ${unit.level} (chỉ cấp ${measure.levels.join(', ')})`,
      en: `Measure ${measure.code} is not reported at level ${unit.level} (only level ${measure.levels.join(', ')})`,
    });
  }
  if (!period) {
    return reject('invalid_period', {
      vi: `Kỳ "${show(periodText)}" không hợp lệ: cần YYYY, YYYY-Qn hoặc YYYY-MM, từ năm ${EARLIEST_YEAR}`,
      en: `Period "${show(periodText)}" is not valid: expected YYYY, YYYY-Qn or YYYY-MM, from ${EARLIEST_YEAR} on`,
    });
  }
  if (period.frequency !== measure.frequency) {
    const f = FREQUENCY_NAMES[measure.frequency];
    return reject('invalid_period', {
      vi: `Số liệu ${measure.code} báo cáo theo ${f.vi}; kỳ ${formatPeriod(period)} không phải một ${f.vi}`,
      en: `Measure ${measure.code} is reported by ${f.en}; ${formatPeriod(period)} is not a ${f.en}`,
    });
  }
  if (isFuture(period, ctx.now)) {
    return reject('period_in_future', {
      vi: `Kỳ ${formatPeriod(period)} chưa bắt đầu`,
      en: `Period ${formatPeriod(period)} has not started yet`,
    });
  }
  const value = raw['value'];
  const valueProblem = checkValue(measure, value, period.year);
  if (valueProblem) {
    return reject('invalid_value', {
      vi: `Giá trị ${show(value)} không hợp lệ cho ${measure.code}: cần ${valueProblem.vi}`,
      en: `Value ${show(value)} is not valid for ${measure.code}: expected ${valueProblem.en}`,
    });
  }
  const dimensions = checkDimensions(measure, raw['dimensions']);
  if (dimensions === false) {
    const allowed = Object.entries(measure.dimensions)
      .map(([k, vs]) => `${k}: ${vs.join(', ')}`)
      .join('; ');
    return reject('invalid_dimensions', {
      vi: `Chiều phân tổ không hợp lệ cho ${measure.code} (cho phép: ${allowed || 'không có'})`,
      en: `Invalid dimensions for ${measure.code} (allowed: ${allowed || 'none'})`,
    });
  }
  if (ctx.agency && !agencyMayReport(ctx.agency, measure.code, unit.code, hierarchy)) {
    return reject('out_of_scope', {
      vi: `Cơ quan không được báo cáo ${measure.code} cho đơn vị ${unit.code}`,
      en: `The agency may not report ${measure.code} for unit ${unit.code}`,
    });
  }
  const observation: Observation = {
    measure: measure.code,
    unit: unit.code,
    period: formatPeriod(period),
    value: value as number,
    ...(dimensions ? { dimensions } : {}),
  };
  return { ok: true, observation, hierarchyVersion: hierarchy.id };
}

/**
 * True when the agency may report `measureCode` for `unitCode`: a measure pattern matches (`*` stands
 * for any characters) and the unit is a listed unit or lies below one in `hierarchy`.
 */
export function agencyMayReport(agency: AgencyScope, measureCode: string, unitCode: string, hierarchy: UnitHierarchy): boolean {
  if (!agency.measures.some((pattern) => measurePatternMatches(pattern, measureCode))) return false;
  if (!hierarchy.has(unitCode)) return false;
  return agency.units.some((listed) => listed === unitCode || (hierarchy.has(listed) && hierarchy.isDescendantOf(unitCode, listed)));
}

function checkValue(measure: Measure, value: unknown, year: number): LocalizedText | undefined {
  const { min, integer, maxFrom } = measure.range;
  const max = maxFrom && year >= maxFrom.year ? maxFrom.max : measure.range.max;
  const ok =
    typeof value === 'number' && Number.isFinite(value) && value >= min && (max === undefined || value <= max) && (!integer || Number.isInteger(value));
  if (ok) return undefined;
  if (max === undefined) {
    return integer ? { vi: `số nguyên ≥ ${min}`, en: `a whole number >= ${min}` } : { vi: `số ≥ ${min}`, en: `a number >= ${min}` };
  }
  if (integer && max - min === 1) return { vi: `${min} hoặc ${max}`, en: `${min} or ${max}` };
  return integer
    ? { vi: `số nguyên từ ${min} đến ${max}`, en: `a whole number from ${min} to ${max}` }
    : { vi: `số từ ${min} đến ${max}`, en: `a number from ${min} to ${max}` };
}

// undefined: no dimensions (the total); false: invalid.
function checkDimensions(measure: Measure, input: unknown): Dimensions | undefined | false {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'object' || Array.isArray(input)) return false;
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const allowed = Object.prototype.hasOwnProperty.call(measure.dimensions, name) ? measure.dimensions[name] : undefined;
    if (!allowed || typeof value !== 'string' || !allowed.includes(value)) return false;
    result[name] = value;
  }
  return result;
}

/**
 * Whether an agency's measure pattern (`households.*`, `*`, an exact code) covers a measure: `*` stands for
 * any run of characters, everything else for itself. Matched without a regular expression, in time linear
 * in the pattern and the text: a pattern like `**********x` must not backtrack (issue 8, L2).
 */
export function measurePatternMatches(pattern: string, text: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === text;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  // The literal pieces between stars must appear in order; the leftmost place for each leaves the most room.
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    if (pieces[i] === '') continue;
    const found = text.indexOf(pieces[i], at);
    if (found < 0 || found + pieces[i].length > end) return false;
    at = found + pieces[i].length;
  }
  return true;
}

function reject(code: RejectionCode, text: LocalizedText): ObservationCheck {
  return { ok: false, code, text, message: `${text.vi} / ${text.en}` };
}

// Echo at most 64 characters of what the agency sent; hostile input must not bloat rejections.
function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'object' && value !== null ? JSON.stringify(value) : value === undefined ? '' : String(value);
  } catch {
    text = '?';
  }
  // Echoed input is shown to people and stored: control and bidirectional-override characters become '�'.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '\ufffd');
  return safe.length > 64 ? `${safe.slice(0, 64)}…` : safe;
}

// The version a unit is checked in: the one in force for the period. When the period is unreadable or in
// the future that version says nothing about the report, so a unit of any loaded version passes (the latest
// that has it) and the period's own rejection follows: "2999-Q1" is period_in_future, not unknown_unit.
function versionToCheck(registry: HierarchyRegistry, period: Period | undefined, unitCode: unknown, now: Date): UnitHierarchy {
  if (period && !isFuture(period, now)) return registry.inForce(period);
  const holding = typeof unitCode === 'string' ? [...registry.versions()].reverse().find((v) => v.has(unitCode)) : undefined;
  return holding ?? registry.inForce(period ?? monthOf(now));
}

function monthOf(now: Date): string {
  // Vietnam time: a UTC instant late on the last day of a month already belongs to the next month.
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}
