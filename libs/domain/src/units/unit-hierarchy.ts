import { UnitLevel } from '../catalogue/catalogue.type';
import { InvalidDefinitionError } from '../shared/invalid-definition.exception';
import type { HierarchyRegistry } from './hierarchy-registry';
import { hierarchyProblems } from './hierarchy-validation.util';
import { AdministrativeUnit, HierarchyDefinition } from './unit.type';

/**
 * One version of the administrative-unit hierarchy. A code means a unit only within its version.
 * Children are kept in code order, so every traversal is deterministic whatever the file's order.
 */
export class UnitHierarchy {
  readonly id: string;
  readonly effectiveFrom: string;
  readonly root: AdministrativeUnit;
  private readonly byCode: ReadonlyMap<string, AdministrativeUnit>;
  private readonly childrenByCode: ReadonlyMap<string, readonly AdministrativeUnit[]>;
  private readonly descendantsMemo = new Map<string, readonly AdministrativeUnit[]>();
  private readonly ancestorsMemo = new Map<string, readonly AdministrativeUnit[]>();
  private readonly levelMemo = new Map<UnitLevel, readonly AdministrativeUnit[]>();
  private allUnits?: readonly AdministrativeUnit[];

  /**
   * Validates `definition` (see `hierarchyProblems`); throws {@link InvalidDefinitionError} with every
   * problem, the first naming the bad unit. `registry` is the registry the version belongs to, if any: it
   * knows the versions before and after this one, which series across a reorganisation need.
   */
  constructor(
    readonly definition: HierarchyDefinition,
    readonly registry?: HierarchyRegistry,
  ) {
    const problems = hierarchyProblems(definition);
    if (problems.length > 0) throw InvalidDefinitionError.of(problems);
    this.id = definition.id;
    this.effectiveFrom = definition.effectiveFrom;
    const byCode = new Map<string, AdministrativeUnit>();
    for (const unit of definition.units) byCode.set(unit.code, { ...unit, parentCode: unit.parentCode ?? null });
    this.byCode = byCode;
    const children = new Map<string, AdministrativeUnit[]>();
    for (const unit of [...this.byCode.values()].sort((a, b) => compareCodes(a.code, b.code))) {
      if (unit.parentCode !== null) children.set(unit.parentCode, [...(children.get(unit.parentCode) ?? []), unit]);
    }
    this.childrenByCode = children;
    this.root = [...this.byCode.values()].find((u) => u.parentCode === null) as AdministrativeUnit;
  }

  /** Every unit, parents before children. */
  get units(): readonly AdministrativeUnit[] {
    this.allUnits ??= [this.root, ...this.descendants(this.root.code)];
    return this.allUnits;
  }

  /** The unit with `code`, if it exists in this version. */
  get(code: string): AdministrativeUnit | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** The unit's level; throws for an unknown code. */
  level(code: string): UnitLevel {
    return this.require(code).level;
  }

  /** The parent unit (undefined for the root). */
  parent(code: string): AdministrativeUnit | undefined {
    const parentCode = this.require(code).parentCode;
    return parentCode === null ? undefined : this.byCode.get(parentCode);
  }

  /** Direct children in code order (empty for a unit without children). */
  children(code: string): readonly AdministrativeUnit[] {
    this.require(code);
    return this.childrenByCode.get(code) ?? [];
  }

  /** Parent, grandparent, … up to the root, nearest first. */
  ancestors(code: string): readonly AdministrativeUnit[] {
    const cached = this.ancestorsMemo.get(code);
    if (cached) return cached;
    const result: AdministrativeUnit[] = [];
    for (let p = this.parent(code); p; p = this.parent(p.code)) result.push(p);
    this.ancestorsMemo.set(code, result);
    return result;
  }

  /** Every unit below `code` (not itself), depth first in code order. */
  descendants(code: string): readonly AdministrativeUnit[] {
    const cached = this.descendantsMemo.get(code);
    if (cached) return cached;
    const result: AdministrativeUnit[] = [];
    for (const child of this.children(code)) result.push(child, ...this.descendants(child.code));
    this.descendantsMemo.set(code, result);
    return result;
  }

  /** True when `code` lies strictly below `ancestorCode`. */
  isDescendantOf(code: string, ancestorCode: string): boolean {
    return this.ancestors(code).some((a) => a.code === ancestorCode);
  }

  /** Every unit at `level`, in traversal order. */
  unitsAtLevel(level: UnitLevel): readonly AdministrativeUnit[] {
    const cached = this.levelMemo.get(level) ?? this.units.filter((u) => u.level === level);
    this.levelMemo.set(level, cached);
    return cached;
  }

  private require(code: string): AdministrativeUnit {
    const unit = this.byCode.get(code);
    if (!unit) throw new RangeError(`unit ${code} does not exist in hierarchy ${this.id}`);
    return unit;
  }
}

/**
 * Loads and validates one hierarchy version on its own (no other versions, so no series across a
 * reorganisation); throws {@link InvalidDefinitionError} naming the bad unit. Versions that follow one
 * another belong in a `HierarchyRegistry`.
 */
export function loadHierarchy(definition: HierarchyDefinition): UnitHierarchy {
  return new UnitHierarchy(definition);
}

function compareCodes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
