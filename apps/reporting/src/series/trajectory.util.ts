import { AdministrativeUnit, applicableTarget, expectedValue, Indicator, TargetRef, targetRef } from '@dx/domain';

/** The targets to draw for a unit: the target in force at the end of each target year, first to last. */
export function targetsToDraw(indicator: Indicator, unit: AdministrativeUnit): TargetRef[] {
  const years = [...new Set(indicator.targets.map((t) => t.year))].sort((a, b) => a - b);
  return years.flatMap((year) => {
    const target = applicableTarget(indicator, unit, String(year));
    return target && target.year === year ? [targetRef(target, String(year))] : [];
  });
}

/**
 * The expected value at the end of each year from the baseline year to the last target year: the
 * trajectory a chart draws (domain `expectedValue`, with the unit's baseline value when known).
 */
export function trajectory(indicator: Indicator, unit: AdministrativeUnit, baseline: number | undefined): Array<{ period: string; expected: number }> {
  const lastYear = Math.max(...indicator.targets.map((t) => t.year), indicator.baseline.year);
  const points: Array<{ period: string; expected: number }> = [];
  for (let year = indicator.baseline.year; year <= lastYear; year += 1) {
    const period = String(year);
    const target = applicableTarget(indicator, unit, period);
    if (!target) continue;
    // At the baseline year itself the line starts at the baseline.
    const expected = year === indicator.baseline.year && baseline !== undefined ? baseline : expectedValue(indicator, target, period, baseline);
    points.push({ period, expected });
  }
  return points;
}
