import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';

import { MetricsRegistry } from '@dx/platform';

import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryRecord, NewDelivery } from './delivery.type';
import { DeliveryScheduler } from './delivery.scheduler';

/** What other features may do with deliveries: make them (in their own transaction) and read them back. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    metrics: MetricsRegistry,
  ) {
    const repository = this.deliveries;
    const source = this.dataSource;
    new Gauge({
      name: 'dx_notification_deliveries_pending',
      help: 'Deliveries not yet made, by channel (due now or waiting for a retry)',
      labelNames: ['channel'],
      registers: [metrics.registry],
      async collect() {
        const pending = await repository.pendingByChannel(source.manager).catch(() => new Map<string, number>());
        for (const channel of ['email', 'webhook', 'inbox']) this.set({ channel }, pending.get(channel) ?? 0);
      },
    });
  }

  /** Stores deliveries inside the caller's transaction; call `wake` after the commit. */
  async enqueue(manager: EntityManager, deliveries: readonly NewDelivery[], at: Date): Promise<number> {
    return this.deliveries.insert(manager, deliveries, at);
  }

  /** Sends what just became due without waiting for the next poll. */
  wake(): void {
    this.scheduler.wake();
  }

  async ofAlerts(alertIds: readonly string[]): Promise<Array<DeliveryRecord & { alertId: string }>> {
    return this.deliveries.ofAlerts(this.dataSource.manager, alertIds);
  }
}
