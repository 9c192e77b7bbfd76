import { Catalogue } from '../catalogue/catalogue';
import { PillarCode } from '../catalogue/catalogue.type';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { PILLARS } from '../catalogue/pillars.constant';
import { LocalizedText } from '../shared/localized-text.type';
import { Severity } from '../slips/slip.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { Alert, AlertKind, NotificationOrder, NotificationReason } from './alert.type';
import { severityAtLeast } from './severity.util';

/** Where a subscription is told. WARNING: stored; never rename. */
export type AlertChannel = 'email' | 'webhook' | 'inbox';

/**
 * What a subscription watches. Unit codes are read in the hierarchy version of each alert (a code
 * means a unit only within a version). `pillars` and `indicators`, when given, both narrow the scope;
 * an overdue report matches through the indicators its measure feeds.
 */
export interface SubscriptionScope {
  readonly units: readonly string[];
  readonly includeDescendants: boolean;
  readonly pillars?: readonly PillarCode[];
  readonly indicators?: readonly string[];
}

/** A subscription as routing sees it: the channels are those the subscription has set up. */
export interface AlertSubscription {
  readonly id: string;
  readonly scope: SubscriptionScope;
  readonly minSeverity: Severity;
  readonly channels: readonly AlertChannel[];
}

/** The webhook `event` of the contract. WARNING: on the wire; never rename. */
export type WebhookEvent = 'alert.fired' | 'alert.escalated' | 'alert.resolved';

/** A subscription that receives a notification, over which channels. */
export interface AlertRecipient {
  readonly subscriptionId: string;
  readonly channels: readonly AlertChannel[];
  /** Set when `channels` includes `webhook`. */
  readonly webhookEvent?: WebhookEvent;
}

/** A reason a scope cannot be stored (the HTTP layer answers 422 with these). */
export interface ScopeProblem {
  readonly code: 'empty_scope' | 'unknown_unit' | 'unknown_pillar' | 'unknown_indicator' | 'indicator_outside_pillars';
  readonly path: readonly (string | number)[];
  readonly message: LocalizedText;
}

export interface RoutingContext {
  readonly hierarchies: HierarchyRegistry;
  readonly catalogue?: Catalogue;
}

const WEBHOOK_EVENTS: Readonly<Record<NotificationReason, WebhookEvent | undefined>> = {
  fired: 'alert.fired',
  // The same alert id again with its new severity: a receiver upserts it.
  worsened: 'alert.fired',
  escalated: 'alert.escalated',
  resolved: 'alert.resolved',
  // Reminders and revisions are for people; systems already have the alert's state.
  repeat: undefined,
  revised: undefined,
};

/** The contract's webhook event for a notification reason; `undefined`: not sent by webhook. */
export function webhookEventOf(reason: NotificationReason): WebhookEvent | undefined {
  return WEBHOOK_EVENTS[reason];
}

/**
 * The subscriptions that receive `order` and their channels: the order's severity is at least the
 * subscription's minimum, the alert's indicator or measure is in scope, and one of the order's
 * audience units (the alert's unit, or the unit escalated to) is in scope in the alert's hierarchy
 * version. E-mail and inbox get every notification; a webhook only fired, escalated and resolved.
 */
export function recipientsOf(
  order: NotificationOrder,
  alert: Pick<Alert, 'id' | 'kind' | 'subject' | 'hierarchyVersion'>,
  subscriptions: readonly AlertSubscription[],
  context: RoutingContext,
): AlertRecipient[] {
  if (order.alertId !== alert.id) throw new RangeError(`notification ${order.id} is not about alert ${alert.id}`);
  const catalogue = context.catalogue ?? DEFAULT_CATALOGUE;
  const webhookEvent = webhookEventOf(order.reason);
  const recipients: AlertRecipient[] = [];
  for (const subscription of subscriptions) {
    if (!severityAtLeast(order.severity, subscription.minSeverity)) continue;
    if (!coversSubject(subscription.scope, alert, catalogue)) continue;
    if (!order.audience.some((unit) => coversUnit(subscription.scope, unit, alert.hierarchyVersion, context.hierarchies))) continue;
    const channels = [...new Set(subscription.channels)].filter((c) => c !== 'webhook' || webhookEvent !== undefined);
    if (channels.length === 0) continue;
    recipients.push({ subscriptionId: subscription.id, channels, ...(channels.includes('webhook') ? { webhookEvent } : {}) });
  }
  return recipients;
}

/**
 * True when `unit` of `hierarchyVersion` is in the scope: one of the scope's codes names it in that
 * version, or (with descendants) names one of its ancestors there. A code that does not exist in the
 * version covers nothing in it, so `916` covers Ninh Kiều's communes in periods before July 2025 only.
 */
export function coversUnit(scope: SubscriptionScope, unit: string, hierarchyVersion: string, hierarchies: HierarchyRegistry): boolean {
  const version = hierarchies.version(hierarchyVersion);
  if (!version?.has(unit)) return false;
  return scope.units.some((code) => code === unit || (scope.includeDescendants && version.has(code) && version.isDescendantOf(unit, code)));
}

/** True when the scope's pillars and indicators let through an alert about `subject` (indicator or measure). */
export function coversSubject(scope: SubscriptionScope, alert: { readonly kind: AlertKind; readonly subject: string }, catalogue: Catalogue): boolean {
  if (scope.pillars === undefined && scope.indicators === undefined) return true;
  const indicators =
    alert.kind === 'overdue' ? catalogue.indicatorsUsingMeasure(alert.subject) : [catalogue.indicator(alert.subject)].filter((i) => i !== undefined);
  return indicators.some(
    (indicator) =>
      (scope.pillars === undefined || scope.pillars.includes(indicator.pillar)) &&
      (scope.indicators === undefined || scope.indicators.includes(indicator.code)),
  );
}

/**
 * What is wrong with a scope, empty when it can be stored: at least one unit; each code exists in at
 * least one loaded hierarchy version (contract); known pillars and indicators; listed indicators inside
 * the listed pillars (else nothing would ever match).
 */
export function checkSubscriptionScope(scope: SubscriptionScope, context: RoutingContext): ScopeProblem[] {
  const catalogue = context.catalogue ?? DEFAULT_CATALOGUE;
  const problems: ScopeProblem[] = [];
  if (scope.units.length === 0) {
    problems.push({ code: 'empty_scope', path: ['scope', 'units'], message: { vi: 'Cần ít nhất một đơn vị', en: 'At least one unit is required' } });
  }
  const versions = context.hierarchies.versions();
  scope.units.forEach((code, index) => {
    if (!versions.some((v) => v.has(code))) {
      problems.push({
        code: 'unknown_unit',
        path: ['scope', 'units', index],
        message: { vi: `Đơn vị ${code} không có trong phiên bản địa giới nào`, en: `Unit ${code} exists in no loaded hierarchy version` },
      });
    }
  });
  (scope.pillars ?? []).forEach((pillar, index) => {
    if (!Object.prototype.hasOwnProperty.call(PILLARS, pillar)) {
      problems.push({ code: 'unknown_pillar', path: ['scope', 'pillars', index], message: { vi: `Không có trụ cột ${pillar}`, en: `No pillar ${pillar}` } });
    }
  });
  (scope.indicators ?? []).forEach((code, index) => {
    const indicator = catalogue.indicator(code);
    if (!indicator) {
      problems.push({
        code: 'unknown_indicator',
        path: ['scope', 'indicators', index],
        message: { vi: `Không có chỉ tiêu ${code}`, en: `No indicator ${code}` },
      });
    } else if (scope.pillars !== undefined && !scope.pillars.includes(indicator.pillar)) {
      problems.push({
        code: 'indicator_outside_pillars',
        path: ['scope', 'indicators', index],
        message: { vi: `Chỉ tiêu ${code} không thuộc các trụ cột đã chọn`, en: `Indicator ${code} is not in the listed pillars` },
      });
    }
  });
  return problems;
}
