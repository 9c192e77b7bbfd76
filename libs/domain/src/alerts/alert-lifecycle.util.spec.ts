import fc from 'fast-check';

import { OverdueEvent, StatusEvent } from '../slips/slip.util';
import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from '../units/hierarchy-registry';
import { alertKeyOf } from './alert-key.util';
import { AlertContext, audienceOf, decideAlert, nextDueAt, shouldDeliver } from './alert-lifecycle.util';
import { Alert, AlertDecision, AlertInput, StatusChange } from './alert.type';

const hierarchies = HierarchyRegistry.withDefaults();
hierarchies.activate(TWO_LEVEL_VERSION_ID);
const context: AlertContext = { hierarchies };
const HOUR = 3_600_000;
const vn = (local: string) => new Date(`${local}+07:00`);
const later = (date: Date, hours: number) => new Date(date.getTime() + hours * HOUR);

let sequence = 0;
type StatusFields = Partial<Omit<StatusEvent, 'kind'>> & { hierarchyVersion?: string; detectedAt?: Date; eventId?: string };
type OverdueFields = Partial<Omit<OverdueEvent, 'kind'>> & { hierarchyVersion?: string; detectedAt?: Date; eventId?: string };

// Phường Cái Khế (31120 in the 2025 version), SOC-01 at risk in 2025-Q3.
function statusChange(kind: StatusEvent['kind'], fields: StatusFields = {}): StatusChange {
  sequence += 1;
  return {
    kind,
    indicator: 'SOC-01',
    unit: '31120',
    period: '2025-Q3',
    status: kind === 'status_recovered' ? 'on_track' : 'at_risk',
    previousStatus: kind === 'status_recovered' ? 'at_risk' : 'on_track',
    value: 84.5,
    previousValue: 88,
    expected: 87,
    severity: kind === 'status_recovered' ? 'info' : 'warning',
    eventId: `event-${sequence}`,
    hierarchyVersion: TWO_LEVEL_VERSION_ID,
    detectedAt: vn('2025-10-20T10:00:00'),
    ...fields,
  };
}

function overdueChange(kind: OverdueEvent['kind'], fields: OverdueFields = {}): StatusChange {
  sequence += 1;
  return {
    kind,
    measure: 'work_records.total',
    unit: '31120',
    period: '2025-09',
    dueDate: '2025-10-10',
    severity: kind === 'overdue' ? 'warning' : 'info',
    eventId: `event-${sequence}`,
    hierarchyVersion: TWO_LEVEL_VERSION_ID,
    detectedAt: vn('2025-10-11T00:00:00'),
    ...fields,
  };
}

function changed(change: StatusChange, at = change.detectedAt, inhibitor?: Alert): AlertInput {
  return { type: 'status_changed', change, at, ...(inhibitor ? { inhibitor } : {}) };
}

function run(inputs: readonly AlertInput[], alerts: readonly Alert[] = []): { alerts: readonly Alert[]; decisions: AlertDecision[] } {
  const decisions: AlertDecision[] = [];
  let current = alerts;
  for (const input of inputs) {
    const decision = decideAlert(current, input, context);
    decisions.push(decision);
    current = decision.alerts;
  }
  return { alerts: current, decisions };
}

function fired(change = statusChange('status_slip')): Alert {
  return decideAlert([], changed(change), context).alert as Alert;
}

describe('decideAlert', () => {
  describe('firing', () => {
    it('should open one alert, publish it and notify the unit at once on a working morning', () => {
      const slip = statusChange('status_slip');
      const decision = decideAlert([], changed(slip), context);
      expect(decision.outcome).toBe('applied');
      const alert = decision.alert as Alert;
      expect(alert).toMatchObject({
        id: 'status_slip:SOC-01:quarter:31120:2025-07:1',
        kind: 'status_slip',
        subject: 'SOC-01',
        unit: '31120',
        hierarchyVersion: '2025-07',
        state: 'firing',
        severity: 'warning',
        period: '2025-Q3',
        escalationLevel: 0,
        firedAt: slip.detectedAt,
        notifiedAt: slip.detectedAt,
      });
      expect(alert.facts).toEqual({ ...slip, eventId: undefined, detectedAt: undefined });
      expect(decision.published).toEqual([{ type: 'fired', alert, at: slip.detectedAt }]);
      expect(decision.notifications).toEqual([
        {
          id: `${alert.id}/0`,
          alertId: alert.id,
          reason: 'fired',
          severity: 'warning',
          audience: ['31120'],
          hierarchyVersion: '2025-07',
          createdAt: slip.detectedAt,
          notBefore: slip.detectedAt,
          period: '2025-Q3',
        },
      ]);
      expect(alert.timers).toEqual({ repeatAt: later(slip.detectedAt, 24), escalateAt: later(slip.detectedAt, 72) });
    });

    it('should hold the first notice of a warning slipping at 22:30 on the eve of Tết 2026 until after Tết, and time the reminders from then', () => {
      const slip = statusChange('status_slip', { detectedAt: vn('2026-02-16T22:30:00'), period: '2025-Q4' });
      const decision = decideAlert([], changed(slip), context);
      expect(decision.notifications[0].notBefore).toEqual(vn('2026-02-21T07:00:00'));
      expect(decision.alert?.timers).toEqual({ repeatAt: vn('2026-02-22T07:00:00'), escalateAt: vn('2026-02-24T07:00:00') });
    });

    it('should notify a critical slip at night at once', () => {
      const slip = statusChange('status_slip', { status: 'off_track', severity: 'critical', detectedAt: vn('2026-02-16T22:30:00') });
      const decision = decideAlert([], changed(slip), context);
      expect(decision.notifications[0].notBefore).toEqual(slip.detectedAt);
      expect(decision.alert?.timers).toEqual({ repeatAt: later(slip.detectedAt, 12), escalateAt: later(slip.detectedAt, 24) });
    });

    it('should change nothing when the same event is delivered again', () => {
      const slip = statusChange('status_slip');
      const first = decideAlert([], changed(slip), context);
      const again = decideAlert(first.alerts, changed(slip, later(slip.detectedAt, 5)), context);
      expect(again).toEqual({ outcome: 'duplicate', alerts: first.alerts, published: [], notifications: [] });
      expect(again.alerts).toBe(first.alerts);
    });

    it('should ignore an event detected before the last one applied (a replay out of order)', () => {
      const newer = statusChange('status_slip', { detectedAt: vn('2025-10-21T10:00:00') });
      const older = statusChange('status_recovered', { detectedAt: vn('2025-10-20T10:00:00') });
      const { decisions } = run([changed(newer), changed(older, vn('2025-10-21T11:00:00'))]);
      expect(decisions[1].outcome).toBe('stale');
    });

    it('should keep one open alert per key: a later slip of the same severity updates it silently', () => {
      const { alerts, decisions } = run([
        changed(statusChange('status_slip', { period: '2025-Q3' })),
        changed(statusChange('status_slip', { period: '2025-Q4', value: 84, detectedAt: vn('2026-01-20T10:00:00') })),
      ]);
      expect(alerts).toHaveLength(1);
      expect(decisions[1]).toMatchObject({ outcome: 'applied', published: [], notifications: [] });
      expect(alerts[0]).toMatchObject({ state: 'firing', period: '2025-Q4', facts: { period: '2025-Q4', value: 84 } });
      expect(alerts[0].history.map((h) => h.type)).toEqual(['fired', 'updated']);
    });

    it('should re-fire an acknowledged alert that worsens from at risk to off track, as critical', () => {
      const slip = statusChange('status_slip');
      const worse = statusChange('status_slip', {
        status: 'off_track',
        previousStatus: 'at_risk',
        severity: 'critical',
        detectedAt: vn('2025-10-22T10:00:00'),
      });
      const { alerts, decisions } = run([
        changed(slip),
        { type: 'acknowledge', alertId: fired(slip).id, by: 'Nguyễn Văn An', at: vn('2025-10-21T09:00:00') },
        changed(worse),
      ]);
      const [alert] = alerts;
      expect(alert).toMatchObject({ state: 'firing', severity: 'critical', facts: { status: 'off_track' } });
      expect(alert.acknowledgement).toBeUndefined();
      expect(decisions[2].published.map((e) => e.type)).toEqual(['fired']);
      expect(decisions[2].notifications.map((n) => [n.reason, n.severity])).toEqual([['worsened', 'critical']]);
      expect(alert.timers).toEqual({ repeatAt: later(worse.detectedAt, 12), escalateAt: later(worse.detectedAt, 24) });
    });

    it('should key a status slip and a regression of the same indicator and unit apart, and a quarter apart from the year', () => {
      const slip = alertKeyOf(statusChange('status_slip'));
      const regression = alertKeyOf(statusChange('regression'));
      const yearly = alertKeyOf(statusChange('status_slip', { period: '2025' }));
      expect(slip).toEqual({ kind: 'status_slip', subject: 'SOC-01', frequency: 'quarter', unit: '31120', hierarchyVersion: '2025-07' });
      expect(regression.kind).toBe('regression');
      expect(yearly.frequency).toBe('year');
    });

    it('should refuse alerts of another key', () => {
      const alert = fired();
      expect(() => decideAlert([alert], changed(statusChange('status_slip', { unit: '31135' })), context)).toThrow(RangeError);
    });
  });

  describe('resolution', () => {
    it('should resolve on recovery and tell everyone who heard of the alert', () => {
      const slip = statusChange('status_slip');
      const recovery = statusChange('status_recovered', { period: '2025-Q4', detectedAt: vn('2026-01-15T09:00:00') });
      const { alerts, decisions } = run([changed(slip), changed(recovery)]);
      const [alert] = alerts;
      expect(alert).toMatchObject({ state: 'resolved', resolution: 'recovered', resolvedAt: recovery.detectedAt, period: '2025-Q4', timers: {} });
      expect(nextDueAt(alert)).toBeUndefined();
      expect(decisions[1].published.map((e) => e.type)).toEqual(['resolved']);
      expect(decisions[1].notifications).toMatchObject([{ reason: 'resolved', severity: 'warning', audience: ['31120'], period: '2025-Q4' }]);
    });

    it('should ignore the recovery of an alert it never opened', () => {
      const decision = decideAlert([], changed(statusChange('status_recovered')), context);
      expect(decision).toEqual({ outcome: 'ignored', alerts: [], published: [], notifications: [] });
    });

    it('should open a second alert with its own id when the key slips again after a resolution', () => {
      const { alerts } = run([
        changed(statusChange('status_slip', { period: '2025-Q3' })),
        changed(statusChange('status_recovered', { period: '2025-Q4', detectedAt: vn('2026-01-15T09:00:00') })),
        changed(statusChange('status_recovered', { period: '2025-Q4', detectedAt: vn('2026-01-16T09:00:00') })),
        changed(statusChange('status_slip', { period: '2026-Q1', detectedAt: vn('2026-04-15T09:00:00') })),
      ]);
      expect(alerts.map((a) => [a.id, a.state])).toEqual([
        ['status_slip:SOC-01:quarter:31120:2025-07:1', 'resolved'],
        ['status_slip:SOC-01:quarter:31120:2025-07:2', 'firing'],
      ]);
    });
  });

  describe('late revisions', () => {
    it('should tell the audience of an open alert that a past period changed, and leave the alert as it is', () => {
      const slip = statusChange('status_slip', { period: '2025-Q4', detectedAt: vn('2026-01-20T10:00:00') });
      const revision = statusChange('status_slip', { period: '2025-Q3', status: 'off_track', severity: 'critical', detectedAt: vn('2026-01-25T10:00:00') });
      const { alerts, decisions } = run([changed(slip), changed(revision)]);
      const [alert] = alerts;
      expect(alert).toMatchObject({ state: 'firing', severity: 'warning', period: '2025-Q4' });
      expect(decisions[1].published).toEqual([]);
      expect(decisions[1].notifications).toMatchObject([
        {
          reason: 'revised',
          period: '2025-Q3',
          severity: 'warning',
          audience: ['31120'],
          change: { kind: 'status_slip', period: '2025-Q3', status: 'off_track' },
        },
      ]);
      expect(alert.history.at(-1)).toMatchObject({ type: 'revised', period: '2025-Q3', eventId: revision.eventId });
    });

    it('should re-notify once, without opening an alert, when a revision makes a past period slip after the key recovered', () => {
      const revision = statusChange('status_slip', { period: '2025-Q3', detectedAt: vn('2026-02-02T10:00:00') });
      const { alerts, decisions } = run([
        changed(statusChange('status_slip', { period: '2025-Q3' })),
        changed(statusChange('status_recovered', { period: '2025-Q4', detectedAt: vn('2026-01-15T09:00:00') })),
        changed(revision),
        changed(revision, vn('2026-02-02T10:05:00')),
      ]);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].state).toBe('resolved');
      expect(decisions[2].notifications.map((n) => [n.reason, n.period])).toEqual([['revised', '2025-Q3']]);
      expect(decisions[3].outcome).toBe('duplicate');
    });
  });

  describe('acknowledgement', () => {
    const slip = statusChange('status_slip');
    const alert = fired(slip);
    const ack = (by: string, at = vn('2025-10-20T15:00:00'), id = alert.id, note?: string): AlertInput => ({
      type: 'acknowledge',
      alertId: id,
      by,
      at,
      ...(note !== undefined ? { note } : {}),
    });

    it('should acknowledge a firing alert, publish it and stop its repeats and escalation', () => {
      const decision = decideAlert([alert], ack('Trần Thị Bích', vn('2025-10-20T15:00:00'), alert.id, 'Đang làm việc với phường'), context);
      expect(decision.alert).toMatchObject({
        state: 'acknowledged',
        acknowledgement: { by: 'Trần Thị Bích', note: 'Đang làm việc với phường', at: vn('2025-10-20T15:00:00') },
        timers: {},
      });
      expect(decision.published.map((e) => e.type)).toEqual(['acknowledged']);
      expect(decision.notifications).toEqual([]);
      const tick = decideAlert(decision.alerts, { type: 'tick', at: later(slip.detectedAt, 100) }, context);
      expect(tick.outcome).toBe('ignored');
    });

    it('should keep the first acknowledgement when acknowledged again', () => {
      const first = decideAlert([alert], ack('Trần Thị Bích'), context);
      const second = decideAlert(first.alerts, ack('Lê Văn Cường', vn('2025-10-20T16:00:00')), context);
      expect(second.outcome).toBe('ignored');
      expect(second.alert?.acknowledgement?.by).toBe('Trần Thị Bích');
    });

    it.each([
      ['an unknown alert', [alert], ack('An', undefined, 'status_slip:SOC-01:quarter:31120:2025-07:9'), 'alert_not_found'],
      ['a blank name', [alert], ack('   '), 'invalid_acknowledgement'],
      ['a note of 2,001 characters', [alert], ack('An', undefined, alert.id, 'x'.repeat(2001)), 'invalid_acknowledgement'],
    ])('should refuse %s and change nothing', (_case, alerts, input, code) => {
      const decision = decideAlert(alerts, input, context);
      expect(decision).toMatchObject({ outcome: 'rejected', published: [], notifications: [], rejection: { code } });
      expect(decision.alerts).toBe(alerts);
      expect(decision.rejection?.message.vi).not.toEqual(decision.rejection?.message.en);
    });

    it('should refuse to acknowledge a resolved alert', () => {
      const { alerts } = run([changed(statusChange('status_recovered', { detectedAt: vn('2025-10-21T10:00:00') }))], [alert]);
      expect(decideAlert(alerts, ack('An', vn('2025-10-22T10:00:00')), context).rejection?.code).toBe('alert_resolved');
    });
  });

  describe('timers', () => {
    it('should remind the unit of a firing warning every day until acknowledged, holding reminders out of quiet hours', () => {
      const slip = statusChange('status_slip', { detectedAt: vn('2025-10-20T22:00:00') });
      const alert = fired(slip);
      expect(alert.notifiedAt).toEqual(vn('2025-10-21T07:00:00'));
      expect(decideAlert([alert], { type: 'tick', at: vn('2025-10-22T06:59:00') }, context).outcome).toBe('ignored');
      const reminder = decideAlert([alert], { type: 'tick', at: vn('2025-10-22T07:00:00') }, context);
      expect(reminder.notifications).toMatchObject([{ reason: 'repeat', audience: ['31120'], notBefore: vn('2025-10-22T07:00:00') }]);
      expect(reminder.published).toEqual([]);
      expect(reminder.alert?.timers.repeatAt).toEqual(vn('2025-10-23T07:00:00'));
    });

    it("should escalate a commune's unacknowledged alert to the city in the 2025 version, once, and tell the city when it resolves", () => {
      const slip = statusChange('status_slip', { status: 'off_track', severity: 'critical', detectedAt: vn('2025-10-20T10:00:00') });
      const alert = fired(slip);
      const escalation = decideAlert([alert], { type: 'tick', at: vn('2025-10-21T10:00:00') }, context);
      expect(escalation.alert).toMatchObject({ escalationLevel: 1, escalatedAt: vn('2025-10-21T10:00:00') });
      expect(escalation.published.map((e) => e.type)).toEqual(['escalated']);
      expect(escalation.notifications).toMatchObject([{ reason: 'escalated', audience: ['92'], severity: 'critical' }]);
      // The city is the root: nothing further to escalate to, reminders go on.
      expect(escalation.alert?.timers).toEqual({ repeatAt: vn('2025-10-21T22:00:00') });
      const recovery = statusChange('status_recovered', { detectedAt: vn('2025-10-23T10:00:00') });
      const resolved = decideAlert(escalation.alerts, changed(recovery), context);
      expect(resolved.notifications[0].audience).toEqual(['31120', '92']);
    });

    it('should escalate a commune of the three-level version to its district, then to the city', () => {
      // Phường Cái Khế was 31117 under Quận Ninh Kiều (916) before July 2025.
      const slip = statusChange('status_slip', {
        unit: '31117',
        period: '2025-Q1',
        hierarchyVersion: THREE_LEVEL_VERSION_ID,
        detectedAt: vn('2025-04-21T10:00:00'),
      });
      const alert = fired(slip);
      expect(alert.timers.escalateAt).toEqual(vn('2025-04-24T10:00:00'));
      const { alerts, decisions } = run(
        [
          { type: 'tick', at: vn('2025-04-24T10:00:00') },
          { type: 'tick', at: vn('2025-04-27T10:00:00') },
          { type: 'tick', at: vn('2025-04-30T10:00:00') },
        ],
        [alert],
      );
      expect(decisions[0].notifications.map((n) => [n.reason, n.audience])).toEqual([['escalated', ['916']]]);
      expect(decisions[1].notifications.map((n) => [n.reason, n.audience])).toEqual([['escalated', ['92']]]);
      // 30/4 is a holiday: the reminder is held until 2/5 07:00 (1/5 too).
      expect(decisions[2].notifications.map((n) => [n.reason, n.audience, n.notBefore])).toEqual([
        ['repeat', ['31117', '916', '92'], vn('2025-05-02T07:00:00')],
      ]);
      expect(audienceOf(alerts[0], hierarchies)).toEqual(['31117', '916', '92']);
    });

    it('should not escalate a city alert', () => {
      const alert = fired(statusChange('status_slip', { unit: '92' }));
      expect(alert.timers.escalateAt).toBeUndefined();
      expect(nextDueAt(alert)).toEqual(alert.timers.repeatAt);
    });

    it('should resolve a regression when the next period was due without a further fall, and extend it on a new fall', () => {
      // SOC-01's numerator is quarterly, due 15 days after the quarter: Q4 2025 is due on 2026-01-15.
      const fall = statusChange('regression', { period: '2025-Q3', detectedAt: vn('2025-10-20T10:00:00') });
      const alert = fired(fall);
      expect(alert.timers.expireAt).toEqual(vn('2026-01-16T00:00:00'));
      const expired = decideAlert([alert], { type: 'tick', at: vn('2026-01-16T00:00:00') }, context);
      expect(expired.alert).toMatchObject({ state: 'resolved', resolution: 'no_further_fall' });
      expect(expired.notifications).toMatchObject([{ reason: 'resolved', notBefore: vn('2026-01-16T07:00:00') }]);
      const fallAgain = statusChange('regression', { period: '2025-Q4', detectedAt: vn('2026-01-10T10:00:00') });
      expect(decideAlert([alert], changed(fallAgain), context).alert?.timers.expireAt).toEqual(vn('2026-04-16T00:00:00'));
    });
  });

  describe('overdue reports', () => {
    it('should keep one alert for the periods a report is late and resolve it when the last arrives', () => {
      const september = overdueChange('overdue', { period: '2025-09', dueDate: '2025-10-10' });
      const october = overdueChange('overdue', { period: '2025-10', dueDate: '2025-11-10', detectedAt: vn('2025-11-11T00:00:00') });
      const { alerts, decisions } = run([
        changed(september),
        changed(october),
        changed(overdueChange('overdue_cleared', { period: '2025-10', detectedAt: vn('2025-11-12T09:00:00') })),
        changed(overdueChange('overdue_cleared', { period: '2025-11', detectedAt: vn('2025-11-12T09:30:00') })),
        changed(overdueChange('overdue_cleared', { period: '2025-09', detectedAt: vn('2025-11-13T09:00:00') })),
      ]);
      expect(decisions.map((d) => d.outcome)).toEqual(['applied', 'applied', 'applied', 'ignored', 'applied']);
      expect(decisions[1].notifications).toEqual([]);
      expect(decisions[2].alert).toMatchObject({ openPeriods: ['2025-09'], period: '2025-09', facts: { period: '2025-09', dueDate: '2025-10-10' } });
      expect(alerts[0]).toMatchObject({
        id: 'overdue:work_records.total:month:31120:2025-07:1',
        state: 'resolved',
        resolution: 'report_received',
        openPeriods: [],
      });
      // The first notice was held from midnight to 07:00.
      expect(decisions[0].notifications[0].notBefore).toEqual(vn('2025-10-11T07:00:00'));
    });
  });

  describe('inhibition', () => {
    const cityOverdue = fired(overdueChange('overdue', { unit: '92' }));

    it("should fire a commune's overdue alert silently while the city's report of the same measure and period is overdue", () => {
      const decision = decideAlert([], changed(overdueChange('overdue'), undefined, cityOverdue), context);
      expect(decision.alert).toMatchObject({ state: 'firing', inhibitedBy: cityOverdue.id, timers: {} });
      expect(decision.alert?.notifiedAt).toBeUndefined();
      expect(decision.published.map((e) => e.type)).toEqual(['fired']);
      expect(decision.notifications).toEqual([]);
    });

    it.each([
      ['another period', overdueChange('overdue', { period: '2025-08' })],
      ['another measure', overdueChange('overdue', { measure: 'work_records.online' })],
    ])('should not inhibit %s', (_case, change) => {
      const decision = decideAlert([], changed(change, undefined, cityOverdue), context);
      expect(decision.alert?.inhibitedBy).toBeUndefined();
      expect(decision.notifications).toHaveLength(1);
    });

    it("should give the commune its first notice when the city's report arrives and its own is still late", () => {
      const silent = decideAlert([], changed(overdueChange('overdue'), undefined, cityOverdue), context);
      const cityResolved = decideAlert([cityOverdue], changed(overdueChange('overdue_cleared', { unit: '92', detectedAt: vn('2025-10-13T14:00:00') })), context)
        .alert as Alert;
      const release = decideAlert(silent.alerts, { type: 'inhibition', inhibitor: cityResolved, at: vn('2025-10-13T14:00:05') }, context);
      expect(release.alert?.inhibitedBy).toBeUndefined();
      expect(release.notifications).toMatchObject([{ reason: 'fired', audience: ['31120'], notBefore: vn('2025-10-13T14:00:05') }]);
      expect(release.alert?.timers.repeatAt).toEqual(vn('2025-10-14T14:00:05'));
    });

    it('should silence an already notified commune alert when the city becomes overdue, and resume reminders only after', () => {
      const alert = fired(overdueChange('overdue', { detectedAt: vn('2025-10-11T08:00:00') }));
      const silenced = decideAlert([alert], { type: 'inhibition', inhibitor: cityOverdue, at: vn('2025-10-11T09:00:00') }, context);
      expect(silenced.alert).toMatchObject({ inhibitedBy: cityOverdue.id, timers: {} });
      const firstNotice = decideAlert([], changed(overdueChange('overdue', { detectedAt: vn('2025-10-11T08:00:00') })), context).notifications[0];
      expect(shouldDeliver(firstNotice, silenced.alert as Alert)).toEqual({ deliver: false, reason: 'inhibited' });
      const released = decideAlert(silenced.alerts, { type: 'inhibition', at: vn('2025-10-12T09:00:00') }, context);
      expect(released.notifications).toEqual([]);
      expect(released.alert?.timers.repeatAt).toEqual(vn('2025-10-13T09:00:00'));
    });
  });

  describe('shouldDeliver', () => {
    it('should drop a held first notice once the alert was acknowledged, and always deliver a resolution', () => {
      const slip = statusChange('status_slip', { detectedAt: vn('2025-10-20T23:00:00') });
      const first = decideAlert([], changed(slip), context);
      const acknowledged = decideAlert(
        first.alerts,
        { type: 'acknowledge', alertId: first.alert?.id as string, by: 'An', at: vn('2025-10-21T06:30:00') },
        context,
      );
      expect(shouldDeliver(first.notifications[0], acknowledged.alert as Alert)).toEqual({ deliver: false, reason: 'acknowledged' });
      expect(shouldDeliver(first.notifications[0], first.alert as Alert)).toEqual({ deliver: true });
      const resolved = decideAlert(acknowledged.alerts, changed(statusChange('status_recovered', { detectedAt: vn('2025-10-22T09:00:00') })), context);
      expect(shouldDeliver(first.notifications[0], resolved.alert as Alert)).toEqual({ deliver: false, reason: 'resolved' });
      expect(shouldDeliver(resolved.notifications[0], resolved.alert as Alert)).toEqual({ deliver: true });
    });
  });

  describe('properties', () => {
    const periods = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];
    const eventArb = fc.record({
      kind: fc.constantFrom<StatusEvent['kind']>('status_slip', 'status_recovered'),
      period: fc.constantFrom(...periods),
      severity: fc.constantFrom('warning' as const, 'critical' as const),
      acknowledgeAfter: fc.boolean(),
    });

    function build(spec: { kind: StatusEvent['kind']; period: string; severity: 'warning' | 'critical' }[]): StatusChange[] {
      return spec.map((s, i) =>
        statusChange(s.kind, {
          eventId: `p-${i}`,
          period: s.period,
          severity: s.kind === 'status_recovered' ? 'info' : s.severity,
          detectedAt: new Date(Date.UTC(2026, 0, 1) + i * HOUR),
        }),
      );
    }

    it('should end in the same state, with the same publications and notifications, when events are re-delivered', () => {
      fc.assert(
        fc.property(fc.array(eventArb, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), (spec, redeliveries) => {
          const events = build(spec);
          const once: AlertInput[] = events.map((e) => changed(e, later(e.detectedAt, 0.01)));
          // Each re-delivery repeats an event already delivered, at a later position.
          const withRepeats: AlertInput[] = [];
          events.forEach((e, i) => {
            withRepeats.push(changed(e, later(e.detectedAt, 0.01)));
            for (const r of redeliveries.filter((r) => r % events.length <= i && r % 3 === i % 3)) {
              const repeated = events[r % events.length];
              withRepeats.push(changed(repeated, later(e.detectedAt, 0.02)));
            }
          });
          const a = run(once);
          const b = run(withRepeats);
          expect(b.alerts).toEqual(a.alerts);
          expect(b.decisions.flatMap((d) => d.published)).toEqual(a.decisions.flatMap((d) => d.published));
          expect(b.decisions.flatMap((d) => d.notifications)).toEqual(a.decisions.flatMap((d) => d.notifications));
        }),
        { numRuns: 300 },
      );
    });

    it('should keep at most one open alert, the latest, and unique notification ids, whatever the events, acknowledgements and ticks', () => {
      fc.assert(
        fc.property(fc.array(eventArb, { minLength: 1, maxLength: 15 }), (spec) => {
          const events = build(spec);
          const inputs: AlertInput[] = [];
          events.forEach((e, i) => {
            inputs.push(changed(e, later(e.detectedAt, 0.01)));
            inputs.push({ type: 'tick', at: later(e.detectedAt, 0.5) });
            if (spec[i].acknowledgeAfter) {
              const id = `status_slip:SOC-01:quarter:31120:2025-07:${i + 1}`;
              inputs.push({ type: 'acknowledge', alertId: id, by: 'An', at: later(e.detectedAt, 0.6) });
            }
          });
          const { alerts, decisions } = run(inputs);
          expect(alerts.filter((a) => a.state !== 'resolved').length).toBeLessThanOrEqual(1);
          alerts.slice(0, -1).forEach((a) => expect(a.state).toBe('resolved'));
          expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
          const ids = decisions.flatMap((d) => d.notifications.map((n) => n.id));
          expect(new Set(ids).size).toBe(ids.length);
          for (const d of decisions) if (d.outcome !== 'applied') expect([d.published, d.notifications]).toEqual([[], []]);
        }),
        { numRuns: 300 },
      );
    });
  });
});
