import { affectedIndicatorValues, Catalogue, HierarchyRegistry, IndicatorValueRef, toPeriod } from '@dx/domain';

import { FactCoordinates, FactScope } from '../facts/facts.repository';

/** What one batch must recompute, which units it must lock, and which facts it must read. */
export interface RecomputePlan {
  /** Every indicator value the changed facts can affect (the domain decides which). */
  readonly refs: readonly IndicatorValueRef[];
  /** Units whose values are rewritten, sorted: locked in this order so that two instances never deadlock. */
  readonly units: readonly string[];
  /** The facts the values read: the units in their scopes, their measures, the years they look at. */
  readonly scope: FactScope;
}

/**
 * Plans the recomputation of a batch: the union of `affectedIndicatorValues` over the changed facts, and
 * the facts those values read — each value's units in scope (the unit and its descendants for `rollup`),
 * the measures of its indicator, its year and the year before (stock carry-forward, growth), and the
 * indicator's baseline year and the year before it (baselines).
 */
export function planRecompute(catalogue: Catalogue, hierarchies: HierarchyRegistry, changed: ReadonlyArray<FactCoordinates>, now: Date): RecomputePlan {
  const refs = new Map<string, IndicatorValueRef>();
  const seenFacts = new Set<string>();
  for (const fact of changed) {
    const factKey = `${fact.measure}|${fact.unit}|${fact.period}`;
    if (seenFacts.has(factKey)) continue;
    seenFacts.add(factKey);
    for (const ref of affectedIndicatorValues(catalogue, hierarchies.inForce(fact.period), fact, { now })) {
      refs.set(refKey(ref), ref);
    }
  }
  const units = new Set<string>();
  const scopeUnits = new Set<string>();
  const measures = new Set<string>();
  const years = new Set<number>();
  const scopeSeen = new Set<string>();
  for (const ref of refs.values()) {
    units.add(ref.unit);
    const indicator = catalogue.indicator(ref.indicator);
    if (!indicator) continue;
    const year = toPeriod(ref.period).year;
    years.add(year).add(year - 1);
    if (indicator.baseline.value === undefined) years.add(indicator.baseline.year).add(indicator.baseline.year - 1);
    for (const m of indicator.measures) measures.add(m);
    const hierarchy = hierarchies.inForce(ref.period);
    const scopeKey = `${indicator.scope}|${hierarchy.id}|${ref.unit}`;
    if (scopeSeen.has(scopeKey)) continue;
    scopeSeen.add(scopeKey);
    scopeUnits.add(ref.unit);
    if (indicator.scope === 'rollup') for (const d of hierarchy.descendants(ref.unit)) scopeUnits.add(d.code);
  }
  return {
    refs: [...refs.values()],
    units: [...units].sort(),
    scope: { measures: [...measures].sort(), units: [...scopeUnits].sort(), years: [...years].sort((a, b) => a - b) },
  };
}

/** `indicator|unit|period`: the identity of a published value. */
export function refKey(ref: IndicatorValueRef): string {
  return `${ref.indicator}|${ref.unit}|${ref.period}`;
}
