import { PeriodInput, periodLastDay } from '../periods/period.util';
import { InvalidDefinitionError } from '../shared/invalid-definition.exception';
import UNITS_2024_11 from './data/can-tho-units-2024-11.json';
import UNITS_2025_07 from './data/can-tho-units-2025-07.json';
import { UnitHierarchy } from './unit-hierarchy';
import { AdministrativeUnit, HierarchyDefinition, MappedUnit } from './unit.type';

/** Id of the three-level version (city, 9 districts, 80 communes) the plan's targets speak of. */
export const THREE_LEVEL_VERSION_ID = '2024-11';
/** Id of the two-level version after the July 2025 merger (103 communes under the city). */
export const TWO_LEVEL_VERSION_ID = '2025-07';

/**
 * The hierarchy versions the platform knows and which of them are active. The version in force for a
 * period is the active version with the latest `effectiveFrom` on or before the period's last day (the
 * structure that exists when the period is reported); periods before every active version fall to the
 * earliest active one, which is how the three-level version covers every period by default.
 */
export class HierarchyRegistry {
  private readonly byId = new Map<string, UnitHierarchy>();
  private readonly active = new Set<string>();

  /** Both shipped versions loaded, only the three-level one active. */
  static withDefaults(): HierarchyRegistry {
    const registry = new HierarchyRegistry();
    registry.load({ ...(UNITS_2024_11 as unknown as Omit<HierarchyDefinition, 'id' | 'effectiveFrom'>), id: THREE_LEVEL_VERSION_ID, effectiveFrom: '2024-11-01' });
    registry.load({ ...(UNITS_2025_07 as unknown as Omit<HierarchyDefinition, 'id' | 'effectiveFrom'>), id: TWO_LEVEL_VERSION_ID, effectiveFrom: '2025-07-01' });
    registry.activate(THREE_LEVEL_VERSION_ID);
    return registry;
  }

  /** Validates and adds a version (not active yet); throws {@link InvalidDefinitionError}. */
  load(definition: HierarchyDefinition): UnitHierarchy {
    if (this.byId.has(definition.id)) {
      throw new InvalidDefinitionError('duplicate_version', `hierarchy ${definition.id}`, 'a version with this id is loaded');
    }
    const hierarchy = new UnitHierarchy(definition);
    this.byId.set(hierarchy.id, hierarchy);
    return hierarchy;
  }

  /** Puts a loaded version in force from its effective date. */
  activate(versionId: string): void {
    this.require(versionId);
    this.active.add(versionId);
  }

  /** Takes a version out of force (it stays loaded). */
  deactivate(versionId: string): void {
    this.require(versionId);
    this.active.delete(versionId);
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
    return [...this.byId.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  /** The version in force for `period`; throws when no version is active. */
  inForce(period: PeriodInput): UnitHierarchy {
    const active = this.versions().filter((v) => this.active.has(v.id));
    if (active.length === 0) throw new RangeError('no hierarchy version is active');
    const lastDay = periodLastDay(period);
    const started = active.filter((v) => v.effectiveFrom <= lastDay);
    return started.length > 0 ? started[started.length - 1] : active[0];
  }

  /**
   * The units of version `toId` that unit `code` of version `fromId` corresponds to, following
   * `formedFrom` through every version in between. `whole` is true when the older unit lies entirely
   * within the newer one. A version without any `formedFrom` keeps the codes of the one before it.
   */
  mapUnit(code: string, fromId: string, toId: string): MappedUnit[] {
    const ordered = this.versions();
    const from = ordered.indexOf(this.require(fromId));
    const to = ordered.indexOf(this.require(toId));
    if (!ordered[from].has(code)) throw new RangeError(`unit ${code} does not exist in hierarchy ${fromId}`);
    let mapped: MappedUnit[] = [{ code, whole: true }];
    const step = to > from ? 1 : -1;
    for (let i = from; i !== to; i += step) {
      const next: MappedUnit[] = [];
      for (const m of mapped) {
        const found = step > 0 ? mapForward(ordered[i], ordered[i + 1], m.code) : mapBackward(ordered[i], ordered[i - 1], m.code);
        for (const f of found) next.push({ code: f.code, whole: m.whole && f.whole });
      }
      mapped = mergeMapped(next);
    }
    return mapped;
  }

  private require(versionId: string): UnitHierarchy {
    const version = this.byId.get(versionId);
    if (!version) throw new RangeError(`hierarchy version ${versionId} is not loaded`);
    return version;
  }
}

function mapForward(older: UnitHierarchy, newer: UnitHierarchy, code: string): MappedUnit[] {
  if (!hasLineage(newer)) return newer.has(code) ? [{ code, whole: true }] : [];
  const direct = newer.units.flatMap((unit) =>
    (unit.formedFrom ?? [])
      .filter((part) => part.code === code && partBelongsTo(older, part))
      .map((part) => ({ code: unit.code, whole: part.whole ?? true })),
  );
  if (direct.length > 0 || !older.has(code)) return mergeMapped(direct);
  // A district is not named in formedFrom: it maps to wherever its communes went, never wholly.
  const viaChildren = older.children(code).flatMap((child) => mapForward(older, newer, child.code));
  return mergeMapped(viaChildren.map((m) => ({ code: m.code, whole: false })));
}

function mapBackward(newer: UnitHierarchy, older: UnitHierarchy, code: string): MappedUnit[] {
  if (!hasLineage(newer)) return older.has(code) ? [{ code, whole: true }] : [];
  const unit = newer.get(code) as AdministrativeUnit;
  return mergeMapped(
    (unit.formedFrom ?? [])
      .filter((part) => older.has(part.code) && partBelongsTo(older, part))
      .map((part) => ({ code: part.code, whole: part.whole ?? true })),
  );
}

// Parts from other provinces (Hậu Giang, Sóc Trăng) must not match an unrelated unit reusing the code.
function partBelongsTo(older: UnitHierarchy, part: { code: string; provinceCode?: string }): boolean {
  if (!older.has(part.code)) return false;
  if (part.provinceCode === undefined) return true;
  return part.code === part.provinceCode || older.isDescendantOf(part.code, part.provinceCode);
}

function hasLineage(version: UnitHierarchy): boolean {
  return version.units.some((u) => u.formedFrom !== undefined);
}

function mergeMapped(units: readonly MappedUnit[]): MappedUnit[] {
  const byCode = new Map<string, boolean>();
  for (const u of units) byCode.set(u.code, (byCode.get(u.code) ?? false) || u.whole);
  return [...byCode].map(([code, whole]) => ({ code, whole }));
}
