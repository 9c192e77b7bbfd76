import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { recipientsOf, shouldDeliver } from '@dx/domain';

import { DeliveriesService } from '../../deliveries/deliveries.service';
import { NewDelivery } from '../../deliveries/delivery.type';
import { ClockService } from '../../reference/clock.service';
import { ReferenceDataService } from '../../reference/reference-data.service';
import { routingSubscription } from '../../subscriptions/subscription.type';
import { SubscriptionsDirectory } from '../../subscriptions/subscriptions-directory.service';
import { AlertsRepository } from '../alerts.repository';
import { NotificationOrdersRepository } from '../notification-orders.repository';
import { notificationContent } from './notification-content.util';

const BATCH = 50;

/**
 * Notifications whose time has come (`notBefore`: quiet hours and holidays already applied): each is
 * looked at against its alert as it is now (`shouldDeliver`: dropped once acknowledged, resolved or
 * inhibited), routed to the subscriptions in scope in the alert's hierarchy version (`recipientsOf`), and
 * turned into one delivery per subscription and channel, in one transaction with the order's new state.
 */
@Injectable()
export class DispatchNotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: NotificationOrdersRepository,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: DeliveriesService,
    private readonly subscriptions: SubscriptionsDirectory,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
  ) {}

  /** Dispatches what is due; true when a full batch was claimed (more may be due). */
  async execute(): Promise<boolean> {
    const now = this.clock.now();
    const live = (await this.subscriptions.live()).map(routingSubscription);
    const { claimed, deliveries } = await this.dataSource.transaction(async (manager) => {
      const due = await this.orders.claimDue(manager, now, BATCH);
      let made = 0;
      for (const order of due) {
        const alert = await this.alerts.find(manager, order.alertId);
        if (!alert) {
          await this.orders.markDropped(manager, order.id, 'alert_missing', now);
          continue;
        }
        const verdict = shouldDeliver(order, alert);
        if (!verdict.deliver) {
          await this.orders.markDropped(manager, order.id, verdict.reason, now);
          continue;
        }
        const recipients = recipientsOf(order, alert, live, this.reference);
        const planned: NewDelivery[] = recipients.flatMap((recipient) =>
          recipient.channels.flatMap((channel) => {
            const id = randomUUID();
            const content = notificationContent(channel, id, order, alert, this.reference.messages, recipient.webhookEvent);
            return content ? [{ id, source: order.id, alertId: alert.id, subscriptionId: recipient.subscriptionId, channel, content, dueAt: now }] : [];
          }),
        );
        made += await this.deliveries.enqueue(manager, planned, now);
        await this.orders.markDispatched(manager, order.id, recipients.length, now);
      }
      return { claimed: due.length, deliveries: made };
    });
    if (deliveries > 0) this.deliveries.wake();
    return claimed === BATCH;
  }
}
