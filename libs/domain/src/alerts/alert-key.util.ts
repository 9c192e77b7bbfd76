import { toPeriod } from '../periods/period.util';
import { OverdueEvent, StatusEvent } from '../slips/slip.util';
import { AlertKey, AlertKind } from './alert.type';

/**
 * The key of the alert an event belongs to. A status slip and a recovery share the key
 * `status_slip`; a regression has its own (`regression`: a fall against the previous period is another
 * fact than being behind the trajectory, and it ends differently); overdue and cleared share `overdue`.
 * Throws `RangeError` for a period that is not one.
 */
export function alertKeyOf(change: (StatusEvent | OverdueEvent) & { readonly hierarchyVersion: string }): AlertKey {
  const subject = isOverdueEvent(change) ? change.measure : change.indicator;
  return {
    kind: alertKindOf(change.kind),
    subject,
    frequency: toPeriod(change.period).frequency,
    unit: change.unit,
    hierarchyVersion: change.hierarchyVersion,
  };
}

/** The alert kind an event kind opens or closes. */
export function alertKindOf(kind: (StatusEvent | OverdueEvent)['kind']): AlertKind {
  if (kind === 'status_slip' || kind === 'status_recovered') return 'status_slip';
  if (kind === 'overdue' || kind === 'overdue_cleared') return 'overdue';
  return 'regression';
}

/** The key as one string, e.g. `status_slip:SOC-01:quarter:31120:2025-07` (for an index or a lock). */
export function alertKeyText(key: AlertKey): string {
  return `${key.kind}:${key.subject}:${key.frequency}:${key.unit}:${key.hierarchyVersion}`;
}

/**
 * The id of the key's `ordinal`-th alert, e.g. `status_slip:SOC-01:quarter:31120:2025-07:1`.
 * Deterministic, so two instances deciding the same event make the same id and a unique index stops
 * the second one.
 */
export function alertId(key: AlertKey, ordinal: number): string {
  if (!Number.isInteger(ordinal) || ordinal < 1) throw new RangeError(`alert ordinal ${ordinal} is not a positive integer`);
  return `${alertKeyText(key)}:${ordinal}`;
}

/** True for the events of a report's lateness (`overdue`, `overdue_cleared`). */
export function isOverdueEvent(event: StatusEvent | OverdueEvent): event is OverdueEvent {
  return event.kind === 'overdue' || event.kind === 'overdue_cleared';
}
