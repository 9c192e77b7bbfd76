import { Catalogue } from '../catalogue/catalogue';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { periodEnd, periodStart, reportDueDate, shiftPeriod } from '../periods/period.util';
import { OverdueEvent, StatusEvent } from '../slips/slip.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { alertId, alertKeyOf, alertKeyText } from './alert-key.util';
import { AlertPolicy } from './alert-policy.type';
import {
  Alert,
  AlertDecision,
  AlertHistoryEntry,
  AlertInput,
  AlertKey,
  AlertLifecycleEvent,
  AlertResolution,
  AlertTimers,
  NotificationOrder,
  NotificationReason,
  StatusChange,
} from './alert.type';
import { DEFAULT_ALERT_POLICY } from './default-alert-policy.constant';
import { deliveryTime } from './delivery-window.util';
import { inhibits } from './inhibition.util';
import { higherSeverity } from './severity.util';
import { VIETNAM_OFFSET_MS } from './vietnam-offset.constant';

/** What the lifecycle needs besides the alerts: the hierarchies (escalation), the catalogue and timing. */
export interface AlertContext {
  readonly hierarchies: HierarchyRegistry;
  /** For the end of a regression alert (the next period's due date). Default: the plan's catalogue. */
  readonly catalogue?: Catalogue;
  readonly policy?: AlertPolicy;
}

const DAY_MS = 86_400_000;
const MAX_ACTOR_LENGTH = 200;
const MAX_NOTE_LENGTH = 2_000;

/**
 * The alert lifecycle as a pure reducer. `alerts` are every alert of one key, oldest first (at most
 * the last one open); the result says what to store, publish and schedule.
 *
 * - `status_changed`: an event already applied (same `eventId`) or older than the last applied one
 *   (`detectedAt`) changes nothing. A slip, regression or overdue report opens an alert when none is
 *   open, else updates the open one (a higher severity re-fires it as `worsened`, acknowledged or not).
 *   `status_recovered` resolves; `overdue_cleared` removes its period and resolves when none is left. A
 *   recovery or clearance without an open alert changes nothing. An indicator event for a period
 *   before the key's latest one is a late revision: the alerts stay as they are and the audience of
 *   the latest alert is told (`revised`).
 * - `acknowledge`: stops repeats and escalation; refused for an unknown or resolved alert.
 * - `tick`: fires the due timer of the open alert: expiry (regression), else escalation, else repeat.
 * - `inhibition`: the city's overdue alert changed; suppress or release this key's overdue alert.
 */
export function decideAlert(alerts: readonly Alert[], input: AlertInput, context: AlertContext): AlertDecision {
  checkAlerts(alerts);
  const rules = new Lifecycle(context);
  switch (input.type) {
    case 'status_changed':
      return rules.onStatusChange(alerts, input.change, input.at, input.inhibitor);
    case 'acknowledge':
      return rules.onAcknowledge(alerts, input.alertId, input.by, input.note, input.at);
    case 'tick':
      return rules.onTick(alerts, input.at);
    case 'inhibition':
      return rules.onInhibition(alerts, input.inhibitor, input.at);
  }
}

/** The earliest timer of an open alert (when the service should `tick` it), if any. */
export function nextDueAt(alert: Alert): Date | undefined {
  if (alert.state === 'resolved') return undefined;
  const times = [alert.timers.repeatAt, alert.timers.escalateAt, alert.timers.expireAt].filter((t): t is Date => t !== undefined);
  return times.length === 0 ? undefined : new Date(Math.min(...times.map((t) => t.getTime())));
}

/**
 * Whether a scheduled notification is still wanted at delivery time, given the alert as it is then:
 * a reminder, escalation or first notice is dropped once the alert was acknowledged, resolved or
 * inhibited in the meantime; resolutions and revisions always go.
 */
export function shouldDeliver(
  order: NotificationOrder,
  alert: Alert,
): { readonly deliver: true } | { readonly deliver: false; readonly reason: 'resolved' | 'acknowledged' | 'inhibited' } {
  if (order.alertId !== alert.id) throw new RangeError(`notification ${order.id} is not about alert ${alert.id}`);
  if (order.reason === 'resolved' || order.reason === 'revised') return { deliver: true };
  if (alert.state === 'resolved') return { deliver: false, reason: 'resolved' };
  if (alert.inhibitedBy !== undefined) return { deliver: false, reason: 'inhibited' };
  if (alert.state === 'acknowledged') return { deliver: false, reason: 'acknowledged' };
  return { deliver: true };
}

/** The units whose subscribers have heard of the alert: its own and those it was escalated to. */
export function audienceOf(alert: Alert, hierarchies: HierarchyRegistry): readonly string[] {
  const version = hierarchies.version(alert.hierarchyVersion);
  const ancestors = version?.has(alert.unit) ? version.ancestors(alert.unit).slice(0, alert.escalationLevel) : [];
  return [alert.unit, ...ancestors.map((a) => a.code)];
}

const NOTHING = { published: [], notifications: [] } as const;

class Lifecycle {
  private readonly policy: AlertPolicy;
  private readonly catalogue: Catalogue;
  private readonly hierarchies: HierarchyRegistry;

  constructor(context: AlertContext) {
    this.policy = context.policy ?? DEFAULT_ALERT_POLICY;
    this.catalogue = context.catalogue ?? DEFAULT_CATALOGUE;
    this.hierarchies = context.hierarchies;
  }

  onStatusChange(alerts: readonly Alert[], change: StatusChange, at: Date, inhibitor: Alert | undefined): AlertDecision {
    const key = alertKeyOf(change);
    if (alerts.length > 0 && alertKeyText(alerts[0]) !== alertKeyText(key)) {
      throw new RangeError(`event ${change.eventId} (${alertKeyText(key)}) is not about the alerts of ${alertKeyText(alerts[0])}`);
    }
    if (alerts.some((a) => a.history.some((h) => 'eventId' in h && h.eventId === change.eventId))) return { outcome: 'duplicate', alerts, ...NOTHING };
    const latest = alerts.at(-1);
    if (latest && change.detectedAt.getTime() < latest.lastChangeAt.getTime()) return { outcome: 'stale', alerts, ...NOTHING };
    const open = latest && latest.state !== 'resolved' ? latest : undefined;
    if (latest && key.kind !== 'overdue' && comparePeriods(change.period, latest.period) < 0) return this.revise(alerts, latest, change, at);
    switch (change.kind) {
      case 'status_slip':
      case 'regression':
      case 'overdue':
        return open ? this.update(alerts, open, change, at, inhibitor) : this.fire(alerts, key, change, at, inhibitor);
      case 'status_recovered':
        return open ? this.resolve(alerts, open, 'recovered', at, change) : { outcome: 'ignored', alerts, ...NOTHING };
      case 'overdue_cleared':
        return open ? this.clearPeriod(alerts, open, change, at, inhibitor) : { outcome: 'ignored', alerts, ...NOTHING };
    }
  }

  onAcknowledge(alerts: readonly Alert[], id: string, by: string, note: string | undefined, at: Date): AlertDecision {
    const actor = typeof by === 'string' ? by.trim() : '';
    if (actor.length === 0 || actor.length > MAX_ACTOR_LENGTH || (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE_LENGTH))) {
      return rejected(alerts, 'invalid_acknowledgement', {
        vi: `Cần "by" (1–${MAX_ACTOR_LENGTH} ký tự) và "note" tối đa ${MAX_NOTE_LENGTH} ký tự`,
        en: `"by" (1–${MAX_ACTOR_LENGTH} characters) is required and "note" has at most ${MAX_NOTE_LENGTH} characters`,
      });
    }
    const alert = alerts.find((a) => a.id === id);
    if (!alert) return rejected(alerts, 'alert_not_found', { vi: `Không có cảnh báo ${id}`, en: `No alert ${id}` });
    if (alert.state === 'resolved')
      return rejected(alerts, 'alert_resolved', { vi: `Cảnh báo ${id} đã được khắc phục`, en: `Alert ${id} is already resolved` });
    if (alert.state === 'acknowledged') return { outcome: 'ignored', alerts, alert, ...NOTHING };
    const acknowledgement = { by: actor, ...(note !== undefined ? { note } : {}), at };
    const next = withEntry(
      { ...alert, state: 'acknowledged', acknowledgement, timers: onlyExpiry(alert.timers) },
      { type: 'acknowledged', at, by: actor, ...(note !== undefined ? { note } : {}) },
    );
    return applied(alerts, next, [published('acknowledged', next, at)], []);
  }

  onTick(alerts: readonly Alert[], at: Date): AlertDecision {
    const open = openAlert(alerts);
    if (!open) return { outcome: 'ignored', alerts, ...NOTHING };
    const { expireAt, escalateAt, repeatAt } = open.timers;
    if (expireAt && expireAt <= at) return this.resolve(alerts, open, 'no_further_fall', at);
    const active = open.state === 'firing' && open.inhibitedBy === undefined;
    const target = this.escalationTarget(open);
    if (active && escalateAt && escalateAt <= at && target) {
      const notice = deliveryTime(at, open.severity, this.policy.window);
      const escalated = withEntry(
        { ...open, escalationLevel: open.escalationLevel + 1, escalatedAt: at },
        { type: 'escalated', at, level: open.escalationLevel + 1, unit: target },
      );
      const next = { ...escalated, timers: this.timersFrom(escalated, notice) };
      return applied(alerts, next, [published('escalated', next, at)], [order(next, 'escalated', at, notice, [target])]);
    }
    if (active && repeatAt && repeatAt <= at) {
      const notice = deliveryTime(at, open.severity, this.policy.window);
      const repeated = withEntry(open, { type: 'repeated', at });
      const next = { ...repeated, timers: { ...repeated.timers, ...this.repeatFrom(repeated, notice) } };
      return applied(alerts, next, [], [order(next, 'repeat', at, notice, audienceOf(next, this.hierarchies))]);
    }
    return { outcome: 'ignored', alerts, ...NOTHING };
  }

  onInhibition(alerts: readonly Alert[], inhibitor: Alert | undefined, at: Date): AlertDecision {
    const open = openAlert(alerts);
    if (!open || open.kind !== 'overdue') return { outcome: 'ignored', alerts, ...NOTHING };
    const { alert, notifications } = this.reassessInhibition(open, inhibitor, at);
    return alert === open ? { outcome: 'ignored', alerts, ...NOTHING } : applied(alerts, alert, [], notifications);
  }

  private fire(alerts: readonly Alert[], key: AlertKey, change: StatusChange, at: Date, inhibitor: Alert | undefined): AlertDecision {
    const ordinal = alerts.length + 1;
    const base: Alert = {
      ...key,
      id: alertId(key, ordinal),
      ordinal,
      state: 'firing',
      severity: change.severity,
      period: change.period,
      openPeriods: [change.period],
      facts: factsOf(change),
      firedAt: at,
      escalationLevel: 0,
      timers: key.kind === 'regression' ? { expireAt: this.regressionExpiry(key.subject, change.period) } : {},
      lastChangeAt: change.detectedAt,
      history: [{ type: 'fired', at, eventId: change.eventId, period: change.period, severity: change.severity }],
    };
    if (inhibitor && inhibits(inhibitor, base, this.hierarchies)) {
      const next = withEntry({ ...base, inhibitedBy: inhibitor.id }, { type: 'inhibited', at, by: inhibitor.id });
      return applied(alerts, next, [published('fired', next, at)], []);
    }
    const notice = deliveryTime(at, base.severity, this.policy.window);
    const next: Alert = { ...base, notifiedAt: notice, timers: this.timersFrom(base, notice) };
    return applied(alerts, next, [published('fired', next, at)], [order(next, 'fired', at, notice, audienceOf(next, this.hierarchies))]);
  }

  private update(alerts: readonly Alert[], open: Alert, change: StatusChange, at: Date, inhibitor: Alert | undefined): AlertDecision {
    const newest = comparePeriods(change.period, open.period) >= 0;
    const openPeriods = open.kind === 'overdue' ? sortPeriods([...new Set([...open.openPeriods, change.period])]) : [change.period];
    const moved: Alert = {
      ...open,
      period: newest ? change.period : open.period,
      openPeriods,
      facts: newest ? factsOf(change) : open.facts,
      lastChangeAt: change.detectedAt,
      timers: open.kind === 'regression' ? { ...open.timers, expireAt: this.regressionExpiry(open.subject, change.period) } : open.timers,
    };
    const severity = higherSeverity(open.severity, change.severity);
    if (severity !== open.severity) {
      const { acknowledgement: _acknowledgement, ...unacknowledged } = moved;
      const raised = withEntry(
        { ...unacknowledged, state: 'firing', severity },
        { type: 'worsened', at, eventId: change.eventId, period: change.period, severity },
      );
      // A release found here is told as the worsening itself.
      const worsened = open.kind === 'overdue' ? this.reassessInhibition(raised, inhibitor, at).alert : raised;
      if (worsened.inhibitedBy !== undefined) return applied(alerts, worsened, [published('fired', worsened, at)], []);
      const notice = deliveryTime(at, severity, this.policy.window);
      const next: Alert = { ...worsened, notifiedAt: worsened.notifiedAt ?? notice, timers: this.timersFrom(worsened, notice) };
      return applied(alerts, next, [published('fired', next, at)], [order(next, 'worsened', at, notice, audienceOf(next, this.hierarchies))]);
    }
    const updated = withEntry(moved, { type: 'updated', at, eventId: change.eventId, period: change.period });
    if (open.kind !== 'overdue') return applied(alerts, updated, [], []);
    const { alert, notifications } = this.reassessInhibition(updated, inhibitor, at);
    return applied(alerts, alert, [], notifications);
  }

  private clearPeriod(alerts: readonly Alert[], open: Alert, change: StatusChange, at: Date, inhibitor: Alert | undefined): AlertDecision {
    if (!open.openPeriods.includes(change.period)) return { outcome: 'ignored', alerts, ...NOTHING };
    const remaining = open.openPeriods.filter((p) => p !== change.period);
    if (remaining.length === 0) return this.resolve(alerts, open, 'report_received', at, change);
    const latest = remaining[remaining.length - 1];
    const cleared = withEntry(
      { ...open, openPeriods: remaining, period: latest, facts: this.overdueFactsFor(open.facts, latest), lastChangeAt: change.detectedAt },
      { type: 'period_cleared', at, eventId: change.eventId, period: change.period },
    );
    const { alert, notifications } = this.reassessInhibition(cleared, inhibitor, at);
    return applied(alerts, alert, [], notifications);
  }

  private resolve(alerts: readonly Alert[], open: Alert, resolution: AlertResolution, at: Date, change?: StatusChange): AlertDecision {
    const newest = change !== undefined && comparePeriods(change.period, open.period) >= 0;
    const next = withEntry(
      {
        ...open,
        state: 'resolved',
        resolvedAt: at,
        resolution,
        timers: {},
        ...(change ? { lastChangeAt: change.detectedAt } : {}),
        ...(newest ? { period: change.period, facts: factsOf(change) } : {}),
        openPeriods: open.kind === 'overdue' ? [] : [newest ? change.period : open.period],
      },
      { type: 'resolved', at, ...(change ? { eventId: change.eventId } : {}), resolution },
    );
    // Nobody is told of the end of an alert nobody was told of (inhibited from the start).
    const notifications =
      open.notifiedAt === undefined
        ? []
        : [order(next, 'resolved', at, deliveryTime(at, next.severity, this.policy.window), audienceOf(next, this.hierarchies))];
    return applied(alerts, next, [published('resolved', next, at)], notifications);
  }

  private revise(alerts: readonly Alert[], latest: Alert, change: StatusChange, at: Date): AlertDecision {
    const next = withEntry(
      { ...latest, lastChangeAt: change.detectedAt },
      { type: 'revised', at, eventId: change.eventId, period: change.period, change: factsOf(change) },
    );
    const notice = deliveryTime(at, next.severity, this.policy.window);
    return applied(alerts, next, [], [order(next, 'revised', at, notice, audienceOf(next, this.hierarchies), change.period, factsOf(change))]);
  }

  private reassessInhibition(alert: Alert, inhibitor: Alert | undefined, at: Date): { alert: Alert; notifications: NotificationOrder[] } {
    const covered = inhibitor !== undefined && inhibits(inhibitor, alert, this.hierarchies);
    if (covered && alert.inhibitedBy !== inhibitor.id) {
      const next = withEntry({ ...alert, inhibitedBy: inhibitor.id, timers: onlyExpiry(alert.timers) }, { type: 'inhibited', at, by: inhibitor.id });
      return { alert: next, notifications: [] };
    }
    if (covered || alert.inhibitedBy === undefined) return { alert, notifications: [] };
    const { inhibitedBy: _inhibitedBy, ...uninhibited } = alert;
    const released = withEntry(uninhibited, { type: 'released', at });
    if (released.state !== 'firing') return { alert: released, notifications: [] };
    const notice = deliveryTime(at, released.severity, this.policy.window);
    if (released.notifiedAt !== undefined) return { alert: { ...released, timers: this.timersFrom(released, notice) }, notifications: [] };
    // Suppressed before anyone heard of it: the released alert is news, told as a first notice.
    const next: Alert = { ...released, notifiedAt: notice, timers: this.timersFrom(released, notice) };
    return { alert: next, notifications: [order(next, 'fired', at, notice, audienceOf(next, this.hierarchies))] };
  }

  private timersFrom(alert: Alert, notice: Date): AlertTimers {
    const after = this.policy.escalateAfterMs[alert.severity];
    const escalateAt = after !== null && this.escalationTarget(alert) ? { escalateAt: new Date(notice.getTime() + after) } : {};
    return { ...onlyExpiry(alert.timers), ...this.repeatFrom(alert, notice), ...escalateAt };
  }

  private repeatFrom(alert: Alert, notice: Date): Pick<AlertTimers, 'repeatAt'> {
    const every = this.policy.repeatEveryMs[alert.severity];
    return every === null ? { repeatAt: undefined } : { repeatAt: new Date(notice.getTime() + every) };
  }

  // The next unit up, read in the alert's own hierarchy version: a commune's district in the
  // three-level version, the city in the 2025 one.
  private escalationTarget(alert: Alert): string | undefined {
    const version = this.hierarchies.version(alert.hierarchyVersion);
    if (!version?.has(alert.unit)) return undefined;
    return version.ancestors(alert.unit)[alert.escalationLevel]?.code;
  }

  // A regression alert lasts until the next period's report was due (00:00 the day after, Vietnam
  // time): a further fall by then would have re-fired it; without one, the fall is history.
  private regressionExpiry(indicatorCode: string, period: string): Date {
    const next = shiftPeriod(period, 1);
    const measureCode = this.catalogue.indicator(indicatorCode)?.measures[0];
    const measure = measureCode ? this.catalogue.measure(measureCode) : undefined;
    if (!measure) return periodEnd(next);
    return new Date(Date.parse(`${reportDueDate(measure, next)}T00:00:00Z`) + DAY_MS - VIETNAM_OFFSET_MS);
  }

  private overdueFactsFor(facts: StatusEvent | OverdueEvent, period: string): StatusEvent | OverdueEvent {
    if (facts.kind !== 'overdue' || facts.period === period) return facts;
    const measure = this.catalogue.measure(facts.measure);
    return { ...facts, period, dueDate: measure ? reportDueDate(measure, period) : facts.dueDate };
  }
}

function checkAlerts(alerts: readonly Alert[]): void {
  if (alerts.length === 0) return;
  const key = alertKeyText(alerts[0]);
  alerts.forEach((alert, index) => {
    if (alertKeyText(alert) !== key) throw new RangeError(`alert ${alert.id} is not of key ${key}`);
    if (alert.state !== 'resolved' && index !== alerts.length - 1) throw new RangeError(`alert ${alert.id} is open but not the key's latest`);
  });
}

function openAlert(alerts: readonly Alert[]): Alert | undefined {
  const latest = alerts.at(-1);
  return latest && latest.state !== 'resolved' ? latest : undefined;
}

function factsOf(change: StatusChange): StatusEvent | OverdueEvent {
  const { eventId: _eventId, detectedAt: _detectedAt, ...facts } = change;
  return facts;
}

function withEntry(alert: Alert, entry: AlertHistoryEntry): Alert {
  return { ...alert, history: [...alert.history, entry] };
}

function onlyExpiry(timers: AlertTimers): AlertTimers {
  return timers.expireAt ? { expireAt: timers.expireAt } : {};
}

function order(
  alert: Alert,
  reason: NotificationReason,
  at: Date,
  notBefore: Date,
  audience: readonly string[],
  period = alert.period,
  change?: StatusEvent | OverdueEvent,
): NotificationOrder {
  return {
    id: `${alert.id}/${alert.history.length - 1}`,
    alertId: alert.id,
    reason,
    severity: alert.severity,
    audience,
    hierarchyVersion: alert.hierarchyVersion,
    createdAt: at,
    notBefore,
    period,
    ...(change ? { change } : {}),
  };
}

function published(type: AlertLifecycleEvent['type'], alert: Alert, at: Date): AlertLifecycleEvent {
  return { type, alert, at };
}

function applied(alerts: readonly Alert[], alert: Alert, events: AlertLifecycleEvent[], notifications: NotificationOrder[]): AlertDecision {
  const index = alerts.findIndex((a) => a.id === alert.id);
  const next = index < 0 ? [...alerts, alert] : alerts.map((a, i) => (i === index ? alert : a));
  return { outcome: 'applied', alerts: next, alert, published: events, notifications };
}

function rejected(
  alerts: readonly Alert[],
  code: 'alert_not_found' | 'alert_resolved' | 'invalid_acknowledgement',
  message: { vi: string; en: string },
): AlertDecision {
  return { outcome: 'rejected', alerts, ...NOTHING, rejection: { code, message } };
}

function comparePeriods(a: string, b: string): number {
  return periodStart(a).getTime() - periodStart(b).getTime();
}

function sortPeriods(periods: readonly string[]): string[] {
  return [...periods].sort(comparePeriods);
}
