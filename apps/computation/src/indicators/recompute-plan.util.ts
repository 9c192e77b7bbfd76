import { affectedIndicatorValues, Catalogue, factScope, HierarchyRegistry, IndicatorValueRef, reportKey } from '@dx/domain';

import { FactCoordinates, FactScope } from '../facts/fact-store.port';

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
 * Plans the recomputation of a batch: the union of `affectedIndicatorValues` over the changed facts (each
 * value named in the hierarchy version in force for its period), and the facts those values read, as the
 * domain's `factScope` says (units in scope and, across a reorganisation, their predecessors; measures;
 * years).
 */
export function planRecompute(catalogue: Catalogue, hierarchies: HierarchyRegistry, changed: ReadonlyArray<FactCoordinates>, now: Date): RecomputePlan {
  const refs = new Map<string, IndicatorValueRef>();
  const seenFacts = new Set<string>();
  for (const fact of changed) {
    const factKey = reportKey(fact);
    if (seenFacts.has(factKey)) continue;
    seenFacts.add(factKey);
    for (const ref of affectedIndicatorValues(catalogue, hierarchies, fact, { now })) refs.set(refKey(ref), ref);
  }
  return planFor(catalogue, hierarchies, [...refs.values()]);
}

/** The plan that recomputes exactly `refs`: their units to lock, sorted, and the facts they read. */
export function planFor(catalogue: Catalogue, hierarchies: HierarchyRegistry, refs: readonly IndicatorValueRef[]): RecomputePlan {
  const units = [...new Set(refs.map((r) => r.unit))].sort();
  return { refs, units, scope: factScope(catalogue, hierarchies, refs) };
}

/** `indicator|unit|period`: the identity of a published value. */
export function refKey(ref: IndicatorValueRef): string {
  return `${ref.indicator}|${ref.unit}|${ref.period}`;
}

/**
 * False for a stored value whose unit is no longer one of the version in force for its period (a version
 * loaded or replaced since): values are published only for units of the version in force, so it is left
 * as it is, no longer published or updated.
 */
export function stillPublished(hierarchies: HierarchyRegistry, ref: IndicatorValueRef): boolean {
  const inForce = hierarchies.inForce(ref.period);
  return (ref.hierarchyVersion === undefined || ref.hierarchyVersion === inForce.id) && inForce.has(ref.unit);
}
