import { Catalogue } from '../catalogue/catalogue';
import { toPeriod } from '../periods/period.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { registryOf } from '../units/registry-of.util';
import { UnitHierarchy } from '../units/unit-hierarchy';
import { IndicatorValueRef } from './indicator-value.type';

/** Which facts a set of values reads: these measures of these unit codes (of any version) in these years. */
export interface FactScope {
  readonly measures: readonly string[];
  readonly units: readonly string[];
  readonly years: readonly number[];
}

/**
 * The facts that computing `refs` reads, so that a service loads no more and no less: each value's
 * indicator's measures; its year and the year before (stock carry-forward, growth) and the baseline year and
 * the year before it; its unit and, for `rollup`, the unit's descendants, and, in every older version, the
 * units they were formed from (and those units' descendants), which a period before the version, a stock
 * carried across the reorganisation or a baseline reads. Unit codes of all versions are mixed: the facts
 * keep their versions apart.
 */
export function factScope(catalogue: Catalogue, hierarchies: HierarchyRegistry | UnitHierarchy, refs: ReadonlyArray<IndicatorValueRef>): FactScope {
  const registry = registryOf(hierarchies);
  const measures = new Set<string>();
  const units = new Set<string>();
  const years = new Set<number>();
  const seen = new Set<string>();
  for (const ref of refs) {
    const indicator = catalogue.indicator(ref.indicator);
    if (!indicator) continue;
    const year = toPeriod(ref.period).year;
    years.add(year).add(year - 1);
    if (indicator.baseline.value === undefined) years.add(indicator.baseline.year).add(indicator.baseline.year - 1);
    for (const m of indicator.measures) measures.add(m);
    const version = ref.hierarchyVersion !== undefined ? registry.version(ref.hierarchyVersion) : registry.inForce(ref.period);
    if (!version?.has(ref.unit)) continue;
    const key = `${indicator.scope}|${version.id}|${ref.unit}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const code of unitsRead(registry, version, ref.unit, indicator.scope === 'rollup')) units.add(code);
  }
  return { measures: [...measures].sort(), units: [...units].sort(), years: [...years].sort((a, b) => a - b) };
}

function unitsRead(registry: HierarchyRegistry, version: UnitHierarchy, unit: string, rollup: boolean): Set<string> {
  const withDescendants = (v: UnitHierarchy, code: string) => (rollup ? [code, ...v.descendants(code).map((u) => u.code)] : [code]);
  // In each version, the codes whose facts the value reads there; older versions add predecessors.
  const byVersion = new Map<UnitHierarchy, Set<string>>([[version, new Set(withDescendants(version, unit))]]);
  const older = registry
    .versions()
    .filter((v) => registry.compare(v, version) < 0)
    .reverse();
  for (const at of older) {
    const codes = new Set<string>();
    for (const p of registry.predecessors(unit, version.id, at.id).units) for (const code of withDescendants(at, p.code)) codes.add(code);
    for (const [newer, members] of byVersion) {
      for (const member of members) for (const p of registry.predecessors(member, newer.id, at.id).units) codes.add(p.code);
    }
    byVersion.set(at, codes);
  }
  return new Set([...byVersion.values()].flatMap((codes) => [...codes]));
}
