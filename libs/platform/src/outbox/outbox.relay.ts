import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

import { EventPublisher } from '@dx/messaging';

import { SERVICE_CONTEXT, ServiceContext } from '../bootstrap/service-context';
import { MetricsRegistry } from '../metrics/metrics';
import { outboxChannel } from './outbox.sql';

const BATCH_SIZE = 1_000;
const IDLE_POLL_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Publishes the outbox in commit order and deletes what the broker acknowledged, in one transaction.
 * While Kafka is down nothing is deleted: the relay backs off and catches up when the broker returns.
 * One relay per schema publishes at a time (advisory lock), so instances never reorder a key's events;
 * a crash between the ack and the delete re-publishes with the same event ids, which consumers de-duplicate.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly schema: string;
  private readonly lag: Gauge;
  private running = false;
  private wake?: () => void;
  // A notification that arrived while a batch was being published: the next sleep is skipped.
  private notified = false;
  private loop?: Promise<void>;
  private listener?: Client;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext<{ DATABASE_URL: string }>,
    metrics: MetricsRegistry,
  ) {
    this.schema = context.name;
    this.lag = new Gauge({ name: 'dx_outbox_pending_events', help: 'Events written but not yet published', registers: [metrics.registry] });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes one batch; returns how many events left the outbox. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`outbox:${this.schema}`]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, message_key, value, headers FROM ${this.schema}.outbox_event ORDER BY id LIMIT $1`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      await this.publisher.publishEncoded(
        rows.map((row) => ({ topic: row.topic, message: { key: row.message_key, value: row.value, headers: row.headers } })),
      );
      await manager.query(`DELETE FROM ${this.schema}.outbox_event WHERE id <= $1`, [rows[rows.length - 1].id]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.notified = false;
        const published = await this.publishBatch();
        failures = 0;
        if (published === BATCH_SIZE) continue;
        await this.updateLag();
        await this.sleep(IDLE_POLL_MS);
      } catch (error) {
        failures += 1;
        this.context.logger.warn({ err: error, failures }, 'outbox relay cannot publish yet; retrying');
        await this.sleep(Math.min(100 * 2 ** Math.min(failures, 6), MAX_BACKOFF_MS));
      }
    }
  }

  private async updateLag(): Promise<void> {
    const [{ pending }] = await this.dataSource.query(`SELECT count(*)::int AS pending FROM ${this.schema}.outbox_event`);
    this.lag.set(pending);
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  // LISTEN on a dedicated connection; without it the relay still polls every second.
  private async listen(): Promise<void> {
    const retry = (): void => {
      if (this.running) setTimeout(() => void this.listen(), 1_000).unref();
    };
    let client: Client | undefined;
    try {
      client = new Client({ connectionString: this.context.config.DATABASE_URL, connectionTimeoutMillis: 3_000 });
      const current = client;
      client.on('error', () => {
        // After a lost connection: listen again on a new one.
        if (this.listener === current) {
          this.listener = undefined;
          retry();
        }
      });
      client.on('notification', () => {
        this.notified = true;
        this.wake?.();
      });
      await client.connect();
      await client.query(`LISTEN ${outboxChannel(this.schema)}`);
      this.listener = client;
    } catch {
      await client?.end().catch(() => undefined);
      retry();
    }
  }
}
