import { Measure } from '../catalogue/catalogue.type';
import { FactSet } from '../observations/fact-set';
import { dimensionsKey } from '../observations/observation-key.util';
import { Dimensions } from '../observations/observation.type';
import { endMonth, finerPeriods, firstMonth, formatPeriod, FREQUENCIES, isCoarser, Period, periodContainingMonth, shiftPeriod } from '../periods/period.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { UnitHierarchy } from '../units/unit-hierarchy';

/** What a reading stands for when it is the unit itself (its own report, or every predecessor's). */
export const OWN_TERRITORY = 'own';

/**
 * One unit's own value of a measure for a period. `complete`: every sub-period of a flow is in, and for a
 * stock taken from predecessors, every predecessor reported. `territory` says what the value covers:
 * {@link OWN_TERRITORY} for the whole unit, else which predecessors reported (two readings are a matched
 * pair only when they cover the same territory). `approximate`: a partly merged predecessor counted in full.
 */
export interface Reading {
  readonly value: number | undefined;
  readonly complete: boolean;
  readonly approximate: boolean;
  readonly territory: string;
  /** For a value taken from predecessors: each reporting predecessor's reading, so pairs can be matched part by part. */
  readonly parts?: ReadonlyMap<string, Reading>;
}

/** `carry`: a stock may come from up to 12 months back; `within`: only observations inside the period. */
export type TimeRule = 'carry' | 'within';

// Product.md: a stock's observation counts if it ended no more than 12 months before the period's end.
const CARRY_FORWARD_MONTHS = 12;
const MISSING: Reading = { value: undefined, complete: false, approximate: false, territory: OWN_TERRITORY };

/**
 * Reads one unit's own value of a measure, in one hierarchy version, for any period, by the time rules of
 * product.md: a flow is the sum of its observations inside the period (only the sub-periods in force in
 * that version: the others belong to other units); a stock is the latest observation starting by the
 * period's end and ended at most 12 months before it. A stock observed in an older version reaches the unit
 * only through `formedFrom` (the sum of its predecessors' own stocks), never by its code; one observed in a
 * newer version never reaches it. Memoised, so one reader serves a whole computation run.
 */
export class MeasureReader {
  // version → unit → measure → period and rule (a number) → reading: nested maps, no key text built per read.
  private readonly memo = new Map<string, Map<string, Map<string, Map<number, Reading>>>>();
  private readonly dimensionsMemo = new Map<string, Reading>();
  private readonly candidatesMemo = new Map<Measure, Map<number, readonly Period[]>>();
  private readonly periodText = new Map<number, string>();

  constructor(
    private readonly facts: FactSet,
    private readonly registry: HierarchyRegistry,
  ) {}

  read(measure: Measure, version: UnitHierarchy, unit: string, period: Period, rule: TimeRule = 'carry', dimensions?: Dimensions): Reading {
    if (dimensions) {
      const key = `${version.id}|${unit}|${measure.code}|${this.text(period)}|${rule}|${dimensionsKey(dimensions)}`;
      let reading = this.dimensionsMemo.get(key);
      if (!reading) this.dimensionsMemo.set(key, (reading = this.compute(measure, version, unit, period, rule, dimensions)));
      return reading;
    }
    let byUnit = this.memo.get(version.id);
    if (!byUnit) this.memo.set(version.id, (byUnit = new Map()));
    let byMeasure = byUnit.get(unit);
    if (!byMeasure) byUnit.set(unit, (byMeasure = new Map()));
    let byPeriod = byMeasure.get(measure.code);
    if (!byPeriod) byMeasure.set(measure.code, (byPeriod = new Map()));
    const key = periodNumber(period) * 2 + (rule === 'carry' ? 0 : 1);
    let reading = byPeriod.get(key);
    if (!reading) byPeriod.set(key, (reading = this.compute(measure, version, unit, period, rule)));
    return reading;
  }

  /** The unit's own observation for exactly `period`, read in `version` (no time rule, no lineage). */
  cell(measure: Measure, version: UnitHierarchy, unit: string, period: Period, dimensions?: Dimensions): number | undefined {
    const text = this.text(period);
    return dimensions ? this.facts.get(measure.code, unit, text, dimensions, version.id) : this.facts.total(measure.code, unit, text, version.id);
  }

  private compute(measure: Measure, version: UnitHierarchy, unit: string, period: Period, rule: TimeRule, dimensions?: Dimensions): Reading {
    return measure.kind === 'flow' ? this.flow(measure, version, unit, period, dimensions) : this.stock(measure, version, unit, period, rule, dimensions);
  }

  private text(period: Period): string {
    const key = periodNumber(period);
    let text = this.periodText.get(key);
    if (text === undefined) this.periodText.set(key, (text = formatPeriod(period)));
    return text;
  }

  private flow(measure: Measure, version: UnitHierarchy, unit: string, period: Period, dimensions?: Dimensions): Reading {
    let sum = 0;
    let found = 0;
    let parts = 0;
    for (const part of this.candidates(measure, period, 'within')) {
      if (this.registry.compare(this.registry.inForce(part), version) !== 0) continue;
      parts++;
      const value = this.cell(measure, version, unit, part, dimensions);
      if (value !== undefined) {
        sum += value;
        found++;
      }
    }
    return found === 0 ? MISSING : { value: sum, complete: found === parts, approximate: false, territory: OWN_TERRITORY };
  }

  private stock(measure: Measure, version: UnitHierarchy, unit: string, period: Period, rule: TimeRule, dimensions?: Dimensions): Reading {
    for (const candidate of this.candidates(measure, period, rule)) {
      const candidateVersion = this.registry.inForce(candidate);
      const order = this.registry.compare(candidateVersion, version);
      // A stock observed under a later structure belongs to that structure's units.
      if (order > 0) continue;
      if (order < 0) return this.fromPredecessors(measure, version, unit, candidateVersion, period, rule, dimensions);
      const value = this.cell(measure, version, unit, candidate, dimensions);
      if (value !== undefined) return { value, complete: true, approximate: false, territory: OWN_TERRITORY };
    }
    return MISSING;
  }

  // Candidates are latest first, so once one lies in an older version every later one does too: the unit's
  // stock is then the sum of its predecessors' own stocks, each read by the same rules in its version.
  private fromPredecessors(
    measure: Measure,
    version: UnitHierarchy,
    unit: string,
    older: UnitHierarchy,
    period: Period,
    rule: TimeRule,
    dimensions?: Dimensions,
  ): Reading {
    const predecessors = this.registry.predecessors(unit, version.id, older.id);
    // A measure that does not add up across units can stand for a unit only through a single predecessor.
    if (predecessors.units.length === 0 || (measure.acrossUnits === 'none' && predecessors.units.length > 1)) return MISSING;
    let sum = 0;
    let complete = predecessors.outside === 0;
    let approximate = false;
    const found: string[] = [];
    const parts = new Map<string, Reading>();
    for (const predecessor of predecessors.units) {
      const reading = this.read(measure, older, predecessor.code, period, rule, dimensions);
      if (reading.value === undefined) {
        complete = false;
        continue;
      }
      sum += reading.value;
      found.push(`${predecessor.code}=${reading.territory}`);
      complete &&= reading.complete && reading.territory === OWN_TERRITORY;
      approximate ||= reading.approximate || !predecessor.whole;
      parts.set(predecessor.code, { ...reading, approximate: reading.approximate || !predecessor.whole });
    }
    if (found.length === 0) return MISSING;
    return { value: sum, complete, approximate, territory: complete ? OWN_TERRITORY : `${older.id}:${found.join(',')}`, parts };
  }

  // Periods at the measure's frequency that may supply the value, latest first for stocks.
  private candidates(measure: Measure, period: Period, rule: TimeRule): readonly Period[] {
    let byPeriod = this.candidatesMemo.get(measure);
    if (!byPeriod) this.candidatesMemo.set(measure, (byPeriod = new Map()));
    const key = periodNumber(period) * 2 + (rule === 'carry' ? 0 : 1);
    const cached = byPeriod.get(key);
    if (cached) return cached;
    let result: Period[];
    if (measure.kind === 'flow') {
      // A flow reported by quarter cannot be split into months.
      result = isCoarser(measure.frequency, period.frequency) ? [] : finerPeriods(period, measure.frequency);
    } else if (rule === 'within') {
      // Latest first, only periods lying inside `period`.
      result = isCoarser(measure.frequency, period.frequency) ? [] : finerPeriods(period, measure.frequency).reverse();
    } else {
      result = [];
      const end = endMonth(period);
      for (let q = periodContainingMonth(measure.frequency, end - 1); end - endMonth(q) <= CARRY_FORWARD_MONTHS; q = shiftPeriod(q, -1)) {
        result.push(q);
      }
    }
    byPeriod.set(key, result);
    return result;
  }
}

// A number naming a period: its first month and its length.
function periodNumber(period: Period): number {
  return firstMonth(period) * 3 + FREQUENCIES.indexOf(period.frequency);
}
