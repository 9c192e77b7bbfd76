import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { decideAlert, nextDueAt } from '@dx/domain';
import { APP_LOGGER, AppLogger } from '@dx/platform';

import { ClockService } from '../../reference/clock.service';
import { ReferenceDataService } from '../../reference/reference-data.service';
import { AlertDecisionsService } from '../alert-decisions.service';
import { AlertsRepository } from '../alerts.repository';
import { NotificationDispatcher } from '../dispatch-notifications/notification-dispatcher.scheduler';

const BATCH = 50;
const HOUR_MS = 3_600_000;

/**
 * Fires the alert timers that came due (reminders, escalations, the end of regression alerts). Each key
 * is handled in its own transaction under the key's lock, taken without waiting: another instance that
 * holds it is handling that key, and the timer it moves is re-read before anything fires, so a timer
 * never fires twice.
 */
@Injectable()
export class TickAlertTimersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsRepository,
    private readonly decisions: AlertDecisionsService,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
    private readonly dispatcher: NotificationDispatcher,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  /** Fires what is due; true when a full batch of keys was due (more may be). */
  async execute(): Promise<boolean> {
    const now = this.clock.now();
    const keys = await this.alerts.dueKeys(this.dataSource.manager, now, BATCH);
    let notifications = 0;
    for (const key of keys) {
      notifications += await this.dataSource.transaction(async (manager) => {
        if (!(await this.alerts.tryLockKey(manager, key))) return 0;
        const alerts = await this.alerts.loadKey(manager, key);
        const open = alerts.at(-1);
        const due = open ? nextDueAt(open) : undefined;
        if (!due || due > now) return 0;
        const decision = decideAlert(alerts, { type: 'tick', at: now }, this.reference);
        if (decision.outcome !== 'applied') {
          // A timer the lifecycle has nothing to do for (e.g. the hierarchy changed under it): look again later.
          this.logger.warn({ alertKey: key, due }, 'alert timer due without effect; postponed by an hour');
          await this.alerts.postponeTimer(manager, key, now, new Date(now.getTime() + HOUR_MS));
          return 0;
        }
        return this.decisions.record(manager, decision, now);
      });
    }
    if (notifications > 0) this.dispatcher.wake();
    return keys.length === BATCH;
  }
}
