import { DEFAULT_CATALOGUE, HierarchyRegistry, Measure } from '@dx/domain';

import { ScriptedObservation } from '../../../../computation/test/integration/support/computation-harness.util';

/**
 * `count` observations an agency can submit through the HTTP API, over the plan's years after its 2020
 * baseline: every count measure of the catalogue for every unit of its levels and every period of
 * 2021–2025 (in the hierarchy version in force in that period: the 2025 communes from 2025-07), then revision rounds of every cell (a new value each round) until `count`. Ids and
 * revisions are those ingestion gives, so computation's expected values can be derived from them (the
 * latest revision wins). In submission order.
 */
export function cityObservations(count: number): ScriptedObservation[] {
  const registry = HierarchyRegistry.withDefaults();
  const measures = DEFAULT_CATALOGUE.measures.filter((m: Measure) => m.code !== 'dti.rank' && m.code !== 'fibre.available');
  const cells: Array<{ measure: string; unit: string; period: string }> = [];
  for (let year = 2025; year >= 2021; year -= 1) {
    for (const measure of measures) {
      const periods =
        measure.frequency === 'month'
          ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
          : measure.frequency === 'quarter'
            ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
            : [`${year}`];
      for (const period of periods) {
        for (const unit of registry.inForce(period).units.filter((u) => measure.levels.includes(u.level as 1 | 2 | 3))) {
          cells.push({ measure: measure.code, unit: unit.code, period });
        }
      }
    }
  }
  const recordedAt = new Date().toISOString();
  const result: ScriptedObservation[] = [];
  for (let revision = 1; result.length < count; revision += 1) {
    for (const [index, cell] of cells.entries()) {
      if (result.length >= count) break;
      const observationId = `${cell.measure}/${cell.unit}/${cell.period}`;
      const value = 100 + ((index * 7919) % 900) + revision - 1;
      result.push({ id: `${observationId}:${revision}`, data: { observationId, agency: 'cluster-agency', ...cell, value, revision, recordedAt } });
    }
  }
  return result;
}
