import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

import { AlertFiredV1, IndicatorComputedV1, ProducedIndicatorComputedV1, ProducedReportOverdueV1 } from '@dx/contracts';
import { HierarchyRegistry } from '@dx/domain';
import { EventPublisher, OutgoingEvent } from '@dx/messaging';
import { createServiceApp, ServiceApp } from '@dx/platform';
import { createTestDatabase, dropTestDatabase, expectEventually, getTestInfra, uniqueSuffix } from '@dx/testing';

import { ReportingConfig } from '../../../src/config/reporting.config';
import { AppModule } from '../../../src/app.module';
import { REPORTING_OPTIONS } from '../../../src/reporting.options';

// Test DSL for the reporting service: the service in-process on its own database and topic namespace,
// the events computation and notification publish, and reads of the service's own tables.

export interface ReportingTestApp {
  service: ServiceApp<ReportingConfig>;
  /** Base URL of the listening service. */
  http: string;
  close(): Promise<void>;
}

export interface ReportingTestEnv {
  databaseUrl: string;
  topicPrefix: string;
}

/** A fresh database and topic prefix for one test file. */
export async function createReportingTestEnv(name: string): Promise<ReportingTestEnv> {
  return { databaseUrl: await createTestDatabase(`reporting_${name}`), topicPrefix: `rep-${name}-${uniqueSuffix()}.` };
}

export async function dropReportingTestEnv(env: ReportingTestEnv): Promise<void> {
  await dropTestDatabase(env.databaseUrl);
}

/** Starts (or restarts) the reporting service on `env`; it listens on a free loopback port. */
export async function startReporting(env: ReportingTestEnv, extra: NodeJS.ProcessEnv = {}): Promise<ReportingTestApp> {
  const service = await createServiceApp(AppModule, REPORTING_OPTIONS, {
    ...process.env,
    DATABASE_URL: env.databaseUrl,
    KAFKA_TOPIC_PREFIX: env.topicPrefix,
    LOG_LEVEL: 'silent',
    DX_CLOCK_NOW: '2025-08-20T09:00:00+07:00',
    HTTP_RATE_LIMIT_PER_MINUTE: '100000000',
    ...extra,
  });
  await service.app.listen(0, '127.0.0.1');
  const http = await service.app.getUrl();
  return { service, http: http.replace('[::1]', '127.0.0.1'), close: () => service.close() };
}

// As computation states it: the version of the shipped hierarchies in force for the period.
const SHIPPED_HIERARCHIES = HierarchyRegistry.withDefaults();
function versionInForce(period: string): string {
  return SHIPPED_HIERARCHIES.inForce(period).id;
}

/** An `indicator computed` payload as computation publishes it. */
export function aComputedValue(overrides: Partial<ProducedIndicatorComputedV1> = {}): ProducedIndicatorComputedV1 {
  const period = overrides.period ?? '2025-Q2';
  return {
    indicator: 'SOC-01',
    unit: '31117',
    period,
    hierarchyVersion: versionInForce(period),
    value: 92,
    numerator: 4600,
    denominator: 5000,
    target: { year: 2025, op: '>', value: 90 },
    expected: 88,
    status: 'achieved',
    coverage: { reported: 1, expected: 1 },
    computedAt: new Date().toISOString(),
    ...overrides,
  };
}

type FiredIndicatorAlert = Extract<AlertFiredV1, { kind: 'status_slip' | 'regression' }>;

export function anAlert(overrides: Partial<FiredIndicatorAlert> = {}): FiredIndicatorAlert {
  const now = new Date().toISOString();
  return {
    id: `alert-${uniqueSuffix(4)}`,
    kind: 'status_slip',
    state: 'firing',
    indicator: 'SOC-01',
    unit: '31117',
    hierarchyVersion: '2024-11',
    frequency: 'quarter',
    period: '2025-Q2',
    severity: 'critical',
    status: 'off_track',
    value: 60,
    expected: 88,
    message: { vi: 'SOC-01 chậm tiến độ', en: 'SOC-01 off track' },
    firedAt: now,
    escalationLevel: 0,
    changedAt: now,
    ...overrides,
  };
}

export function anOverdueReport(overrides: Partial<ProducedReportOverdueV1> = {}): ProducedReportOverdueV1 {
  const period = overrides.period ?? '2025-Q2';
  return {
    kind: 'overdue',
    measure: 'households.fibre',
    unit: '31117',
    period,
    hierarchyVersion: versionInForce(period),
    dueDate: '2025-07-15',
    severity: 'warning',
    detectedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Publishes events to the (prefixed) topics the way computation and notification do. */
export class TopicFeed {
  readonly kafka: Kafka;
  private readonly publisher: EventPublisher;

  constructor(prefix: string) {
    this.kafka = new Kafka({ clientId: `test-feed-${uniqueSuffix(4)}`, brokers: getTestInfra().kafkaBrokers, logLevel: logLevel.NOTHING });
    this.publisher = new EventPublisher(this.kafka, '/test/feed', prefix);
  }

  async values(values: readonly ProducedIndicatorComputedV1[], ids?: readonly string[]): Promise<string[]> {
    const eventIds = values.map((_, i) => ids?.[i] ?? `value-${uniqueSuffix()}`);
    await this.publisher.publishMany(values.map((data, i) => ({ contract: IndicatorComputedV1, data, id: eventIds[i] })));
    return eventIds;
  }

  async publish(events: ReadonlyArray<OutgoingEvent<any>>): Promise<void> {
    await this.publisher.publishMany(events);
  }

  async close(): Promise<void> {
    await this.publisher.disconnect();
  }
}

/** Reads of the reporting schema. */
export class ReportingDatabase {
  private readonly client: Client;

  constructor(url: string) {
    this.client = new Client({ connectionString: url });
  }

  connect(): Promise<void> {
    return this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.client.query(`SELECT count(*)::int AS n FROM reporting.${table}`);
    return rows[0].n;
  }

  /** The read models' content, ordered, without the times reporting took things in. */
  async snapshot(): Promise<Record<string, unknown[]>> {
    const query = async (sql: string) => (await this.client.query(sql)).rows;
    return {
      values: await query(
        `SELECT hierarchy_version, indicator, unit, period, value, status, payload - 'updatedAt' AS payload FROM reporting.indicator_value ORDER BY 1, 2, 3, 4`,
      ),
      projections: await query(`SELECT * FROM reporting.indicator_projection ORDER BY 1, 2, 3`),
      alerts: await query(`SELECT id, state, payload - 'updatedAt' AS payload FROM reporting.alert ORDER BY id`),
      overdue: await query(`SELECT * FROM reporting.overdue_report ORDER BY 1, 2, 3, 4`),
    };
  }
}

/** One spec's reporting: the service on a fresh environment, a feed to the topics it reads and reads of its tables. */
export interface ReportingFixture {
  readonly env: ReportingTestEnv;
  readonly feed: TopicFeed;
  readonly db: ReportingDatabase;
  /** Base URL of the running service; throws while it is stopped. */
  readonly http: string;
  /** Stops the service; its database and topics stay for a restart. */
  stop(): Promise<void>;
  /** Starts the service again (stopping it first if it runs) on the same database and topics. */
  restart(): Promise<void>;
  /** Waits until reporting's tables hold exactly these numbers of rows, e.g. `{ indicator_value: 3 }`. */
  untilCounts(counts: Record<string, number>): Promise<void>;
  close(): Promise<void>;
}

/** Starts reporting on a fresh database and topic prefix named after `name`, with `extra` on top of its test environment. */
export async function startReportingFixture(name: string, extra: NodeJS.ProcessEnv = {}): Promise<ReportingFixture> {
  const env = await createReportingTestEnv(name);
  let app: ReportingTestApp | undefined = await startReporting(env, extra);
  const feed = new TopicFeed(env.topicPrefix);
  const db = new ReportingDatabase(env.databaseUrl);
  await db.connect();
  const stop = async () => {
    await app?.close();
    app = undefined;
  };
  return {
    env,
    feed,
    db,
    get http() {
      if (!app) throw new Error('reporting is not running');
      return app.http;
    },
    stop,
    restart: async () => {
      await stop();
      app = await startReporting(env, extra);
    },
    untilCounts: (counts) =>
      expectEventually(
        async () => {
          for (const [table, rows] of Object.entries(counts)) expect(await db.count(table)).toBe(rows);
        },
        { timeoutMs: 30_000 },
      ),
    close: async () => {
      await db.close();
      await feed.close();
      await stop();
      await dropReportingTestEnv(env);
    },
  };
}
