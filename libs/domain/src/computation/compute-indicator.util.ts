import { Catalogue } from '../catalogue/catalogue';
import { Indicator, Measure, UnitLevel } from '../catalogue/catalogue.type';
import { FactSet } from '../observations/fact-set';
import { FREQUENCIES, finerPeriods, formatPeriod, isCoarser, Period, PeriodInput, sameSpanLastYear, toPeriod } from '../periods/period.util';
import { applicableTarget, expectedValue, progressRatio, statusOf, targetRef } from '../targets/target.util';
import { AdministrativeUnit } from '../units/unit.type';
import { UnitHierarchy } from '../units/unit-hierarchy';
import { Coverage, IndicatorValue, IndicatorValueRef } from './indicator-value.type';
import { MeasureReader } from './measure-reader';

interface RawValue {
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  readonly coverage: Coverage;
  readonly quality?: 'numerator_exceeds_denominator';
}

/**
 * Computes one indicator for one unit and period from `facts` (current values, revisions resolved),
 * with its target, expected value, status and progress. `hierarchy` must be the version in force for
 * the period. Computes whatever is asked (any unit, any period); {@link computeAll} and
 * `affectedIndicatorValues` list the values the platform actually publishes. Throws for an unknown
 * indicator, unit or period text.
 */
export function computeIndicator(
  catalogue: Catalogue,
  hierarchy: UnitHierarchy,
  facts: FactSet,
  indicatorCode: string,
  unitCode: string,
  period: PeriodInput,
): IndicatorValue {
  return new Computation(catalogue, hierarchy, facts).value(requireIndicator(catalogue, indicatorCode), requireUnit(hierarchy, unitCode), toPeriod(period));
}

/**
 * Several values over one fact set, sharing the readings and baselines between them: what a service
 * computes for one batch of observations. Each value uses the hierarchy version in force for its period.
 * Same results as {@link computeIndicator} one by one.
 */
export function computeIndicators(
  catalogue: Catalogue,
  hierarchies: { inForce(period: PeriodInput): UnitHierarchy },
  facts: FactSet,
  refs: ReadonlyArray<IndicatorValueRef>,
): IndicatorValue[] {
  const computations = new Map<UnitHierarchy, Computation>();
  return refs.map((ref) => {
    const hierarchy = hierarchies.inForce(ref.period);
    let computation = computations.get(hierarchy);
    if (!computation) computations.set(hierarchy, (computation = new Computation(catalogue, hierarchy, facts)));
    return computation.value(requireIndicator(catalogue, ref.indicator), requireUnit(hierarchy, ref.unit), toPeriod(ref.period));
  });
}

/**
 * Every published value inside `period`: each indicator for each unit at the indicator's levels, for
 * `period` and every finer period in it down to the indicator's frequency (a year gives GOV-04 for the
 * year, its 4 quarters and 12 months; ECO-01 for the year only).
 */
export function computeAll(catalogue: Catalogue, hierarchy: UnitHierarchy, facts: FactSet, period: PeriodInput): IndicatorValue[] {
  const computation = new Computation(catalogue, hierarchy, facts);
  const outer = toPeriod(period);
  const result: IndicatorValue[] = [];
  for (const indicator of catalogue.indicators) {
    const periods = publishedFrequencies(indicator).flatMap((f) => finerPeriods(outer, f));
    for (const level of indicator.levels) {
      for (const unit of hierarchy.unitsAtLevel(level)) {
        for (const p of periods) result.push(computation.value(indicator, unit, p));
      }
    }
  }
  return result;
}

/** Frequencies an indicator is published at: its own and every coarser one, finest first. */
export function publishedFrequencies(indicator: Indicator): Period['frequency'][] {
  return FREQUENCIES.filter((f) => f === indicator.frequency || isCoarser(f, indicator.frequency));
}

// One run over one fact set: the measure reader and baselines are shared between values.
class Computation {
  private readonly reader: MeasureReader;
  private readonly baselines = new Map<string, number | undefined>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly hierarchy: UnitHierarchy,
    facts: FactSet,
  ) {
    this.reader = new MeasureReader(facts);
  }

  value(indicator: Indicator, unit: AdministrativeUnit, period: Period): IndicatorValue {
    const raw = this.raw(indicator, unit, period);
    const target = applicableTarget(indicator, unit, period);
    const baseline = this.baseline(indicator, unit);
    const expected = target ? expectedValue(indicator, target, period, baseline) : undefined;
    const status = statusOf(indicator, raw.value, target, expected);
    // Progress toward a rate floor (ECO-02) has no meaning: growth rates are not a path from a baseline.
    const progress = target?.kind === 'milestone' ? progressRatio(raw.value, baseline, expected) : undefined;
    return {
      indicator: indicator.code,
      unit: unit.code,
      period: formatPeriod(period),
      value: raw.value,
      ...(raw.numerator !== undefined ? { numerator: raw.numerator } : {}),
      ...(raw.denominator !== undefined ? { denominator: raw.denominator } : {}),
      ...(target ? { target: targetRef(target, period) } : {}),
      ...(expected !== undefined ? { expected } : {}),
      status,
      ...(progress !== undefined ? { progress } : {}),
      coverage: raw.coverage,
      ...(raw.quality ? { quality: raw.quality } : {}),
    };
  }

  // A fixed baseline value wins; otherwise the unit's own value for the baseline year.
  private baseline(indicator: Indicator, unit: AdministrativeUnit): number | undefined {
    if (indicator.baseline.value !== undefined) return indicator.baseline.value;
    const key = `${indicator.code}|${unit.code}`;
    if (!this.baselines.has(key)) {
      const value = this.raw(indicator, unit, { frequency: 'year', year: indicator.baseline.year }).value;
      this.baselines.set(key, value ?? undefined);
    }
    return this.baselines.get(key);
  }

  private raw(indicator: Indicator, unit: AdministrativeUnit, period: Period): RawValue {
    const f = indicator.formula;
    const scope = indicator.scope === 'own' ? [unit] : [unit, ...this.hierarchy.descendants(unit.code)];
    switch (f.kind) {
      case 'ratio':
        return this.ratio(this.measure(f.numerator), this.measure(f.denominator), unit, scope, period);
      case 'min_ratio_over_dimension':
        return this.minRatio(this.measure(f.numerator), this.measure(f.denominator), f.dimension, unit, scope, period);
      case 'growth':
        return this.growth(this.measure(f.measure), unit, scope, period);
      case 'share_of_units':
        return this.shareOfUnits(this.measure(f.measure), f.level, f.equals, scope, period);
      case 'value':
        return this.plain(this.measure(f.measure), unit, scope, period);
    }
  }

  private ratio(num: Measure, den: Measure, unit: AdministrativeUnit, scope: readonly AdministrativeUnit[], period: Period): RawValue {
    const n = this.sum(num, unit, scope, period);
    const d = this.sum(den, unit, scope, period);
    const coverage = this.coverage([num, den], unit, scope, (u) => [this.reader.read(num, u, period), this.reader.read(den, u, period)]);
    const value = n.found && d.found && d.sum > 0 ? (n.sum * 100) / d.sum : null;
    return {
      value,
      ...(n.found ? { numerator: n.sum } : {}),
      ...(d.found ? { denominator: d.sum } : {}),
      coverage,
      ...(n.found && d.found && n.sum > d.sum ? { quality: 'numerator_exceeds_denominator' as const } : {}),
    };
  }

  // ECO-03: every value of the dimension needs a ratio, or "every sector" cannot be judged.
  private minRatio(
    num: Measure,
    den: Measure,
    dimension: string,
    unit: AdministrativeUnit,
    scope: readonly AdministrativeUnit[],
    period: Period,
  ): RawValue {
    const slices = num.dimensions[dimension].map((slice) => {
      const dims = { [dimension]: slice };
      return { dims, n: this.sum(num, unit, scope, period, 'carry', dims), d: this.sum(den, unit, scope, period, 'carry', dims) };
    });
    const coverage = this.coverage([num, den], unit, scope, (u) =>
      slices.flatMap(({ dims }) => [this.reader.read(num, u, period, 'carry', dims), this.reader.read(den, u, period, 'carry', dims)]),
    );
    const quality = slices.some(({ n, d }) => n.found && d.found && n.sum > d.sum) ? { quality: 'numerator_exceeds_denominator' as const } : {};
    if (!slices.every(({ n, d }) => n.found && d.found && d.sum > 0)) return { value: null, coverage, ...quality };
    let lowest = slices[0];
    for (const slice of slices) if (slice.n.sum / slice.d.sum < lowest.n.sum / lowest.d.sum) lowest = slice;
    return { value: (lowest.n.sum * 100) / lowest.d.sum, numerator: lowest.n.sum, denominator: lowest.d.sum, coverage, ...quality };
  }

  // Growth compares what was observed in each period: carrying last year's stock forward would fake 0 %.
  private growth(measure: Measure, unit: AdministrativeUnit, scope: readonly AdministrativeUnit[], period: Period): RawValue {
    const lastYear = sameSpanLastYear(period);
    const current = this.sum(measure, unit, scope, period, 'within');
    const previous = this.sum(measure, unit, scope, lastYear, 'within');
    const coverage = this.coverage([measure], unit, scope, (u) => [
      this.reader.read(measure, u, period, 'within'),
      this.reader.read(measure, u, lastYear, 'within'),
    ]);
    const value = current.found && previous.found && previous.sum !== 0 ? ((current.sum - previous.sum) * 100) / previous.sum : null;
    return { value, coverage };
  }

  // SOC-02: a member that has not reported counts as not meeting the condition, unless none has reported.
  private shareOfUnits(measure: Measure, level: UnitLevel, equals: number, scope: readonly AdministrativeUnit[], period: Period): RawValue {
    const members = scope.filter((u) => u.level === level);
    let reported = 0;
    let meeting = 0;
    for (const member of members) {
      const reading = this.reader.read(measure, member.code, period);
      if (reading.value === undefined) continue;
      reported++;
      if (reading.value === equals) meeting++;
    }
    const coverage = { reported, expected: members.length };
    if (reported === 0) return { value: null, coverage };
    return { value: (meeting * 100) / members.length, numerator: meeting, denominator: members.length, coverage };
  }

  private plain(measure: Measure, unit: AdministrativeUnit, scope: readonly AdministrativeUnit[], period: Period): RawValue {
    const total = this.sum(measure, unit, scope, period);
    const coverage = this.coverage([measure], unit, scope, (u) => [this.reader.read(measure, u, period)]);
    return { value: total.found ? total.sum : null, coverage };
  }

  // A measure that does not add up across units is read from the unit itself only.
  private sum(
    measure: Measure,
    unit: AdministrativeUnit,
    scope: readonly AdministrativeUnit[],
    period: Period,
    rule: 'carry' | 'within' = 'carry',
    dimensions?: Record<string, string>,
  ): { sum: number; found: boolean } {
    let sum = 0;
    let found = false;
    for (const u of measure.acrossUnits === 'none' ? [unit] : scope) {
      if (!measure.levels.includes(u.level)) continue;
      const value = this.reader.read(measure, u.code, period, rule, dimensions).value;
      if (value !== undefined) {
        sum += value;
        found = true;
      }
    }
    return { sum, found };
  }

  // Expected: units in scope at a level where every input is reported; reported: those with every input complete.
  private coverage(
    measures: readonly Measure[],
    unit: AdministrativeUnit,
    scope: readonly AdministrativeUnit[],
    readingsOf: (unitCode: string) => readonly { value: number | undefined; complete: boolean }[],
  ): Coverage {
    const local = measures.some((m) => m.acrossUnits === 'none') ? [unit] : scope;
    const expectedUnits = local.filter((u) => measures.every((m) => m.levels.includes(u.level)));
    const reported = expectedUnits.filter((u) => readingsOf(u.code).every((r) => r.value !== undefined && r.complete)).length;
    return { reported, expected: expectedUnits.length };
  }

  private measure(code: string): Measure {
    return this.catalogue.measure(code) as Measure;
  }
}

function requireIndicator(catalogue: Catalogue, code: string): Indicator {
  const indicator = catalogue.indicator(code);
  if (!indicator) throw new RangeError(`unknown indicator ${code}`);
  return indicator;
}

function requireUnit(hierarchy: UnitHierarchy, code: string): AdministrativeUnit {
  const unit = hierarchy.get(code);
  if (!unit) throw new RangeError(`unit ${code} does not exist in hierarchy ${hierarchy.id}`);
  return unit;
}
