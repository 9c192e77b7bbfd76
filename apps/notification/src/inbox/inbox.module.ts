import { Module } from '@nestjs/common';

import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { InboxController } from './inbox.controller';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';

@Module({
  imports: [SubscriptionsModule],
  controllers: [InboxController],
  providers: [InboxService, InboxRepository],
  exports: [InboxService],
})
export class InboxModule {}
