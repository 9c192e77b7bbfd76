import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';
import { PollingLoop } from '../scheduling/polling-loop';
import { ScheduledLoop } from '../scheduling/scheduled-loop';
import { SendWeeklyDigestsService } from './send-weekly-digests.service';

/** Looks for due weekly digests every NOTIFICATION_DIGEST_INTERVAL_MS (0: never). */
@Injectable()
export class WeeklyDigestScheduler extends ScheduledLoop {
  constructor(send: SendWeeklyDigestsService, @Inject(APP_CONFIG) config: NotificationConfig, @Inject(APP_LOGGER) logger: AppLogger) {
    super(
      config.NOTIFICATION_DIGEST_INTERVAL_MS > 0
        ? new PollingLoop({
            name: 'weekly-digest',
            intervalMs: config.NOTIFICATION_DIGEST_INTERVAL_MS,
            logger,
            round: async () => {
              const sent = await send.execute();
              if (sent > 0) logger.info({ sent }, 'weekly digests sent');
              return false;
            },
          })
        : undefined,
    );
  }
}
