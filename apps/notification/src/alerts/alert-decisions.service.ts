import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { EntityManager } from 'typeorm';

import { AlertDecision, alertKeyText, decideAlert, isInhibitor } from '@dx/domain';
import { MetricsRegistry, OutboxWriter } from '@dx/platform';

import { ReferenceDataService } from '../reference/reference-data.service';
import { toAlertEvent } from './alert-event.util';
import { AlertsRepository } from './alerts.repository';
import { NotificationOrdersRepository } from './notification-orders.repository';

/**
 * Stores what the lifecycle decided, in the caller's transaction: the alert, its `dx.alerts.v1` events
 * (outbox) and its notification orders. When the city's overdue alert changed, the overdue alerts it
 * covers are reassessed in the same transaction (inhibition).
 */
@Injectable()
export class AlertDecisionsService {
  private readonly lifecycle: Counter<'event'>;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly orders: NotificationOrdersRepository,
    private readonly reference: ReferenceDataService,
    private readonly outbox: OutboxWriter,
    metrics: MetricsRegistry,
  ) {
    this.lifecycle = new Counter({
      name: 'dx_notification_alert_events_total',
      help: 'Alert lifecycle events published, by type',
      labelNames: ['event'],
      registers: [metrics.registry],
    });
  }

  /** Returns how many notification orders were stored. */
  async record(manager: EntityManager, decision: AlertDecision, at: Date): Promise<number> {
    if (decision.outcome !== 'applied' || !decision.alert) return 0;
    const alert = decision.alert;
    await this.alerts.save(manager, alert, at);
    await this.outbox.enqueue(
      manager,
      decision.published.map((e) => toAlertEvent(e, this.reference.messages)),
    );
    await this.orders.insert(manager, decision.notifications);
    for (const event of decision.published) this.lifecycle.inc({ event: event.type });
    let orders = decision.notifications.length;
    if (isInhibitor(alert, this.reference.hierarchies)) {
      // Passed even when resolved: that releases the alerts it held back.
      for (const key of await this.alerts.openOverdueKeysBelow(manager, alert.subject, alert.hierarchyVersion, alert.frequency, alert.unit)) {
        if (key === alertKeyText(alert)) continue;
        await this.alerts.lockKey(manager, key);
        const keyAlerts = await this.alerts.loadKey(manager, key);
        orders += await this.record(manager, decideAlert(keyAlerts, { type: 'inhibition', inhibitor: alert, at }, this.reference), at);
      }
    }
    return orders;
  }
}
