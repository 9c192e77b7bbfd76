import { AlertV1, AlertView } from '@dx/contracts';

/**
 * The one mapper from a `dx.alerts.v1` lifecycle event (fired, acknowledged, escalated, resolved) to
 * reporting's alert view: each event carries the whole alert as it now is, so the view is the payload
 * plus its hierarchy version. If the topic is split into one schema per event (wire-compatible), only
 * this function's input type changes.
 */
export function toAlertView(
  data: AlertV1 & { readonly hierarchyVersion?: string },
  versionOf: (event: { period: string; hierarchyVersion?: string }) => string,
  updatedAt: Date,
): AlertView {
  return { ...data, hierarchyVersion: versionOf(data), updatedAt: updatedAt.toISOString() };
}
