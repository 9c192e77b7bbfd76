import { randomBytes } from 'node:crypto';

import { INestApplicationContext } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { z } from 'zod';

import { CONTRACTS_BY_TOPIC, decodeEvent, TOPICS } from '@dx/contracts';
import { computeIndicators, referenceChangeOf } from '@dx/domain';
import { consumerGroupId, decoderForTopic, setGroupOffsets, TopicFollower } from '@dx/messaging';
import { AppLogger, createServiceContext, queryRows, ServiceContext } from '@dx/platform';

import { COMPUTATION_OPTIONS } from '../computation.options';
import { ComputationConfig } from '../config/computation.config';
import { FactStore, RecordedObservation } from '../facts/fact-store.port';
import { FactsModule } from '../facts/facts.module';
import { IndicatorValueStore } from '../indicators/indicator-value-store.port';
import { IndicatorValuesModule } from '../indicators/indicator-values.module';
import { planRecompute } from '../indicators/recompute-plan.util';
import { OverdueReports } from '../overdue/overdue-reports.port';
import { OverdueReportsModule } from '../overdue/overdue-reports.module';
import { raiseOverdue } from '../overdue/raise-overdue-reports.service';
import { ClockService } from '../reference/clock.service';
import { ReferenceDataModule } from '../reference/reference-data.module';
import { ReferenceDataService } from '../reference/reference-data.service';
import { ProgressBar } from './progress-bar.util';
import { RebuildConflict, runningLockRow, TAKE_RUNNING_LOCK_EXCLUSIVE_SQL } from './running-lock';

export interface RebuildSummary {
  messages: number;
  facts: number;
  values: number;
  elapsedMs: number;
}

// The outbox is not among them: the rebuild runs only when it is empty. Parked events stay for operators.
const TABLES = ['observation_fact', 'processed_event', 'indicator_value', 'overdue_report'];
const SAVE_CHUNK = 5_000;

/**
 * Drops this service's state and rebuilds it from the start of dx.observations.v1: every fact (highest
 * revision wins), then every indicator value the facts affect, computed once from all of them — the
 * values incremental processing ends with. Nothing is published: consumers already have these values
 * and status events, and announcing old slips again would page supervisors twice. Reports overdue at
 * `now` are recorded as already announced, for the same reason. Finally the service's consumer group is
 * moved to where the rebuild stopped, so the service goes on from there.
 * It refuses, changing nothing, while any instance of the service runs (the running lock, held by every
 * instance; and the consumer group's members) or while the outbox holds events not yet published: those
 * are the service's output that consumers have not had, and the rebuild would not publish them again.
 */
export class RebuildService {
  private readonly dataSource: DataSource;
  private readonly facts: FactStore;
  private readonly values: IndicatorValueStore;
  private readonly overdue: OverdueReports;
  private readonly reference: ReferenceDataService;
  private readonly clock: ClockService;
  private readonly config: ComputationConfig;
  private readonly logger: AppLogger;

  /**
   * `service` and `app` come from `createServiceContext` with REBUILD_MODULES: the database is migrated, and the
   * reference data are the platform defaults until the rebuild reads dx.reference.v1 into them.
   */
  constructor(
    private readonly service: ServiceContext<ComputationConfig>,
    app: INestApplicationContext,
    private readonly progress: NodeJS.WritableStream & { isTTY?: boolean },
  ) {
    this.dataSource = app.get(DataSource);
    this.facts = app.get(FactStore);
    this.values = app.get(IndicatorValueStore);
    this.overdue = app.get(OverdueReports);
    this.reference = app.get(ReferenceDataService);
    this.clock = app.get(ClockService);
    this.config = service.config;
    this.logger = service.logger;
  }

  async run(): Promise<RebuildSummary> {
    const started = Date.now();
    const { kafka } = this.service;
    const { dataSource } = this;
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    const serviceGroup = consumerGroupId(prefix, 'computation');
    const topic = `${prefix}${TOPICS.observations}`;
    // Held until the end, on a connection of its own: no instance starts while the rebuild works.
    const lock = new Client({ connectionString: this.config.DATABASE_URL, connectionTimeoutMillis: 5_000 });
    await lock.connect();
    const admin = kafka.admin();
    try {
      const [{ locked }] = await queryRows(lock, runningLockRow, TAKE_RUNNING_LOCK_EXCLUSIVE_SQL);
      if (!locked) {
        throw new RebuildConflict(
          'Dịch vụ tính toán đang chạy (ít nhất một phiên bản giữ khoá computation:running): dừng mọi phiên bản trước khi dựng lại / ' +
            'the computation service is running (an instance holds the computation:running lock): stop every instance before a rebuild',
        );
      }
      await admin.connect();
      const [group] = (await admin.describeGroups([serviceGroup])).groups;
      if (group && group.members.length > 0) {
        throw new RebuildConflict(
          `Dịch vụ tính toán đang chạy (${group.members.length} thành viên trong ${serviceGroup}) / ` +
            `the computation service is running (${group.members.length} member(s) in ${serviceGroup}): stop it before a rebuild`,
        );
      }
      const [{ unpublished }] = await queryRows(
        dataSource,
        z.object({ unpublished: z.number() }),
        `SELECT count(*)::int AS unpublished FROM computation.outbox_event`,
      );
      if (unpublished > 0) {
        throw new RebuildConflict(
          `Hộp thư đi còn ${unpublished} sự kiện chưa gửi lên Kafka: khởi động dịch vụ (Kafka phải chạy) cho đến khi gửi hết, dừng nó, rồi dựng lại / ` +
            `the outbox holds ${unpublished} event(s) not yet published to Kafka: start the service (with Kafka up) until they are published, stop it, then rebuild`,
        );
      }
      await this.loadReferenceData(kafka);
      const ends = await admin.fetchTopicOffsets(topic);
      await dataSource.query(`TRUNCATE ${TABLES.map((t) => `computation.${t}`).join(', ')}`);
      const messages = await this.loadFacts(kafka, dataSource, topic, ends);
      const values = await this.computeValues(dataSource);
      await dataSource.transaction((manager) =>
        raiseOverdue(manager, this.overdue, this.reference, this.clock.now(), this.config.COMPUTATION_OVERDUE_LOOKBACK_MONTHS),
      );
      // One join with a short fetch wait: kafkajs' admin.setOffsets waits out a 5 s fetch (ADR 0022).
      await setGroupOffsets(kafka, serviceGroup, [{ topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) }]);
      const [{ n: facts }] = await queryRows(dataSource, z.object({ n: z.number() }), `SELECT count(*)::int AS n FROM computation.observation_fact`);
      return { messages, facts, values, elapsedMs: Date.now() - started };
    } finally {
      await admin.disconnect().catch(() => undefined);
      await lock.end();
    }
  }

  // The values are rebuilt with the reference data administrators set, as the running service computes them.
  private async loadReferenceData(kafka: Kafka): Promise<void> {
    // Declared apart: TypeScript does not infer the follower's event type from a generic call inside the options.
    const decode = decoderForTopic(TOPICS.reference);
    const follower = new TopicFollower({
      kafka,
      topic: `${this.config.KAFKA_TOPIC_PREFIX}${TOPICS.reference}`,
      groupId: consumerGroupId(this.config.KAFKA_TOPIC_PREFIX, 'computation', `rebuild-reference-${randomBytes(4).toString('hex')}`),
      decode,
      apply: ({ event }) => {
        const problems = this.reference.apply(referenceChangeOf(event.data));
        if (problems.length > 0) this.logger.error({ problems: problems.map((p) => p.message) }, 'reference data change refused');
      },
      logger: this.logger,
    });
    await follower.start();
    await follower.stop();
  }

  // Reads the topic from the beginning up to the end offsets seen at the start, with a throw-away group.
  private async loadFacts(
    kafka: Kafka,
    dataSource: DataSource,
    topic: string,
    ends: ReadonlyArray<{ partition: number; low: string; high: string }>,
  ): Promise<number> {
    const remaining = new Map(ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
    const total = ends.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
    const bar = new ProgressBar(this.progress, 'observations', total);
    if (remaining.size === 0) {
      bar.finish(0);
      return 0;
    }
    const groupId = consumerGroupId(this.config.KAFKA_TOPIC_PREFIX, 'computation', `rebuild-${randomBytes(4).toString('hex')}`);
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, maxBytes: 64 * 1024 * 1024, allowAutoTopicCreation: false });
    const contracts = CONTRACTS_BY_TOPIC[TOPICS.observations];
    let consumed = 0;
    let finished!: () => void;
    let failed!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      finished = resolve;
      failed = reject;
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        try {
          const end = remaining.get(batch.partition);
          if (end === undefined) return;
          const observations: RecordedObservation[] = [];
          let last = -1n;
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= end) break;
            last = BigInt(message.offset);
            consumed++;
            // Messages that do not decode were dead-lettered by the service; they are skipped here too.
            const decoded = decodeEvent(contracts, message.value);
            if (decoded.ok) observations.push({ eventId: decoded.event.id, data: decoded.event.data });
          }
          await dataSource.transaction((manager) => this.facts.record(manager, observations, this.reference.hierarchies));
          bar.update(consumed);
          if (last + 1n >= end) remaining.delete(batch.partition);
          if (remaining.size === 0) finished();
        } catch (error) {
          failed(error);
          throw error;
        }
      },
    });
    try {
      await done;
    } finally {
      await consumer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    }
    bar.finish(consumed);
    return consumed;
  }

  private async computeValues(dataSource: DataSource): Promise<number> {
    const { catalogue, hierarchies } = this.reference;
    const { facts, coordinates } = await this.facts.loadAll(dataSource.manager);
    const { refs } = planRecompute(catalogue, hierarchies, coordinates, this.clock.now());
    const bar = new ProgressBar(this.progress, 'indicator values', refs.length);
    const computedAt = new Date();
    let count = 0;
    for (let i = 0; i < refs.length; i += SAVE_CHUNK) {
      const values = computeIndicators(catalogue, hierarchies, facts, refs.slice(i, i + SAVE_CHUNK));
      await dataSource.transaction((manager) => this.values.save(manager, values, computedAt));
      count += values.length;
      bar.update(count);
    }
    bar.finish(count);
    return count;
  }
}

/**
 * What the rebuild works with, from the features' own modules: their stores, the reference data and the clock,
 * and nothing that works in the background (no consumer, outbox relay, overdue scheduler or reference follower).
 */
export const REBUILD_MODULES = [FactsModule, IndicatorValuesModule, OverdueReportsModule, ReferenceDataModule];

/**
 * Runs a rebuild in the computation service's own context (configuration from `env`, logger, Kafka client,
 * migrated database) with REBUILD_MODULES: no consumer, relay or scheduler runs beside it. Progress goes to
 * `progress` (stderr).
 */
export async function rebuildComputation(env: NodeJS.ProcessEnv, progress: NodeJS.WritableStream = process.stderr): Promise<RebuildSummary> {
  const task = await createServiceContext(REBUILD_MODULES, COMPUTATION_OPTIONS, env);
  try {
    return await new RebuildService(task.context, task.app, progress).run();
  } finally {
    await task.close();
  }
}
