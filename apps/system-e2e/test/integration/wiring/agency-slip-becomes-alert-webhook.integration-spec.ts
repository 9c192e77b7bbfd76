import { createHmac } from 'node:crypto';

import { expectEventually, startWebhookReceiver, WebhookReceiver } from '@dx/testing';

import { subscribe } from '../../../../notification/test/integration/support/notification-test-app';
import { Pipeline, startPipeline } from '../support/pipeline.util';

// The alert path end to end: an agency's submission → ingestion → computation (a status slip on
// dx.indicator-status.v1) → notification → a signed webhook at a receiver on loopback.
describe('An agency submission that slips becoming an alert', () => {
  const secret = 'district-shared-secret-0123456789';
  let pipeline: Pipeline;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // Notification on its test clock, a Tuesday 10:00 in Vietnam: no quiet hours in the way.
    pipeline = await startPipeline({ name: 'alert', notification: true });
  });

  afterAll(async () => {
    await pipeline?.close();
    await receiver?.stop();
  });

  it('should deliver a signed alert.fired webhook for the commune whose fibre share is far behind', async () => {
    // Fails unless created (201).
    await subscribe(pipeline.notification.http, {
      name: 'UBND Quận Ninh Kiều',
      webhook: { url: receiver.url, secret },
      scope: { units: ['916'], includeDescendants: true, indicators: ['SOC-01'] },
      minSeverity: 'warning',
    });

    await pipeline.createAgency();
    // 2,000 of 5,000 households: 40 %, far behind a 2025 target above 90 %.
    await pipeline.submit([
      { measure: 'households.total', unit: '31117', period: '2025-Q2', value: 5000 },
      { measure: 'households.fibre', unit: '31117', period: '2025-Q2', value: 2000 },
    ]);

    const fired = await expectEventually(
      () => {
        const found = receiver.requests.find((r) => {
          const body = r.body as any;
          return body.event === 'alert.fired' && body.alert.unit === '31117' && body.alert.period === '2025-Q2';
        });
        expect(found).toBeDefined();
        return found as (typeof receiver.requests)[number];
      },
      { timeoutMs: 60_000 },
    );
    const body = fired.body as any;
    expect(body.alert).toMatchObject({ kind: 'status_slip', indicator: 'SOC-01', severity: 'critical', status: 'off_track', value: 40 });
    expect(body.alert.message.vi).toContain('Phường Cái Khế');
    expect(fired.headers['x-dx-signature']).toBe(`sha256=${createHmac('sha256', secret).update(fired.rawBody).digest('hex')}`);
  });
});
