import { randomBytes } from 'node:crypto';

import { SingleBar } from 'cli-progress';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

import { CloudEvent, TopicEventData, TOPICS } from '@dx/contracts';
import { consumerGroupId, decoderForTopic, RawMessage, setGroupOffsets } from '@dx/messaging';
import { createServiceContext, queryRows } from '@dx/platform';

import { ApplyAlertEventsService } from '../alerts/apply-alert-events.service';
import { ApplyIndicatorValuesService } from '../indicator-values/apply-indicator-values.service';
import { ApplyStatusEventsService } from '../overdue-reports/apply-status-events.service';
import { REPORTING_OPTIONS } from '../reporting.options';
import { RebuildModule } from './rebuild.module';

export interface RebuildSummary {
  messages: number;
  values: number;
  elapsedMs: number;
}

// Everything reporting knows; the change feed's sequence is kept, so cursors handed out before the
// rebuild stay below every new one (a portal re-reads the current state instead of missing it).
const TABLES = ['indicator_value', 'indicator_projection', 'alert', 'overdue_report', 'change', 'processed_event'];
const CONSUMED = [TOPICS.indicatorValues, TOPICS.indicatorStatus, TOPICS.alerts] as const;
type ConsumedTopic = (typeof CONSUMED)[number];

/**
 * `nx run reporting:rebuild`: drops the read models and replays dx.indicator-values.v1,
 * dx.indicator-status.v1 and dx.alerts.v1 from their start up to where they end now, through the same use
 * cases the service runs; then moves the service's consumer group there. Refuses while the service runs.
 */
export async function rebuildReporting(env: NodeJS.ProcessEnv, progress: NodeJS.WritableStream = process.stderr): Promise<RebuildSummary> {
  const started = Date.now();
  const task = await createServiceContext([RebuildModule], REPORTING_OPTIONS, env);
  const { config, kafka } = task.context;
  const prefix = config.KAFKA_TOPIC_PREFIX;
  const serviceGroup = consumerGroupId(prefix, 'reporting');
  const admin = kafka.admin();
  try {
    await admin.connect();
    const [group] = (await admin.describeGroups([serviceGroup])).groups;
    if (group && group.members.length > 0) {
      throw new Error(`the reporting service is running (${group.members.length} member(s) in ${serviceGroup}): stop it before a rebuild`);
    }
    const { app } = task;
    const dataSource = app.get(DataSource);
    const ends = new Map<ConsumedTopic, Array<{ partition: number; offset: string; high: string; low: string }>>();
    for (const topic of CONSUMED) ends.set(topic, await admin.fetchTopicOffsets(prefix + topic));
    await dataSource.query(`TRUNCATE ${TABLES.map((t) => `reporting.${t}`).join(', ')}`);
    const replay = new Replay(app.get(ApplyIndicatorValuesService), app.get(ApplyStatusEventsService), app.get(ApplyAlertEventsService), dataSource);
    const messages = await replayTopics(kafka, prefix, ends, replay, progress);
    await setGroupOffsets(
      kafka,
      serviceGroup,
      [...ends].map(([topic, partitions]) => ({ topic: prefix + topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: p.high })) })),
    );
    const [{ n }] = await queryRows(dataSource, z.object({ n: z.number() }), `SELECT count(*)::int AS n FROM reporting.indicator_value`);
    return { messages, values: n, elapsedMs: Date.now() - started };
  } finally {
    await admin.disconnect().catch(() => undefined);
    await task.close();
  }
}

// Decoded against the topic's contracts (the use cases' types); messages that do not decode were
// dead-lettered by the service and are skipped here too.
function decodedEvents<T extends ConsumedTopic>(topic: T, messages: ReadonlyArray<RawMessage>): CloudEvent<TopicEventData<T>>[] {
  const decode = decoderForTopic(topic);
  return messages.flatMap((message) => {
    const decoded = decode(message);
    return decoded.ok ? [decoded.event] : [];
  });
}

/** Hands each batch to the use case of its topic, in one transaction per batch. */
class Replay {
  constructor(
    private readonly values: ApplyIndicatorValuesService,
    private readonly status: ApplyStatusEventsService,
    private readonly alerts: ApplyAlertEventsService,
    private readonly dataSource: DataSource,
  ) {}

  async apply(topic: ConsumedTopic, messages: ReadonlyArray<RawMessage>): Promise<void> {
    const now = new Date();
    if (topic === TOPICS.indicatorValues) {
      const events = decodedEvents(topic, messages);
      await this.inTransaction(events, (manager) =>
        this.values.apply(
          manager,
          events.map((e) => ({ eventId: e.id, data: e.data })),
          now,
        ),
      );
    } else if (topic === TOPICS.indicatorStatus) {
      const events = decodedEvents(topic, messages);
      await this.inTransaction(events, (manager) =>
        this.status.apply(
          manager,
          events.map((e) => ({ eventId: e.id, data: e.data })),
          now,
        ),
      );
    } else {
      const events = decodedEvents(topic, messages);
      await this.inTransaction(events, (manager) =>
        this.alerts.apply(
          manager,
          events.map((e) => ({ eventId: e.id, time: e.time, data: e.data })),
          now,
        ),
      );
    }
  }

  private async inTransaction(events: readonly unknown[], work: (manager: EntityManager) => Promise<unknown>): Promise<void> {
    if (events.length > 0) await this.dataSource.transaction(work);
  }
}

// Reads the topics from the start up to the end offsets seen before, with a throw-away group.
async function replayTopics(
  kafka: Kafka,
  prefix: string,
  ends: ReadonlyMap<ConsumedTopic, ReadonlyArray<{ partition: number; high: string; low: string }>>,
  replay: Replay,
  progress: NodeJS.WritableStream,
): Promise<number> {
  const remaining = new Map<string, bigint>();
  let total = 0;
  for (const [topic, partitions] of ends) {
    for (const p of partitions) {
      total += Number(BigInt(p.high) - BigInt(p.low));
      if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}:${p.partition}`, BigInt(p.high));
    }
  }
  const bar = new SingleBar({
    format: 'messages [{bar}] {percentage}% {value}/{total} {eta_formatted} left',
    stream: progress,
    noTTYOutput: true,
    notTTYSchedule: 1_000,
    hideCursor: true,
  });
  bar.start(total, 0);
  let consumed = 0;
  if (remaining.size > 0) {
    const groupId = consumerGroupId(prefix, 'reporting', `rebuild-${randomBytes(4).toString('hex')}`);
    // Larger fetches than kafkajs' 1 MB a partition: fewer transactions, and a series' points are read
    // back once per batch, so fewer batches read fewer of them again (ADR 0022).
    const consumer = kafka.consumer({
      groupId,
      maxWaitTimeInMs: 250,
      maxBytes: 64 * 1024 * 1024,
      maxBytesPerPartition: 16 * 1024 * 1024,
      allowAutoTopicCreation: false,
    });
    let finished!: () => void;
    let failed!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      finished = resolve;
      failed = reject;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...ends.keys()].map((t) => prefix + t), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        try {
          const topic = CONSUMED.find((t) => prefix + t === batch.topic);
          const slot = `${topic}:${batch.partition}`;
          const end = remaining.get(slot);
          if (topic === undefined || end === undefined) return;
          const messages: RawMessage[] = [];
          let last = -1n;
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= end) break;
            last = BigInt(message.offset);
            consumed += 1;
            messages.push({ topic, partition: batch.partition, offset: message.offset, key: null, value: message.value, headers: {} });
          }
          await replay.apply(topic, messages);
          bar.update(consumed);
          if (last + 1n >= end) remaining.delete(slot);
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
  }
  bar.update(consumed);
  bar.stop();
  return consumed;
}
