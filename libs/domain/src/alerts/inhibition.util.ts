import { HierarchyRegistry } from '../units/hierarchy-registry';
import { Alert } from './alert.type';

/** The parts of an alert inhibition looks at (a fired alert, or one about to be fired). */
export type InhibitionTarget = Pick<Alert, 'kind' | 'subject' | 'unit' | 'hierarchyVersion' | 'openPeriods'>;

/**
 * True when `inhibitor`, an open overdue alert at the city (the root of its hierarchy version),
 * suppresses `target`: an overdue alert of the same measure and version at a unit below the city whose
 * every overdue period is also overdue at the city. The city's own report is the one to chase; its
 * communes' notifications wait until the city's alert no longer covers them.
 */
export function inhibits(inhibitor: Alert, target: InhibitionTarget, hierarchies: HierarchyRegistry): boolean {
  if (inhibitor.kind !== 'overdue' || target.kind !== 'overdue' || inhibitor.state === 'resolved') return false;
  if (inhibitor.subject !== target.subject || inhibitor.hierarchyVersion !== target.hierarchyVersion) return false;
  const version = hierarchies.version(inhibitor.hierarchyVersion);
  if (!version || version.root.code !== inhibitor.unit || target.unit === inhibitor.unit || !version.has(target.unit)) return false;
  return target.openPeriods.length > 0 && target.openPeriods.every((p) => inhibitor.openPeriods.includes(p));
}

/** True when `alert` can inhibit others: an overdue alert at the root of its version. */
export function isInhibitor(alert: Alert, hierarchies: HierarchyRegistry): boolean {
  return alert.kind === 'overdue' && hierarchies.version(alert.hierarchyVersion)?.root.code === alert.unit;
}
