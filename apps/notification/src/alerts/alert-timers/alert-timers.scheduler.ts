import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../../config/notification.config';
import { PollingLoop } from '../../scheduling/polling-loop';
import { ScheduledLoop } from '../../scheduling/scheduled-loop';
import { TickAlertTimersService } from './tick-alert-timers.service';

/** Looks for due alert timers every poll interval; the timers themselves are rows, so they survive restarts. */
@Injectable()
export class AlertTimersScheduler extends ScheduledLoop {
  constructor(tick: TickAlertTimersService, @Inject(APP_CONFIG) config: NotificationConfig, @Inject(APP_LOGGER) logger: AppLogger) {
    super(new PollingLoop({ name: 'alert-timers', intervalMs: config.NOTIFICATION_POLL_INTERVAL_MS, logger, round: () => tick.execute() }));
  }
}
