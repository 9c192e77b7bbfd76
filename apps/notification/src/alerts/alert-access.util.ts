import { Alert, audienceOf, Catalogue, coversSubject, coversUnit, HierarchyRegistry } from '@dx/domain';

import { Principal } from '../subscriptions/credentials.service';

/**
 * Whether the caller may see and acknowledge the alert: the admin always; a subscription when its scope
 * covers the alert's indicator or measure and one of the units that heard of it (the alert's own, or one
 * it was escalated to), read in the alert's hierarchy version. Severity does not matter here: a supervisor
 * may acknowledge an alert below the minimum they are notified of.
 */
export function mayAccess(principal: Principal, alert: Alert, reference: { readonly hierarchies: HierarchyRegistry; readonly catalogue: Catalogue }): boolean {
  if (principal.kind === 'admin') return true;
  const { scope } = principal.subscription;
  return (
    coversSubject(scope, alert, reference.catalogue) &&
    audienceOf(alert, reference.hierarchies).some((unit) => coversUnit(scope, unit, alert.hierarchyVersion, reference.hierarchies))
  );
}
