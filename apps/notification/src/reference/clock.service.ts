import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';

/**
 * The business "now" of every decision (quiet hours, reminders, escalation, retries). With DX_CLOCK_NOW
 * it starts at that instant and runs at real speed, so timers still come due (a stopped clock would
 * never reach a retry); a restart with a later DX_CLOCK_NOW is how tests jump to a deadline.
 */
@Injectable()
export class ClockService {
  private readonly offsetMs: number;

  constructor(@Inject(APP_CONFIG) config: Pick<NotificationConfig, 'DX_CLOCK_NOW'>) {
    // The config schema refuses DX_CLOCK_NOW in production.
    this.offsetMs = config.DX_CLOCK_NOW ? Date.parse(config.DX_CLOCK_NOW) - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
