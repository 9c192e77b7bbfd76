import { HierarchyRegistry, reportKey, seededRandom } from '@dx/domain';

import { anObservation, ScriptedObservation, revised } from './computation-harness.util';

const PAIRS: ReadonlyArray<[string, string]> = [
  ['households.fibre', 'households.total'],
  ['population.covered_4g5g', 'population.total'],
  ['population.smartphone', 'population.adult'],
  ['online_users.eid', 'online_users.total'],
  ['public_services.level4_multichannel', 'public_services.total'],
];
const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'];

/**
 * A stream of observations from the communes of Can Tho: ratio pairs per quarter (yearly for the
 * population denominators), fibre flags, and a revision of every tenth observation, in random order.
 */
export function generateObservations(count: number, seed = 2025): ScriptedObservation[] {
  const next = seededRandom(seed);
  // The quarters below are the three-level version's (2024-Q1 … 2025-Q2): its communes report them.
  const communes = HierarchyRegistry.withDefaults()
    .inForce('2024')
    .unitsAtLevel(3)
    .map((u) => u.code);
  const result: ScriptedObservation[] = [];
  const seen = new Set<string>();
  while (result.length < count) {
    const unit = communes[Math.floor(next() * communes.length)];
    const quarter = QUARTERS[Math.floor(next() * QUARTERS.length)];
    const pick = Math.floor(next() * (PAIRS.length + 1));
    const batch: ScriptedObservation[] = [];
    if (pick === PAIRS.length) {
      batch.push(anObservation({ measure: 'fibre.available', unit, period: quarter, value: next() < 0.8 ? 1 : 0 }));
    } else {
      const [numerator, denominator] = PAIRS[pick];
      const total = 1000 + Math.floor(next() * 9000);
      const yearly = denominator === 'population.total' || denominator === 'population.adult';
      batch.push(anObservation({ measure: numerator, unit, period: quarter, value: Math.floor(total * (0.7 + next() * 0.3)) }));
      batch.push(anObservation({ measure: denominator, unit, period: yearly ? quarter.slice(0, 4) : quarter, value: total }));
    }
    for (const observation of batch) {
      const key = reportKey(observation.data);
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(observation);
      if (result.length % 10 === 0) result.push(revised(observation, observation.data.value + 1 + Math.floor(next() * 50), 2));
    }
  }
  return result.slice(0, count);
}
