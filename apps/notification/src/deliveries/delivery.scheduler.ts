import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';
import { PollingLoop } from '../scheduling/polling-loop';
import { DeliverDueService } from './deliver-due.service';

/** Sends due deliveries: at once when this process made some, and every poll interval otherwise. */
@Injectable()
export class DeliveryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(deliverDue: DeliverDueService, @Inject(APP_CONFIG) config: NotificationConfig, @Inject(APP_LOGGER) logger: AppLogger) {
    this.loop = new PollingLoop({ name: 'deliveries', intervalMs: config.NOTIFICATION_POLL_INTERVAL_MS, logger, round: () => deliverDue.execute() });
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
