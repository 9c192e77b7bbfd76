import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { IndicatorStatusChangedV1, ReportOverdueV1 } from '@dx/contracts';
import { Alert, alertKeyOf, alertKeyText, decideAlert, StatusChange } from '@dx/domain';

import { ClockService } from '../../reference/clock.service';
import { ReferenceDataService } from '../../reference/reference-data.service';
import { AlertDecisionsService } from '../alert-decisions.service';
import { AlertsRepository } from '../alerts.repository';
import { NotificationDispatcher } from '../dispatch-notifications/notification-dispatcher.scheduler';
import { ProcessedEventsRepository } from '../processed-events.repository';
import { toStatusChange } from '../status-change.util';

export interface ReceivedStatusEvent {
  readonly eventId: string;
  readonly data: IndicatorStatusChangedV1 | ReportOverdueV1;
}

// A type, not an interface: it is the SliceOutcome its consumer hands to the log (an index signature).
export type ApplyStatusChangesResult = {
  readonly fresh: number;
  readonly applied: number;
  readonly notifications: number;
};

/**
 * A batch of status events, exactly once in effect: in ONE transaction the event ids are marked processed,
 * each event's key is locked, its alerts loaded and the lifecycle decided, and the alerts, their
 * `dx.alerts.v1` events (outbox) and notification orders stored. The consumer commits the offsets after;
 * a re-delivered event finds its id processed and changes nothing.
 */
@Injectable()
export class ApplyStatusChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly processed: ProcessedEventsRepository,
    private readonly alerts: AlertsRepository,
    private readonly decisions: AlertDecisionsService,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async execute(events: readonly ReceivedStatusEvent[]): Promise<ApplyStatusChangesResult> {
    if (events.length === 0) return { fresh: 0, applied: 0, notifications: 0 };
    const at = this.clock.now();
    const result = await this.dataSource.transaction(async (manager) => {
      const fresh = await this.processed.markProcessed(
        manager,
        events.map((e) => e.eventId),
      );
      const byKey = new Map<string, StatusChange[]>();
      for (const { eventId, data } of events) {
        if (!fresh.delete(eventId)) continue;
        const change = toStatusChange(data, eventId, this.reference);
        const key = alertKeyText(alertKeyOf(change));
        byKey.set(key, [...(byKey.get(key) ?? []), change]);
      }
      let applied = 0;
      let notifications = 0;
      // In key order, so that two transactions lock keys in the same order.
      for (const key of [...byKey.keys()].sort()) {
        await this.alerts.lockKey(manager, key);
        let alerts: readonly Alert[] = await this.alerts.loadKey(manager, key);
        for (const change of byKey.get(key) ?? []) {
          const inhibitor = await this.inhibitorFor(manager, change);
          const decision = decideAlert(alerts, { type: 'status_changed', change, at, ...(inhibitor ? { inhibitor } : {}) }, this.reference);
          if (decision.outcome === 'applied') applied += 1;
          notifications += await this.decisions.record(manager, decision, at);
          alerts = decision.alerts;
        }
      }
      return { fresh: [...byKey.values()].reduce((n, changes) => n + changes.length, 0), applied, notifications };
    });
    if (result.notifications > 0) this.dispatcher.wake();
    return result;
  }

  // An overdue report below the city: the city's open overdue alert of the same measure, version and
  // frequency, which may hold its notifications back.
  private async inhibitorFor(manager: EntityManager, change: StatusChange): Promise<Alert | undefined> {
    if (change.kind !== 'overdue' && change.kind !== 'overdue_cleared') return undefined;
    const root = this.reference.hierarchies.version(change.hierarchyVersion)?.root.code;
    if (!root || root === change.unit) return undefined;
    const key = alertKeyOf(change);
    return this.alerts.openAlertOf(manager, { ...key, unit: root });
  }
}
