import { Alert, AlertChannel, alertMessage, MessageContext, notificationMessage, NotificationOrder, WebhookEvent } from '@dx/domain';

import { DeliveryContent } from '../../channels/delivery-content.type';

/**
 * The contract's webhook body: `{deliveryId, event, alert: {id, kind, indicator?, measure?, unit, period,
 * severity, status?, previousStatus?, value?, expected?, target?, message, firedAt}}`, serialised once so
 * that every retry sends (and signs) the same bytes.
 */
export function webhookBody(deliveryId: string, event: WebhookEvent, order: NotificationOrder, alert: Alert, context: MessageContext): string {
  const facts = alert.facts;
  const subject = 'measure' in facts ? { measure: alert.subject } : { indicator: alert.subject };
  const standing =
    'measure' in facts
      ? {}
      : {
          status: facts.status,
          ...(facts.previousStatus !== undefined ? { previousStatus: facts.previousStatus } : {}),
          ...(facts.value !== undefined ? { value: facts.value } : {}),
          ...(facts.expected !== undefined ? { expected: facts.expected } : {}),
        };
  return JSON.stringify({
    deliveryId,
    event,
    alert: {
      id: alert.id,
      kind: alert.kind,
      ...subject,
      unit: alert.unit,
      period: alert.period,
      severity: order.severity,
      ...standing,
      message: alertMessage(alert, context),
      firedAt: alert.firedAt.toISOString(),
    },
  });
}

/** What a notification sends over one channel. */
export function notificationContent(
  channel: AlertChannel,
  deliveryId: string,
  order: NotificationOrder,
  alert: Alert,
  context: MessageContext,
  webhookEvent: WebhookEvent | undefined,
): DeliveryContent | undefined {
  switch (channel) {
    case 'webhook':
      return webhookEvent ? { channel, body: webhookBody(deliveryId, webhookEvent, order, alert, context) } : undefined;
    case 'email': {
      const message = notificationMessage(order, alert, context);
      const link = context.alertLink?.(alert.id);
      return { channel, subject: message.subjectLine, lines: message.lines, text: message.text, ...(link ? { link } : {}) };
    }
    case 'inbox': {
      const message = notificationMessage(order, alert, context);
      return { channel, subject: message.subjectLine, text: message.text };
    }
  }
}
