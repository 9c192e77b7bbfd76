import { Injectable } from '@nestjs/common';

import { InboxService } from '../inbox/inbox.service';
import { SubscriptionsDirectory } from '../subscriptions/subscriptions-directory.service';
import { ChannelDelivery, ChannelResult } from './delivery-content.type';

/** The in-app inbox: delivering is storing the message where `GET /v1/inbox` reads it. */
@Injectable()
export class InboxChannel {
  readonly name = 'inbox' as const;

  constructor(
    private readonly subscriptions: SubscriptionsDirectory,
    private readonly inbox: InboxService,
  ) {}

  async send(delivery: ChannelDelivery): Promise<ChannelResult> {
    if (delivery.content.channel !== 'inbox') return { delivered: false, retry: false, error: 'not_an_inbox_message' };
    const subscription = await this.subscriptions.find(delivery.subscriptionId);
    if (!subscription?.inbox) return { delivered: false, retry: false, error: 'subscription_without_inbox' };
    await this.inbox.store({
      subscriptionId: delivery.subscriptionId,
      deliveryId: delivery.deliveryId,
      ...(delivery.alertId ? { alertId: delivery.alertId } : {}),
      subject: delivery.content.subject,
      body: delivery.content.text,
      createdAt: delivery.at,
    });
    return { delivered: true };
  }
}
