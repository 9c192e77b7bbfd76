import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';

import { HierarchyChangedV1 } from '@dx/contracts';
import { EventPublisher } from '@dx/messaging';
import { dropTestDatabase, expectEventually, MailCatcher, startMailCatcher, uniqueSuffix } from '@dx/testing';

import {
  ADMIN_TOKEN,
  hoursAfter,
  listAlerts,
  NotificationTestApp,
  restartNotification,
  startNotification,
  WORKING_HOURS,
} from '../support/notification-test-app';
import { aSlip, StatusFeed } from '../support/status-feed.util';

// An administrator loads a version in force from 2026: a new district 999 with a new ward 31999 (carved out
// of Phường Ninh Kiều, 31135, which stays under the city). Only that version has 999 and 31999, so routing
// and escalation can reach them only through the hierarchy read from dx.reference.v1.
const VERSION_2026: HierarchyChangedV1 = {
  version: '2026-01',
  effectiveFrom: '2026-01-01',
  units: [
    { code: '92', name: 'Thành phố Cần Thơ', level: 1, parentCode: null },
    { code: '999', name: 'Quận Thử Nghiệm', level: 2, parentCode: '92' },
    { code: '31999', name: 'Phường Thử Nghiệm', level: 3, parentCode: '999', formedFrom: [{ code: '31135', whole: false }] },
    { code: '31135', name: 'Phường Ninh Kiều', level: 3, parentCode: '92', formedFrom: [{ code: '31135', whole: false }] },
  ],
  changedAt: new Date().toISOString(),
};

describe('Routing and escalation in a hierarchy version loaded at run time', () => {
  let mail: MailCatcher;
  let app: NotificationTestApp;
  let feed: StatusFeed;
  let reference: EventPublisher;

  const subscription = (name: string, email: string, units: string[], includeDescendants: boolean) => ({
    name,
    email,
    scope: { units, includeDescendants },
    minSeverity: 'warning',
  });
  const subscribeStatus = async (body: Record<string, unknown>) =>
    (await request(app.http).post('/v1/subscriptions').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body)).status;
  const recipientsOf = (unit: string) =>
    mail.messages
      .filter((m) => (m.headers['x-dx-alert'] ?? '').split(':')[3] === unit)
      .map((m) => m.to[0])
      .sort();

  beforeAll(async () => {
    mail = await startMailCatcher();
    app = await startNotification({ SMTP_URL: mail.smtpUrl, DX_CLOCK_NOW: WORKING_HOURS });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    reference = new EventPublisher(
      new Kafka({ clientId: `test-admin-${uniqueSuffix(4)}`, brokers: app.brokers, logLevel: logLevel.NOTHING }),
      '/test/ingestion',
      app.topicPrefix,
    );
  });

  afterAll(async () => {
    await reference?.disconnect();
    await feed?.close();
    await app?.close();
    if (app) await dropTestDatabase(app.databaseUrl);
    await mail?.stop();
  });

  it('should send a new ward’s alert to the subscribers of its new district, and escalate it there after a restart', async () => {
    // Before the change no loaded version has 999: a scope naming it is refused.
    expect(await subscribeStatus(subscription('Quận Thử Nghiệm', 'quan999@cantho.gov.vn', ['999'], true))).toBe(422);

    await reference.publish({ contract: HierarchyChangedV1, data: VERSION_2026 });
    await expectEventually(async () => expect(await subscribeStatus(subscription('Quận Thử Nghiệm', 'quan999@cantho.gov.vn', ['999'], true))).toBe(201), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    // The district office itself only (it hears of its wards' alerts by escalation), and Ninh Kiều, which
    // the new ward was carved out of.
    expect(await subscribeStatus(subscription('UBND Quận Thử Nghiệm', 'ubnd999@cantho.gov.vn', ['999'], false))).toBe(201);
    expect(await subscribeStatus(subscription('Phường Ninh Kiều', 'ninhkieu@cantho.gov.vn', ['31135'], true))).toBe(201);

    await feed.publish(aSlip({ unit: '31999', hierarchyVersion: '2026-01', period: '2026-Q1' }));
    await expectEventually(() => expect(recipientsOf('31999')).toEqual(['quan999@cantho.gov.vn']), { timeoutMs: 30_000 });

    // 25 h later, unacknowledged (critical: escalated after 24 h), on a restarted instance that must read the
    // version from the topic again: one level up in 2026-01 is district 999, not the city.
    app = await restartNotification(app, { DX_CLOCK_NOW: hoursAfter(WORKING_HOURS, 25) });
    await expectEventually(() => expect(recipientsOf('31999')).toContain('ubnd999@cantho.gov.vn'), { timeoutMs: 30_000 });
    const [alert] = await listAlerts(app.http, { unit: '31999' });
    expect(alert).toMatchObject({ unit: '31999', hierarchyVersion: '2026-01', escalationLevel: 1 });
    expect(recipientsOf('31999')).not.toContain('ninhkieu@cantho.gov.vn');
  });
});
