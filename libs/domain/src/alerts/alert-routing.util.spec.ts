import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from '../units/hierarchy-registry';
import { AlertSubscription, checkSubscriptionScope, recipientsOf, RoutingContext, SubscriptionScope, webhookEventOf } from './alert-routing.util';
import { AlertKind, NotificationOrder, NotificationReason } from './alert.type';

const hierarchies = HierarchyRegistry.withDefaults();
hierarchies.activate(TWO_LEVEL_VERSION_ID);
const context: RoutingContext = { hierarchies };

function alertAt(unit: string, version: string, kind: AlertKind = 'status_slip', subject = 'SOC-01') {
  return { id: `${kind}:${subject}:quarter:${unit}:${version}:1`, kind, subject, hierarchyVersion: version };
}

function orderFor(
  alert: { id: string; hierarchyVersion: string },
  audience: string[],
  reason: NotificationReason = 'fired',
  severity: 'info' | 'warning' | 'critical' = 'warning',
): NotificationOrder {
  const at = new Date('2025-10-20T03:00:00Z');
  return {
    id: `${alert.id}/0`,
    alertId: alert.id,
    reason,
    severity,
    audience,
    hierarchyVersion: alert.hierarchyVersion,
    createdAt: at,
    notBefore: at,
    period: '2025-Q3',
  };
}

function subscription(
  id: string,
  scope: Partial<SubscriptionScope>,
  minSeverity: AlertSubscription['minSeverity'] = 'info',
  channels: AlertSubscription['channels'] = ['email', 'inbox'],
): AlertSubscription {
  return { id, scope: { units: [], includeDescendants: false, ...scope }, minSeverity, channels };
}

const ninhKieu = subscription('ninh-kieu', { units: ['916'], includeDescendants: true });
const caiKhe = subscription('cai-khe', { units: ['31120'] });
const cityOffice = subscription('city-office', { units: ['92'] });
const wholeCity = subscription('whole-city', { units: ['92'], includeDescendants: true }, 'critical', ['webhook']);
const all = [ninhKieu, caiKhe, cityOffice, wholeCity];
const receivers = (
  alert: ReturnType<typeof alertAt>,
  audience: string[],
  reason?: NotificationReason,
  severity?: 'info' | 'warning' | 'critical',
  subs = all,
) => recipientsOf(orderFor(alert, audience, reason, severity), alert, subs, context).map((r) => r.subscriptionId);

describe('recipientsOf', () => {
  it("should send a Ninh Kiều subscription the old district's commune alerts of periods before July 2025 only", () => {
    expect(receivers(alertAt('31117', THREE_LEVEL_VERSION_ID), ['31117'])).toEqual(['ninh-kieu']);
    // 916 does not exist in the 2025 version: Phường Cái Khế (31120 there) is not in its scope.
    expect(receivers(alertAt('31120', TWO_LEVEL_VERSION_ID), ['31120'])).toEqual(['cai-khe']);
  });

  it('should read a reused code in the alert’s version: 31120 was Phường An Hòa under Ninh Kiều before July 2025', () => {
    expect(receivers(alertAt('31120', THREE_LEVEL_VERSION_ID), ['31120'])).toEqual(['ninh-kieu', 'cai-khe']);
  });

  it('should send an escalation to the subscribers of the unit escalated to, e.g. the city office that does not follow communes', () => {
    const alert = alertAt('31120', TWO_LEVEL_VERSION_ID);
    expect(receivers(alert, ['92'], 'escalated')).toEqual(['city-office']);
    expect(receivers(alert, ['31120', '92'], 'resolved')).toEqual(['cai-khe', 'city-office']);
  });

  it('should respect the minimum severity, resolutions included', () => {
    const alert = alertAt('31120', TWO_LEVEL_VERSION_ID);
    expect(receivers(alert, ['31120'], 'fired', 'critical')).toEqual(['cai-khe', 'whole-city']);
    expect(receivers(alert, ['31120'], 'resolved', 'warning')).toEqual(['cai-khe']);
  });

  it('should deliver reminders and revisions by e-mail and inbox but never by webhook', () => {
    const alert = alertAt('31120', TWO_LEVEL_VERSION_ID);
    const both = subscription('both', { units: ['31120'] }, 'info', ['email', 'webhook', 'inbox']);
    expect(recipientsOf(orderFor(alert, ['31120'], 'fired'), alert, [both], context)).toEqual([
      { subscriptionId: 'both', channels: ['email', 'webhook', 'inbox'], webhookEvent: 'alert.fired' },
    ]);
    expect(recipientsOf(orderFor(alert, ['31120'], 'repeat'), alert, [both], context)).toEqual([{ subscriptionId: 'both', channels: ['email', 'inbox'] }]);
    expect(receivers(alert, ['31120'], 'revised', 'critical')).toEqual(['cai-khe']);
  });

  it.each<[string, Partial<SubscriptionScope>, string[], string[]]>([
    ['a pillar', { pillars: ['society'] }, ['SOC-01', 'households.fibre'], ['GOV-04', 'work_records.total']],
    ['an indicator', { indicators: ['GOV-04'] }, ['GOV-04', 'work_records.online'], ['GOV-01', 'households.fibre']],
    ['a pillar and an indicator', { pillars: ['government'], indicators: ['GOV-04'] }, ['GOV-04'], ['GOV-01']],
  ])('should narrow by %s, overdue reports through the indicators their measure feeds', (_case, filter, matching, other) => {
    const sub = subscription('filtered', { units: ['92'], includeDescendants: true, ...filter });
    const route = (subject: string) =>
      receivers(alertAt('31120', TWO_LEVEL_VERSION_ID, subject.includes('.') ? 'overdue' : 'status_slip', subject), ['31120'], 'fired', 'warning', [sub]);
    for (const subject of matching) expect(route(subject)).toEqual(['filtered']);
    for (const subject of other) expect(route(subject)).toEqual([]);
  });

  it('should route nothing for a unit the alert’s version does not have', () => {
    expect(receivers(alertAt('99999', TWO_LEVEL_VERSION_ID), ['99999'])).toEqual([]);
  });
});

describe('webhookEventOf', () => {
  it('should map the contract events and leave reminders and revisions out', () => {
    expect((['fired', 'worsened', 'escalated', 'resolved', 'repeat', 'revised'] as const).map(webhookEventOf)).toEqual([
      'alert.fired',
      'alert.fired',
      'alert.escalated',
      'alert.resolved',
      undefined,
      undefined,
    ]);
  });
});

describe('checkSubscriptionScope', () => {
  it('should accept a code of the old version only, and one of the new version only', () => {
    expect(checkSubscriptionScope({ units: ['916', '31135', '92'], includeDescendants: true, pillars: ['society'], indicators: ['SOC-01'] }, context)).toEqual(
      [],
    );
  });

  it('should name every problem with its path', () => {
    const problems = checkSubscriptionScope(
      { units: ['916', '12345'], includeDescendants: false, pillars: ['society', 'space' as never], indicators: ['SOC-09', 'GOV-01'] },
      context,
    );
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['unknown_unit', 'scope.units.1'],
      ['unknown_pillar', 'scope.pillars.1'],
      ['unknown_indicator', 'scope.indicators.0'],
      ['indicator_outside_pillars', 'scope.indicators.1'],
    ]);
    expect(problems[0].message).toEqual({ vi: 'Đơn vị 12345 không có trong phiên bản địa giới nào', en: 'Unit 12345 exists in no loaded hierarchy version' });
  });

  it('should refuse an empty scope', () => {
    expect(checkSubscriptionScope({ units: [], includeDescendants: true }, context).map((p) => p.code)).toEqual(['empty_scope']);
  });
});
