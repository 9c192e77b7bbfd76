import { Frequency } from '../periods/period.util';
import { LocalizedText } from '../shared/localized-text.type';
import { OverdueEvent, Severity, StatusEvent } from '../slips/slip.util';

/** What an alert is about. WARNING: on the wire (`dx.alerts.v1`) and stored; never rename. */
export type AlertKind = 'status_slip' | 'regression' | 'overdue';

/** WARNING: on the wire and stored; never rename. */
export type AlertState = 'firing' | 'acknowledged' | 'resolved';

/**
 * A status-changed (or report-overdue) event as the notification service receives it: the payload of
 * `dx.indicator-status.v1` with the CloudEvent id it came in.
 */
export type StatusChange = (StatusEvent | OverdueEvent) & {
  /** CloudEvent `id`: a re-delivered event has the same one. */
  readonly eventId: string;
  readonly hierarchyVersion: string;
  readonly detectedAt: Date;
};

/**
 * What one open alert at a time stands for. `subject` is the indicator code (status_slip, regression)
 * or the measure code (overdue); `frequency` is that of the periods the events speak of, since a unit's
 * quarterly and yearly standings are two series.
 */
export interface AlertKey {
  readonly kind: AlertKind;
  readonly subject: string;
  readonly frequency: Frequency;
  readonly unit: string;
  readonly hierarchyVersion: string;
}

/** How an alert came to be resolved. WARNING: stored; never rename. */
export type AlertResolution = 'recovered' | 'report_received' | 'no_further_fall';

/** Timers of an open alert (absent: not scheduled). */
export interface AlertTimers {
  readonly repeatAt?: Date;
  readonly escalateAt?: Date;
  /** Regression alerts only: resolved at this instant unless the value falls again. */
  readonly expireAt?: Date;
}

/** One line of an alert's history. `at` is when the notification service decided it. */
export type AlertHistoryEntry =
  | { readonly type: 'fired'; readonly at: Date; readonly eventId: string; readonly period: string; readonly severity: Severity }
  | { readonly type: 'updated'; readonly at: Date; readonly eventId: string; readonly period: string }
  | { readonly type: 'worsened'; readonly at: Date; readonly eventId: string; readonly period: string; readonly severity: Severity }
  | { readonly type: 'period_cleared'; readonly at: Date; readonly eventId: string; readonly period: string }
  | { readonly type: 'revised'; readonly at: Date; readonly eventId: string; readonly period: string; readonly change: StatusEvent | OverdueEvent }
  | { readonly type: 'acknowledged'; readonly at: Date; readonly by: string; readonly note?: string }
  | { readonly type: 'repeated'; readonly at: Date }
  | { readonly type: 'escalated'; readonly at: Date; readonly level: number; readonly unit: string }
  | { readonly type: 'inhibited'; readonly at: Date; readonly by: string }
  | { readonly type: 'released'; readonly at: Date }
  | { readonly type: 'resolved'; readonly at: Date; readonly eventId?: string; readonly resolution: AlertResolution };

/** An alert: immutable; every change is a new value made by `decideAlert`. */
export interface Alert extends AlertKey {
  /** Deterministic: the key and the alert's ordinal among the key's alerts (see `alertId`). */
  readonly id: string;
  /** 1 for the key's first alert, 2 for the one opened after it was resolved, … */
  readonly ordinal: number;
  readonly state: AlertState;
  /** The highest severity seen while open; every notification of the alert has it. */
  readonly severity: Severity;
  /** The latest period the alert speaks of. */
  readonly period: string;
  /** Overdue alerts: the periods still without a report. Other kinds: `[period]`. */
  readonly openPeriods: readonly string[];
  /** The event the alert's text describes: the latest one of the current period. */
  readonly facts: StatusEvent | OverdueEvent;
  readonly firedAt: Date;
  /** When the first notification was due (absent while it never was, e.g. inhibited from the start). */
  readonly notifiedAt?: Date;
  readonly acknowledgement?: { readonly by: string; readonly note?: string; readonly at: Date };
  /** 0: the unit's own subscribers; n: escalated to the n-th ancestor's subscribers as well. */
  readonly escalationLevel: number;
  readonly escalatedAt?: Date;
  readonly resolvedAt?: Date;
  readonly resolution?: AlertResolution;
  /** Id of the city's overdue alert that suppresses this one's notifications. */
  readonly inhibitedBy?: string;
  readonly timers: AlertTimers;
  /** `detectedAt` of the latest event applied; older events arriving later are stale. */
  readonly lastChangeAt: Date;
  readonly history: readonly AlertHistoryEntry[];
}

/** Why a notification is sent. WARNING: stored with scheduled notifications; never rename. */
export type NotificationReason = 'fired' | 'repeat' | 'escalated' | 'worsened' | 'revised' | 'resolved';

/**
 * A notification to schedule: the service routes it to subscriptions (`recipientsOf`) and delivers it
 * at `notBefore` if `shouldDeliver` still says so then.
 */
export interface NotificationOrder {
  /** `<alert id>/<history index>`: unique, so storing an order twice is detectable. */
  readonly id: string;
  readonly alertId: string;
  readonly reason: NotificationReason;
  readonly severity: Severity;
  /** Units (in the alert's hierarchy version) whose subscribers receive it. */
  readonly audience: readonly string[];
  readonly hierarchyVersion: string;
  readonly createdAt: Date;
  /** Quiet hours and holidays already applied (critical: `createdAt`). */
  readonly notBefore: Date;
  /** The period the notification speaks of (for `revised`: the revised one). */
  readonly period: string;
  /** `revised` only: the late change of a past period. */
  readonly change?: StatusEvent | OverdueEvent;
}

/** A lifecycle event to publish on `dx.alerts.v1`, with the alert as it is after the change. */
export interface AlertLifecycleEvent {
  readonly type: 'fired' | 'acknowledged' | 'escalated' | 'resolved';
  readonly alert: Alert;
  readonly at: Date;
}

/** What can happen to the alerts of one key. `at` is the processing instant (the service's clock). */
export type AlertInput =
  | {
      readonly type: 'status_changed';
      readonly change: StatusChange;
      readonly at: Date;
      /** Overdue changes: the open overdue alert of the same measure and version at the city, if any. */
      readonly inhibitor?: Alert;
    }
  | { readonly type: 'acknowledge'; readonly alertId: string; readonly by: string; readonly note?: string; readonly at: Date }
  | { readonly type: 'tick'; readonly at: Date }
  /** The city's overdue alert changed (fired, lost a period, resolved): reassess the suppression. */
  | { readonly type: 'inhibition'; readonly inhibitor?: Alert; readonly at: Date };

/** Why a command was refused. WARNING: the codes are HTTP error codes; never rename. */
export interface AlertRejection {
  readonly code: 'alert_not_found' | 'alert_resolved' | 'invalid_acknowledgement';
  readonly message: LocalizedText;
}

/**
 * The result of one input. `applied`: something changed (`alert` is the new value to store);
 * `duplicate`: the event was applied before; `stale`: an older event after a newer one; `ignored`:
 * nothing to do; `rejected`: a command refused, see `rejection`.
 */
export interface AlertDecision {
  readonly outcome: 'applied' | 'duplicate' | 'stale' | 'ignored' | 'rejected';
  /** Every alert of the key after the input, oldest first. */
  readonly alerts: readonly Alert[];
  readonly alert?: Alert;
  readonly published: readonly AlertLifecycleEvent[];
  readonly notifications: readonly NotificationOrder[];
  readonly rejection?: AlertRejection;
}
