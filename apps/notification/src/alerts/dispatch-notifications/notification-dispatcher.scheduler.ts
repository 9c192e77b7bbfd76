import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../../config/notification.config';
import { PollingLoop } from '../../scheduling/polling-loop';
import { ScheduledLoop } from '../../scheduling/scheduled-loop';
import { DispatchNotificationsService } from './dispatch-notifications.service';

/** Dispatches due notification orders: at once when this process stored some, else every poll interval. */
@Injectable()
export class NotificationDispatcher extends ScheduledLoop {
  constructor(dispatch: DispatchNotificationsService, @Inject(APP_CONFIG) config: NotificationConfig, @Inject(APP_LOGGER) logger: AppLogger) {
    super(new PollingLoop({ name: 'notifications', intervalMs: config.NOTIFICATION_POLL_INTERVAL_MS, logger, round: () => dispatch.execute() }));
  }
}
