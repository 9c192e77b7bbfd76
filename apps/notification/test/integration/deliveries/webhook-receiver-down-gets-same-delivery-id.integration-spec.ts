import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import request from 'supertest';

import {
  createTestDatabase,
  dropTestDatabase,
  expectEventually,
  freePort,
  getTestInfra,
  startWebhookReceiver,
  uniqueSuffix,
  WebhookReceiver,
} from '@dx/testing';

import { ADMIN_TOKEN, alertDetail, listAlerts, NotificationTestApp, startNotification, subscribe } from '../support/notification-test-app';
import { aSlip, StatusFeed } from '../support/status-feed.util';
import { hasValidSignatures } from '../support/webhook-signature.util';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const SECRET = 'portal-shared-secret-0123456789';

function webhookDeliveries(detail: any): any[] {
  return detail.history.filter((h: any) => h.type === 'notification').flatMap((n: any) => n.deliveries.filter((d: any) => d.channel === 'webhook'));
}

describe('A webhook receiver that is down', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await receiver.stop();
  });

  describe('while the service runs', () => {
    let app: NotificationTestApp;
    let feed: StatusFeed;

    afterEach(async () => {
      await feed?.close();
      await app?.close();
    });

    it('should retry with the same deliveryId until a 2xx and then stop', async () => {
      app = await startNotification({ DX_CLOCK_NOW: '' });
      feed = await StatusFeed.connect(app.brokers, app.topicPrefix);
      await subscribe(app.http, {
        name: 'Cổng dữ liệu mở',
        webhook: { url: receiver.url, secret: SECRET },
        scope: { units: ['92'], includeDescendants: true },
        minSeverity: 'critical',
      });
      receiver.answerWith(503);
      await feed.publish(aSlip());
      // Two refusals (the first retry comes within 5 s, the next within 10 s), then the receiver is back.
      await expectEventually(() => expect(receiver.requests.length).toBeGreaterThanOrEqual(2), { timeoutMs: 30_000, intervalMs: 20 });
      receiver.answerWith(200);
      await expectEventually(() => expect(receiver.requests.filter((r) => r.status === 200)).toHaveLength(1), { timeoutMs: 30_000 });

      const ids = new Set(receiver.requests.map((r) => (r.body as any).deliveryId));
      expect(ids.size).toBe(1);
      expect(receiver.requests.every((r) => r.headers['x-dx-delivery'] === [...ids][0] && hasValidSignatures(r, SECRET))).toBe(true);
      const [alert] = await listAlerts(app.http);
      const [delivery] = webhookDeliveries(await alertDetail(app.http, alert.id));
      expect(delivery).toMatchObject({ deliveryId: [...ids][0], state: 'delivered' });
      expect(delivery.attempts.map((a: any) => a.outcome)).toEqual([...receiver.requests.slice(0, -1).map(() => 'failed'), 'delivered']);
      expect(delivery.attempts[0]).toMatchObject({ statusCode: 503, error: 'HTTP 503' });
    });
  });

  describe('while the service is killed', () => {
    let databaseUrl: string;
    let child: ChildProcess | undefined;
    let feed: StatusFeed | undefined;
    const prefix = `notification-kill-${uniqueSuffix()}.`;

    const start = (port: number): ChildProcess => {
      const log = openSync(path.join(tmpdir(), `${prefix}notification.log`), 'a');
      const started = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'tools/register.cjs'), path.join(REPO_ROOT, 'apps/notification/src/main.ts')], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: databaseUrl,
          KAFKA_TOPIC_PREFIX: prefix,
          DX_ADMIN_TOKEN: ADMIN_TOKEN,
          LOG_LEVEL: 'warn',
          NOTIFICATION_PORT: String(port),
          NOTIFICATION_POLL_INTERVAL_MS: '200',
          NOTIFICATION_DIGEST_INTERVAL_MS: '0',
        },
        stdio: ['ignore', log, log],
      });
      closeSync(log);
      return started;
    };

    afterEach(async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await feed?.close();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
    });

    it('should deliver the same deliveryId once the receiver is back, after a SIGKILL and a restart', async () => {
      databaseUrl = await createTestDatabase('notification_kill');
      const port = await freePort();
      const http = `http://127.0.0.1:${port}`;
      child = start(port);
      await expectEventually(async () => expect((await request(http).get('/health/ready')).status).toBe(200), { timeoutMs: 90_000, intervalMs: 500 });
      await subscribe(http, {
        name: 'Trung tâm điều hành',
        webhook: { url: receiver.url, secret: SECRET },
        scope: { units: ['92'], includeDescendants: true },
        minSeverity: 'warning',
      });
      await receiver.down();
      feed = await StatusFeed.connect(getTestInfra().kafkaBrokers, prefix);
      await feed.publish(aSlip());

      // At least one attempt failed (connection refused) and the retry is persisted.
      const pending = await expectEventually(
        async () => {
          const [alert] = await listAlerts(http);
          const [delivery] = webhookDeliveries(await alertDetail(http, alert.id));
          expect(delivery.state).toBe('pending');
          expect(delivery.attempts.length).toBeGreaterThanOrEqual(1);
          return { alertId: alert.id, deliveryId: delivery.deliveryId };
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );

      child.kill('SIGKILL');
      await once(child, 'exit');
      await receiver.up();
      child = start(port);

      await expectEventually(() => expect(receiver.requests).toHaveLength(1), { timeoutMs: 90_000 });
      const [arrived] = receiver.requests;
      expect(arrived.headers['x-dx-delivery']).toBe(pending.deliveryId);
      expect((arrived.body as any).deliveryId).toBe(pending.deliveryId);
      expect(hasValidSignatures(arrived, SECRET)).toBe(true);
      await expectEventually(
        async () => {
          const [delivery] = webhookDeliveries(await alertDetail(http, pending.alertId));
          expect(delivery).toMatchObject({ deliveryId: pending.deliveryId, state: 'delivered' });
        },
        { timeoutMs: 30_000 },
      );
      expect(receiver.requests).toHaveLength(1);
    });
  });
});
