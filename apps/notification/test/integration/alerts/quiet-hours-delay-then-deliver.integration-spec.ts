import { dropTestDatabase, expectEventually, MailCatcher, startMailCatcher } from '@dx/testing';

import { alertDetail, listAlerts, NotificationTestApp, restartNotification, startNotification, subscribe } from '../support/notification-test-app';
import { aSlip, StatusFeed } from '../support/status-feed.util';

// Quiet hours are 21:00–07:00 Vietnam time (UTC+7); they hold back non-critical notifications only.
const TUESDAY_22_30 = '2026-03-10T15:30:00.000Z';
const WEDNESDAY_07_00 = '2026-03-11T00:00:00.000Z';

describe('Quiet hours', () => {
  let mail: MailCatcher;
  let app: NotificationTestApp;
  let feed: StatusFeed;

  beforeAll(async () => {
    mail = await startMailCatcher();
    app = await startNotification({ SMTP_URL: mail.smtpUrl, DX_CLOCK_NOW: TUESDAY_22_30 });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    await subscribe(app.http, {
      name: 'UBND Phường Cái Khế',
      email: 'caikhe@cantho.gov.vn',
      scope: { units: ['31120'], includeDescendants: false },
      minSeverity: 'info',
    });
  });

  afterAll(async () => {
    await feed?.close();
    await app?.close();
    if (app) await dropTestDatabase(app.databaseUrl);
    await mail?.stop();
  });

  it('should hold a warning until 07:00 and deliver it then, while a critical alert goes at once', async () => {
    await feed.publish(
      aSlip({ indicator: 'SOC-01', status: 'at_risk', severity: 'warning' }),
      aSlip({ indicator: 'SOC-03', status: 'off_track', severity: 'critical' }),
    );
    await expectEventually(
      () => expect(mail.messages.map((m) => m.subject.slice(0, 40))).toEqual([expect.stringMatching(/^\[Nghiêm trọng\] Cảnh báo mới: SOC-03/)]),
      { timeoutMs: 30_000 },
    );

    const [warning] = await listAlerts(app.http, { indicator: 'SOC-01' });
    await expectEventually(async () => {
      const held = (await alertDetail(app.http, warning.id)).history.filter((h: any) => h.type === 'notification');
      expect(held).toEqual([expect.objectContaining({ reason: 'fired', state: 'scheduled', notBefore: WEDNESDAY_07_00, deliveries: [] })]);
    });

    // The next morning (a restart: the held notification is a row, not a timer in memory).
    app = await restartNotification(app, { DX_CLOCK_NOW: '2026-03-11T00:00:05.000Z' });
    await expectEventually(() => expect(mail.messages).toHaveLength(2), { timeoutMs: 30_000 });
    expect(mail.messages[1].subject).toMatch(/^\[Cảnh báo\] Cảnh báo mới: SOC-01 .* \/ \[Warning\] New alert: SOC-01 /);
    const delivered = (await alertDetail(app.http, warning.id)).history.filter((h: any) => h.type === 'notification');
    expect(delivered).toEqual([
      expect.objectContaining({ state: 'dispatched', deliveries: [expect.objectContaining({ channel: 'email', state: 'delivered' })] }),
    ]);
  });
});
