import { Comparator, Indicator, Target, UnitLevel } from '../catalogue/catalogue.type';
import { endMonth, PeriodInput, toPeriod } from '../periods/period.util';

/** Status of an indicator for a unit and period. WARNING: on the wire and stored; never rename. */
export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/** A target as published with a value: `{year, op, value}` (for a floor, the period's year). */
export interface TargetRef {
  readonly year: number;
  readonly op: Comparator;
  readonly value: number;
}

// Ratios come out of floating-point division: 0.1 + 0.2 style noise must not turn 80 into "below 80".
const RELATIVE_EPSILON = 1e-9;

/**
 * The target that applies to a unit in a period. An every-period floor covering the period's year wins;
 * otherwise the next milestone (the earliest whose year is not before the period's), or, once every
 * milestone has passed, the last one, which stays in force. A target for the unit beats one for its
 * level, which beats one for every unit.
 */
export function applicableTarget(
  indicator: Indicator,
  unit: { readonly code: string; readonly level: UnitLevel },
  period: PeriodInput,
): Target | undefined {
  const year = toPeriod(period).year;
  const candidates = indicator.targets
    .filter((t) => (t.unit !== undefined ? t.unit === unit.code : t.level === undefined || t.level === unit.level))
    .sort((a, b) => specificity(b) - specificity(a));
  const floor = candidates.find((t) => t.kind === 'floor' && (t.fromYear ?? t.year) <= year && year <= t.year);
  if (floor) return floor;
  const milestones = candidates.filter((t) => t.kind === 'milestone');
  const upcoming = milestones.filter((t) => t.year >= year).sort((a, b) => a.year - b.year)[0];
  if (upcoming) return milestones.find((t) => t.year === upcoming.year);
  const passed = [...milestones].sort((a, b) => b.year - a.year)[0];
  return passed ? milestones.find((t) => t.year === passed.year) : undefined;
}

/** The target as published for `period`. */
export function targetRef(target: Target, period: PeriodInput): TargetRef {
  return { year: target.kind === 'floor' ? toPeriod(period).year : target.year, op: target.op, value: target.value };
}

/** True when `value` satisfies `op target`, with a relative tolerance of 1e-9 for floating-point noise. */
export function meetsTarget(value: number, target: { readonly op: Comparator; readonly value: number }): boolean {
  const eps = RELATIVE_EPSILON * Math.max(1, Math.abs(target.value));
  switch (target.op) {
    case '>=':
      return value >= target.value - eps;
    case '>':
      return value > target.value + eps;
    case '<=':
      return value <= target.value + eps;
    case '=':
      return Math.abs(value - target.value) <= eps;
  }
}

/**
 * The value expected at the end of `period`. A floor expects itself. A milestone expects the point of
 * the straight line from `baseline` at the end of the baseline year to the target at the end of the
 * milestone year (clamped to both ends); without a baseline value, the target itself.
 */
export function expectedValue(indicator: Indicator, target: Target, period: PeriodInput, baseline?: number): number {
  if (target.kind === 'floor' || baseline === undefined) return target.value;
  const start = (indicator.baseline.year + 1) * 12;
  const finish = (target.year + 1) * 12;
  if (finish <= start) return target.value;
  const share = Math.min(1, Math.max(0, (endMonth(period) - start) / (finish - start)));
  return baseline + (target.value - baseline) * share;
}

/**
 * Status of a value: `no_data` without a value; `achieved` when it meets the target; otherwise
 * `on_track` at or ahead of `expected`, `at_risk` behind it by at most the indicator's tolerance
 * (inclusive), `off_track` further behind. For `=` any distance from `expected` counts as behind.
 * Without a target there is nothing to fall behind: `on_track`.
 */
export function statusOf(indicator: Indicator, value: number | null | undefined, target?: Target, expected?: number): Status {
  if (value === null || value === undefined) return 'no_data';
  if (!target) return 'on_track';
  if (meetsTarget(value, target)) return 'achieved';
  const reference = expected ?? target.value;
  const eps = RELATIVE_EPSILON * Math.max(1, Math.abs(reference));
  const behind =
    target.op === '='
      ? Math.abs(value - reference)
      : indicator.higherIsBetter
        ? reference - value
        : value - reference;
  if (behind <= eps) return 'on_track';
  return behind <= indicator.tolerance + eps ? 'at_risk' : 'off_track';
}

/**
 * ESCAP's anticipated-progress ratio: (value − baseline) / (expected − baseline), the share of the
 * expected progress achieved so far; undefined without a value or baseline, or when nothing is expected
 * to change.
 */
export function progressRatio(value: number | null | undefined, baseline: number | undefined, expected: number | undefined): number | undefined {
  if (value === null || value === undefined || baseline === undefined || expected === undefined) return undefined;
  const expectedProgress = expected - baseline;
  if (Math.abs(expectedProgress) <= RELATIVE_EPSILON * Math.max(1, Math.abs(expected))) return undefined;
  return (value - baseline) / expectedProgress;
}

function specificity(t: Target): number {
  return t.unit !== undefined ? 2 : t.level !== undefined ? 1 : 0;
}
