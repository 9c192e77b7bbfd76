import { createServiceApp, ServiceApp } from '@dx/platform';
import { createTestDatabase, dropTestDatabase, uniqueSuffix } from '@dx/testing';

import { AppModule } from '../../../src/app.module';
import { COMPUTATION_OPTIONS } from '../../../src/computation.options';
import { ComputationConfig } from '../../../src/config/computation.config';

// Business "now" unless a test sets its own: Q3 2025 and the year 2025 are current, Q4 is the future,
// and the two-level hierarchy (2025-07) is in force.
export const JULY_2025 = '2025-07-10T00:00:00+07:00';

/** One computation instance in-process (no HTTP listener), on its own database and topic namespace. */
export interface ComputationTestApp {
  readonly service: ServiceApp<ComputationConfig>;
  readonly databaseUrl: string;
  readonly topicPrefix: string;
  /** The environment it was started with: to start another instance or run the rebuild on the same state. */
  readonly env: NodeJS.ProcessEnv;
  /** Stops the instance; drops the database it created unless `keepDatabase` (a restart follows). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Starts computation. Unless given: a fresh test database and topic prefix, LOG_LEVEL silent, the business
 * clock at JULY_2025 (`DX_CLOCK_NOW: undefined` for the real one), and no overdue timer (tests that need the
 * scheduler call it). A given DATABASE_URL belongs to the caller, who drops it: this is how a second
 * instance or a restarted one shares the first one's state.
 */
export async function startComputation(env: NodeJS.ProcessEnv = {}): Promise<ComputationTestApp> {
  const databaseUrl = env.DATABASE_URL ?? (await createTestDatabase('computation'));
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? `computation-${uniqueSuffix()}.`;
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'silent',
    DX_CLOCK_NOW: JULY_2025,
    COMPUTATION_OVERDUE_INTERVAL_MS: '0',
    ...env,
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: topicPrefix,
  };
  const service = await createServiceApp(AppModule, COMPUTATION_OPTIONS, merged);
  return {
    service,
    databaseUrl,
    topicPrefix,
    env: merged,
    close: async (options = {}) => {
      await service.close();
      if (!options.keepDatabase && !env.DATABASE_URL) await dropTestDatabase(databaseUrl);
    },
  };
}
