import { Catalogue } from '../catalogue/catalogue';
import { Indicator, Measure, UnitLevel } from '../catalogue/catalogue.type';
import { FactSet } from '../observations/fact-set';
import { Dimensions } from '../observations/observation.type';
import { FREQUENCIES, finerPeriods, formatPeriod, isCoarser, Period, PeriodInput, sameSpanLastYear, toPeriod } from '../periods/period.util';
import { applicableTarget, expectedValue, milestonesFor, progressRatio, statusOf, targetRef } from '../targets/target.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { registryOf } from '../units/registry-of.util';
import { AdministrativeUnit } from '../units/unit.type';
import { UnitHierarchy } from '../units/unit-hierarchy';
import { Coverage, IndicatorValue, IndicatorValueRef, ValueQuality } from './indicator-value.type';
import { MeasureReader, Reading } from './measure-reader';

interface RawValue {
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  readonly coverage: Coverage;
  readonly quality?: ValueQuality;
}

/** A unit standing for (part of) the unit being computed, in the version of the periods it is read for. */
interface Member {
  readonly unit: AdministrativeUnit;
  /** Reached only through a partly merged predecessor: counted in full, so the value is approximate. */
  readonly approximate: boolean;
}

/** The units whose observations a value reads for periods in force in `version`. */
interface Group {
  readonly version: UnitHierarchy;
  readonly members: readonly Member[];
  /** Predecessors outside every loaded version: expected, never reported. */
  readonly outside: number;
}

/** `rollup`: the unit and its descendants; `own`: the unit itself; `single`: a measure that never adds up across units. */
type ScopeKind = 'rollup' | 'own' | 'single';

/** One matched-pair slot of a ratio: a member and, for flows, one sub-period. */
interface Slot {
  readonly version: UnitHierarchy;
  readonly member: Member;
  /** The sub-period of a flow; undefined when the flow cannot be read at this period's length. */
  readonly period: Period | undefined;
}

/**
 * Computes one indicator for one unit of `hierarchy` and one period from `facts` (current values,
 * revisions resolved), with its target, expected value, status and progress. `hierarchy` is the unit's
 * version; for a period before that version took effect the value is computed from the unit's
 * predecessors (`formedFrom`), when `hierarchy` belongs to a registry that holds them. Computes whatever
 * is asked (any unit, any period); {@link computeAll} and `affectedIndicatorValues` list the values the
 * platform publishes. Throws for an unknown indicator, unit or period text.
 */
export function computeIndicator(
  catalogue: Catalogue,
  hierarchy: UnitHierarchy,
  facts: FactSet,
  indicatorCode: string,
  unitCode: string,
  period: PeriodInput,
): IndicatorValue {
  const computation = new Computation(catalogue, registryOf(hierarchy), facts);
  return computation.value(requireIndicator(catalogue, indicatorCode), requireUnit(hierarchy, unitCode), hierarchy, toPeriod(period));
}

/**
 * Several values over one fact set, sharing the readings and baselines between them: what a service
 * computes for one batch of observations. Each ref's unit is read in its `hierarchyVersion`, by default
 * the version in force for its period. Same results as {@link computeIndicator} one by one.
 */
export function computeIndicators(
  catalogue: Catalogue,
  hierarchies: HierarchyRegistry | UnitHierarchy,
  facts: FactSet,
  refs: ReadonlyArray<IndicatorValueRef>,
): IndicatorValue[] {
  const registry = registryOf(hierarchies);
  const computation = new Computation(catalogue, registry, facts);
  return refs.map((ref) => {
    const hierarchy = ref.hierarchyVersion !== undefined ? requireVersion(registry, ref.hierarchyVersion) : registry.inForce(ref.period);
    return computation.value(requireIndicator(catalogue, ref.indicator), requireUnit(hierarchy, ref.unit), hierarchy, toPeriod(ref.period));
  });
}

/**
 * Every published value inside `period`: each indicator for each unit at the indicator's levels of the
 * version in force for each period, for `period` and every finer period in it down to the indicator's
 * frequency (a year gives GOV-04 for the year, its 4 quarters and 12 months; ECO-01 for the year only).
 * Units of a version are published only for periods that version is in force for.
 */
export function computeAll(catalogue: Catalogue, hierarchies: HierarchyRegistry | UnitHierarchy, facts: FactSet, period: PeriodInput): IndicatorValue[] {
  const registry = registryOf(hierarchies);
  const computation = new Computation(catalogue, registry, facts);
  const outer = toPeriod(period);
  const result: IndicatorValue[] = [];
  for (const indicator of catalogue.indicators) {
    const periods = publishedFrequencies(indicator).flatMap((f) => finerPeriods(outer, f));
    const byVersion = new Map<UnitHierarchy, Period[]>();
    for (const p of periods) {
      const version = registry.inForce(p);
      byVersion.set(version, [...(byVersion.get(version) ?? []), p]);
    }
    for (const [version, inForce] of byVersion) {
      for (const level of indicator.levels) {
        for (const unit of version.unitsAtLevel(level)) {
          for (const p of inForce) result.push(computation.value(indicator, unit, version, p));
        }
      }
    }
  }
  return result;
}

/** Frequencies an indicator is published at: its own and every coarser one, finest first. */
export function publishedFrequencies(indicator: Indicator): Period['frequency'][] {
  return FREQUENCIES.filter((f) => f === indicator.frequency || isCoarser(f, indicator.frequency));
}

// One run over one fact set: the measure reader, groups and baselines are shared between values.
class Computation {
  private readonly reader: MeasureReader;
  private readonly baselines = new Map<string, number | undefined>();
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly registry: HierarchyRegistry,
    facts: FactSet,
  ) {
    this.reader = new MeasureReader(facts, registry);
  }

  value(indicator: Indicator, unit: AdministrativeUnit, version: UnitHierarchy, period: Period): IndicatorValue {
    const raw = this.raw(indicator, unit, version, period);
    const target = applicableTarget(indicator, unit, period, version.id);
    const baseline = this.baseline(indicator, unit, version);
    const expected = target ? expectedValue(indicator, target, period, baseline, milestonesFor(indicator, unit, version.id)) : undefined;
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
      hierarchyVersion: version.id,
    };
  }

  // A fixed baseline value wins; otherwise the unit's own value for the baseline year, computed from its
  // predecessors when the baseline year is before its version (a 2020 baseline of a 2025 ward).
  private baseline(indicator: Indicator, unit: AdministrativeUnit, version: UnitHierarchy): number | undefined {
    if (indicator.baseline.value !== undefined) return indicator.baseline.value;
    const key = `${indicator.code}|${version.id}|${unit.code}`;
    if (!this.baselines.has(key)) {
      const value = this.raw(indicator, unit, version, { frequency: 'year', year: indicator.baseline.year }).value;
      this.baselines.set(key, value ?? undefined);
    }
    return this.baselines.get(key);
  }

  private raw(indicator: Indicator, unit: AdministrativeUnit, version: UnitHierarchy, period: Period): RawValue {
    const f = indicator.formula;
    switch (f.kind) {
      case 'ratio':
        return this.ratio(indicator, this.measure(f.numerator), this.measure(f.denominator), unit, version, period);
      case 'min_ratio_over_dimension':
        return this.minRatio(indicator, this.measure(f.numerator), this.measure(f.denominator), f.dimension, unit, version, period);
      case 'growth':
        return this.growth(indicator, this.measure(f.measure), unit, version, period);
      case 'share_of_units':
        return this.shareOfUnits(indicator, this.measure(f.measure), f.level, f.equals, unit, version, period);
      case 'value':
        return this.plain(indicator, this.measure(f.measure), unit, version, period);
    }
  }

  // Matched pairs: a slot (a unit, or a unit-month of a flow) counts only where both parts are known, so a
  // numerator without its denominator lowers the coverage and never inflates the value.
  private ratio(indicator: Indicator, num: Measure, den: Measure, unit: AdministrativeUnit, version: UnitHierarchy, period: Period): RawValue {
    const { slots, outside } = this.slots(indicator, [num, den], unit, version, period);
    const pairs = slots.map((slot) => this.pair(num, den, slot));
    return this.ratioOf(pairs, slots.length + outside);
  }

  // ECO-03: every value of the dimension needs a ratio, or "every sector" cannot be judged.
  private minRatio(
    indicator: Indicator,
    num: Measure,
    den: Measure,
    dimension: string,
    unit: AdministrativeUnit,
    version: UnitHierarchy,
    period: Period,
  ): RawValue {
    const { slots, outside } = this.slots(indicator, [num, den], unit, version, period);
    const expected = slots.length + outside;
    const slices = num.dimensions[dimension].map((slice) => {
      const dims = { [dimension]: slice };
      return this.ratioOf(
        slots.map((slot) => this.pair(num, den, slot, dims)),
        expected,
      );
    });
    const reported = slots.filter((slot) => num.dimensions[dimension].every((slice) => this.pair(num, den, slot, { [dimension]: slice }).reported)).length;
    const coverage = { reported, expected };
    const quality = slices.some((s) => s.quality === 'exceeds_denominator')
      ? { quality: 'exceeds_denominator' as const }
      : slices.some((s) => s.quality === 'approximate')
        ? { quality: 'approximate' as const }
        : {};
    if (!slices.every((s) => s.value !== null)) return { value: null, coverage, ...quality };
    let lowest = slices[0];
    for (const slice of slices) if ((slice.value as number) < (lowest.value as number)) lowest = slice;
    return { value: lowest.value, numerator: lowest.numerator, denominator: lowest.denominator, coverage, ...quality };
  }

  // Growth compares what was observed in each period: carrying last year's stock forward would fake 0 %.
  // Last year may lie before the unit's version: it is then the predecessors' figure.
  private growth(indicator: Indicator, measure: Measure, unit: AdministrativeUnit, version: UnitHierarchy, period: Period): RawValue {
    const lastYear = sameSpanLastYear(period);
    const current = this.total(indicator, measure, unit, version, period, 'within');
    const previous = this.total(indicator, measure, unit, version, lastYear, 'within');
    const value = current.found && previous.found && previous.sum !== 0 ? ((current.sum - previous.sum) * 100) / previous.sum : null;
    const sameMembers = current.group.version === previous.group.version;
    // Within one version each unit needs both years; across a reorganisation the unit is compared with its predecessors.
    const reported = sameMembers
      ? current.readings.filter((r, i) => complete(r) && complete(previous.readings[i])).length
      : previous.readings.some(complete)
        ? current.readings.filter(complete).length
        : 0;
    const coverage = { reported, expected: current.readings.length + current.group.outside + (sameMembers ? 0 : previous.group.outside) };
    const approximate = current.approximate || previous.approximate;
    return { value, coverage, ...(value !== null && approximate ? { quality: 'approximate' as const } : {}) };
  }

  // SOC-02: a member that has not reported counts as not meeting the condition, unless none has reported.
  private shareOfUnits(
    indicator: Indicator,
    measure: Measure,
    level: UnitLevel,
    equals: number,
    unit: AdministrativeUnit,
    version: UnitHierarchy,
    period: Period,
  ): RawValue {
    const group = this.group(indicator.scope, unit, version, this.registry.inForce(period));
    const members = group.members.filter((m) => m.unit.level === level);
    let reported = 0;
    let meeting = 0;
    let approximate = false;
    for (const member of members) {
      const reading = this.reader.read(measure, group.version, member.unit.code, period);
      if (reading.value === undefined) continue;
      reported++;
      approximate ||= member.approximate || reading.approximate;
      if (reading.value === equals) meeting++;
    }
    const coverage = { reported, expected: members.length + group.outside };
    if (reported === 0) return { value: null, coverage };
    return {
      value: (meeting * 100) / members.length,
      numerator: meeting,
      denominator: members.length,
      coverage,
      ...(approximate ? { quality: 'approximate' as const } : {}),
    };
  }

  private plain(indicator: Indicator, measure: Measure, unit: AdministrativeUnit, version: UnitHierarchy, period: Period): RawValue {
    const total = this.total(indicator, measure, unit, version, period, 'carry');
    const coverage = { reported: total.readings.filter(complete).length, expected: total.readings.length + total.group.outside };
    return { value: total.found ? total.sum : null, coverage, ...(total.found && total.approximate ? { quality: 'approximate' as const } : {}) };
  }

  private total(indicator: Indicator, measure: Measure, unit: AdministrativeUnit, version: UnitHierarchy, period: Period, rule: 'carry' | 'within') {
    const group = this.group(scopeKind(indicator, [measure]), unit, version, this.registry.inForce(period));
    const members = group.members.filter((m) => measure.levels.includes(m.unit.level));
    const readings = members.map((m) => this.reader.read(measure, group.version, m.unit.code, period, rule));
    let sum = 0;
    let found = false;
    let approximate = false;
    readings.forEach((r, i) => {
      if (r.value === undefined) return;
      sum += r.value;
      found = true;
      approximate ||= r.approximate || members[i].approximate;
    });
    return { group, readings, sum, found, approximate };
  }

  private ratioOf(pairs: ReadonlyArray<Pair>, expected: number): RawValue {
    let numerator = 0;
    let denominator = 0;
    let matched = 0;
    let reported = 0;
    let approximate = false;
    for (const pair of pairs) {
      if (pair.reported) reported++;
      if (!pair.matched) continue;
      matched++;
      numerator += pair.numerator;
      denominator += pair.denominator;
      approximate ||= pair.approximate;
    }
    const coverage = { reported, expected };
    if (matched === 0) return { value: null, coverage };
    const quality: ValueQuality | undefined = numerator > denominator ? 'exceeds_denominator' : approximate ? 'approximate' : undefined;
    return {
      value: denominator > 0 ? (numerator * 100) / denominator : null,
      numerator,
      denominator,
      coverage,
      ...(quality ? { quality } : {}),
    };
  }

  private pair(num: Measure, den: Measure, slot: Slot, dimensions?: Dimensions): Pair {
    const { version, member, period } = slot;
    if (num.kind === 'flow') {
      const n = period ? this.reader.cell(num, version, member.unit.code, period, dimensions) : undefined;
      const d = period ? this.reader.cell(den, version, member.unit.code, period, dimensions) : undefined;
      const matched = n !== undefined && d !== undefined;
      return { matched, reported: matched, numerator: n ?? 0, denominator: d ?? 0, approximate: member.approximate };
    }
    const whole = period as Period;
    const pair = matchReadings(
      this.reader.read(num, version, member.unit.code, whole, 'carry', dimensions),
      this.reader.read(den, version, member.unit.code, whole, 'carry', dimensions),
    );
    return { ...pair, approximate: pair.approximate || member.approximate };
  }

  // Flows pair up month by month (or quarter by quarter), each in the version in force for it, so the year
  // 2025 of a 2025 unit reads its predecessors' months to June and its own from July; stocks pair up unit
  // by unit in the version in force for the period.
  private slots(
    indicator: Indicator,
    measures: readonly Measure[],
    unit: AdministrativeUnit,
    version: UnitHierarchy,
    period: Period,
  ): { slots: Slot[]; outside: number } {
    const kind = scopeKind(indicator, measures);
    const atLevels = (m: Member) => measures.every((measure) => measure.levels.includes(m.unit.level));
    const slots: Slot[] = [];
    let outside = 0;
    const flow = measures[0];
    const parts: ReadonlyArray<Period | undefined> =
      flow.kind !== 'flow' ? [period] : isCoarser(flow.frequency, period.frequency) ? [undefined] : finerPeriods(period, flow.frequency);
    for (const part of parts) {
      const group = this.group(kind, unit, version, this.registry.inForce(part ?? period));
      for (const member of group.members) if (atLevels(member)) slots.push({ version: group.version, member, period: part });
      outside += group.outside;
    }
    return { slots, outside };
  }

  /**
   * The members standing for `unit` (of `version`) in periods in force in `at`: in its own version, the
   * unit and (rollup) its descendants; in an older version, its predecessors (and their descendants);
   * in a newer one, nobody (the unit no longer exists).
   */
  private group(kind: ScopeKind | 'rollup' | 'own', unit: AdministrativeUnit, version: UnitHierarchy, at: UnitHierarchy): Group {
    const key = `${kind}|${version.id}|${unit.code}|${at.id}`;
    const cached = this.groups.get(key);
    if (cached) return cached;
    const order = this.registry.compare(at, version);
    let group: Group;
    if (order > 0) {
      group = { version: at, members: [], outside: 0 };
    } else if (order === 0) {
      const units = kind === 'rollup' ? [unit, ...version.descendants(unit.code)] : [unit];
      group = { version, members: units.map((u) => ({ unit: u, approximate: false })), outside: 0 };
    } else {
      const predecessors = this.registry.predecessors(unit.code, version.id, at.id);
      if (kind === 'single' && predecessors.units.length > 1) {
        // Several predecessors of a measure that never adds up across units: none can stand for the unit.
        group = { version: at, members: [], outside: predecessors.units.length + predecessors.outside };
      } else {
        const members = new Map<string, Member>();
        for (const p of predecessors.units) {
          const root = at.get(p.code) as AdministrativeUnit;
          for (const u of kind === 'rollup' ? [root, ...at.descendants(p.code)] : [root]) {
            const approximate = !p.whole && (members.get(u.code)?.approximate ?? true);
            members.set(u.code, { unit: u, approximate });
          }
        }
        group = { version: at, members: [...members.values()], outside: predecessors.outside };
      }
    }
    this.groups.set(key, group);
    return group;
  }

  private measure(code: string): Measure {
    return this.catalogue.measure(code) as Measure;
  }
}

interface Pair {
  readonly matched: boolean;
  readonly reported: boolean;
  readonly numerator: number;
  readonly denominator: number;
  readonly approximate: boolean;
}

// Two stock readings pair up when they stand for the same territory (a new ward's own count over its
// predecessors' partial one is no pair); readings both taken from predecessors pair up predecessor by
// predecessor, so one predecessor's unmatched numerator does not void the others' pairs.
function matchReadings(n: Reading, d: Reading): Pair {
  if (n.value === undefined || d.value === undefined) return { matched: false, reported: false, numerator: 0, denominator: 0, approximate: false };
  if (n.territory === d.territory) {
    return { matched: true, reported: n.complete && d.complete, numerator: n.value, denominator: d.value, approximate: n.approximate || d.approximate };
  }
  const result = { matched: false, reported: false, numerator: 0, denominator: 0, approximate: false };
  if (!n.parts || !d.parts) return result;
  for (const [code, part] of n.parts) {
    const other = d.parts.get(code);
    if (!other) continue;
    const pair = matchReadings(part, other);
    if (!pair.matched) continue;
    result.matched = true;
    result.numerator += pair.numerator;
    result.denominator += pair.denominator;
    result.approximate ||= pair.approximate;
  }
  return result;
}

function scopeKind(indicator: Indicator, measures: readonly Measure[]): ScopeKind {
  // A measure that does not add up across units is read from the unit itself only.
  if (measures.some((m) => m.acrossUnits === 'none')) return 'single';
  return indicator.scope;
}

function complete(reading: Reading | undefined): boolean {
  return reading !== undefined && reading.value !== undefined && reading.complete;
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

function requireVersion(registry: HierarchyRegistry, id: string): UnitHierarchy {
  const version = registry.version(id);
  if (!version) throw new RangeError(`hierarchy version ${id} is not loaded`);
  return version;
}
