import { Module } from '@nestjs/common';

import { ChannelsModule } from '../channels/channels.module';
import { ReferenceModule } from '../reference/reference.module';
import { DeliverDueService } from './deliver-due.service';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';
import { DeliveryScheduler } from './delivery.scheduler';

const useCases = [DeliverDueService];
const schedulers = [DeliveryScheduler];
const repositories = [DeliveriesRepository];

/** Sending: deliveries over the channels, retried with the contract's back-off, persisted across restarts. */
@Module({
  imports: [ChannelsModule, ReferenceModule],
  providers: [...useCases, ...schedulers, ...repositories, DeliveriesService],
  exports: [DeliveriesService],
})
export class DeliveriesModule {}
