import request from 'supertest';

import { AlertEscalatedV1, decodeEvent, TOPICS } from '@dx/contracts';
import {
  collectMessages,
  dropTestDatabase,
  expectEventually,
  MailCatcher,
  MessageCollector,
  startMailCatcher,
  startWebhookReceiver,
  WebhookReceiver,
} from '@dx/testing';

import {
  alertDetail,
  hoursAfter,
  listAlerts,
  NotificationTestApp,
  restartNotification,
  startNotification,
  subscribe,
  WORKING_HOURS,
} from '../support/notification-test-app';
import { aSlip, StatusFeed } from '../support/status-feed.util';

// Critical alerts: reminded every 12 h, escalated after 24 h without acknowledgement (DEFAULT_ALERT_POLICY).
// The deadline is reached by restarting the service with a later business clock: the timers are rows,
// so this also shows them surviving a restart.
describe('Alert timers across a restart', () => {
  let mail: MailCatcher;
  let receiver: WebhookReceiver;
  let app: NotificationTestApp;
  let feed: StatusFeed;
  let lifecycle: MessageCollector;
  let ward: { id: string; token: string };

  beforeAll(async () => {
    mail = await startMailCatcher();
    receiver = await startWebhookReceiver();
    app = await startNotification({ SMTP_URL: mail.smtpUrl, DX_CLOCK_NOW: WORKING_HOURS });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    lifecycle = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.alerts}`);
    ward = await subscribe(app.http, {
      name: 'UBND Phường Cái Khế',
      email: 'caikhe@cantho.gov.vn',
      scope: { units: ['31120'], includeDescendants: false },
      minSeverity: 'warning',
    });
    // The city office watches the city itself, not its wards: it hears of a ward's alert only by escalation.
    await subscribe(app.http, {
      name: 'Sở TT&TT',
      email: 'cds@cantho.gov.vn',
      webhook: { url: receiver.url, secret: 'city-shared-secret-0123456789' },
      scope: { units: ['92'], includeDescendants: false },
      minSeverity: 'warning',
    });
  });

  afterAll(async () => {
    await lifecycle?.stop();
    await feed?.close();
    await app?.close();
    if (app) await dropTestDatabase(app.databaseUrl);
    await receiver?.stop();
    await mail?.stop();
  });

  it('should remind after 12 h and escalate to the city after 24 h when unacknowledged, and stay quiet when acknowledged', async () => {
    await feed.publish(aSlip({ indicator: 'SOC-01' }), aSlip({ indicator: 'SOC-03' }));
    await expectEventually(() => expect(mail.messages.map((m) => m.to[0])).toEqual(['caikhe@cantho.gov.vn', 'caikhe@cantho.gov.vn']), { timeoutMs: 30_000 });
    const [soc01] = await listAlerts(app.http, { indicator: 'SOC-01' });
    const [soc03] = await listAlerts(app.http, { indicator: 'SOC-03' });

    // The ward acknowledges SOC-03 with its own token.
    const ack = await request(app.http)
      .post(`/v1/alerts/${encodeURIComponent(soc03.id)}/acknowledge`)
      .set('Authorization', `Bearer ${ward.token}`)
      .send({ by: 'Lê Văn Cường, Phó Chủ tịch UBND phường', note: 'Đang rà soát số hộ' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Lê Văn Cường, Phó Chủ tịch UBND phường' });
    expect(ack.body.nextTimerAt).toBeUndefined();

    // 13 h later: the unacknowledged SOC-01 is reminded, the acknowledged SOC-03 is not.
    app = await restartNotification(app, { DX_CLOCK_NOW: hoursAfter(WORKING_HOURS, 13) });
    await expectEventually(() => expect(mail.messages).toHaveLength(3), { timeoutMs: 30_000 });
    expect(mail.messages[2].subject).toMatch(/^\[Nghiêm trọng\] Nhắc lại: SOC-01 .* \/ \[Critical\] Reminder: SOC-01 /);
    expect(mail.messages[2].to).toEqual(['caikhe@cantho.gov.vn']);

    app = await restartNotification(app, { DX_CLOCK_NOW: hoursAfter(WORKING_HOURS, 25) });

    // SOC-01: escalated to the city (e-mail and webhook alert.escalated); the ward is not told again by it.
    await expectEventually(() => expect(receiver.requests).toHaveLength(1), { timeoutMs: 30_000 });
    const escalation = receiver.requests[0].body as any;
    expect(escalation).toMatchObject({ event: 'alert.escalated', alert: { id: soc01.id, unit: '31120', severity: 'critical' } });
    await expectEventually(() => expect(mail.messages.filter((m) => m.to[0] === 'cds@cantho.gov.vn')).toHaveLength(1), { timeoutMs: 30_000 });
    const cityMail = mail.messages.find((m) => m.to[0] === 'cds@cantho.gov.vn');
    expect(cityMail?.subject).toMatch(/^\[Nghiêm trọng\] Chuyển cấp: .* \/ \[Critical\] Escalated: /);
    expect(cityMail?.text).toContain('Thành phố Cần Thơ');

    await expectEventually(
      () => {
        const escalated = lifecycle.messages.map((m) => decodeEvent(AlertEscalatedV1, m.value)).filter((d) => d.ok);
        expect(escalated.map((d) => d.ok && d.event.data)).toEqual([expect.objectContaining({ id: soc01.id, escalationLevel: 1, escalatedTo: '92' })]);
      },
      { timeoutMs: 30_000 },
    );

    // Every timer of that instant has been handled (SOC-01's escalation went out): SOC-03 stayed quiet.
    const acknowledged = await alertDetail(app.http, soc03.id);
    expect(acknowledged.history.filter((h: any) => h.type === 'notification').map((n: any) => n.reason)).toEqual(['fired']);
    expect(acknowledged.history.map((h: any) => h.type)).not.toContain('repeated');
    expect(mail.messages.filter((m) => m.to[0] === 'caikhe@cantho.gov.vn')).toHaveLength(3);
    const escalatedDetail = await alertDetail(app.http, soc01.id);
    expect(escalatedDetail).toMatchObject({ state: 'firing', escalationLevel: 1 });
    expect(escalatedDetail.history.find((h: any) => h.type === 'escalated')).toMatchObject({ level: 1, unit: '92', unitName: 'Thành phố Cần Thơ' });
  });
});
