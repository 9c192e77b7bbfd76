import request from 'supertest';

import { AlertFiredV1, AlertResolvedV1, decodeEvent, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, MailCatcher, MessageCollector, startMailCatcher, startWebhookReceiver, WebhookReceiver } from '@dx/testing';

import { alertDetail, NotificationTestApp, startNotification, subscribe } from '../support/notification-test-app';
import { aRecovery, aSlip, StatusFeed } from '../support/status-feed.util';
import { hasValidSignatures } from '../support/webhook-signature.util';

describe('A slip and its recovery', () => {
  const secret = 'ward-shared-secret-0123456789';
  let mail: MailCatcher;
  let receiver: WebhookReceiver;
  let app: NotificationTestApp;
  let feed: StatusFeed;
  let lifecycle: MessageCollector;
  let subscription: { id: string; token: string };

  beforeAll(async () => {
    mail = await startMailCatcher();
    receiver = await startWebhookReceiver();
    app = await startNotification({ SMTP_URL: mail.smtpUrl });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    lifecycle = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.alerts}`);
    subscription = await subscribe(app.http, {
      name: 'UBND Phường Cái Khế',
      email: 'caikhe@cantho.gov.vn',
      webhook: { url: receiver.url, secret },
      inbox: true,
      scope: { units: ['31120'], includeDescendants: false },
      minSeverity: 'warning',
    });
  });

  afterAll(async () => {
    await lifecycle?.stop();
    await feed?.close();
    await app?.close();
    await receiver?.stop();
    await mail?.stop();
  });

  it('should fire exactly one alert, one e-mail and one signed webhook when the slip arrives twice, then resolve and notify on recovery', async () => {
    const [slipId] = await feed.publish(aSlip());
    // At-least-once delivery: the same event again, and a second slip of the same key (no new alert).
    await feed.publish({ data: aSlip(), id: slipId }, aSlip({ value: 60.9 }));

    await expectEventually(
      () => {
        expect(mail.messages).toHaveLength(1);
        expect(receiver.requests).toHaveLength(1);
      },
      { timeoutMs: 30_000 },
    );

    const email = mail.messages[0];
    expect(email.to).toEqual(['caikhe@cantho.gov.vn']);
    expect(email.subject).toMatch(/^\[Nghiêm trọng\] Cảnh báo mới: .* \/ \[Critical\] New alert: /);
    expect(email.text.indexOf('Phường Cái Khế')).toBeGreaterThanOrEqual(0);
    expect(email.text.indexOf('Đơn vị:')).toBeLessThan(email.text.indexOf('Unit:'));
    expect(email.html).toContain('http://localhost:3000/?alert=');

    const webhook = receiver.requests[0];
    expect(webhook.headers['content-type']).toBe('application/json');
    expect(hasValidSignatures(webhook, secret)).toBe(true);
    expect(hasValidSignatures(webhook, 'another-secret-0123456789')).toBe(false);
    const body = webhook.body as any;
    expect(webhook.headers['x-dx-delivery']).toBe(body.deliveryId);
    expect(body.event).toBe('alert.fired');
    expect(Object.keys(body.alert).sort()).toEqual([
      'expected',
      'firedAt',
      'id',
      'indicator',
      'kind',
      'message',
      'period',
      'previousStatus',
      'severity',
      'status',
      'unit',
      'value',
    ]);
    expect(body.alert).toMatchObject({ kind: 'status_slip', indicator: 'SOC-01', unit: '31120', period: '2025-Q3', severity: 'critical', status: 'off_track' });
    expect(body.alert.message.vi).toContain('Phường Cái Khế');

    await feed.publish(aRecovery());
    await expectEventually(
      () => {
        expect(mail.messages).toHaveLength(2);
        expect(receiver.requests).toHaveLength(2);
      },
      { timeoutMs: 30_000 },
    );
    expect(mail.messages[1].subject).toMatch(/Đã khắc phục.* \/ .*Resolved/);
    const resolved = receiver.requests[1].body as any;
    expect(resolved.event).toBe('alert.resolved');
    expect(resolved.alert.id).toBe(body.alert.id);
    expect(resolved.deliveryId).not.toBe(body.deliveryId);
    expect(hasValidSignatures(receiver.requests[1], secret)).toBe(true);

    // The lifecycle on dx.alerts.v1: fired once, resolved once, keyed by the alert id.
    await expectEventually(
      () => {
        const events = lifecycle.messages.map((m) => decodeEvent([AlertFiredV1, AlertResolvedV1], m.value));
        expect(events.map((e) => e.ok && e.contract.type)).toEqual(['vn.cantho.dx.alert.fired.v1', 'vn.cantho.dx.alert.resolved.v1']);
        expect(lifecycle.messages.map((m) => m.key)).toEqual([body.alert.id, body.alert.id]);
      },
      { timeoutMs: 30_000 },
    );

    // The history: fired, notified (e-mail, webhook, inbox — all delivered), resolved, notified again.
    const detail = await alertDetail(app.http, body.alert.id);
    expect(detail.state).toBe('resolved');
    const notifications = detail.history.filter((h: any) => h.type === 'notification');
    expect(notifications.map((n: any) => n.reason)).toEqual(['fired', 'resolved']);
    for (const n of notifications) {
      expect(n.deliveries.map((d: any) => [d.channel, d.state, d.subscription.name]).sort()).toEqual([
        ['email', 'delivered', 'UBND Phường Cái Khế'],
        ['inbox', 'delivered', 'UBND Phường Cái Khế'],
        ['webhook', 'delivered', 'UBND Phường Cái Khế'],
      ]);
    }
    expect(detail.history.map((h: any) => h.type)).toEqual(expect.arrayContaining(['fired', 'updated', 'resolved']));

    const inbox = await request(app.http).get('/v1/inbox').set('Authorization', `Bearer ${subscription.token}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: any) => i.alertId)).toEqual([body.alert.id, body.alert.id]);
  });
});
