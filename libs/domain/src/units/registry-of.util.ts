import { HierarchyRegistry } from './hierarchy-registry';
import { UnitHierarchy } from './unit-hierarchy';

const standalone = new WeakMap<UnitHierarchy, HierarchyRegistry>();

/**
 * The registry to compute with: the registry itself, the registry a version belongs to (so that periods
 * before it reach its predecessors), or, for a version loaded on its own, a registry holding only it.
 */
export function registryOf(hierarchies: HierarchyRegistry | UnitHierarchy): HierarchyRegistry {
  if (hierarchies instanceof HierarchyRegistry) return hierarchies;
  if (hierarchies.registry) return hierarchies.registry;
  let registry = standalone.get(hierarchies);
  if (!registry) standalone.set(hierarchies, (registry = HierarchyRegistry.around(hierarchies)));
  return registry;
}
