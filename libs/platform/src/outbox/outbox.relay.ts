import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

import { EventPublisher, isRecordRefused, kafkaErrorType } from '@dx/messaging';

import { PlatformConfig, SERVICE_CONTEXT, ServiceContext } from '../bootstrap/service-context';
import { queryRows } from '../database/query-rows.util';
import { MetricsRegistry } from '../metrics/metrics';
import { outboxChannel } from './outbox.sql';
import { splitBySize } from './split-by-size.util';

const BATCH_SIZE = 1_000;
const IDLE_POLL_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;
const LISTEN_RETRY_MS = 1_000;
// The broker refuses a partition's record batch over message.max.bytes (1 MiB by default). One send of at
// most this many bytes in all keeps every partition's batch well under it.
export const OUTBOX_MAX_SEND_BYTES = 768 * 1024;
// kafkajs' framing of one record, roughly, on top of its key, value and headers.
const RECORD_OVERHEAD_BYTES = 64;
const MAX_LOGGED_ERROR_CHARS = 1_000;

const outboxRow = z.object({ id: z.string(), topic: z.string(), message_key: z.string(), value: z.string(), headers: z.record(z.string(), z.string()) });
type OutboxRow = z.infer<typeof outboxRow>;
const lockedRow = z.object({ locked: z.boolean() });
const pendingRow = z.object({ pending: z.number() });

interface SendOutcome {
  published: string[];
  parked: Array<{ row: OutboxRow; error: unknown }>;
}

function rowBytes(row: OutboxRow): number {
  let bytes = Buffer.byteLength(row.value) + Buffer.byteLength(row.message_key) + RECORD_OVERHEAD_BYTES;
  for (const [name, value] of Object.entries(row.headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}

/**
 * Publishes the outbox and deletes exactly the rows the broker acknowledged, in one transaction.
 * - Every committed row is published at least once. Ids are taken at INSERT and rows appear at COMMIT, in
 *   another order, so a row may become visible after rows with higher ids were published: it is
 *   published then. Only the ids that were sent are deleted, never a range.
 * - Per message key, events leave in the order their transactions committed: writers lock what a key
 *   stands for (ingestion the observation row, computation the unit) before writing its events, so an
 *   earlier writer's rows have lower ids and are visible whenever a later writer's are. Across keys there
 *   is no order.
 * - One relay per schema publishes at a time (advisory lock). A crash between the ack and the delete
 *   re-publishes with the same event ids, which consumers de-duplicate.
 * - Sends are cut by bytes; a row the broker refuses for good (too large, invalid) is moved to
 *   `outbox_parked` with a log line and a metric, and the rows behind it go on.
 * - While Kafka is down nothing is deleted: the relay backs off and catches up when the broker returns.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly schema: string;
  // Its own producer: a relay's sends wait for one another, not for other publishers of the service.
  private readonly publisher: EventPublisher;
  private readonly lag: Gauge;
  private readonly parkedTotal: Counter<'topic'>;
  private running = false;
  private wake?: () => void;
  // A notification that arrived while a batch was being published: the next sleep is skipped.
  private notified = false;
  private loop?: Promise<void>;
  private listener?: Client;
  private listenRetry?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext<PlatformConfig>,
    metrics: MetricsRegistry,
  ) {
    this.schema = context.name;
    this.publisher = new EventPublisher(context.kafka, `/dx/${context.name}`, context.config.KAFKA_TOPIC_PREFIX);
    this.lag = new Gauge({ name: 'dx_outbox_pending_events', help: 'Events written but not yet published', registers: [metrics.registry] });
    this.parkedTotal = new Counter({
      name: 'dx_outbox_parked_events_total',
      help: 'Outbox events the broker refused for good, moved to outbox_parked',
      labelNames: ['topic'],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.listenRetry);
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.publisher.disconnect().catch(() => undefined);
  }

  /** Publishes one batch; returns how many rows left the outbox (published or parked). */
  async publishBatch(): Promise<number> {
    let failure: unknown;
    const handled = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await queryRows(manager, lockedRow, `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`outbox:${this.schema}`]);
      if (!locked) return 0;
      const rows = await queryRows(manager, outboxRow, `SELECT id, topic, message_key, value, headers FROM ${this.schema}.outbox_event ORDER BY id LIMIT $1`, [
        BATCH_SIZE,
      ]);
      const outcome: SendOutcome = { published: [], parked: [] };
      try {
        for (const chunk of splitBySize(rows, rowBytes, OUTBOX_MAX_SEND_BYTES)) await this.send(chunk, outcome);
      } catch (error) {
        // What was acknowledged before the failure still leaves the outbox.
        failure = error;
      }
      await this.settle(manager, outcome);
      return outcome.published.length + outcome.parked.length;
    });
    if (failure) throw failure;
    return handled;
  }

  private async send(rows: OutboxRow[], outcome: SendOutcome): Promise<void> {
    try {
      await this.publisher.publishEncoded(rows.map((row) => ({ topic: row.topic, message: { key: row.message_key, value: row.value, headers: row.headers } })));
      outcome.published.push(...rows.map((row) => row.id));
    } catch (error) {
      if (!isRecordRefused(error)) throw error;
      if (rows.length === 1) {
        outcome.parked.push({ row: rows[0], error });
        return;
      }
      // Some partitions of the send may have been written. Then each row alone, in order, to find the
      // refused ones; the others may go out twice, with the same event ids.
      for (const row of rows) await this.send([row], outcome);
    }
  }

  private async settle(manager: EntityManager, outcome: SendOutcome): Promise<void> {
    if (outcome.published.length > 0) {
      await manager.query(`DELETE FROM ${this.schema}.outbox_event WHERE id = ANY($1::bigint[])`, [outcome.published]);
    }
    for (const { row, error } of outcome.parked) {
      const type = kafkaErrorType(error) ?? 'unknown';
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_LOGGED_ERROR_CHARS);
      await manager.query(
        `WITH moved AS (DELETE FROM ${this.schema}.outbox_event WHERE id = $1 RETURNING *)
         INSERT INTO ${this.schema}.outbox_parked (id, topic, message_key, value, headers, created_at, value_bytes, error_type, error_message)
         SELECT id, topic, message_key, value, headers, created_at, octet_length(value), $2, $3 FROM moved`,
        [row.id, type, message],
      );
      this.parkedTotal.inc({ topic: row.topic });
      this.context.logger.error(
        { outboxId: row.id, topic: row.topic, key: row.message_key.slice(0, 200), valueBytes: Buffer.byteLength(row.value), errorType: type },
        `the broker refused an outbox event for good; it is parked in ${this.schema}.outbox_parked and the events behind it go on`,
      );
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.notified = false;
        const handled = await this.publishBatch();
        failures = 0;
        if (handled === BATCH_SIZE) continue;
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
    const [{ pending }] = await queryRows(this.dataSource, pendingRow, `SELECT count(*)::int AS pending FROM ${this.schema}.outbox_event`);
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
    // `running` is read when the timer fires too: a reconnect scheduled before shutdown opens nothing.
    const retry = (): void => {
      if (!this.running) return;
      this.listenRetry = setTimeout(() => {
        if (this.running) void this.listen();
      }, LISTEN_RETRY_MS);
      this.listenRetry.unref();
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
      if (!this.running) {
        // Shut down while connecting: nobody would close it.
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
    } catch {
      await client?.end().catch(() => undefined);
      retry();
    }
  }
}
