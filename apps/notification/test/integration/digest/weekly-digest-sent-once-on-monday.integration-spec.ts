import { encodeEvent, IndicatorComputedV1, TOPICS } from '@dx/contracts';
import { createTestKafka, dropTestDatabase, expectEventually, MailCatcher, startMailCatcher } from '@dx/testing';

import { NotificationTestApp, restartNotification, startNotification, subscribe, WORKING_HOURS } from '../support/notification-test-app';
import { aSlip, StatusFeed } from '../support/status-feed.util';

// The digest of the week 9–15 March 2026 goes out on Monday 16 March at 08:00 Vietnam time, once.
const MONDAY_08_05 = '2026-03-16T01:05:00.000Z';

describe('Weekly digest', () => {
  let mail: MailCatcher;
  let app: NotificationTestApp;
  let feed: StatusFeed;

  beforeAll(async () => {
    mail = await startMailCatcher();
    app = await startNotification({ SMTP_URL: mail.smtpUrl, DX_CLOCK_NOW: WORKING_HOURS });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
  });

  afterAll(async () => {
    await feed?.close();
    await app?.close();
    if (app) await dropTestDatabase(app.databaseUrl);
    await mail?.stop();
  });

  it('should send each subscription one digest of who is behind and the open alerts', async () => {
    const ward = await subscribe(app.http, {
      name: 'UBND Phường Cái Khế',
      email: 'caikhe@cantho.gov.vn',
      inbox: true,
      scope: { units: ['31120'], includeDescendants: false },
      minSeverity: 'warning',
    });
    await feed.publish(aSlip());
    const producer = createTestKafka({ brokers: app.brokers }).producer();
    await producer.connect();
    const value = encodeEvent(
      IndicatorComputedV1,
      {
        indicator: 'SOC-01',
        unit: '31120',
        period: '2025-Q3',
        hierarchyVersion: '2025-07',
        value: 61.5,
        expected: 88,
        status: 'off_track',
        coverage: { reported: 1, expected: 1 },
        computedAt: new Date().toISOString(),
      },
      { source: '/dx/computation' },
    );
    await producer.send({ topic: `${app.topicPrefix}${TOPICS.indicatorValues}`, messages: [value] });
    await producer.disconnect();
    await expectEventually(() => expect(mail.messages).toHaveLength(1), { timeoutMs: 30_000 });

    app = await restartNotification(app, { DX_CLOCK_NOW: MONDAY_08_05, NOTIFICATION_DIGEST_INTERVAL_MS: '200' });
    await expectEventually(() => expect(mail.messages).toHaveLength(2), { timeoutMs: 60_000 });
    const digest = mail.messages[1];
    expect(digest.to).toEqual(['caikhe@cantho.gov.vn']);
    expect(digest.subject).toMatch(
      /^Bản tin tuần 09\/03\/2026–15\/03\/2026: 1 kết quả dưới lộ trình, 1 cảnh báo đang mở, 0 báo cáo quá hạn \/ Weekly digest 9 Mar 2026 – 15 Mar 2026/,
    );
    expect(digest.text).toContain('Phường Cái Khế (31120), kỳ 2025-Q3');
    expect(digest.text).toContain('3. Cảnh báo đang mở (1):');

    // A restart the same morning sends nothing more: its digest round runs at start, well before the
    // alert of a new slip (which needs the consumer to join) is e-mailed.
    app = await restartNotification(app, { DX_CLOCK_NOW: '2026-03-16T02:00:00.000Z', NOTIFICATION_DIGEST_INTERVAL_MS: '200' });
    await feed.publish(aSlip({ indicator: 'SOC-03' }));
    await expectEventually(() => expect(mail.messages).toHaveLength(3), { timeoutMs: 60_000 });
    expect(mail.messages.filter((m) => m.subject.startsWith('Bản tin tuần'))).toHaveLength(1);
    const response = await fetch(`${app.http}/v1/inbox`, { headers: { authorization: `Bearer ${ward.token}` } });
    const { items } = (await response.json()) as { items: Array<{ subject: string }> };
    expect(items.filter((i) => i.subject.startsWith('Bản tin tuần'))).toHaveLength(1);
  });
});
