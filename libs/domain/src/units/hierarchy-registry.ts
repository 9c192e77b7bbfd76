import { endMonth, PeriodInput, periodLastDay } from '../periods/period.util';
import { DefinitionProblem, definitionProblem, Validated } from '../shared/definition-problem.type';
import UNITS_2024_11 from './data/can-tho-units-2024-11.json';
import UNITS_2025_07 from './data/can-tho-units-2025-07.json';
import { hierarchyProblems, lineageProblems, partBelongsTo } from './hierarchy-validation.util';
import { UnitHierarchy } from './unit-hierarchy';
import { AdministrativeUnit, HierarchyDefinition, MappedUnit } from './unit.type';

/** Id of the three-level version (city, 9 districts, 80 communes) the plan's targets speak of. */
export const THREE_LEVEL_VERSION_ID = '2024-11';
/** Id of the two-level version after the July 2025 merger (103 communes under the city). */
export const TWO_LEVEL_VERSION_ID = '2025-07';

/** The units of an older version that a unit was formed from, and how many of its parts no loaded version has. */
export interface Predecessors {
  readonly units: readonly MappedUnit[];
  /** Parts outside every loaded version (Hậu Giang and Sóc Trăng for the city): they contribute nothing. */
  readonly outside: number;
}

/**
 * The hierarchy versions the platform knows, each in force from its effective date. The version in force
 * for a period is the active version with the latest `effectiveFrom` on or before the period's last day
 * (the structure that exists when the period is reported); periods before every active version fall to
 * the earliest active one, which is how the three-level version covers the 2020 baselines. Versions
 * follow one another through `formedFrom`: {@link predecessors} and {@link successors} walk that lineage.
 */
export class HierarchyRegistry {
  private readonly byId = new Map<string, UnitHierarchy>();
  private readonly active = new Set<string>();
  private ordered: UnitHierarchy[] = [];
  private positions = new Map<string, number>();
  private readonly inForceMemo = new Map<number, UnitHierarchy>();
  private readonly predecessorsMemo = new Map<string, Predecessors>();

  /** Both shipped versions, each in force from its effective date: 2024-11 before 2025-07-01, 2025-07 from then. */
  static withDefaults(): HierarchyRegistry {
    const registry = new HierarchyRegistry();
    for (const definition of [
      { ...(UNITS_2024_11 as unknown as Omit<HierarchyDefinition, 'id' | 'effectiveFrom'>), id: THREE_LEVEL_VERSION_ID, effectiveFrom: '2024-11-01' },
      { ...(UNITS_2025_07 as unknown as Omit<HierarchyDefinition, 'id' | 'effectiveFrom'>), id: TWO_LEVEL_VERSION_ID, effectiveFrom: '2025-07-01' },
    ]) {
      const result = registry.put(definition);
      if (!result.ok) throw new Error(`shipped hierarchy ${definition.id} is invalid: ${result.problems.map((p) => p.message).join('; ')}`);
    }
    return registry;
  }

  /** A registry holding only `hierarchy` (a version loaded on its own), in force for every period. */
  static around(hierarchy: UnitHierarchy): HierarchyRegistry {
    const registry = new HierarchyRegistry();
    registry.install(hierarchy);
    return registry;
  }

  /**
   * Every reason `definition` cannot be loaded (or replace the version with its id), in the registry as it
   * would then be: the structure of the version, an effective date no other version has, and the lineage
   * (`formedFrom` naming units of the version in force before it) of this version and of the one after it.
   * Empty when it can be loaded.
   */
  validate(definition: HierarchyDefinition): DefinitionProblem[] {
    const problems = hierarchyProblems(definition);
    if (problems.length > 0) return problems;
    const entry = `hierarchy ${definition.id}`;
    const clash = this.ordered.find((v) => v.id !== definition.id && v.effectiveFrom === definition.effectiveFrom);
    if (clash) {
      problems.push(
        definitionProblem('duplicate_effective_date', entry, {
          vi: `phiên bản ${clash.id} đã có hiệu lực từ ${definition.effectiveFrom}`,
          en: `version ${clash.id} already takes effect on ${definition.effectiveFrom}`,
        }),
      );
      return problems;
    }
    const candidate = new UnitHierarchy(definition);
    const order = [...this.ordered.filter((v) => v.id !== definition.id), candidate].sort(byEffectiveDate);
    const at = order.indexOf(candidate);
    problems.push(...lineageProblems(definition, order[at - 1]));
    const next = order[at + 1];
    if (next) {
      for (const problem of lineageProblems(next.definition, candidate)) {
        problems.push(definitionProblem(problem.code, `hierarchy ${next.id} ${problem.entry}`, problem.text));
      }
    }
    return problems;
  }

  /**
   * Loads `definition`, or replaces the version with its id (a new unit list or a new effective date), and
   * puts it in force from its effective date. Refused with every reason ({@link validate}) and nothing
   * changed when it is not valid.
   */
  put(definition: HierarchyDefinition): Validated<UnitHierarchy> {
    const problems = this.validate(definition);
    if (problems.length > 0) return { ok: false, problems };
    const hierarchy = new UnitHierarchy(definition, this);
    this.install(hierarchy);
    return { ok: true, value: hierarchy };
  }

  /** Puts a loaded version in force from its effective date. */
  activate(versionId: string): void {
    this.require(versionId);
    this.active.add(versionId);
    this.changed();
  }

  /** Takes a version out of force (it stays loaded, and its lineage still links the versions around it). */
  deactivate(versionId: string): void {
    this.require(versionId);
    this.active.delete(versionId);
    this.changed();
  }

  isActive(versionId: string): boolean {
    return this.active.has(versionId);
  }

  /** The loaded version with `versionId`, if any. */
  version(versionId: string): UnitHierarchy | undefined {
    return this.byId.get(versionId);
  }

  /** Every loaded version, oldest effective date first. */
  versions(): readonly UnitHierarchy[] {
    return this.ordered;
  }

  /** The version in force for `period`; throws when no version is active. */
  inForce(period: PeriodInput): UnitHierarchy {
    const key = endMonth(period);
    const cached = this.inForceMemo.get(key);
    if (cached) return cached;
    const active = this.ordered.filter((v) => this.active.has(v.id));
    if (active.length === 0) throw new RangeError('no hierarchy version is active');
    const lastDay = periodLastDay(period);
    const started = active.filter((v) => v.effectiveFrom <= lastDay);
    const version = started.length > 0 ? started[started.length - 1] : active[0];
    this.inForceMemo.set(key, version);
    return version;
  }

  /** Negative when version `a` takes effect before `b`, 0 for the same version, positive after. */
  compare(a: UnitHierarchy, b: UnitHierarchy): number {
    return this.position(a) - this.position(b);
  }

  /**
   * The units of the older version `toId` that unit `code` of `fromId` was formed from, following
   * `formedFrom` back through every version in between (a unit without `formedFrom` continues the unit
   * with its code, when the older version has one). `whole` is false when some step took only part of a
   * unit. Parts that no loaded version has are counted in `outside`.
   */
  predecessors(code: string, fromId: string, toId: string): Predecessors {
    const key = `${fromId}|${toId}|${code}`;
    const cached = this.predecessorsMemo.get(key);
    if (cached) return cached;
    const from = this.position(this.require(fromId));
    const to = this.position(this.require(toId));
    if (to > from) throw new RangeError(`hierarchy ${toId} is not older than ${fromId}`);
    let mapped: MappedUnit[] = [{ code, whole: true }];
    let outside = 0;
    for (let i = from; i > to; i--) {
      const next: MappedUnit[] = [];
      for (const m of mapped) {
        const step = stepBack(this.ordered[i], this.ordered[i - 1], m.code);
        outside += step.outside;
        for (const p of step.units) next.push({ code: p.code, whole: m.whole && p.whole });
      }
      mapped = mergeMapped(next);
    }
    const result = { units: mapped, outside };
    this.predecessorsMemo.set(key, result);
    return result;
  }

  /**
   * The units of the newer version `toId` formed (wholly or in part) from any of `codes` of `fromId`,
   * through every version in between: the units whose series read those units' observations.
   */
  successors(codes: Iterable<string>, fromId: string, toId: string): string[] {
    const from = this.position(this.require(fromId));
    const to = this.position(this.require(toId));
    if (to < from) throw new RangeError(`hierarchy ${toId} is not newer than ${fromId}`);
    let current = new Set(codes);
    for (let i = from; i < to; i++) {
      const older = this.ordered[i];
      const newer = this.ordered[i + 1];
      const next = new Set<string>();
      for (const unit of newer.units) {
        const parts = unit.formedFrom ?? [{ code: unit.code }];
        if (parts.some((part) => current.has(part.code) && partBelongsTo(older, part))) next.add(unit.code);
      }
      current = next;
    }
    return [...current];
  }

  /**
   * The units of version `toId` that unit `code` of version `fromId` corresponds to, following
   * `formedFrom` through every version in between. `whole` is true when the older unit lies entirely
   * within the newer one. Going forward, a district (not named in `formedFrom`) maps to wherever its
   * communes went, never wholly.
   */
  mapUnit(code: string, fromId: string, toId: string): MappedUnit[] {
    const from = this.position(this.require(fromId));
    const to = this.position(this.require(toId));
    if (!this.ordered[from].has(code)) throw new RangeError(`unit ${code} does not exist in hierarchy ${fromId}`);
    if (to <= from) return [...this.predecessors(code, fromId, toId).units];
    let mapped: MappedUnit[] = [{ code, whole: true }];
    for (let i = from; i < to; i++) {
      const next: MappedUnit[] = [];
      for (const m of mapped) {
        for (const f of mapForward(this.ordered[i], this.ordered[i + 1], m.code)) next.push({ code: f.code, whole: m.whole && f.whole });
      }
      mapped = mergeMapped(next);
    }
    return mapped;
  }

  private install(hierarchy: UnitHierarchy): void {
    this.byId.set(hierarchy.id, hierarchy);
    this.ordered = [...this.byId.values()].sort(byEffectiveDate);
    this.positions = new Map(this.ordered.map((v, i) => [v.id, i]));
    this.active.add(hierarchy.id);
    this.changed();
  }

  private changed(): void {
    this.inForceMemo.clear();
    this.predecessorsMemo.clear();
  }

  private position(version: UnitHierarchy): number {
    const at = this.positions.get(version.id);
    if (at === undefined) throw new RangeError(`hierarchy version ${version.id} is not loaded`);
    return at;
  }

  private require(versionId: string): UnitHierarchy {
    const version = this.byId.get(versionId);
    if (!version) throw new RangeError(`hierarchy version ${versionId} is not loaded`);
    return version;
  }
}

function byEffectiveDate(a: UnitHierarchy, b: UnitHierarchy): number {
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;
}

// One step back: the parts of `code` (a unit of `newer`) that `older` has, and how many it does not.
function stepBack(newer: UnitHierarchy, older: UnitHierarchy, code: string): Predecessors {
  const unit = newer.get(code);
  if (!unit) return { units: [], outside: 0 };
  if (unit.formedFrom === undefined) return older.has(code) ? { units: [{ code, whole: true }], outside: 0 } : { units: [], outside: 1 };
  const units: MappedUnit[] = [];
  let outside = 0;
  for (const part of unit.formedFrom) {
    if (partBelongsTo(older, part)) units.push({ code: part.code, whole: part.whole ?? true });
    else outside++;
  }
  return { units: mergeMapped(units), outside };
}

function mapForward(older: UnitHierarchy, newer: UnitHierarchy, code: string): MappedUnit[] {
  const direct = newer.units.flatMap((unit: AdministrativeUnit) =>
    (unit.formedFrom ?? [{ code: unit.code, whole: true }])
      .filter((part) => part.code === code && partBelongsTo(older, part))
      .map((part) => ({ code: unit.code, whole: part.whole ?? true })),
  );
  if (direct.length > 0 || !older.has(code)) return mergeMapped(direct);
  // A district is not named in formedFrom: it maps to wherever its communes went, never wholly.
  const viaChildren = older.children(code).flatMap((child) => mapForward(older, newer, child.code));
  return mergeMapped(viaChildren.map((m) => ({ code: m.code, whole: false })));
}

function mergeMapped(units: readonly MappedUnit[]): MappedUnit[] {
  const byCode = new Map<string, boolean>();
  for (const u of units) byCode.set(u.code, (byCode.get(u.code) ?? false) || u.whole);
  return [...byCode].map(([code, whole]) => ({ code, whole }));
}
