import { Module } from '@nestjs/common';

import { OutboxModule } from '@dx/platform';

import { DeliveriesModule } from '../deliveries/deliveries.module';
import { ReferenceModule } from '../reference/reference.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { AcknowledgeAlertService } from './acknowledge-alert/acknowledge-alert.service';
import { AlertDecisionsService } from './alert-decisions.service';
import { AlertTimersScheduler } from './alert-timers/alert-timers.scheduler';
import { TickAlertTimersService } from './alert-timers/tick-alert-timers.service';
import { AlertsRepository } from './alerts.repository';
import { ApplyStatusChangesService } from './apply-status-changes/apply-status-changes.service';
import { StatusChangedConsumer } from './apply-status-changes/status-changed.consumer';
import { DispatchNotificationsService } from './dispatch-notifications/dispatch-notifications.service';
import { NotificationDispatcher } from './dispatch-notifications/notification-dispatcher.scheduler';
import { NotificationOrdersRepository } from './notification-orders.repository';
import { ProcessedEventsRepository } from './processed-events.repository';
import { AlertsController } from './query-alerts/alerts.controller';
import { AlertsReader } from './query-alerts/alerts-reader.service';
import { QueryAlertsService } from './query-alerts/query-alerts.service';

const consumers = [StatusChangedConsumer];
const controllers = [AlertsController];
const useCases = [
  ApplyStatusChangesService,
  AcknowledgeAlertService,
  TickAlertTimersService,
  DispatchNotificationsService,
  QueryAlertsService,
  AlertDecisionsService,
];
const schedulers = [AlertTimersScheduler, NotificationDispatcher];
const repositories = [AlertsRepository, NotificationOrdersRepository, ProcessedEventsRepository];

/**
 * Alerts from `dx.indicator-status.v1`: the lifecycle (libs/domain `decideAlert`), its timers, its
 * `dx.alerts.v1` events, the dispatch of its notifications into deliveries, and the alerts API.
 */
@Module({
  imports: [SubscriptionsModule, DeliveriesModule, ReferenceModule, OutboxModule],
  controllers: [...consumers, ...controllers],
  providers: [...useCases, ...schedulers, ...repositories, AlertsReader],
  exports: [AlertsReader],
})
export class AlertsModule {}
