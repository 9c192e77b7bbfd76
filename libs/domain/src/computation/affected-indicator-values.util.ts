import { Catalogue } from '../catalogue/catalogue';
import { Indicator, Measure } from '../catalogue/catalogue.type';
import {
  endMonth,
  firstMonth,
  formatPeriod,
  Frequency,
  isCoarser,
  isFuture,
  Period,
  periodContainingMonth,
  shiftPeriod,
  toPeriod,
} from '../periods/period.util';
import { UnitHierarchy } from '../units/unit-hierarchy';
import { publishedFrequencies } from './compute-indicator.util';
import { IndicatorValueRef } from './indicator-value.type';

/**
 * The published indicator values a new or revised observation can change: every indicator reading the
 * measure; the observed unit and, for `rollup` indicators, each ancestor (at the indicator's levels); and
 * every published period whose value reads the observation: for a flow, the periods containing it; for
 * a stock, also the periods that carry it forward (those ending within 12 months of its end, whether or
 * not a later observation supersedes it there); for a growth, also the same period a year later.
 *
 * With `now`, periods in the future are left out, and an observation in an indicator's baseline year
 * (when the baseline is not fixed) also lists every published period from the year after the baseline
 * to `now`, because their expected values move with the baseline. Without `now` those are not listed.
 */
export function affectedIndicatorValues(
  catalogue: Catalogue,
  hierarchy: UnitHierarchy,
  observation: { readonly measure: string; readonly unit: string; readonly period: string },
  options: { readonly now?: Date } = {},
): IndicatorValueRef[] {
  const measure = catalogue.measure(observation.measure);
  const unit = hierarchy.get(observation.unit);
  if (!measure || !unit) return [];
  const observed = toPeriod(observation.period);
  const result: IndicatorValueRef[] = [];
  const seen = new Set<string>();
  for (const indicator of catalogue.indicatorsUsingMeasure(measure.code)) {
    const units = (indicator.scope === 'rollup' ? [unit, ...hierarchy.ancestors(unit.code)] : [unit]).filter((u) =>
      indicator.levels.includes(u.level),
    );
    const periods = publishedFrequencies(indicator).flatMap((f) => periodsReading(indicator, measure, observed, f));
    if (options.now && indicator.baseline.value === undefined && observed.year === indicator.baseline.year) {
      const firstAfterBaseline = (indicator.baseline.year + 1) * 12;
      for (const f of publishedFrequencies(indicator)) {
        for (let p = periodContainingMonth(f, firstAfterBaseline); !isFuture(p, options.now); p = shiftPeriod(p, 1)) periods.push(p);
      }
    }
    for (const period of periods) {
      if (options.now && isFuture(period, options.now)) continue;
      const periodCode = formatPeriod(period);
      for (const u of units) {
        const key = `${indicator.code}|${u.code}|${periodCode}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.push({ indicator: indicator.code, unit: u.code, period: periodCode });
      }
    }
  }
  return result;
}

// Periods of `frequency` whose value of `indicator` reads an observation of `measure` for `observed`.
function periodsReading(indicator: Indicator, measure: Measure, observed: Period, frequency: Frequency): Period[] {
  const containing = isCoarser(observed.frequency, frequency) ? [] : [periodContainingMonth(frequency, firstMonth(observed))];
  if (indicator.formula.kind === 'growth') return containing.flatMap((p) => [p, shiftPeriod(p, 12 / monthsIn(frequency))]);
  if (measure.kind === 'flow') return containing;
  // A stock is read by every period from the one containing it to those ending 12 months after it.
  const result: Period[] = [];
  for (let p = periodContainingMonth(frequency, firstMonth(observed)); endMonth(p) - endMonth(observed) <= 12; p = shiftPeriod(p, 1)) {
    result.push(p);
  }
  return result;
}

function monthsIn(frequency: Frequency): number {
  return frequency === 'year' ? 12 : frequency === 'quarter' ? 3 : 1;
}
