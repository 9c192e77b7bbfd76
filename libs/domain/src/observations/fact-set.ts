import { dimensionsKey } from './observation-key.util';
import { Dimensions, Observation } from './observation.type';

interface Cell {
  total?: number;
  parts?: Map<string, number>;
  partsSum?: number;
}

/**
 * Current observations in memory, indexed by (measure, hierarchy version, unit, period): a unit code means
 * a unit only within its version. An observation without `hierarchyVersion` belongs to the version in force
 * for its period, so it answers a read of its period in that version (the only one the computation makes).
 * The caller has already resolved revisions: adding an observation with the key of an earlier one replaces it.
 */
export class FactSet {
  // measure → unit → period: nested maps avoid building a string key for every read.
  private readonly cells = new Map<string, Map<string, Map<string, Cell>>>();
  private count = 0;
  private stamped = false;

  constructor(observations: Iterable<Observation> = []) {
    for (const o of observations) this.add(o);
  }

  /** Number of distinct (measure, unit, period, dimensions) held. */
  get size(): number {
    return this.count;
  }

  /** Adds `observation`, replacing any value with the same key. */
  add(observation: Observation): void {
    let byUnit = this.cells.get(observation.measure);
    if (!byUnit) this.cells.set(observation.measure, (byUnit = new Map()));
    const unitKey = keyOf(observation.unit, observation.hierarchyVersion);
    if (observation.hierarchyVersion !== undefined) this.stamped = true;
    let byPeriod = byUnit.get(unitKey);
    if (!byPeriod) byUnit.set(unitKey, (byPeriod = new Map()));
    let cell = byPeriod.get(observation.period);
    if (!cell) byPeriod.set(observation.period, (cell = {}));
    const dims = dimensionsKey(observation.dimensions);
    if (dims === '') {
      if (cell.total === undefined) this.count++;
      cell.total = observation.value;
      return;
    }
    cell.parts ??= new Map();
    if (!cell.parts.has(dims)) this.count++;
    cell.parts.set(dims, observation.value);
    cell.partsSum = undefined;
  }

  /** The value with exactly these coordinates (no dimensions: the reported total), read in `version`. */
  get(measure: string, unit: string, period: string, dimensions?: Dimensions, version?: string): number | undefined {
    const cell = this.cell(measure, unit, period, version);
    if (!cell) return undefined;
    const dims = dimensionsKey(dimensions);
    return dims === '' ? cell.total : cell.parts?.get(dims);
  }

  /** The total, read in `version`: the observation without dimensions where reported, else the sum of the breakdown. */
  total(measure: string, unit: string, period: string, version?: string): number | undefined {
    const cell = this.cell(measure, unit, period, version);
    if (!cell) return undefined;
    if (cell.total !== undefined) return cell.total;
    if (!cell.parts || cell.parts.size === 0) return undefined;
    // Summed in key order so the result does not depend on arrival order.
    cell.partsSum ??= [...cell.parts.keys()].sort().reduce((sum, k) => sum + (cell.parts?.get(k) ?? 0), 0);
    return cell.partsSum;
  }

  // A fact recorded with its version wins over one that takes the version in force for its period.
  private cell(measure: string, unit: string, period: string, version: string | undefined): Cell | undefined {
    const byUnit = this.cells.get(measure);
    if (!byUnit) return undefined;
    return (this.stamped && version !== undefined ? byUnit.get(keyOf(unit, version))?.get(period) : undefined) ?? byUnit.get(unit)?.get(period);
  }
}

function keyOf(unit: string, version: string | undefined): string {
  return version === undefined ? unit : `${version}|${unit}`;
}
