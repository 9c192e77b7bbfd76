import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../../config/notification.config';
import { PollingLoop } from '../../scheduling/polling-loop';
import { TickAlertTimersService } from './tick-alert-timers.service';

/** Looks for due alert timers every poll interval; the timers themselves are rows, so they survive restarts. */
@Injectable()
export class AlertTimersScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(tick: TickAlertTimersService, @Inject(APP_CONFIG) config: NotificationConfig, @Inject(APP_LOGGER) logger: AppLogger) {
    this.loop = new PollingLoop({ name: 'alert-timers', intervalMs: config.NOTIFICATION_POLL_INTERVAL_MS, logger, round: () => tick.execute() });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
