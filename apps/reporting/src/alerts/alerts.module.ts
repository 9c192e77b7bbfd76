import { Module } from '@nestjs/common';

import { ChangesModule } from '../changes/changes.module';
import { ProcessedEventsModule } from '../processed-events/processed-events.module';
import { ReferenceModule } from '../reference/reference.module';
import { AlertEventsConsumer } from './alert-events.consumer';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { ApplyAlertEventsService } from './apply-alert-events.service';
import { ListAlertsService } from './list-alerts.service';

const consumers = [AlertEventsConsumer];
const controllers = [AlertsController];
const useCases = [ApplyAlertEventsService, ListAlertsService];
const repositories = [AlertsRepository];

// dx.alerts.v1 (published by notification) → the alerts read model and GET /v1/alerts.
@Module({
  imports: [ChangesModule, ProcessedEventsModule, ReferenceModule],
  controllers: [...consumers, ...controllers],
  providers: [...useCases, ...repositories],
  exports: [ApplyAlertEventsService],
})
export class AlertsModule {}
