import { Catalogue } from '../catalogue/catalogue';
import { IndicatorDefinition, Target } from '../catalogue/catalogue.type';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { TargetChange, validateTargetChange } from '../catalogue/target-change.util';
import { DefinitionProblem, Validated } from '../shared/definition-problem.type';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { HierarchyDefinition } from '../units/unit.type';

/**
 * The reference data a service checks and computes with: the catalogue (measures, indicators, targets) and
 * the hierarchy versions. A value: a change gives a new one, so a service swaps it in one assignment and a
 * computation that started with the old one finishes with it.
 */
export interface ReferenceData {
  readonly catalogue: Catalogue;
  readonly hierarchies: HierarchyRegistry;
}

/** A change an administrator makes: a hierarchy version loaded or replaced, or an indicator's targets replaced. */
export type ReferenceChange =
  | { readonly kind: 'hierarchy'; readonly definition: HierarchyDefinition }
  | { readonly kind: 'targets'; readonly indicator: string; readonly change: TargetChange };

/** An indicator's targets with the settings an administrator replaces along with them. */
export interface IndicatorTargets {
  readonly indicator: string;
  readonly targets: readonly Target[];
  readonly baseline: IndicatorDefinition['baseline'];
  readonly tolerance: number;
  readonly regressionThreshold: number;
}

/**
 * What `dx.reference.v1` carries (the contracts' payloads fit these shapes): an indicator's targets whole, or
 * a hierarchy version whole.
 */
export type ReferencePayload = IndicatorTargets | ({ readonly version: string } & Omit<HierarchyDefinition, 'id'>);

/** The change a published reference payload makes: the version, or the indicator's targets, it carries whole. */
export function referenceChangeOf(payload: ReferencePayload): ReferenceChange {
  if ('indicator' in payload) {
    const { indicator, targets, baseline, tolerance, regressionThreshold } = payload;
    return { kind: 'targets', indicator, change: { targets, baseline, tolerance, regressionThreshold } };
  }
  const { version, effectiveFrom, units, source, asOf } = payload;
  return {
    kind: 'hierarchy',
    definition: { id: version, effectiveFrom, units, ...(source !== undefined ? { source } : {}), ...(asOf !== undefined ? { asOf } : {}) },
  };
}

/** The platform's shipped reference data: the plan's catalogue and both hierarchy versions. */
export function defaultReferenceData(): ReferenceData {
  return { catalogue: DEFAULT_CATALOGUE, hierarchies: HierarchyRegistry.withDefaults() };
}

/**
 * `reference` with `change` applied, or every reason it is refused; `reference` itself never changes. A
 * hierarchy version is checked as {@link HierarchyRegistry.validate} says (unique codes, parents that
 * exist, levels, `formedFrom` naming units of the version before it) and must leave every current target
 * valid; targets as {@link validateTargetChange} says (among others: only for levels a loaded version has,
 * unit targets for units of their version).
 */
export function applyReferenceChange(reference: ReferenceData, change: ReferenceChange): Validated<ReferenceData> {
  if (change.kind === 'targets') {
    const result = validateTargetChange(reference.catalogue, reference.hierarchies, change.indicator, change.change);
    return result.ok ? { ok: true, value: { catalogue: result.value, hierarchies: reference.hierarchies } } : result;
  }
  const problems = reference.hierarchies.validate(change.definition);
  if (problems.length > 0) return { ok: false, problems };
  const hierarchies = copyOf(reference.hierarchies);
  const loaded = hierarchies.put(change.definition);
  if (!loaded.ok) return loaded;
  // A replaced version can strand targets: a unit target whose unit it no longer has, a level target for a
  // level no version has any more. The plan's targets must keep applying to something.
  const stranded = reference.catalogue.indicators
    .filter((indicator) => indicator.targets.length > 0)
    .flatMap((indicator) => {
      const result = validateTargetChange(reference.catalogue, hierarchies, indicator.code, { targets: indicator.targets });
      return result.ok ? [] : result.problems;
    });
  return stranded.length > 0 ? { ok: false, problems: stranded } : { ok: true, value: { catalogue: reference.catalogue, hierarchies } };
}

/** A change a service applied, with the reference data just before and just after it. */
export interface AppliedChange {
  readonly change: ReferenceChange;
  readonly before: ReferenceData;
  readonly after: ReferenceData;
}

/** How many applied changes {@link CurrentReferenceData.changeAt} remembers. */
export const KEPT_CHANGES = 100;

/**
 * The reference data a service works with now: the shipped defaults with every published change applied in
 * order. Swapped whole on a change, so work that started with the old value finishes with it.
 */
export class CurrentReferenceData {
  private current: ReferenceData = defaultReferenceData();
  private readonly listeners = new Set<() => void>();
  private readonly changes = new Map<string, AppliedChange>();

  get catalogue(): Catalogue {
    return this.current.catalogue;
  }

  get hierarchies(): HierarchyRegistry {
    return this.current.hierarchies;
  }

  get reference(): ReferenceData {
    return this.current;
  }

  /**
   * Applies a change; the reasons when the domain refuses it (the publisher validated it: a refusal is a
   * bug). With `at` (where the change was read, e.g. its topic offset) the reference data just before and
   * just after it are kept, for {@link changeAt}.
   */
  apply(change: ReferenceChange, at?: string): readonly DefinitionProblem[] {
    const before = this.current;
    const result = applyReferenceChange(before, change);
    if (!result.ok) return result.problems;
    this.current = result.value;
    if (at !== undefined) this.remember(at, { change, before, after: result.value });
    for (const listener of [...this.listeners]) listener();
    return [];
  }

  /**
   * The change applied `at` with the reference data just before and after it: what a recomputation compares
   * to find the values the change reaches. Only the latest {@link KEPT_CHANGES} are kept (changes are rare;
   * an older one has long been recomputed).
   */
  changeAt(at: string): AppliedChange | undefined {
    return this.changes.get(at);
  }

  private remember(at: string, applied: AppliedChange): void {
    this.changes.delete(at);
    this.changes.set(at, applied);
    while (this.changes.size > KEPT_CHANGES) this.changes.delete(this.changes.keys().next().value as string);
  }

  /** Calls `listener` after each change applied; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The targets and settings of `indicator` in `catalogue` (what `dx.reference.v1` carries for it). */
export function indicatorTargets(catalogue: Catalogue, indicator: string): IndicatorTargets | undefined {
  const found = catalogue.indicator(indicator);
  if (!found) return undefined;
  return {
    indicator: found.code,
    targets: found.targets,
    baseline: found.baseline,
    tolerance: found.tolerance,
    regressionThreshold: found.regressionThreshold,
  };
}

// A registry is mutable (its versions link to it), so a change is made on a copy with the same versions
// and the same ones in force.
function copyOf(registry: HierarchyRegistry): HierarchyRegistry {
  const copy = new HierarchyRegistry();
  for (const version of registry.versions()) {
    const result = copy.put(version.definition);
    if (!result.ok) throw new Error(`hierarchy ${version.id} no longer loads: ${result.problems.map((p) => p.message).join('; ')}`);
  }
  for (const version of registry.versions()) if (!registry.isActive(version.id)) copy.deactivate(version.id);
  return copy;
}
