import request from 'supertest';

import { createServiceApp, ServiceApp } from '@dx/platform';
import { createTestDatabase, dropTestDatabase, getTestInfra, uniqueSuffix } from '@dx/testing';

import { NotificationConfig } from '../../../src/config/notification.config';
import { AppModule } from '../../../src/app.module';
import { NOTIFICATION_OPTIONS } from '../../../src/notification.options';

export const ADMIN_TOKEN = 'notification-admin-token-0123456789';
// A Tuesday, 10:00 in Vietnam: no quiet hours, no holiday (tests that need them set their own clock).
export const WORKING_HOURS = '2026-03-10T03:00:00.000Z';

/** The notification service in-process, on its own database and topic namespace. */
export interface NotificationTestApp {
  readonly service: ServiceApp<NotificationConfig>;
  /** Base URL of the listening service. */
  readonly http: string;
  readonly databaseUrl: string;
  readonly topicPrefix: string;
  readonly brokers: string[];
  /** The environment it was started with (to start it again, e.g. with a later clock). */
  readonly env: NodeJS.ProcessEnv;
  /** Stops the service; keeps the database when `keepDatabase` (a restart follows). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Starts the service. Unless given: a fresh test database, a fresh topic prefix, the test admin token,
 * a business clock at WORKING_HOURS, and a short poll interval (timers are rows; polling only finds them).
 */
export async function startNotification(env: NodeJS.ProcessEnv = {}): Promise<NotificationTestApp> {
  const { kafkaBrokers } = getTestInfra();
  const databaseUrl = env.DATABASE_URL ?? (await createTestDatabase('notification'));
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? `notification-${uniqueSuffix()}.`;
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DX_ADMIN_TOKEN: ADMIN_TOKEN,
    DX_CLOCK_NOW: WORKING_HOURS,
    NOTIFICATION_POLL_INTERVAL_MS: '200',
    NOTIFICATION_DIGEST_INTERVAL_MS: '0',
    // Tests send thousands of requests from one address; the per-address limit has its own tests (platform).
    HTTP_RATE_LIMIT_PER_MINUTE: '100000000',
    ...env,
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: topicPrefix,
  };
  const service = await createServiceApp(AppModule, NOTIFICATION_OPTIONS, merged);
  await service.app.listen(0, '127.0.0.1');
  const http = (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    service,
    http,
    databaseUrl,
    topicPrefix,
    brokers: kafkaBrokers,
    env: merged,
    close: async (options = {}) => {
      await service.close();
      if (!options.keepDatabase && !env.DATABASE_URL) await dropTestDatabase(databaseUrl);
    },
  };
}

/** Creates a subscription through the admin API; returns its id and bearer token. */
export async function subscribe(http: string, body: Record<string, unknown>): Promise<{ id: string; token: string }> {
  const response = await request(http).post('/v1/subscriptions').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body);
  if (response.status !== 201) throw new Error(`subscription not created: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, token: response.body.token };
}

/** `GET /v1/alerts/{id}` as the admin. */
export async function alertDetail(http: string, id: string): Promise<any> {
  const response = await request(http)
    .get(`/v1/alerts/${encodeURIComponent(id)}`)
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  if (response.status !== 200) throw new Error(`alert ${id}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** `GET /v1/alerts` as the admin. */
export async function listAlerts(http: string, query: Record<string, string> = {}): Promise<any[]> {
  const response = await request(http).get('/v1/alerts').query(query).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  if (response.status !== 200) throw new Error(`alerts: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.items;
}

/**
 * Stops `app` and starts the service again on the same database and topics (what a restart does to the
 * persisted timers), with `env` on top, e.g. a later DX_CLOCK_NOW. The caller drops the database.
 */
export async function restartNotification(app: NotificationTestApp, env: NodeJS.ProcessEnv = {}): Promise<NotificationTestApp> {
  await app.close({ keepDatabase: true });
  const { DATABASE_URL: _database, KAFKA_TOPIC_PREFIX: _prefix, ...rest } = app.env;
  const restarted = await startNotification({ ...rest, ...env, DATABASE_URL: app.databaseUrl, KAFKA_TOPIC_PREFIX: app.topicPrefix });
  return restarted;
}

/** An instant `hours` after `iso`. */
export function hoursAfter(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}
