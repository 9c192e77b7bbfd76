import { Measure } from '../catalogue/catalogue.type';
import { FactSet } from '../observations/fact-set';
import { dimensionsKey } from '../observations/observation-key.util';
import { Dimensions } from '../observations/observation.type';
import {
  endMonth,
  finerPeriods,
  formatPeriod,
  isCoarser,
  Period,
  periodContainingMonth,
  shiftPeriod,
} from '../periods/period.util';

/** One unit's own value of a measure for a period; `complete` when every sub-period of a flow is in. */
export interface Reading {
  readonly value: number | undefined;
  readonly complete: boolean;
}

/** `carry`: a stock may come from up to 12 months back; `within`: only observations inside the period. */
export type TimeRule = 'carry' | 'within';

// Product.md: a stock's observation counts if it ended no more than 12 months before the period's end.
const CARRY_FORWARD_MONTHS = 12;
const MISSING: Reading = { value: undefined, complete: false };

/**
 * Reads one unit's own value of a measure for any period by the time rules of product.md: a flow is the
 * sum of its observations inside the period; a stock is the latest observation starting by the period's
 * end and ended at most 12 months before it. Memoised, so one reader serves a whole computation run.
 */
export class MeasureReader {
  // unit → reading key: most reads are for few units many times, so the inner key stays short.
  private readonly memo = new Map<string, Map<string, Reading>>();
  private readonly candidatesMemo = new Map<string, readonly string[]>();

  constructor(private readonly facts: FactSet) {}

  read(measure: Measure, unit: string, period: Period, rule: TimeRule = 'carry', dimensions?: Dimensions): Reading {
    let byKey = this.memo.get(unit);
    if (!byKey) this.memo.set(unit, (byKey = new Map()));
    const key = `${measure.code}|${formatPeriod(period)}|${rule}${dimensions ? `|${dimensionsKey(dimensions)}` : ''}`;
    let reading = byKey.get(key);
    if (!reading) {
      reading = measure.kind === 'flow' ? this.flow(measure, unit, period, dimensions) : this.stock(measure, unit, period, rule, dimensions);
      byKey.set(key, reading);
    }
    return reading;
  }

  private flow(measure: Measure, unit: string, period: Period, dimensions?: Dimensions): Reading {
    // A flow reported by quarter cannot be split into months.
    if (isCoarser(measure.frequency, period.frequency)) return MISSING;
    let sum = 0;
    let found = 0;
    const parts = this.candidates(measure, period, 'within');
    for (const part of parts) {
      const value = this.cell(measure, unit, part, dimensions);
      if (value !== undefined) {
        sum += value;
        found++;
      }
    }
    return found === 0 ? MISSING : { value: sum, complete: found === parts.length };
  }

  private stock(measure: Measure, unit: string, period: Period, rule: TimeRule, dimensions?: Dimensions): Reading {
    for (const candidate of this.candidates(measure, period, rule)) {
      const value = this.cell(measure, unit, candidate, dimensions);
      if (value !== undefined) return { value, complete: true };
    }
    return MISSING;
  }

  // Periods at the measure's frequency that may supply the value, latest first for stocks.
  private candidates(measure: Measure, period: Period, rule: TimeRule): readonly string[] {
    const key = `${measure.kind}|${measure.frequency}|${formatPeriod(period)}|${rule}`;
    const cached = this.candidatesMemo.get(key);
    if (cached) return cached;
    let result: string[];
    if (measure.kind === 'flow') {
      result = finerPeriods(period, measure.frequency).map(formatPeriod);
    } else if (rule === 'within') {
      // Latest first, only periods lying inside `period`.
      result = isCoarser(measure.frequency, period.frequency) ? [] : finerPeriods(period, measure.frequency).reverse().map(formatPeriod);
    } else {
      result = [];
      const end = endMonth(period);
      for (let q = periodContainingMonth(measure.frequency, end - 1); end - endMonth(q) <= CARRY_FORWARD_MONTHS; q = shiftPeriod(q, -1)) {
        result.push(formatPeriod(q));
      }
    }
    this.candidatesMemo.set(key, result);
    return result;
  }

  private cell(measure: Measure, unit: string, period: string, dimensions?: Dimensions): number | undefined {
    return dimensions ? this.facts.get(measure.code, unit, period, dimensions) : this.facts.total(measure.code, unit, period);
  }
}
