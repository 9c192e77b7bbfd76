import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';

import { nextWebhookAttempt } from '@dx/domain';
import { APP_CONFIG, APP_LOGGER, AppLogger, MetricsRegistry } from '@dx/platform';

import { ChannelRegistry } from '../channels/channel.registry';
import { ChannelResult } from '../channels/delivery-content.type';
import { NotificationConfig } from '../config/notification.config';
import { ClockService } from '../reference/clock.service';
import { ClaimedDelivery, DeliveriesRepository } from './deliveries.repository';

const BATCH = 32;

/**
 * One round of sending: claims the due deliveries (a lease, so no other instance sends them), sends each
 * over its channel, and records the attempt: delivered, failed for good, or due again after the contract's
 * back-off (first retry within 5 s, doubling, at most 15 minutes apart, for at least 24 hours) with the
 * same delivery id. A crash mid-attempt leaves the lease to lapse and the attempt is made again.
 */
@Injectable()
export class DeliverDueService {
  private readonly attempts: Counter<'channel' | 'outcome'>;
  private readonly leaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveriesRepository,
    private readonly channels: ChannelRegistry,
    private readonly clock: ClockService,
    metrics: MetricsRegistry,
    @Inject(APP_CONFIG) config: NotificationConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    this.leaseMs = config.NOTIFICATION_WEBHOOK_TIMEOUT_MS + 20_000;
    this.attempts = new Counter({
      name: 'dx_notification_delivery_attempts_total',
      help: 'Delivery attempts by channel and outcome (delivered, retry, failed)',
      labelNames: ['channel', 'outcome'],
      registers: [metrics.registry],
    });
  }

  /** Sends what is due; true when a full batch was claimed (more may be due). */
  async execute(): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await this.dataSource.transaction((manager) => this.deliveries.claimDue(manager, now, new Date(now.getTime() + this.leaseMs), BATCH));
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length === BATCH;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const at = this.clock.now();
    let result: ChannelResult;
    try {
      result = await this.channels.send(delivery.channel, {
        deliveryId: delivery.id,
        subscriptionId: delivery.subscriptionId,
        alertId: delivery.alertId,
        content: delivery.content,
        at,
      });
    } catch (error) {
      // A channel's own dependency failed (the database behind the inbox): try again later.
      result = { delivered: false, retry: true, error: error instanceof Error ? error.message.slice(0, 500) : 'error' };
    }
    const number = delivery.attempts + 1;
    const firstAttemptAt = delivery.firstAttemptAt ?? at;
    const failedAt = this.clock.now();
    const next =
      !result.delivered && result.retry
        ? nextWebhookAttempt({ failedAttempt: number, firstAttemptAt, failedAt: failedAt < firstAttemptAt ? firstAttemptAt : failedAt, random: Math.random() })
        : undefined;
    const retryAt = next?.retry ? next.at : undefined;
    await this.dataSource.transaction((manager) =>
      this.deliveries.recordAttempt(manager, {
        id: delivery.id,
        number,
        at,
        firstAttemptAt,
        outcome: result.delivered ? 'delivered' : 'failed',
        ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
        ...(!result.delivered ? { error: result.error } : {}),
        ...(retryAt ? { retryAt } : {}),
      }),
    );
    const outcome = result.delivered ? 'delivered' : retryAt ? 'retry' : 'failed';
    this.attempts.inc({ channel: delivery.channel, outcome });
    const log = {
      deliveryId: delivery.id,
      channel: delivery.channel,
      subscriptionId: delivery.subscriptionId,
      alertId: delivery.alertId,
      attempt: number,
      outcome,
    };
    if (result.delivered) this.logger.debug(log, 'delivered');
    else
      this.logger.warn(
        { ...log, error: result.error, statusCode: result.statusCode, retryAt },
        retryAt ? 'delivery failed; will retry' : 'delivery failed for good',
      );
  }
}
