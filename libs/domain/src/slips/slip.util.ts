import { Catalogue } from '../catalogue/catalogue';
import { Indicator } from '../catalogue/catalogue.type';
import { IndicatorValue } from '../computation/indicator-value.type';
import { formatPeriod, isOverdue, PeriodInput, previousPeriod, reportDueDate } from '../periods/period.util';
import { LocalizedText } from '../shared/localized-text.type';
import { Status } from '../targets/target.util';
import { UnitHierarchy } from '../units/unit-hierarchy';

/** Alert severity. WARNING: on the wire and stored; never rename. */
export type Severity = 'info' | 'warning' | 'critical';

/** A change of an indicator's standing: the "status changed" payload minus `detectedAt`. */
export interface StatusEvent {
  readonly kind: 'status_slip' | 'status_recovered' | 'regression';
  readonly indicator: string;
  readonly unit: string;
  readonly period: string;
  readonly status: Status;
  readonly previousStatus?: Status;
  readonly value: number | null;
  readonly previousValue?: number | null;
  readonly expected?: number;
  readonly severity: Severity;
  /** The hierarchy version `unit` is read in (the version of the value). */
  readonly hierarchyVersion: string;
}

/** A report that is late, or has arrived after being late: the "report overdue" payload minus `detectedAt`. */
export interface OverdueEvent {
  readonly kind: 'overdue' | 'overdue_cleared';
  readonly measure: string;
  readonly unit: string;
  readonly period: string;
  readonly dueDate: string;
  readonly severity: Severity;
  /** The hierarchy version `unit` is read in: the one in force for `period`. */
  readonly hierarchyVersion: string;
}

const RANK: Record<Exclude<Status, 'no_data'>, number> = { achieved: 0, on_track: 1, at_risk: 2, off_track: 3 };

/**
 * Slips and recoveries in a newly computed value.
 * - `status_slip` when the status is worse than the one known before: `before` (the same value as
 *   computed last time), else `previousPeriod`'s, else none, which counts as fine (a first value that is
 *   at risk is a slip). `no_data` is never compared: missing reports are the overdue events' business.
 *   Severity: critical into `off_track`, warning into `at_risk`.
 * - `status_recovered` (info) when an `at_risk`/`off_track` value comes back to `on_track`/`achieved`.
 * - `regression` (warning) when the value fell against `previousPeriod` (the previous period of the same
 *   length) by more than the indicator's threshold (rank: places), unless `before` had already fallen.
 * A known value of another hierarchy version is another place that happens to share the code (the quarter
 * before 2025-Q3 is the old ward 31135, not the new one): it is ignored, as if unknown.
 * Throws when `previousPeriod` is not the previous period of the same indicator and unit code.
 */
export function detectSlips(
  indicator: Indicator,
  current: IndicatorValue,
  known: { readonly before?: IndicatorValue; readonly previousPeriod?: IndicatorValue } = {},
): StatusEvent[] {
  const sameVersion = (v: IndicatorValue | undefined) => (v !== undefined && v.hierarchyVersion === current.hierarchyVersion ? v : undefined);
  const before = sameVersion(known.before);
  const last = sameVersion(known.previousPeriod);
  const given = known.previousPeriod;
  if (given && (given.indicator !== current.indicator || given.unit !== current.unit || given.period !== formatPeriod(previousPeriod(current.period)))) {
    throw new RangeError(`${given.indicator}/${given.unit}/${given.period} is not the period before ${current.indicator}/${current.unit}/${current.period}`);
  }
  const events: StatusEvent[] = [];
  const base = {
    indicator: current.indicator,
    unit: current.unit,
    period: current.period,
    status: current.status,
    value: current.value,
    hierarchyVersion: current.hierarchyVersion,
  };
  const reference = [before, last].find((v) => v !== undefined && v.status !== 'no_data');
  if (current.status !== 'no_data') {
    const now = RANK[current.status];
    const then = reference ? RANK[reference.status as Exclude<Status, 'no_data'>] : RANK.on_track;
    const previous = reference ? { previousStatus: reference.status, previousValue: reference.value } : {};
    const expected = current.expected !== undefined ? { expected: current.expected } : {};
    if (now > then && now >= RANK.at_risk) {
      events.push({ kind: 'status_slip', ...base, ...previous, ...expected, severity: current.status === 'off_track' ? 'critical' : 'warning' });
    } else if (now < then && then >= RANK.at_risk && now <= RANK.on_track) {
      events.push({ kind: 'status_recovered', ...base, ...previous, ...expected, severity: 'info' });
    }
  }
  if (last && fellBeyond(indicator, last.value, current.value) && !(before && fellBeyond(indicator, last.value, before.value))) {
    events.push({
      kind: 'regression',
      ...base,
      previousStatus: last.status,
      previousValue: last.value,
      ...(current.expected !== undefined ? { expected: current.expected } : {}),
      severity: 'warning',
    });
  }
  return events;
}

/**
 * `overdue` events (warning) for the units that should report `measureCode` for `period` (every unit
 * at the measure's levels) and are not in `reportedUnits`, once the due date has passed at `now`.
 * `hierarchy` is the version in force for `period`: only its units are due, and the events carry it.
 */
export function overdueReports(
  catalogue: Catalogue,
  hierarchy: UnitHierarchy,
  measureCode: string,
  period: PeriodInput,
  reportedUnits: Iterable<string>,
  now: Date,
): OverdueEvent[] {
  const measure = catalogue.measure(measureCode);
  if (!measure) throw new RangeError(`unknown measure ${measureCode}`);
  if (!isOverdue(measure, period, now)) return [];
  const reported = new Set(reportedUnits);
  const dueDate = reportDueDate(measure, period);
  const periodCode = formatPeriod(period);
  return measure.levels
    .flatMap((level) => hierarchy.unitsAtLevel(level))
    .filter((u) => !reported.has(u.code))
    .map((u) => ({ kind: 'overdue', measure: measure.code, unit: u.code, period: periodCode, dueDate, severity: 'warning', hierarchyVersion: hierarchy.id }));
}

const STATUS_NAMES: Record<Status, LocalizedText> = {
  achieved: { vi: 'đã đạt', en: 'achieved' },
  on_track: { vi: 'đúng tiến độ', en: 'on track' },
  at_risk: { vi: 'có nguy cơ chậm', en: 'at risk' },
  off_track: { vi: 'chậm tiến độ', en: 'off track' },
  no_data: { vi: 'chưa có số liệu', en: 'no data' },
};

/** A one-line alert message, Vietnamese and English, for a status or overdue event. */
export function describeSlip(event: StatusEvent | OverdueEvent, catalogue: Catalogue, unitName?: string): LocalizedText {
  const unit = unitName ? `${unitName} (${event.unit})` : event.unit;
  if (isOverdueEvent(event)) {
    const name = catalogue.measure(event.measure)?.name ?? { vi: event.measure, en: event.measure };
    return event.kind === 'overdue'
      ? {
          vi: `Quá hạn báo cáo: ${name.vi} kỳ ${event.period} của ${unit} (hạn ${event.dueDate})`,
          en: `Report overdue: ${name.en} for ${event.period} from ${unit} (due ${event.dueDate})`,
        }
      : {
          vi: `Đã nhận báo cáo: ${name.vi} kỳ ${event.period} của ${unit}`,
          en: `Report received: ${name.en} for ${event.period} from ${unit}`,
        };
  }
  const indicator = catalogue.indicator(event.indicator);
  const name = indicator?.name ?? { vi: event.indicator, en: event.indicator };
  const show = (v: number | null | undefined) => formatValue(v, indicator?.valueUnit ?? 'percent');
  const head = { vi: `${event.indicator} ${name.vi} — ${unit}, kỳ ${event.period}`, en: `${event.indicator} ${name.en} — ${unit}, ${event.period}` };
  const expected =
    event.expected !== undefined ? { vi: `, kỳ vọng ${show(event.expected).vi}`, en: `, expected ${show(event.expected).en}` } : { vi: '', en: '' };
  const now = STATUS_NAMES[event.status];
  const before = event.previousStatus ? STATUS_NAMES[event.previousStatus] : undefined;
  switch (event.kind) {
    case 'status_slip':
      return {
        vi: `${head.vi}: ${before ? `từ "${before.vi}" ` : ''}chuyển sang "${now.vi}" (giá trị ${show(event.value).vi}${expected.vi})`,
        en: `${head.en}: ${before ? `from "${before.en}" ` : ''}now "${now.en}" (value ${show(event.value).en}${expected.en})`,
      };
    case 'status_recovered':
      return {
        vi: `${head.vi}: đã trở lại "${now.vi}" (giá trị ${show(event.value).vi}${expected.vi})`,
        en: `${head.en}: back to "${now.en}" (value ${show(event.value).en}${expected.en})`,
      };
    case 'regression':
      return {
        vi: `${head.vi}: xấu đi từ ${show(event.previousValue).vi} thành ${show(event.value).vi} so với kỳ trước`,
        en: `${head.en}: worsened from ${show(event.previousValue).en} to ${show(event.value).en} against the previous period`,
      };
  }
}

function isOverdueEvent(event: StatusEvent | OverdueEvent): event is OverdueEvent {
  return event.kind === 'overdue' || event.kind === 'overdue_cleared';
}

function fellBeyond(indicator: Indicator, from: number | null | undefined, to: number | null | undefined): boolean {
  if (from === null || from === undefined || to === null || to === undefined) return false;
  const fall = indicator.higherIsBetter ? from - to : to - from;
  return fall > indicator.regressionThreshold + 1e-9;
}

function formatValue(value: number | null | undefined, unit: 'percent' | 'rank'): LocalizedText {
  if (value === null || value === undefined) return { vi: 'không có', en: 'none' };
  if (unit === 'rank') return { vi: `hạng ${value}`, en: `rank ${value}` };
  const en = `${Number(value.toFixed(1))}%`;
  return { vi: en.replace('.', ','), en };
}
