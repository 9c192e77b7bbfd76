import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';

import { APP_CONFIG, APP_LOGGER, AppLogger, queryRows } from '@dx/platform';

import { ComputationConfig } from '../config/computation.config';
import { RebuildConflict, runningLockRow, TAKE_RUNNING_LOCK_SHARED_SQL } from './running-lock';

const RETAKE_MS = 1_000;

/**
 * Holds the running lock (shared) on a connection of its own from start-up, before the consumer, the relay
 * and the scheduler start, until shutdown. A start-up during a rebuild fails with a clear message. If the
 * connection drops (a database restart) the lock is taken again on a new one.
 */
@Injectable()
export class RunningInstanceLock implements OnModuleInit, OnApplicationShutdown {
  private client?: Client;
  private running = false;
  private retake?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<ComputationConfig, 'DATABASE_URL'>,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.running = true;
    await this.take();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.retake);
    await this.client?.end().catch(() => undefined);
  }

  private async take(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, connectionTimeoutMillis: 3_000 });
    client.on('error', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.logger.warn({}, 'the running-lock connection was lost; taking the lock again');
      this.scheduleRetake();
    });
    try {
      await client.connect();
      const [{ locked }] = await queryRows(client, runningLockRow, TAKE_RUNNING_LOCK_SHARED_SQL);
      if (!locked) {
        throw new RebuildConflict(
          'Đang dựng lại trạng thái tính toán (computation:rebuild): khởi động dịch vụ sau khi xong / ' +
            'a rebuild of the computation state is running: start the service after it has finished',
        );
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private scheduleRetake(): void {
    if (!this.running) return;
    this.retake = setTimeout(() => {
      if (!this.running) return;
      this.take().catch((error: unknown) => {
        this.logger.error({ err: error }, 'cannot take the running lock again; retrying');
        this.scheduleRetake();
      });
    }, RETAKE_MS);
    this.retake.unref();
  }
}
