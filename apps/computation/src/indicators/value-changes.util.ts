import { Catalogue, detectSlips, formatPeriod, IndicatorValue, previousPeriod, sameJson, StatusEvent } from '@dx/domain';

import { refKey } from './recompute-plan.util';

export interface ValueChanges {
  /** Values that differ from what was stored (or were never stored): to store and publish. */
  readonly changed: readonly IndicatorValue[];
  /** Slips, recoveries and regressions of the changed values, judged against the stored state. */
  readonly statusEvents: readonly StatusEvent[];
}

/**
 * Compares freshly computed values with the stored ones. Only a value that changed is published, and its
 * status events come from `detectSlips` against the stored value (`before`) and the previous period's
 * value as it is after this batch — so recomputing an unchanged value, or re-applying a batch, emits
 * nothing.
 */
export function valueChanges(catalogue: Catalogue, computed: readonly IndicatorValue[], stored: ReadonlyMap<string, IndicatorValue>): ValueChanges {
  const after = new Map(stored);
  for (const value of computed) after.set(refKey(value), value);
  const changed: IndicatorValue[] = [];
  const statusEvents: StatusEvent[] = [];
  for (const value of computed) {
    const before = stored.get(refKey(value));
    if (before && sameIndicatorValue(before, value)) continue;
    changed.push(value);
    const indicator = catalogue.indicator(value.indicator);
    if (!indicator) continue;
    const last = after.get(refKey({ indicator: value.indicator, unit: value.unit, period: formatPeriod(previousPeriod(value.period)) }));
    statusEvents.push(...detectSlips(indicator, value, { ...(before ? { before } : {}), ...(last ? { previousPeriod: last } : {}) }));
  }
  return { changed, statusEvents };
}

/**
 * Equal field by field, whatever the key order (values come back from jsonb with keys reordered): what
 * `canonicalJson` texts would say, without building two texts for every recomputed value (ADR 0020).
 */
export function sameIndicatorValue(a: IndicatorValue, b: IndicatorValue): boolean {
  return sameJson(a, b);
}
