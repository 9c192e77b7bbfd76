import { Module } from '@nestjs/common';

import { InboxModule } from '../inbox/inbox.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { ChannelRegistry } from './channel.registry';
import { EmailChannel } from './email.channel';
import { InboxChannel } from './inbox.channel';
import { WebhookChannel } from './webhook.channel';

const channels = [EmailChannel, WebhookChannel, InboxChannel];

@Module({
  imports: [SubscriptionsModule, InboxModule],
  providers: [...channels, ChannelRegistry],
  exports: [ChannelRegistry],
})
export class ChannelsModule {}
