import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { ComputationConfig } from '../config/computation.config';
import { ClockService } from '../reference/clock.service';
import { RaiseOverdueReportsService } from './raise-overdue-reports.service';

/**
 * Runs the overdue check every COMPUTATION_OVERDUE_INTERVAL_MS (the first run one interval after start,
 * so that a restarted service catches up with the observations waiting in Kafka before it urges anyone).
 * Instances may all run it: the exclusive lock and the one-row-per-report table keep announcements single.
 */
@Injectable()
export class OverdueScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly raiseOverdue: RaiseOverdueReportsService,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: Pick<ComputationConfig, 'COMPUTATION_OVERDUE_INTERVAL_MS'>,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.COMPUTATION_OVERDUE_INTERVAL_MS;
    if (interval <= 0) return;
    this.timer = setInterval(() => void this.tick(), interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    const started = Date.now();
    this.running = this.raiseOverdue
      .execute(this.clock.now())
      .then((raised) => {
        if (raised.length > 0) this.logger.info({ raised: raised.length, elapsedMs: Date.now() - started }, 'overdue reports raised');
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'overdue check failed; retrying at the next interval'))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
