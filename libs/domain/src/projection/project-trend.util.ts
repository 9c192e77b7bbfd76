import { Indicator, UnitLevel } from '../catalogue/catalogue.type';
import { endMonth, toPeriod } from '../periods/period.util';
import { applicableTarget, meetsTarget, TargetRef, targetRef } from '../targets/target.util';

/** One point of a unit's series for an indicator. */
export interface TrendPoint {
  readonly period: string;
  readonly value: number | null;
}

/** Where the unit ends up at the next milestone if it keeps its recent pace. */
export interface Projection {
  /** The milestone year; the value is read at the end of it. */
  readonly year: number;
  readonly value: number;
  readonly target: TargetRef;
  readonly meetsTarget: boolean;
  /** The periods the trend was fitted on (first and last) and how many points it used. */
  readonly basis: { readonly from: string; readonly to: string; readonly points: number };
}

export interface TrendOptions {
  /** Only points whose period ended within this many months before the latest one's end count. */
  readonly windowMonths?: number;
  /** Fewer points than this make no trend. */
  readonly minPoints?: number;
  readonly bounds?: { readonly min?: number; readonly max?: number };
}

const DEFAULT_WINDOW_MONTHS = 36;
const DEFAULT_MIN_POINTS = 3;

/**
 * The least-squares straight line through the recent points (x = the month at each period's end), read at
 * the end of `year`, clamped to `bounds`. Undefined with fewer than `minPoints` points in the window or
 * when they all end in the same month. Points without a value are skipped.
 */
export function projectTrend(
  points: readonly TrendPoint[],
  year: number,
  options: TrendOptions = {},
): { value: number; from: string; to: string; points: number } | undefined {
  const windowMonths = options.windowMonths ?? DEFAULT_WINDOW_MONTHS;
  const minPoints = options.minPoints ?? DEFAULT_MIN_POINTS;
  const known = points
    .filter((p): p is { period: string; value: number } => p.value !== null && Number.isFinite(p.value))
    .map((p) => ({ period: p.period, value: p.value, x: endMonth(p.period) }))
    .sort((a, b) => a.x - b.x);
  if (known.length === 0) return undefined;
  const latest = known[known.length - 1].x;
  const recent = known.filter((p) => latest - p.x <= windowMonths);
  if (recent.length < minPoints) return undefined;
  const n = recent.length;
  const meanX = recent.reduce((s, p) => s + p.x, 0) / n;
  const meanY = recent.reduce((s, p) => s + p.value, 0) / n;
  const sxx = recent.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  if (sxx === 0) return undefined;
  const slope = recent.reduce((s, p) => s + (p.x - meanX) * (p.value - meanY), 0) / sxx;
  const at = endMonth(String(year).padStart(4, '0'));
  let value = meanY + slope * (at - meanX);
  if (options.bounds?.min !== undefined) value = Math.max(options.bounds.min, value);
  if (options.bounds?.max !== undefined) value = Math.min(options.bounds.max, value);
  return { value, from: recent[0].period, to: recent[n - 1].period, points: n };
}

/**
 * The projection beside the trajectory status ("on this pace 84 % in 2030"): the trend of the unit's
 * recent values read at the end of the next milestone (the milestone that applies to its latest period).
 * None for an every-period floor (ECO-02 must hold each year; a trend says nothing about that), once the
 * last milestone has passed, or without enough points. Shares stay within 0–100 and ranks at 1 or more.
 */
export function projectToNextMilestone(
  indicator: Indicator,
  unit: { readonly code: string; readonly level: UnitLevel },
  points: readonly TrendPoint[],
  options: Omit<TrendOptions, 'bounds'> = {},
): Projection | undefined {
  const withValues = points.filter((p) => p.value !== null);
  if (withValues.length === 0) return undefined;
  const latest = withValues.reduce((a, b) => (endMonth(b.period) > endMonth(a.period) ? b : a));
  const target = applicableTarget(indicator, unit, latest.period);
  const latestYear = toPeriod(latest.period).year;
  if (!target || target.kind !== 'milestone' || target.year < latestYear) return undefined;
  const trend = projectTrend(points, target.year, { ...options, bounds: naturalBounds(indicator) });
  if (!trend) return undefined;
  const ref = targetRef(target, String(target.year));
  return {
    year: target.year,
    value: trend.value,
    target: ref,
    meetsTarget: meetsTarget(trend.value, ref),
    basis: { from: trend.from, to: trend.to, points: trend.points },
  };
}

/** The range an indicator's values can take: shares 0–100, ranks from 1, growth unbounded. */
export function naturalBounds(indicator: Indicator): { min?: number; max?: number } {
  switch (indicator.formula.kind) {
    case 'ratio':
    case 'share_of_units':
    case 'min_ratio_over_dimension':
      return { min: 0, max: 100 };
    case 'value':
      return indicator.valueUnit === 'rank' ? { min: 1 } : {};
    case 'growth':
      return {};
  }
}
