import { Catalogue } from '../catalogue/catalogue';
import { formatPeriod, PeriodInput } from '../periods/period.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { Coverage, IndicatorValue, ValueQuality } from './indicator-value.type';

/** A published value as a reader of `dx.indicator-values.v1` has it (values before versions may lack `hierarchyVersion`). */
export type PublishedValue = Pick<IndicatorValue, 'indicator' | 'unit' | 'period' | 'value' | 'numerator' | 'denominator' | 'coverage' | 'quality'> & {
  readonly hierarchyVersion?: string;
};

/** One point of a unit's comparable series. */
export interface ComparableSeriesPoint {
  readonly period: string;
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  readonly coverage: Coverage;
  readonly quality?: ValueQuality;
  /** The version whose published values the point comes from: the unit's own, or its predecessors'. */
  readonly hierarchyVersion: string;
  /** Assembled from the predecessors' published values (a period before the unit's version took effect). */
  readonly fromPredecessors: boolean;
}

/**
 * A unit's series comparable across a reorganisation, from published values only: for periods of the
 * unit's own version, its published value; for periods before it, the sum of its predecessors' published
 * numerators and denominators (`formedFrom`, through every version in between), as product.md says for
 * charts. A partly merged predecessor counts in full and makes the point `approximate`; a predecessor with
 * no published value, or outside every loaded version, adds to `coverage.expected` only. An indicator that
 * is not a sum of numerators over denominators (growth, a rank, a minimum over sectors) takes its single
 * predecessor's value, and has none when there are several. Periods after the unit's version (the unit no
 * longer exists) have no point.
 */
export function comparableSeries(
  catalogue: Catalogue,
  hierarchies: HierarchyRegistry,
  series: { readonly indicator: string; readonly unit: string; readonly hierarchyVersion: string },
  periods: readonly PeriodInput[],
  published: Iterable<PublishedValue>,
): ComparableSeriesPoint[] {
  const indicator = catalogue.indicator(series.indicator);
  if (!indicator) throw new RangeError(`unknown indicator ${series.indicator}`);
  const version = hierarchies.version(series.hierarchyVersion);
  if (!version?.has(series.unit)) throw new RangeError(`unit ${series.unit} does not exist in hierarchy ${series.hierarchyVersion}`);
  const summable = indicator.formula.kind === 'ratio' || indicator.formula.kind === 'share_of_units';
  const byKey = new Map<string, PublishedValue>();
  for (const v of published) {
    if (v.indicator !== indicator.code) continue;
    byKey.set(`${v.hierarchyVersion ?? hierarchies.inForce(v.period).id}|${v.unit}|${v.period}`, v);
  }
  const points: ComparableSeriesPoint[] = [];
  for (const input of periods) {
    const period = formatPeriod(input);
    const at = hierarchies.inForce(period);
    const order = hierarchies.compare(at, version);
    if (order > 0) continue;
    if (order === 0) {
      const own = byKey.get(`${at.id}|${series.unit}|${period}`);
      points.push({
        period,
        value: own?.value ?? null,
        ...(own?.numerator !== undefined ? { numerator: own.numerator } : {}),
        ...(own?.denominator !== undefined ? { denominator: own.denominator } : {}),
        coverage: own?.coverage ?? { reported: 0, expected: 0 },
        ...(own?.quality ? { quality: own.quality } : {}),
        hierarchyVersion: at.id,
        fromPredecessors: false,
      });
      continue;
    }
    const predecessors = hierarchies.predecessors(series.unit, version.id, at.id);
    const values = predecessors.units.map((p) => ({ part: p, value: byKey.get(`${at.id}|${p.code}|${period}`) }));
    let reported = 0;
    let expected = predecessors.outside;
    for (const { value } of values) {
      expected += value?.coverage.expected ?? 1;
      reported += value?.coverage.reported ?? 0;
    }
    const base = { period, coverage: { reported, expected }, hierarchyVersion: at.id, fromPredecessors: true };
    if (!summable) {
      const single = values.length === 1 ? values[0] : undefined;
      const approximate = single !== undefined && (!single.part.whole || single.value?.quality === 'approximate');
      points.push({
        ...base,
        value: single?.value?.value ?? null,
        ...(approximate && single?.value?.value != null ? { quality: 'approximate' as const } : {}),
      });
      continue;
    }
    let numerator = 0;
    let denominator = 0;
    let matched = 0;
    let approximate = false;
    for (const { part, value } of values) {
      if (value?.numerator === undefined || value.denominator === undefined) continue;
      matched++;
      numerator += value.numerator;
      denominator += value.denominator;
      approximate ||= !part.whole || value.quality === 'approximate';
    }
    if (matched === 0) {
      points.push({ ...base, value: null });
      continue;
    }
    const quality: ValueQuality | undefined = numerator > denominator ? 'exceeds_denominator' : approximate ? 'approximate' : undefined;
    points.push({ ...base, value: denominator > 0 ? (numerator * 100) / denominator : null, numerator, denominator, ...(quality ? { quality } : {}) });
  }
  return points;
}
