import { Severity } from '../slips/slip.util';
import { DeliveryWindow } from './delivery-window.util';

/** Timing of an alert's notifications, per severity; `null`: never. */
export interface AlertPolicy {
  /** A firing alert is notified again this long after its previous notification (until acknowledged). */
  readonly repeatEveryMs: Readonly<Record<Severity, number | null>>;
  /** A firing alert goes one level up the hierarchy this long after its (last) notification. */
  readonly escalateAfterMs: Readonly<Record<Severity, number | null>>;
  /** Quiet hours and holidays for non-critical notifications. */
  readonly window: DeliveryWindow;
}
