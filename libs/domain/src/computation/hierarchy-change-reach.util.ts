import { Catalogue } from '../catalogue/catalogue';
import { Indicator } from '../catalogue/catalogue.type';
import { canonicalJson } from '../shared/canonical-json.util';
import { FREQUENCIES, formatPeriod, isFuture, Period, periodsBetween } from '../periods/period.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { AdministrativeUnit } from '../units/unit.type';
import { UnitHierarchy } from '../units/unit-hierarchy';
import { publishedFrequencies } from './compute-indicator.util';
import { IndicatorValueRef } from './indicator-value.type';

/** The units of one version whose values a hierarchy change reaches, by indicator scope. */
interface Reached {
  readonly own: ReadonlySet<string>;
  readonly rollup: ReadonlySet<string>;
}

/**
 * The published indicator values whose inputs change when hierarchy version `versionId` is loaded or
 * replaced: `before` is the registry without the change, `after` with it. Each value is named in the version
 * in force for its period in `after` (a unit the change removed is not named: its values are no longer
 * published or updated).
 *
 * - A period whose version in force changed (a new version, a moved effective date) reaches every unit of
 *   its new version.
 * - A new version, or one whose effective date moved, reaches every unit of it and of the versions after it
 *   for all their periods: which months a year or a back-cast reads in which version has changed.
 * - Otherwise the units of the version that were added, re-parented, or whose level or `formedFrom` changed
 *   (a name alone changes no value) are reached in its periods: for `own` indicators those units except
 *   the ones only re-parented, for `rollup` ones also their ancestors before and after the change (a
 *   removed unit's old parent loses it).
 *   In a later version, the units formed from those (for `rollup`, from those or their ancestors: a
 *   successor reads its predecessors with their descendants) and, for `rollup`, their ancestors, in all
 *   their periods (a baseline, a year 2025 or a carried stock back-cast from predecessors). Older versions
 *   never read a newer one.
 *
 * Periods are every month, quarter and year from January of `fromYear` that has started by `now` (the
 * caller gives the first year it has data for: earlier periods have no value to change).
 */
export function hierarchyChangeReach(
  catalogue: Catalogue,
  before: HierarchyRegistry,
  after: HierarchyRegistry,
  versionId: string,
  options: { readonly now: Date; readonly fromYear: number },
): IndicatorValueRef[] {
  const changed = after.version(versionId);
  if (!changed) return [];
  const previous = before.version(versionId);
  const reachedIn = reachedUnits(after, changed, previous);
  const periodsByFrequency = new Map(
    FREQUENCIES.map((f) => [f, periodsBetween(`${options.fromYear}-01`, formatPeriod(currentMonth(options.now)), f).filter((p) => !isFuture(p, options.now))]),
  );
  const result: IndicatorValueRef[] = [];
  for (const indicator of catalogue.indicators) {
    for (const frequency of publishedFrequencies(indicator)) {
      for (const period of periodsByFrequency.get(frequency) ?? []) {
        const at = after.inForce(period);
        const moved = inForceBefore(before, period)?.id !== at.id;
        const units = moved ? at.units : unitsOf(at, reachedIn(at), indicator);
        for (const unit of units) {
          if (!indicator.levels.includes(unit.level)) continue;
          result.push({ indicator: indicator.code, unit: unit.code, period: formatPeriod(period), hierarchyVersion: at.id });
        }
      }
    }
  }
  return result;
}

// For each version of `after`, the units the change reaches in it (memoised per version).
function reachedUnits(after: HierarchyRegistry, changed: UnitHierarchy, previous: UnitHierarchy | undefined): (version: UnitHierarchy) => Reached | 'all' {
  const memo = new Map<string, Reached | 'all'>();
  const none: Reached = { own: new Set(), rollup: new Set() };
  const redated = previous === undefined || previous.effectiveFrom !== changed.effectiveFrom;
  const units = previous === undefined || redated ? undefined : changedUnits(previous, changed);
  return (version) => {
    let reached = memo.get(version.id);
    if (reached) return reached;
    const order = after.compare(version, changed);
    if (order < 0) reached = none;
    else if (units === undefined) reached = 'all';
    else if (order === 0) reached = units;
    else {
      const own = after.successors(units.own, changed.id, version.id);
      const rollup = after.successors(units.rollup, changed.id, version.id);
      reached = { own: new Set(own), rollup: withAncestors(version, rollup) };
    }
    memo.set(version.id, reached);
    return reached;
  };
}

// The units of `after` (one version, unchanged date) that `before` (its previous content) differs by:
// `own` the added or changed ones, `rollup` also their ancestors in both contents that `after` still has.
function changedUnits(before: UnitHierarchy, after: UnitHierarchy): Reached {
  const own = new Set<string>();
  const rollup = new Set<string>();
  const addWithAncestors = (code: string) => {
    if (after.has(code)) {
      rollup.add(code);
      for (const a of after.ancestors(code)) rollup.add(a.code);
    }
    if (before.has(code)) for (const a of before.ancestors(code)) if (after.has(a.code)) rollup.add(a.code);
  };
  for (const unit of after.units) {
    const old = before.get(unit.code);
    if (old && !movedOrReformed(old, unit)) continue;
    // Moving a unit under another parent changes what its ancestors sum, not what it reads itself.
    if (!old || readsDifferently(old, unit)) own.add(unit.code);
    addWithAncestors(unit.code);
  }
  for (const unit of before.units) if (!after.has(unit.code)) addWithAncestors(unit.code);
  return { own, rollup };
}

// What values read of a unit: where it sits, its level and what it was formed from (names and types read nothing).
function movedOrReformed(a: AdministrativeUnit, b: AdministrativeUnit): boolean {
  return a.parentCode !== b.parentCode || readsDifferently(a, b);
}

function readsDifferently(a: AdministrativeUnit, b: AdministrativeUnit): boolean {
  return a.level !== b.level || canonicalJson(a.formedFrom ?? null) !== canonicalJson(b.formedFrom ?? null);
}

function withAncestors(version: UnitHierarchy, codes: readonly string[]): Set<string> {
  const result = new Set<string>();
  for (const code of codes) {
    result.add(code);
    for (const a of version.ancestors(code)) result.add(a.code);
  }
  return result;
}

function unitsOf(version: UnitHierarchy, reached: Reached | 'all', indicator: Indicator): readonly AdministrativeUnit[] {
  if (reached === 'all') return version.units;
  const codes = indicator.scope === 'rollup' ? reached.rollup : reached.own;
  return version.units.filter((u) => codes.has(u.code));
}

function inForceBefore(before: HierarchyRegistry, period: Period): UnitHierarchy | undefined {
  return before.versions().some((v) => before.isActive(v.id)) ? before.inForce(period) : undefined;
}

// The month containing `now` in Vietnam time (UTC+7), the last one that may have started.
function currentMonth(now: Date): Period {
  const vietnam = new Date(now.getTime() + 7 * 3_600_000);
  return { frequency: 'month', year: vietnam.getUTCFullYear(), month: vietnam.getUTCMonth() + 1 };
}
