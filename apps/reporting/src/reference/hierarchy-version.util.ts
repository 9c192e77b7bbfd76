import { HierarchyRegistry } from '@dx/domain';

/**
 * THE rule by which reporting files an event under a hierarchy version: the version the producer stated
 * (`hierarchyVersion`, contract.md) when the payload carries it, else the version in force for the
 * event's period (product.md: the version in force on the period's last day). Every consumer's mapper
 * calls this and nothing else decides it.
 */
export function hierarchyVersionOf(hierarchies: HierarchyRegistry, event: { readonly period: string; readonly hierarchyVersion?: string }): string {
  return event.hierarchyVersion ?? hierarchies.inForce(event.period).id;
}
