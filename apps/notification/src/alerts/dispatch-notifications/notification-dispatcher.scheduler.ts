import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../../config/notification.config';
import { PollingLoop } from '../../scheduling/polling-loop';
import { DispatchNotificationsService } from './dispatch-notifications.service';

/** Dispatches due notification orders: at once when this process stored some, else every poll interval. */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(dispatch: DispatchNotificationsService, @Inject(APP_CONFIG) config: NotificationConfig, @Inject(APP_LOGGER) logger: AppLogger) {
    this.loop = new PollingLoop({ name: 'notifications', intervalMs: config.NOTIFICATION_POLL_INTERVAL_MS, logger, round: () => dispatch.execute() });
  }

  wake(): void {
    this.loop.wake();
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
