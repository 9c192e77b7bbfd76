import { expectEventually, MailCatcher, startMailCatcher, startWebhookReceiver, WebhookReceiver } from '@dx/testing';

import { NotificationTestApp, startNotification, subscribe } from '../support/notification-test-app';
import { aRecovery, aSlip, StatusFeed } from '../support/status-feed.util';

describe('A late revision of a past period', () => {
  let mail: MailCatcher;
  let receiver: WebhookReceiver;
  let app: NotificationTestApp;
  let feed: StatusFeed;

  beforeAll(async () => {
    mail = await startMailCatcher();
    receiver = await startWebhookReceiver();
    app = await startNotification({ SMTP_URL: mail.smtpUrl });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    await subscribe(app.http, {
      name: 'UBND Phường Cái Khế',
      email: 'caikhe@cantho.gov.vn',
      webhook: { url: receiver.url, secret: 'ward-shared-secret-0123456789' },
      scope: { units: ['31120'], includeDescendants: false },
      minSeverity: 'warning',
    });
  });

  afterAll(async () => {
    await feed?.close();
    await app?.close();
    await receiver?.stop();
    await mail?.stop();
  });

  it('should tell the supervisors once, with the reason, and reopen nothing', async () => {
    await feed.publish(aSlip({ period: '2025-Q3' }));
    await expectEventually(() => expect(mail.messages).toHaveLength(1), { timeoutMs: 30_000 });
    // The next quarter is still off track: the alert moves on to 2025-Q4 without a new notification.
    await feed.publish(aSlip({ period: '2025-Q4', value: 62 }));
    // Then a late report revises 2025-Q3 (delivered twice, as Kafka may).
    const revision = { data: aSlip({ period: '2025-Q3', value: 58.2 }), id: 'status-revision-2025-q3' };
    await feed.publish(revision, revision);
    await expectEventually(() => expect(mail.messages).toHaveLength(2), { timeoutMs: 30_000 });
    expect(mail.messages[1].subject).toMatch(/^\[Nghiêm trọng\] Số liệu điều chỉnh: .*kỳ 2025-Q3 \/ \[Critical\] Revised: .*2025-Q3$/);
    expect(mail.messages[1].text).toContain('Số liệu kỳ 2025-Q3 đã được điều chỉnh sau khi có báo cáo muộn.');
    expect(mail.messages[1].text).toContain('The figures for 2025-Q3 were revised after a late report.');

    // A recovery of 2025-Q4 ends the alert: after it, the counts are final.
    await feed.publish(aRecovery({ period: '2025-Q4' }));
    await expectEventually(() => expect(mail.messages).toHaveLength(3), { timeoutMs: 30_000 });
    expect(mail.messages[2].subject).toMatch(/Đã khắc phục/);
    // Systems hear of fired and resolved only; revisions are for people.
    await expectEventually(() => expect(receiver.requests.map((r) => (r.body as any).event)).toEqual(['alert.fired', 'alert.resolved']), { timeoutMs: 30_000 });
  });
});
