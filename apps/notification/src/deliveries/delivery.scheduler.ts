import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';
import { PollingLoop } from '../scheduling/polling-loop';
import { ScheduledLoop } from '../scheduling/scheduled-loop';
import { DeliverDueService } from './deliver-due.service';

/** Sends due deliveries: at once when this process made some, and every poll interval otherwise. */
@Injectable()
export class DeliveryScheduler extends ScheduledLoop {
  constructor(deliverDue: DeliverDueService, @Inject(APP_CONFIG) config: NotificationConfig, @Inject(APP_LOGGER) logger: AppLogger) {
    super(new PollingLoop({ name: 'deliveries', intervalMs: config.NOTIFICATION_POLL_INTERVAL_MS, logger, round: () => deliverDue.execute() }));
  }
}
