import { Module } from '@nestjs/common';

import { AlertsModule } from '../alerts/alerts.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { ReferenceModule } from '../reference/reference.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { DigestSentRepository } from './digest-sent.repository';
import { IndicatorValuesConsumer } from './indicator-values.consumer';
import { IndicatorValuesRepository } from './indicator-values.repository';
import { RecordIndicatorValuesService } from './record-indicator-values.service';
import { SendWeeklyDigestsService } from './send-weekly-digests.service';
import { WeeklyDigestScheduler } from './weekly-digest.scheduler';

const consumers = [IndicatorValuesConsumer];
const useCases = [RecordIndicatorValuesService, SendWeeklyDigestsService];
const schedulers = [WeeklyDigestScheduler];
const repositories = [IndicatorValuesRepository, DigestSentRepository];

/** The weekly digest per subscription, and the indicator values it reads. */
@Module({
  imports: [AlertsModule, DeliveriesModule, SubscriptionsModule, ReferenceModule],
  providers: [...consumers, ...useCases, ...schedulers, ...repositories],
})
export class DigestModule {}
