import { AlertFiredV1, decodeEvent, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, MailCatcher, MessageCollector, startMailCatcher } from '@dx/testing';

import { alertDetail, NotificationTestApp, startNotification, subscribe } from '../support/notification-test-app';
import { anOverdue, anOverdueCleared, StatusFeed } from '../support/status-feed.util';

// An overdue report at the city (the root of the 2025 version) holds back the same measure's overdue
// notifications of its wards: the city's report is the one to chase.
describe("Inhibition by the city's overdue report", () => {
  let mail: MailCatcher;
  let app: NotificationTestApp;
  let feed: StatusFeed;
  let lifecycle: MessageCollector;

  beforeAll(async () => {
    mail = await startMailCatcher();
    app = await startNotification({ SMTP_URL: mail.smtpUrl });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    lifecycle = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.alerts}`);
    await subscribe(app.http, { name: 'Sở TT&TT', email: 'cds@cantho.gov.vn', scope: { units: ['92'], includeDescendants: false }, minSeverity: 'warning' });
    await subscribe(app.http, {
      name: 'UBND Phường Cái Khế',
      email: 'caikhe@cantho.gov.vn',
      scope: { units: ['31120'], includeDescendants: false },
      minSeverity: 'warning',
    });
  });

  afterAll(async () => {
    await lifecycle?.stop();
    await feed?.close();
    await app?.close();
    await mail?.stop();
  });

  it("should fire the ward's overdue alert without notifying it while the city's is open, and notify it once the city's report arrives", async () => {
    await feed.publish(anOverdue({ unit: '92' }));
    await expectEventually(() => expect(mail.messages.map((m) => m.to[0])).toEqual(['cds@cantho.gov.vn']), { timeoutMs: 30_000 });

    await feed.publish(anOverdue({ unit: '31120' }));
    // Fired (published for reporting) but suppressed: no e-mail to the ward.
    const wardFired = await expectEventually(
      () => {
        const fired = lifecycle.messages
          .map((m) => decodeEvent(AlertFiredV1, m.value))
          .flatMap((d) => (d.ok && d.event.data.unit === '31120' ? [d.event.data] : []));
        expect(fired).toHaveLength(1);
        return fired[0];
      },
      { timeoutMs: 30_000 },
    );
    expect(wardFired.inhibitedBy).toBe('overdue:work_records.total:month:92:2025-07:1');

    // The city's report arrives: its alert resolves (the city is told) and releases the ward's (told now).
    await feed.publish(anOverdueCleared({ unit: '92' }));
    await expectEventually(
      () => {
        expect(mail.messages.map((m) => m.to[0]).sort()).toEqual(['caikhe@cantho.gov.vn', 'cds@cantho.gov.vn', 'cds@cantho.gov.vn']);
      },
      { timeoutMs: 30_000 },
    );
    const wardMail = mail.messages.find((m) => m.to[0] === 'caikhe@cantho.gov.vn');
    expect(wardMail?.subject).toMatch(/Cảnh báo mới: quá hạn báo cáo work_records\.total/);

    const ward = await alertDetail(app.http, wardFired.id);
    const types = ward.history.map((h: any) => h.type);
    expect(types.indexOf('inhibited')).toBeLessThan(types.indexOf('released'));
    expect(types.indexOf('released')).toBeLessThan(types.indexOf('notification'));
    expect(ward.history.filter((h: any) => h.type === 'notification')).toHaveLength(1);
  });
});
