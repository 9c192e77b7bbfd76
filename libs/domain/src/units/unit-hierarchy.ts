import { UnitLevel } from '../catalogue/catalogue.type';
import { InvalidDefinitionError } from '../shared/invalid-definition.exception';
import { AdministrativeUnit, HierarchyDefinition } from './unit.type';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

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

  /** Validates `definition`; throws {@link InvalidDefinitionError} naming the bad unit. */
  constructor(readonly definition: HierarchyDefinition) {
    const entry = `hierarchy ${definition.id}`;
    if (typeof definition.id !== 'string' || definition.id.length === 0) {
      throw new InvalidDefinitionError('invalid_version', 'hierarchy', 'a version needs an id');
    }
    if (typeof definition.effectiveFrom !== 'string' || !ISO_DATE.test(definition.effectiveFrom)) {
      throw new InvalidDefinitionError('invalid_version', entry, 'effectiveFrom must be an ISO date YYYY-MM-DD');
    }
    if (!Array.isArray(definition.units) || definition.units.length === 0) {
      throw new InvalidDefinitionError('invalid_version', entry, 'a version needs units');
    }
    this.id = definition.id;
    this.effectiveFrom = definition.effectiveFrom;
    this.byCode = indexUnits(definition.units);
    checkParents(this.byCode);
    const children = new Map<string, AdministrativeUnit[]>();
    for (const unit of [...this.byCode.values()].sort((a, b) => compareCodes(a.code, b.code))) {
      if (unit.parentCode !== null) children.set(unit.parentCode, [...(children.get(unit.parentCode) ?? []), unit]);
    }
    this.childrenByCode = children;
    const roots = [...this.byCode.values()].filter((u) => u.parentCode === null);
    if (roots.length !== 1) {
      throw new InvalidDefinitionError('invalid_version', entry, `expected one root unit, found ${roots.length}`);
    }
    this.root = roots[0];
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

/** Loads and validates a hierarchy version; throws {@link InvalidDefinitionError} naming the bad unit. */
export function loadHierarchy(definition: HierarchyDefinition): UnitHierarchy {
  return new UnitHierarchy(definition);
}

function indexUnits(units: readonly AdministrativeUnit[]): Map<string, AdministrativeUnit> {
  const byCode = new Map<string, AdministrativeUnit>();
  for (const unit of units) {
    const entry = `unit ${unit?.code}`;
    if (typeof unit?.code !== 'string' || unit.code.length === 0) {
      throw new InvalidDefinitionError('invalid_unit', entry, 'a unit needs a code');
    }
    if (byCode.has(unit.code)) throw new InvalidDefinitionError('duplicate_code', entry, 'defined twice');
    if (![1, 2, 3].includes(unit.level)) throw new InvalidDefinitionError('invalid_level', entry, 'level must be 1, 2 or 3');
    byCode.set(unit.code, { ...unit, parentCode: unit.parentCode ?? null });
  }
  return byCode;
}

function checkParents(byCode: ReadonlyMap<string, AdministrativeUnit>): void {
  for (const unit of byCode.values()) {
    const entry = `unit ${unit.code}`;
    if (unit.parentCode === null || unit.parentCode === undefined) {
      if (unit.level !== 1) throw new InvalidDefinitionError('level_mismatch', entry, `a level-${unit.level} unit needs a parent`);
      continue;
    }
    if (!byCode.has(unit.parentCode)) {
      throw new InvalidDefinitionError('unknown_parent', entry, `parent ${unit.parentCode} does not exist`);
    }
  }
  for (const unit of byCode.values()) {
    const seen = new Set<string>([unit.code]);
    for (let p = unit.parentCode; p !== null; p = (byCode.get(p) as AdministrativeUnit).parentCode) {
      if (seen.has(p)) throw new InvalidDefinitionError('cycle', `unit ${unit.code}`, `is its own ancestor through ${p}`);
      seen.add(p);
    }
  }
  for (const unit of byCode.values()) {
    const parent = unit.parentCode === null ? undefined : byCode.get(unit.parentCode);
    // Levels may be skipped (communes sit directly under the city since July 2025) but never go up.
    if (parent && parent.level >= unit.level) {
      throw new InvalidDefinitionError(
        'level_mismatch',
        `unit ${unit.code}`,
        `level ${unit.level} cannot sit under level-${parent.level} unit ${parent.code}`,
      );
    }
  }
}

function compareCodes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
