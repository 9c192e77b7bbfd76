import { Admin, Kafka } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';

import { StructuredLogger } from './logger.type';

export interface ConsumerLagExporterOptions {
  groupId: string;
  /** The topics the group consumes, as named on the broker (prefix included). */
  topics: ReadonlyArray<string>;
  registry: Registry;
  logger: StructuredLogger;
  /** Default 15 s: a scrape or an autoscaler sees lag at most this old. */
  intervalMs?: number;
}

/**
 * Exports the consumer lag of one group on `/metrics`: per topic and partition, the end offset minus the
 * committed offset (minus the start offset where nothing is committed yet, as the group reads from the
 * beginning). The signal that scales the consuming services (KEDA) and that alerts on a stuck consumer.
 * Read through the admin client, refreshed periodically rather than per scrape, so a slow broker never
 * slows `/metrics`; a failed refresh keeps the last values and `..._refreshed_timestamp_seconds` says how old.
 */
export class ConsumerLagExporter {
  private readonly lag: Gauge<'group' | 'topic' | 'partition'>;
  private readonly refreshedAt: Gauge<'group'>;
  private admin?: Admin;
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  private failing = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: ConsumerLagExporterOptions,
  ) {
    const registers = [options.registry];
    this.lag =
      (options.registry.getSingleMetric('dx_kafka_consumer_lag') as Gauge<'group' | 'topic' | 'partition'> | undefined) ??
      new Gauge({
        name: 'dx_kafka_consumer_lag',
        help: 'Messages not yet committed by the consumer group, per topic and partition',
        labelNames: ['group', 'topic', 'partition'],
        registers,
      });
    this.refreshedAt =
      (options.registry.getSingleMetric('dx_kafka_consumer_lag_refreshed_timestamp_seconds') as Gauge<'group'> | undefined) ??
      new Gauge({
        name: 'dx_kafka_consumer_lag_refreshed_timestamp_seconds',
        help: 'When the consumer lag was last read from the brokers',
        labelNames: ['group'],
        registers,
      });
  }

  start(): void {
    if (this.timer || this.options.topics.length === 0) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.intervalMs ?? 15_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.refreshing;
    await this.disconnect();
  }

  /** Reads the offsets once; concurrent calls share one read. Never throws. */
  refresh(): Promise<void> {
    this.refreshing ??= this.read().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async read(): Promise<void> {
    const { groupId, topics, logger } = this.options;
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin({ retry: { retries: 0 } });
        await this.admin.connect();
      }
      const admin = this.admin;
      const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const byPartition = new Map(committed.find((t) => t.topic === topic)?.partitions.map((p) => [p.partition, Number(p.offset)]));
        for (const end of ends) {
          const offset = byPartition.get(end.partition) ?? -1;
          const from = offset >= 0 ? offset : Number(end.low);
          this.lag.set({ group: groupId, topic, partition: String(end.partition) }, Math.max(0, Number(end.high) - from));
        }
      }
      this.refreshedAt.set({ group: groupId }, Date.now() / 1000);
      if (this.failing) logger.info({ groupId }, 'consumer lag readable again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) logger.warn({ err: error, groupId }, 'consumer lag could not be read; keeping the last values');
      this.failing = true;
      // A fresh admin next time: kafkajs does not always recover a broken admin connection.
      await this.disconnect();
    }
  }

  private async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
