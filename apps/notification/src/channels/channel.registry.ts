import { Injectable } from '@nestjs/common';

import { AlertChannel } from '@dx/domain';

import { ChannelDelivery, ChannelResult } from './delivery-content.type';
import { EmailChannel } from './email.channel';
import { InboxChannel } from './inbox.channel';
import { WebhookChannel } from './webhook.channel';

/** A way to reach a subscription. */
export interface Channel {
  readonly name: AlertChannel;
  send(delivery: ChannelDelivery): Promise<ChannelResult>;
}

/** The channels by name: what the deliveries call. */
@Injectable()
export class ChannelRegistry {
  private readonly channels: ReadonlyMap<AlertChannel, Channel>;

  constructor(email: EmailChannel, webhook: WebhookChannel, inbox: InboxChannel) {
    this.channels = new Map<AlertChannel, Channel>([email, webhook, inbox].map((c) => [c.name, c]));
  }

  send(channel: AlertChannel, delivery: ChannelDelivery): Promise<ChannelResult> {
    const found = this.channels.get(channel);
    if (!found) return Promise.resolve({ delivered: false, retry: false, error: `unknown channel ${channel}` });
    return found.send(delivery);
  }
}
