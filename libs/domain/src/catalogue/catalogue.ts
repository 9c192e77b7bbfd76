import { EARLIEST_YEAR, FREQUENCIES } from '../periods/period.util';
import { DefinitionProblem, definitionProblem } from '../shared/definition-problem.type';
import { InvalidDefinitionError } from '../shared/invalid-definition.exception';
import { CatalogueDefinition, Comparator, Formula, Indicator, IndicatorDefinition, Measure, Target, TargetDefinition } from './catalogue.type';
import { PILLARS } from './pillars.constant';

const MEASURE_CODE = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
const INDICATOR_CODE = /^[A-Z]{3}-\d{2}$/;
const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '='];
const LEVELS = [1, 2, 3];

/**
 * A validated catalogue of measures, indicators and targets. Build one with {@link loadCatalogue}:
 * every reference is checked when it is loaded, so a bad definition fails there, not in a number later.
 */
export class Catalogue {
  readonly measures: readonly Measure[];
  readonly indicators: readonly Indicator[];
  private readonly measuresByCode: ReadonlyMap<string, Measure>;
  private readonly indicatorsByCode: ReadonlyMap<string, Indicator>;
  private readonly indicatorsByMeasure: ReadonlyMap<string, readonly Indicator[]>;

  /** Validates `definition`; throws {@link InvalidDefinitionError} naming the first bad entry. */
  constructor(private readonly definition: CatalogueDefinition) {
    this.measuresByCode = indexMeasures(definition.measures);
    this.indicators = loadIndicators(definition, this.measuresByCode);
    this.measures = [...this.measuresByCode.values()];
    this.indicatorsByCode = new Map(this.indicators.map((i) => [i.code, i]));
    const byMeasure = new Map<string, Indicator[]>();
    for (const indicator of this.indicators) {
      for (const code of indicator.measures) byMeasure.set(code, [...(byMeasure.get(code) ?? []), indicator]);
    }
    this.indicatorsByMeasure = byMeasure;
  }

  /** The measure with `code`, if any. */
  measure(code: string): Measure | undefined {
    return this.measuresByCode.get(code);
  }

  /** The indicator with `code`, if any. */
  indicator(code: string): Indicator | undefined {
    return this.indicatorsByCode.get(code);
  }

  /** Indicators whose formula reads `measureCode` (as numerator, denominator or input). */
  indicatorsUsingMeasure(measureCode: string): readonly Indicator[] {
    return this.indicatorsByMeasure.get(measureCode) ?? [];
  }

  /** The definition this catalogue was loaded from (to store it or derive a new one). */
  toDefinition(): CatalogueDefinition {
    return this.definition;
  }
}

/** Loads and validates a catalogue; throws {@link InvalidDefinitionError} naming the bad entry. */
export function loadCatalogue(definition: CatalogueDefinition): Catalogue {
  return new Catalogue(definition);
}

/**
 * A new catalogue in which `indicatorCode`'s targets are replaced by `targets` (targets are policy
 * parameters administrators change). Throws {@link InvalidDefinitionError} like {@link loadCatalogue}.
 */
export function withTargets(catalogue: Catalogue, indicatorCode: string, targets: readonly Target[]): Catalogue {
  const definition = catalogue.toDefinition();
  if (!catalogue.indicator(indicatorCode)) {
    throw new InvalidDefinitionError('unknown_indicator', `targets of ${indicatorCode}`, 'no such indicator');
  }
  return loadCatalogue({
    ...definition,
    targets: [...definition.targets.filter((t) => t.indicator !== indicatorCode), ...targets.map((t) => ({ ...t, indicator: indicatorCode }))],
  });
}

function indexMeasures(measures: readonly Measure[]): Map<string, Measure> {
  const byCode = new Map<string, Measure>();
  for (const m of measures) {
    const entry = `measure ${m.code}`;
    const fail = (code: string, message: string): never => {
      throw new InvalidDefinitionError(code, entry, message);
    };
    if (typeof m.code !== 'string' || !MEASURE_CODE.test(m.code)) fail('invalid_code', 'code must look like a.b_c');
    if (byCode.has(m.code)) fail('duplicate_code', 'defined twice');
    if (!m.name?.vi || !m.name?.en) fail('missing_name', 'needs a Vietnamese and an English name');
    if (m.kind !== 'flow' && m.kind !== 'stock') fail('invalid_kind', 'kind must be flow or stock');
    if (!FREQUENCIES.includes(m.frequency)) fail('invalid_frequency', 'frequency must be month, quarter or year');
    if (!Number.isInteger(m.dueDays) || m.dueDays < 0) fail('invalid_due_days', 'due days must be a whole number >= 0');
    if (m.levels.length === 0 || !m.levels.every((l) => LEVELS.includes(l))) fail('invalid_levels', 'levels must be 1, 2 or 3');
    if (m.acrossUnits !== 'sum' && m.acrossUnits !== 'none') fail('invalid_aggregation', 'acrossUnits must be sum or none');
    if (m.acrossUnits === 'none' && m.levels.length > 1) fail('invalid_aggregation', 'a measure that does not add up across units exists at one level only');
    const dimensions = Object.entries(m.dimensions);
    // The total/breakdown rule (total, else the sum of the breakdown) is only sound for one dimension.
    if (dimensions.length > 1) fail('invalid_dimensions', 'at most one dimension per measure');
    for (const [name, values] of dimensions) {
      if (values.length === 0 || new Set(values).size !== values.length) fail('invalid_dimensions', `dimension ${name} needs distinct values`);
    }
    const { min, max, maxFrom } = m.range;
    if (!Number.isFinite(min) || (max !== undefined && !(max >= min)) || (maxFrom && !(maxFrom.max >= min))) {
      fail('invalid_range', 'range needs a finite min not above max');
    }
    byCode.set(m.code, m);
  }
  return byCode;
}

function loadIndicators(definition: CatalogueDefinition, measures: ReadonlyMap<string, Measure>): Indicator[] {
  const targetsByIndicator = new Map<string, TargetDefinition[]>();
  const codes = new Set(definition.indicators.map((i) => i.code));
  for (const target of definition.targets) {
    if (!codes.has(target.indicator)) {
      throw new InvalidDefinitionError('unknown_indicator', `target ${describeTarget(target)}`, 'no such indicator');
    }
    targetsByIndicator.set(target.indicator, [...(targetsByIndicator.get(target.indicator) ?? []), target]);
  }
  const seen = new Set<string>();
  return definition.indicators.map((def) => {
    const entry = `indicator ${def.code}`;
    const fail = (code: string, message: string): never => {
      throw new InvalidDefinitionError(code, entry, message);
    };
    if (typeof def.code !== 'string' || !INDICATOR_CODE.test(def.code)) fail('invalid_code', 'code must look like GOV-01');
    if (seen.has(def.code)) fail('duplicate_code', 'defined twice');
    seen.add(def.code);
    if (!(def.pillar in PILLARS)) fail('unknown_pillar', `no pillar ${def.pillar}`);
    if (!def.name?.vi || !def.name?.en) fail('missing_name', 'needs a Vietnamese and an English name');
    if (def.scope !== 'rollup' && def.scope !== 'own') fail('invalid_scope', 'scope must be rollup or own');
    if (def.levels.length === 0 || !def.levels.every((l) => LEVELS.includes(l))) fail('invalid_levels', 'levels must be 1, 2 or 3');
    if (!(def.tolerance >= 0) || !(def.regressionThreshold >= 0)) fail('invalid_threshold', 'tolerance and regression threshold must be >= 0');
    if (
      !Number.isInteger(def.baseline.year) ||
      def.baseline.year < EARLIEST_YEAR ||
      (def.baseline.value !== undefined && !Number.isFinite(def.baseline.value))
    ) {
      fail('invalid_baseline', `baseline needs a whole year from ${EARLIEST_YEAR} and, if given, a finite value`);
    }
    const inputs = formulaMeasures(def.formula);
    for (const code of inputs) {
      if (!measures.has(code)) fail('unknown_measure', `formula reads unknown measure ${code}`);
    }
    checkFormula(def, measures, fail);
    const targets = (targetsByIndicator.get(def.code) ?? []).map(({ indicator: _indicator, ...t }) => t);
    checkTargets(def, targets);
    return {
      ...def,
      frequency: (measures.get(inputs[0]) as Measure).frequency,
      measures: inputs,
      targets,
    };
  });
}

function formulaMeasures(formula: Formula): string[] {
  switch (formula.kind) {
    case 'ratio':
    case 'min_ratio_over_dimension':
      return [formula.numerator, formula.denominator];
    case 'growth':
    case 'share_of_units':
    case 'value':
      return [formula.measure];
    default:
      throw new InvalidDefinitionError('invalid_formula', 'formula', `unknown formula kind ${(formula as Formula).kind}`);
  }
}

function checkFormula(def: IndicatorDefinition, measures: ReadonlyMap<string, Measure>, fail: (code: string, message: string) => never): void {
  const f = def.formula;
  if (f.kind === 'min_ratio_over_dimension') {
    const num = measures.get(f.numerator) as Measure;
    const den = measures.get(f.denominator) as Measure;
    const values = num.dimensions[f.dimension];
    if (!values || !den.dimensions[f.dimension]) fail('invalid_formula', `both measures must have dimension ${f.dimension}`);
    if (values.join() !== den.dimensions[f.dimension].join()) fail('invalid_formula', `${f.dimension} values differ between the measures`);
  }
  if (f.kind === 'ratio' || f.kind === 'min_ratio_over_dimension') {
    const num = measures.get(f.numerator) as Measure;
    const den = measures.get(f.denominator) as Measure;
    // Matched pairs are made unit by unit for stocks and month by month (or quarter by quarter) for flows.
    if (num.kind !== den.kind || (num.kind === 'flow' && num.frequency !== den.frequency)) {
      fail('invalid_formula', 'numerator and denominator must both be stocks, or both flows of the same frequency');
    }
  }
  if (f.kind === 'share_of_units' && (!LEVELS.includes(f.level) || !Number.isFinite(f.equals))) {
    fail('invalid_formula', 'share of units needs a level and a value to equal');
  }
}

function checkTargets(def: IndicatorDefinition, targets: readonly Target[]): void {
  const [first] = targetProblems(def, targets);
  if (first) throw new InvalidDefinitionError(first.code, first.entry, first.text.en);
}

/** Every problem of an indicator's targets on their own (the catalogue's rules, without any hierarchy). */
export function targetProblems(def: IndicatorDefinition, targets: readonly Target[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const slots = new Set<string>();
  for (const t of targets) {
    const entry = `target ${describeTarget({ ...t, indicator: def.code })}`;
    const fail = (code: string, vi: string, en: string) => problems.push(definitionProblem(code, entry, { vi, en }));
    if (t.kind !== 'milestone' && t.kind !== 'floor') fail('invalid_target', 'loại mục tiêu là milestone hoặc floor', 'kind must be milestone or floor');
    if (!Number.isInteger(t.year) || t.year < EARLIEST_YEAR)
      fail('invalid_target', `năm phải là số nguyên từ ${EARLIEST_YEAR}`, `year must be a whole number from ${EARLIEST_YEAR}`);
    if (!COMPARATORS.includes(t.op))
      fail('invalid_target', `phép so sánh là một trong ${COMPARATORS.join(' ')}`, `comparator must be one of ${COMPARATORS.join(' ')}`);
    if (!Number.isFinite(t.value)) fail('invalid_target', 'giá trị phải là số hữu hạn', 'value must be a finite number');
    if (t.kind === 'floor' && t.fromYear !== undefined && !(Number.isInteger(t.fromYear) && t.fromYear <= t.year)) {
      fail('invalid_target', 'mức sàn áp dụng từ fromYear đến year', 'a floor runs from fromYear to year');
    }
    if (t.kind === 'milestone' && t.fromYear !== undefined) fail('invalid_target', 'fromYear chỉ dùng cho mức sàn', 'fromYear is for floors only');
    if (t.level !== undefined && t.unit !== undefined)
      fail('invalid_target', 'mục tiêu dành cho một cấp hoặc một đơn vị, không cả hai', 'a target is for a level or for a unit, not both');
    if (t.level !== undefined && !def.levels.includes(t.level))
      fail('invalid_target', `${def.code} không tính ở cấp ${t.level}`, `${def.code} is not computed at level ${t.level}`);
    // A unit code means a unit only within its version: codes are reused for other places.
    if (t.unit !== undefined && (typeof t.hierarchyVersion !== 'string' || t.hierarchyVersion.length === 0)) {
      fail(
        'invalid_target',
        'mục tiêu cho một đơn vị phải nêu phiên bản danh mục hành chính (hierarchyVersion)',
        'a target for one unit names its hierarchy version (hierarchyVersion)',
      );
    }
    if (t.unit === undefined && t.hierarchyVersion !== undefined)
      fail('invalid_target', 'hierarchyVersion chỉ dùng cùng unit', 'hierarchyVersion goes with unit only');
    if (!Number.isInteger(t.year) || (t.fromYear !== undefined && !Number.isInteger(t.fromYear))) continue;
    const who = `${t.level ?? ''}:${t.hierarchyVersion ?? ''}:${t.unit ?? ''}`;
    const years = t.kind === 'floor' ? range(t.fromYear ?? t.year, t.year) : [t.year];
    for (const year of years) {
      const slot = `${t.kind}:${year}:${who}`;
      if (slots.has(slot)) {
        fail('duplicate_target', `hai ${t.kind} cho năm ${year} và cùng các đơn vị`, `two ${t.kind}s for ${year} and the same units`);
        break;
      }
      slots.add(slot);
    }
  }
  return problems;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function describeTarget(t: TargetDefinition): string {
  const who = t.unit ? ` unit ${t.unit}${t.hierarchyVersion ? ` (${t.hierarchyVersion})` : ''}` : t.level ? ` level ${t.level}` : '';
  return `${t.indicator} ${t.kind} ${t.year}${who} ${t.op} ${t.value}`;
}
