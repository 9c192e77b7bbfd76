import request from 'supertest';

import { decodeEvent, IndicatorComputedV1, TOPICS } from '@dx/contracts';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, getTestInfra, MessageCollector, uniqueSuffix } from '@dx/testing';

import { ComputationDatabase } from '../../../../computation/test/integration/support/computation-harness.util';
import { ComputationTestApp, startComputation } from '../../../../computation/test/integration/support/computation-test-app';
import { IngestionTestApp, startIngestion } from '../../../../ingestion/test/integration/ingestion-test-app';
import { NotificationTestApp, startNotification } from '../../../../notification/test/integration/support/notification-test-app';
import { ReportingTestApp, startReporting } from '../../../../reporting/test/integration/support/reporting-harness.util';

export { ADMIN_TOKEN as INGESTION_ADMIN_TOKEN } from '../../../../ingestion/test/integration/ingestion-test-app';

// The platform end to end, in-process: each service with its own test helper, all on one database (a
// schema each) and one topic namespace, so that what one publishes the next consumes.

export interface PipelineOptions {
  /** Names the database and the topic prefix. */
  name: string;
  /**
   * On top of every service's test environment. Without DX_CLOCK_NOW, computation runs on the real clock,
   * as ingestion does (and notification on its test clock, working hours).
   */
  env?: NodeJS.ProcessEnv;
  /** Starts reporting too (listening: `portal`). */
  reporting?: boolean;
  /** Starts notification too (listening: `notification.http`). */
  notification?: boolean;
}

export interface Pipeline {
  readonly prefix: string;
  readonly ingestion: IngestionTestApp;
  readonly computation: ComputationTestApp;
  /** Reads of computation's tables. */
  readonly computationDb: ComputationDatabase;
  /** Base URL of reporting; throws unless started with `reporting`. */
  readonly portal: string;
  /** Throws unless started with `notification`. */
  readonly notification: NotificationTestApp;
  /** Creates the agency VNPT Cần Thơ (households, the whole city) through the admin API; `submit` reports as it. */
  createAgency(): Promise<void>;
  /** Submits observations as the agency through ingestion's API (202). */
  submit(observations: object[]): Promise<void>;
  /** Collects dx.indicator-values.v1 from here on (and what is already there); read with `publishedValues`. */
  collectValues(): Promise<void>;
  /** The values computation published so far, in order (the latest of a unit and period last). */
  publishedValues(): IndicatorComputedV1[];
  /** Waits until computation has published a value `matches` (up to 60 s), and returns it. */
  eventuallyPublished(matches: (value: IndicatorComputedV1) => boolean): Promise<IndicatorComputedV1>;
  close(): Promise<void>;
}

export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const prefix = `e2e-${options.name}-${uniqueSuffix()}.`;
  const databaseUrl = await createTestDatabase(`e2e_${options.name}`);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COMPUTATION_OVERDUE_INTERVAL_MS: '0',
    ...options.env,
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: prefix,
  };
  // What has started, stopped in reverse order at close (or at once, when a later start fails).
  const started: Array<() => Promise<void>> = [() => dropTestDatabase(databaseUrl)];
  const stopAll = async () => {
    for (const stop of started.splice(0).reverse()) await stop();
  };
  const begin = async <T extends { close(): Promise<void> }>(start: () => Promise<T>): Promise<T> => {
    const service = await start();
    started.push(() => service.close());
    return service;
  };
  let ingestion: IngestionTestApp;
  let computation: ComputationTestApp;
  let reporting: ReportingTestApp | undefined;
  let notification: NotificationTestApp | undefined;
  const computationDb = new ComputationDatabase(databaseUrl);
  try {
    ingestion = await begin(() => startIngestion(env));
    computation = await begin(() => startComputation({ ...env, DX_CLOCK_NOW: env.DX_CLOCK_NOW }));
    if (options.reporting) reporting = await begin(() => startReporting({ databaseUrl, topicPrefix: prefix }, env));
    if (options.notification) notification = await begin(() => startNotification(env));
    await computationDb.connect();
    started.push(() => computationDb.close());
  } catch (error) {
    await stopAll();
    throw error;
  }
  let values: MessageCollector | undefined;
  let apiKey: string | undefined;

  const publishedValues = (): IndicatorComputedV1[] => {
    if (!values) throw new Error('call collectValues() first');
    return values.messages.map((m) => decodeEvent(IndicatorComputedV1, m.value)).flatMap((d) => (d.ok ? [d.event.data] : []));
  };

  return {
    prefix,
    ingestion,
    computation,
    computationDb,
    get portal() {
      if (!reporting) throw new Error('the pipeline was started without reporting');
      return reporting.http;
    },
    get notification() {
      if (!notification) throw new Error('the pipeline was started without notification');
      return notification;
    },
    createAgency: async () => {
      ({ apiKey } = await ingestion.createAgency({ code: 'vnpt', name: 'VNPT Cần Thơ', measures: ['households.*'], units: ['92'] }));
    },
    submit: async (observations) => {
      if (!apiKey) throw new Error('call createAgency() first');
      const response = await request(ingestion.http).post('/v1/observations').set('Authorization', `Bearer ${apiKey}`).send({ observations });
      expect(response.status).toBe(202);
    },
    collectValues: async () => {
      const collector = await collectMessages(getTestInfra().kafkaBrokers, `${prefix}${TOPICS.indicatorValues}`);
      started.push(() => collector.stop());
      values = collector;
    },
    publishedValues,
    eventuallyPublished: (matches) =>
      expectEventually(
        () => {
          const found = publishedValues().find(matches);
          expect(found).toBeDefined();
          return found as IndicatorComputedV1;
        },
        { timeoutMs: 60_000 },
      ),
    close: stopAll,
  };
}
