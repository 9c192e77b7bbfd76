import { dropTestDatabase, expectEventually, MailCatcher, startMailCatcher, startWebhookReceiver, WebhookReceiver } from '@dx/testing';

import { listAlerts, NotificationTestApp, startNotification, subscribe } from '../support/notification-test-app';
import { aRecovery, aSlip, StatusFeed } from '../support/status-feed.util';

const WARDS = ['31135', '31120', '31147', '31150', '31174', '31168', '31183', '31186', '31201', '31153'];

// Two instances in one consumer group on one database: every alert, timer and delivery is claimed by one.
describe('Two instances', () => {
  let mail: MailCatcher;
  let receiver: WebhookReceiver;
  let first: NotificationTestApp;
  let second: NotificationTestApp;
  let feed: StatusFeed;

  beforeAll(async () => {
    mail = await startMailCatcher();
    receiver = await startWebhookReceiver();
    first = await startNotification({ SMTP_URL: mail.smtpUrl, DX_INSTANCE_ID: 'one' });
    second = await startNotification({ SMTP_URL: mail.smtpUrl, DX_INSTANCE_ID: 'two', DATABASE_URL: first.databaseUrl, KAFKA_TOPIC_PREFIX: first.topicPrefix });
    feed = await StatusFeed.connect(first.brokers, first.topicPrefix);
    await subscribe(first.http, {
      name: 'Sở TT&TT',
      email: 'cds@cantho.gov.vn',
      webhook: { url: receiver.url, secret: 'city-shared-secret-0123456789' },
      scope: { units: ['92'], includeDescendants: true },
      minSeverity: 'warning',
    });
  });

  afterAll(async () => {
    await feed?.close();
    await second?.close();
    await first?.close({ keepDatabase: true });
    if (first) await dropTestDatabase(first.databaseUrl);
    await receiver?.stop();
    await mail?.stop();
  });

  it('should notify each alert once when both instances consume, dispatch and deliver', async () => {
    const units = WARDS;
    for (const indicator of ['SOC-01', 'SOC-03']) {
      await feed.publish(...units.map((unit) => aSlip({ unit, indicator })));
    }
    await feed.publish(...units.map((unit) => aRecovery({ unit, indicator: 'SOC-01' })));
    const expected = units.length * 3;
    await expectEventually(
      () => {
        expect(mail.messages).toHaveLength(expected);
        expect(receiver.requests).toHaveLength(expected);
      },
      { timeoutMs: 60_000 },
    );
    const deliveryIds = receiver.requests.map((r) => (r.body as any).deliveryId);
    expect(new Set(deliveryIds).size).toBe(expected);
    const perAlert = new Map<string, string[]>();
    for (const r of receiver.requests) {
      const body = r.body as any;
      perAlert.set(body.alert.id, [...(perAlert.get(body.alert.id) ?? []), body.event]);
    }
    expect(perAlert.size).toBe(units.length * 2);
    for (const [id, events] of perAlert) expect(events.sort()).toEqual(id.includes('SOC-01') ? ['alert.fired', 'alert.resolved'] : ['alert.fired']);
    expect(await listAlerts(second.http, { limit: '500' })).toHaveLength(units.length * 2);
  });
});
