import { Catalogue, formatPeriod, HierarchyRegistry, isOverdue, overdueReports, OverdueEvent, periodsBetween, reportKey, shiftPeriod } from '@dx/domain';

/** A (measure, period) whose due day has passed at `now`. */
export interface OverdueCandidate {
  readonly measure: string;
  readonly period: string;
}

// Vietnam time (UTC+7, no daylight saving): the month `now` falls in, as a period.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The month containing `now` in Vietnam, e.g. `2025-07`. */
export function currentMonth(now: Date): string {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  return `${String(local.getUTCFullYear()).padStart(4, '0')}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Every (measure, period) at the measure's frequency, among the periods overlapping the last
 * `lookbackMonths` months, whose due day has passed at `now`.
 */
export function overdueCandidates(catalogue: Catalogue, now: Date, lookbackMonths: number): OverdueCandidate[] {
  const month = currentMonth(now);
  const from = shiftPeriod(month, -lookbackMonths);
  const result: OverdueCandidate[] = [];
  for (const measure of catalogue.measures) {
    for (const period of periodsBetween(from, month, measure.frequency)) {
      if (isOverdue(measure, period, now)) result.push({ measure: measure.code, period: formatPeriod(period) });
    }
  }
  return result;
}

/**
 * The overdue reports among `candidates`: for each, the units that should report it (per the domain's
 * `overdueReports`, in the hierarchy version in force for the period) and are not in `reported`
 * (their `reportKey`s).
 */
export function missingReports(
  catalogue: Catalogue,
  hierarchies: HierarchyRegistry,
  candidates: readonly OverdueCandidate[],
  reported: ReadonlySet<string>,
  now: Date,
): OverdueEvent[] {
  return candidates.flatMap((c) => {
    const hierarchy = hierarchies.inForce(c.period);
    const units = hierarchy.units.filter((u) => reported.has(reportKey({ measure: c.measure, unit: u.code, period: c.period }))).map((u) => u.code);
    return overdueReports(catalogue, hierarchy, c.measure, c.period, units, now);
  });
}
