import request from 'supertest';

import { ServiceApp, createServiceApp } from '@dx/platform';
import { createTestDatabase, dropTestDatabase, uniqueSuffix } from '@dx/testing';

import { IngestionConfig } from '../../src/config/ingestion.config';
import { AppModule } from '../../src/app.module';
import { INGESTION_OPTIONS } from '../../src/ingestion.options';

export const ADMIN_TOKEN = 'integration-admin-token-0123456789';

/** The ingestion service in-process, on its own database and topic namespace. */
export interface IngestionTestApp {
  service: ServiceApp<IngestionConfig>;
  /** Base URL of the listening service (one server for all requests, as in production). */
  http: string;
  databaseUrl: string;
  topicPrefix: string;
  brokers: string[];
  /** Creates an agency through the admin API; returns its API key. */
  createAgency(body: { code?: string; name?: string; measures: string[]; units: string[] }): Promise<{ code: string; apiKey: string; keyId: string }>;
  close(): Promise<void>;
}

export async function startIngestion(env: NodeJS.ProcessEnv = {}): Promise<IngestionTestApp> {
  const databaseUrl = env.DATABASE_URL ?? (await createTestDatabase('ingestion'));
  // A restarted instance passes the first one's DATABASE_URL and KAFKA_TOPIC_PREFIX.
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? `ingestion-${uniqueSuffix()}.`;
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DX_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    // Tests send hundreds of requests, many with bad credentials, from one address; those of the limits set their own.
    HTTP_RATE_LIMIT_PER_MINUTE: '100000000',
    INGESTION_AUTH_FAILURES_PER_MINUTE: '100000000',
    INGESTION_READ_RATE_LIMIT_PER_MINUTE: '100000000',
    INGESTION_ADMIN_RATE_LIMIT_PER_MINUTE: '100000000',
    ...env,
    KAFKA_TOPIC_PREFIX: topicPrefix,
  };
  const service = await createServiceApp(AppModule, INGESTION_OPTIONS, merged);
  await service.app.listen(0, '127.0.0.1');
  const http = await service.app.getUrl();
  return {
    service,
    http,
    databaseUrl,
    topicPrefix,
    brokers: (merged.KAFKA_BROKERS ?? '').split(','),
    createAgency: async (body) => {
      const code = body.code ?? `agency-${uniqueSuffix(3)}`;
      const response = await request(http)
        .post('/v1/agencies')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name: `Cơ quan ${code}`, ...body, code });
      if (response.status !== 201) throw new Error(`agency not created: ${response.status} ${JSON.stringify(response.body)}`);
      return { code, apiKey: response.body.apiKey, keyId: response.body.keyId };
    },
    close: async () => {
      await service.close();
      if (!env.DATABASE_URL) await dropTestDatabase(databaseUrl);
    },
  };
}
