import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';
import { PollingLoop } from '../scheduling/polling-loop';
import { SendWeeklyDigestsService } from './send-weekly-digests.service';

/** Looks for due weekly digests every NOTIFICATION_DIGEST_INTERVAL_MS (0: never). */
@Injectable()
export class WeeklyDigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop?: PollingLoop;

  constructor(send: SendWeeklyDigestsService, @Inject(APP_CONFIG) config: NotificationConfig, @Inject(APP_LOGGER) logger: AppLogger) {
    if (config.NOTIFICATION_DIGEST_INTERVAL_MS > 0) {
      this.loop = new PollingLoop({
        name: 'weekly-digest',
        intervalMs: config.NOTIFICATION_DIGEST_INTERVAL_MS,
        logger,
        round: async () => {
          const sent = await send.execute();
          if (sent > 0) logger.info({ sent }, 'weekly digests sent');
          return false;
        },
      });
    }
  }

  onApplicationBootstrap(): void {
    this.loop?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
