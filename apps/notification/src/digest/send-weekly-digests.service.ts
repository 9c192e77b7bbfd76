import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { buildWeeklyDigest, formatVietnamDate, nextWeeklyDigestAt, weeklyDigestMessage, weeklyDigestWindow } from '@dx/domain';

import { AlertsReader } from '../alerts/query-alerts/alerts-reader.service';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { NewDelivery } from '../deliveries/delivery.type';
import { ClockService } from '../reference/clock.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { routingSubscription } from '../subscriptions/subscription.type';
import { SubscriptionsDirectory } from '../subscriptions/subscriptions-directory.service';
import { DigestSentRepository } from './digest-sent.repository';
import { IndicatorValuesRepository } from './indicator-values.repository';

/**
 * The weekly digest of each subscription (by e-mail and inbox): who is behind, the lowest-ranked communes,
 * open and overdue alerts, what was resolved. Sent Monday 08:00 Vietnam time (or the next allowed instant)
 * for the week before, once per subscription and week (a claimed row), to subscriptions that existed in
 * that week.
 */
@Injectable()
export class SendWeeklyDigestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sent: DigestSentRepository,
    private readonly values: IndicatorValuesRepository,
    private readonly alerts: AlertsReader,
    private readonly subscriptions: SubscriptionsDirectory,
    private readonly deliveries: DeliveriesService,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
  ) {}

  /** Returns how many digests were sent. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const week = weeklyDigestWindow(now);
    if (now < nextWeeklyDigestAt(new Date(week.to.getTime() - 1))) return 0;
    // The Monday the week starts on, as a Vietnam calendar date (dd/mm/yyyy → yyyy-mm-dd).
    const weekStart = formatVietnamDate(week.from).vi.split('/').reverse().join('-');
    const done = await this.sent.sentFor(this.dataSource.manager, weekStart);
    const due = (await this.subscriptions.live()).filter((s) => (s.email || s.inbox) && s.createdAt < week.to && !done.has(s.id));
    if (due.length === 0) return 0;
    const values = await this.values.all(this.dataSource.manager);
    const alerts = await this.alerts.openOrResolvedSince(week.from);
    let sentCount = 0;
    for (const subscription of due) {
      const digest = buildWeeklyDigest({
        subscription: routingSubscription(subscription),
        values,
        alerts,
        now,
        hierarchies: this.reference.hierarchies,
        catalogue: this.reference.catalogue,
      });
      const message = weeklyDigestMessage(digest, { ...this.reference.messages, subscriptionName: subscription.name });
      const source = `digest:${weekStart}`;
      const planned: NewDelivery[] = [
        ...(subscription.email
          ? [
              {
                id: randomUUID(),
                source,
                subscriptionId: subscription.id,
                channel: 'email' as const,
                content: { channel: 'email' as const, subject: message.subjectLine, lines: message.lines, text: message.text },
                dueAt: now,
              },
            ]
          : []),
        ...(subscription.inbox
          ? [
              {
                id: randomUUID(),
                source,
                subscriptionId: subscription.id,
                channel: 'inbox' as const,
                content: { channel: 'inbox' as const, subject: message.subjectLine, text: message.text },
                dueAt: now,
              },
            ]
          : []),
      ];
      const claimed = await this.dataSource.transaction(async (manager) => {
        if (!(await this.sent.claim(manager, subscription.id, weekStart, now))) return false;
        await this.deliveries.enqueue(manager, planned, now);
        return true;
      });
      if (claimed) sentCount += 1;
    }
    if (sentCount > 0) this.deliveries.wake();
    return sentCount;
  }
}
