import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { ReportingConfig } from '../config/reporting.config';
import { CHANGES_CHANNEL } from './change-log.service';

// Without LISTEN (the connection is being re-established) streams still look for changes this often.
const FALLBACK_POLL_MS = 2_000;

/**
 * Wakes the open change streams when the feed grows: one LISTEN connection per instance, so an append
 * committed by any instance reaches every instance's clients. Opened with the first stream.
 */
@Injectable()
export class ChangeNotifierService implements OnApplicationShutdown {
  private readonly listeners = new Set<() => void>();
  private client?: Client;
  private connecting?: Promise<void>;
  private closed = false;
  private poll?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<ReportingConfig, 'DATABASE_URL'>,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  /** Calls `listener` after each append (and now and then regardless); returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    void this.ensureListening();
    this.poll ??= setInterval(() => this.notifyAll(), FALLBACK_POLL_MS);
    this.poll.unref();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.poll) {
        clearInterval(this.poll);
        this.poll = undefined;
      }
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
    await this.client?.end().catch(() => undefined);
  }

  private notifyAll(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, connectionTimeoutMillis: 3_000 });
    const reconnect = (): void => {
      if (this.client === client) this.client = undefined;
      if (!this.closed && this.listeners.size > 0) setTimeout(() => void this.ensureListening(), 1_000).unref();
    };
    client.on('notification', () => this.notifyAll());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'change notifications lost; streams fall back to polling');
      void client.end().catch(() => undefined);
      reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      this.client = client;
      if (this.closed) await client.end();
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot listen for changes yet; streams poll meanwhile');
      await client.end().catch(() => undefined);
      reconnect();
    }
  }
}
