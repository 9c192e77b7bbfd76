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
 * level, which beats one for every unit. A unit target names its hierarchy version: it applies to the unit
 * with that code in `hierarchyVersion` only (codes are reused across versions for other places), and a
 * level target applies to the units of that level in whichever version is in force.
 */
export function applicableTarget(
  indicator: Indicator,
  unit: { readonly code: string; readonly level: UnitLevel },
  period: PeriodInput,
  hierarchyVersion?: string,
): Target | undefined {
  const year = toPeriod(period).year;
  const candidates = targetsFor(indicator, unit, hierarchyVersion);
  const floor = candidates.find((t) => t.kind === 'floor' && (t.fromYear ?? t.year) <= year && year <= t.year);
  if (floor) return floor;
  const milestones = milestonesFor(indicator, unit, hierarchyVersion);
  return milestones.find((t) => t.year >= year) ?? milestones[milestones.length - 1];
}

/** The unit's milestones, one per year (the most specific target of that year), earliest first: its trajectory. */
export function milestonesFor(indicator: Indicator, unit: { readonly code: string; readonly level: UnitLevel }, hierarchyVersion?: string): Target[] {
  const byYear = new Map<number, Target>();
  for (const t of targetsFor(indicator, unit, hierarchyVersion)) {
    if (t.kind === 'milestone' && !byYear.has(t.year)) byYear.set(t.year, t);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

// The targets that can apply to the unit, most specific first.
function targetsFor(indicator: Indicator, unit: { readonly code: string; readonly level: UnitLevel }, hierarchyVersion: string | undefined): Target[] {
  return indicator.targets
    .filter((t) => (t.unit !== undefined ? t.unit === unit.code && t.hierarchyVersion === hierarchyVersion : t.level === undefined || t.level === unit.level))
    .sort((a, b) => specificity(b) - specificity(a));
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
 * The value expected at the end of `period`. A floor expects itself. A milestone expects the point of the
 * unit's trajectory: a straight line from `baseline` at the end of the baseline year to the first milestone
 * at the end of its year, then from each milestone's target to the next one's, staying at the last target
 * after it (so a unit that missed 2025 is still behind in 2026). Without a baseline value the trajectory
 * starts at the first milestone's target. `milestones` are the unit's ({@link milestonesFor}); by default
 * the target alone.
 */
export function expectedValue(indicator: Indicator, target: Target, period: PeriodInput, baseline?: number, milestones: readonly Target[] = [target]): number {
  if (target.kind === 'floor') return target.value;
  const start = baseline === undefined ? Number.NEGATIVE_INFINITY : (indicator.baseline.year + 1) * 12;
  const points = baseline === undefined ? [] : [{ at: start, value: baseline }];
  for (const m of [...milestones].filter((t) => t.kind === 'milestone').sort((a, b) => a.year - b.year)) {
    const at = (m.year + 1) * 12;
    if (at > start) points.push({ at, value: m.value });
  }
  // Every milestone at or before the baseline: nothing to draw a line to.
  if (points.length === 0 || (baseline !== undefined && points.length === 1)) return target.value;
  const at = endMonth(period);
  if (at <= points[0].at) return points[0].value;
  for (let i = 1; i < points.length; i++) {
    const [from, to] = [points[i - 1], points[i]];
    if (at <= to.at) return from.value + ((to.value - from.value) * (at - from.at)) / (to.at - from.at);
  }
  return points[points.length - 1].value;
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
  const behind = target.op === '=' ? Math.abs(value - reference) : indicator.higherIsBetter ? reference - value : value - reference;
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
