import { affectedIndicatorValues, computeIndicator, DEFAULT_CATALOGUE, FactSet, HierarchyRegistry, IndicatorValue, observationKey } from '@dx/domain';

import { ScriptedObservation } from './computation-harness.util';

/**
 * The values a full computation gives over the final facts (highest revision per key): every value any
 * observation affects, computed from scratch by the domain. What incremental processing must end with.
 */
export function expectedValues(observations: readonly ScriptedObservation[], now: Date): Map<string, IndicatorValue> {
  const latest = new Map<string, ScriptedObservation['data']>();
  for (const { data } of observations) {
    const key = observationKey(data);
    const current = latest.get(key);
    if (!current || current.revision < data.revision) latest.set(key, data);
  }
  const facts = new FactSet([...latest.values()]);
  const registry = HierarchyRegistry.withDefaults();
  const result = new Map<string, IndicatorValue>();
  for (const data of latest.values()) {
    for (const ref of affectedIndicatorValues(DEFAULT_CATALOGUE, registry.inForce(data.period), data, { now })) {
      const key = `${ref.indicator}|${ref.unit}|${ref.period}`;
      if (result.has(key)) continue;
      result.set(key, computeIndicator(DEFAULT_CATALOGUE, registry.inForce(ref.period), facts, ref.indicator, ref.unit, ref.period));
    }
  }
  return result;
}
