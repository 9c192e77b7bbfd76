import { Alert, AlertHistoryEntry, MessageContext, nextDueAt, unitName } from '@dx/domain';

import { DeliveryRecord } from '../../deliveries/delivery.type';
import { alertFacts } from '../alert-event.util';
import { StoredOrder } from '../notification-orders.repository';

/** An alert as the API shows it. */
export function alertView(alert: Alert, context: MessageContext) {
  const { changedAt: _changedAt, ...facts } = alertFacts(alert, context, alert.lastChangeAt);
  const next = nextDueAt(alert);
  return {
    ...facts,
    unitName: unitName(alert.unit, alert.hierarchyVersion, context.hierarchies) ?? null,
    state: alert.state,
    ...(alert.acknowledgement?.note !== undefined ? { acknowledgementNote: alert.acknowledgement.note } : {}),
    ...(next ? { nextTimerAt: next.toISOString() } : {}),
  };
}

/**
 * The whole story of an alert, oldest first: what the lifecycle did (fired, worsened, acknowledged by whom,
 * escalated to which unit, inhibited, resolved how) and each notification with whom it went to, over which
 * channel, and how every attempt ended.
 */
export function alertHistory(
  alert: Alert,
  orders: readonly StoredOrder[],
  deliveries: readonly DeliveryRecord[],
  subscriptionNames: ReadonlyMap<string, string>,
  context: MessageContext,
) {
  const lifecycle = alert.history.map((entry) => ({ at: entry.at, item: lifecycleItem(entry, alert, context) }));
  const notifications = orders.map(({ order, state, dropReason, recipients, handledAt }) => ({
    at: order.createdAt,
    item: {
      type: 'notification',
      at: order.createdAt.toISOString(),
      reason: order.reason,
      severity: order.severity,
      period: order.period,
      notBefore: order.notBefore.toISOString(),
      state,
      ...(dropReason ? { dropReason } : {}),
      ...(recipients !== undefined ? { recipients } : {}),
      ...(handledAt ? { handledAt: handledAt.toISOString() } : {}),
      deliveries: deliveries
        .filter((d) => d.source === order.id)
        .map((d) => ({
          deliveryId: d.id,
          subscription: { id: d.subscriptionId, name: subscriptionNames.get(d.subscriptionId) ?? null },
          channel: d.channel,
          state: d.state,
          attempts: d.attemptLog.map((a) => ({
            attempt: a.attempt,
            at: a.at.toISOString(),
            outcome: a.outcome,
            ...(a.statusCode !== undefined ? { statusCode: a.statusCode } : {}),
            ...(a.error !== undefined ? { error: a.error } : {}),
          })),
          ...(d.state === 'pending' ? { nextAttemptAt: d.dueAt.toISOString() } : {}),
          ...(d.deliveredAt ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
        })),
    },
  }));
  return [...lifecycle, ...notifications].sort((a, b) => a.at.getTime() - b.at.getTime()).map(({ item }) => item);
}

function lifecycleItem(entry: AlertHistoryEntry, alert: Alert, context: MessageContext) {
  const at = entry.at.toISOString();
  switch (entry.type) {
    case 'escalated':
      return { ...entry, at, unitName: unitName(entry.unit, alert.hierarchyVersion, context.hierarchies) ?? null };
    default:
      return { ...entry, at };
  }
}
