import { Catalogue } from '../catalogue/catalogue';
import { Indicator, Measure } from '../catalogue/catalogue.type';
import {
  endMonth,
  firstMonth,
  formatPeriod,
  Frequency,
  isCoarser,
  isFuture,
  parsePeriod,
  Period,
  periodContainingMonth,
  shiftPeriod,
  toPeriod,
} from '../periods/period.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { registryOf } from '../units/registry-of.util';
import { AdministrativeUnit } from '../units/unit.type';
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
 * Each value is named in the hierarchy version in force for its period, so only units of that version
 * are listed. An observation of an older version reaches the values of a newer one through `formedFrom`:
 * the units formed from the observed unit or from one of its ancestors (their series read it, e.g. the
 * year 2025 of a 2025 ward reads its predecessors' months to June) and, for `rollup` indicators, their
 * ancestors. `hierarchies` is the registry (the observation's version is its `hierarchyVersion`, else the
 * one in force for its period) or the observation's version itself, read with the registry it belongs to.
 *
 * With `now`, periods in the future are left out, and an observation in an indicator's baseline year
 * (when the baseline is not fixed) also lists every published period from the year after the baseline
 * to `now`, because their expected values move with the baseline. Without `now` those are not listed.
 */
export function affectedIndicatorValues(
  catalogue: Catalogue,
  hierarchies: HierarchyRegistry | UnitHierarchy,
  observation: { readonly measure: string; readonly unit: string; readonly period: string; readonly hierarchyVersion?: string },
  options: { readonly now?: Date } = {},
): IndicatorValueRef[] {
  const registry = registryOf(hierarchies);
  const version = observationVersion(registry, hierarchies, observation);
  const measure = catalogue.measure(observation.measure);
  const unit = version?.get(observation.unit);
  if (!measure || !version || !unit) return [];
  const observed = toPeriod(observation.period);
  const result: IndicatorValueRef[] = [];
  const seen = new Set<string>();
  const reached = new Map<string, readonly AdministrativeUnit[]>();
  const unitsReading = (indicator: Indicator, at: UnitHierarchy): readonly AdministrativeUnit[] => {
    const key = `${indicator.scope}|${at.id}`;
    let units = reached.get(key);
    if (!units) reached.set(key, (units = unitsReadingIn(registry, version, unit, indicator.scope, at)));
    return units;
  };
  for (const indicator of catalogue.indicatorsUsingMeasure(measure.code)) {
    const periods = publishedFrequencies(indicator).flatMap((f) => periodsReading(indicator, measure, observed, f));
    if (options.now && indicator.baseline.value === undefined && observed.year === indicator.baseline.year) {
      const firstAfterBaseline = (indicator.baseline.year + 1) * 12;
      for (const f of publishedFrequencies(indicator)) {
        for (let p = periodContainingMonth(f, firstAfterBaseline); !isFuture(p, options.now); p = shiftPeriod(p, 1)) periods.push(p);
      }
    }
    for (const period of periods) {
      if (options.now && isFuture(period, options.now)) continue;
      const at = registry.inForce(period);
      const periodCode = formatPeriod(period);
      for (const u of unitsReading(indicator, at)) {
        if (!indicator.levels.includes(u.level)) continue;
        const key = `${indicator.code}|${u.code}|${periodCode}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.push({ indicator: indicator.code, unit: u.code, period: periodCode, hierarchyVersion: at.id });
      }
    }
  }
  return result;
}

function observationVersion(
  registry: HierarchyRegistry,
  hierarchies: HierarchyRegistry | UnitHierarchy,
  observation: { readonly period: string; readonly hierarchyVersion?: string },
): UnitHierarchy | undefined {
  if (hierarchies instanceof UnitHierarchy) return hierarchies;
  if (observation.hierarchyVersion !== undefined) return registry.version(observation.hierarchyVersion);
  return parsePeriod(observation.period) ? registry.inForce(observation.period) : undefined;
}

// The units of `at` whose values read an observation of `unit` (of `version`): in the same version the unit
// and (rollup) its ancestors; in a newer one the units formed from it or, for rollup, from an ancestor, and
// their ancestors; in an older one none (a stock observed later is never carried back).
function unitsReadingIn(
  registry: HierarchyRegistry,
  version: UnitHierarchy,
  unit: AdministrativeUnit,
  scope: Indicator['scope'],
  at: UnitHierarchy,
): readonly AdministrativeUnit[] {
  const order = registry.compare(at, version);
  if (order < 0) return [];
  if (order === 0) return scope === 'rollup' ? [unit, ...version.ancestors(unit.code)] : [unit];
  const sources = scope === 'rollup' ? [unit.code, ...version.ancestors(unit.code).map((a) => a.code)] : [unit.code];
  const successors = registry.successors(sources, version.id, at.id).map((code) => at.get(code) as AdministrativeUnit);
  if (scope !== 'rollup') return successors;
  const withAncestors = new Map<string, AdministrativeUnit>();
  for (const s of successors) for (const u of [s, ...at.ancestors(s.code)]) withAncestors.set(u.code, u);
  return [...withAncestors.values()];
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
