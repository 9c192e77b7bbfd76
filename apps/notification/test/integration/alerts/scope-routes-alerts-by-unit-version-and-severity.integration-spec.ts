import { expectEventually, MailCatcher, startMailCatcher } from '@dx/testing';

import { NotificationTestApp, startNotification, subscribe } from '../support/notification-test-app';
import { aSlip, StatusFeed } from '../support/status-feed.util';

// Units are read in each alert's hierarchy version: 916 (Quận Ninh Kiều) exists only before July 2025.
describe('Routing by scope', () => {
  let mail: MailCatcher;
  let app: NotificationTestApp;
  let feed: StatusFeed;

  beforeAll(async () => {
    mail = await startMailCatcher();
    app = await startNotification({ SMTP_URL: mail.smtpUrl });
    feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
    const one = (name: string, email: string, scope: Record<string, unknown>, minSeverity = 'warning') =>
      subscribe(app.http, { name, email, scope, minSeverity });
    await one('Phường Cái Khế', 'caikhe@cantho.gov.vn', { units: ['31120'], includeDescendants: false });
    await one('Phường Ninh Kiều', 'ninhkieu@cantho.gov.vn', { units: ['31135'], includeDescendants: false });
    await one('Thành phố và mọi đơn vị', 'city@cantho.gov.vn', { units: ['92'], includeDescendants: true });
    await one('Quận Ninh Kiều (cũ)', 'quan-ninhkieu@cantho.gov.vn', { units: ['916'], includeDescendants: true });
    await one('Chỉ SOC-03', 'soc03@cantho.gov.vn', { units: ['92'], includeDescendants: true, indicators: ['SOC-03'] });
    await one('Chỉ nghiêm trọng', 'critical@cantho.gov.vn', { units: ['92'], includeDescendants: true }, 'critical');
  });

  afterAll(async () => {
    await feed?.close();
    await app?.close();
    await mail?.stop();
  });

  it('should send each supervisor only the alerts of its units, indicators and severity', async () => {
    await feed.publish(
      aSlip({ unit: '31120', indicator: 'SOC-01' }),
      aSlip({ unit: '31135', indicator: 'SOC-01' }),
      aSlip({ unit: '31120', indicator: 'SOC-03', status: 'at_risk', severity: 'warning' }),
      // Phường Cái Khế of the three-level version (code 31117, in Quận Ninh Kiều), 2025-Q2.
      aSlip({ unit: '31117', hierarchyVersion: '2024-11', period: '2025-Q2', indicator: 'SOC-01' }),
    );
    const expected = {
      'caikhe@cantho.gov.vn': ['31120 SOC-01', '31120 SOC-03'],
      'ninhkieu@cantho.gov.vn': ['31135 SOC-01'],
      'city@cantho.gov.vn': ['31117 SOC-01', '31120 SOC-01', '31120 SOC-03', '31135 SOC-01'],
      'quan-ninhkieu@cantho.gov.vn': ['31117 SOC-01'],
      'soc03@cantho.gov.vn': ['31120 SOC-03'],
      'critical@cantho.gov.vn': ['31117 SOC-01', '31120 SOC-01', '31135 SOC-01'],
    };
    await expectEventually(
      () => {
        const received: Record<string, string[]> = {};
        for (const m of mail.messages) {
          const alertId = m.headers['x-dx-alert'] ?? '';
          const [, indicator, , unit] = alertId.split(':');
          (received[m.to[0]] ??= []).push(`${unit} ${indicator}`);
        }
        for (const list of Object.values(received)) list.sort();
        expect(received).toEqual(expected);
      },
      { timeoutMs: 30_000 },
    );
  });
});
