import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { SILENT_LOGGER } from '@dx/messaging';

import { PlatformConfig, ServiceContext } from '../bootstrap/service-context';
import { AppLogger } from '../logging/logger';
import { MetricsRegistry } from '../metrics/metrics';
import { OutboxRelay } from './outbox.relay';

// Only the relay's LISTEN connection is under test here: PostgreSQL refuses it, so the relay schedules a
// reconnect. The outbox itself is empty and Kafka is never reached.
jest.mock('pg', () => ({ Client: jest.fn() }));
const ClientMock = Client as unknown as jest.Mock;

function aRelay(): OutboxRelay {
  const dataSource = {
    transaction: async (work: (manager: unknown) => Promise<number>) => work({ query: async () => [{ locked: false }] }),
    query: async () => [{ pending: 0 }],
  } as unknown as DataSource;
  const kafka = { producer: () => ({ on: () => undefined, events: {}, disconnect: async () => undefined }) } as unknown as Kafka;
  const context = {
    name: 'computation',
    instanceId: 'test',
    config: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', KAFKA_TOPIC_PREFIX: '' } as PlatformConfig,
    logger: SILENT_LOGGER as unknown as AppLogger,
    kafka,
  } as ServiceContext<PlatformConfig>;
  return new OutboxRelay(dataSource, context, new MetricsRegistry());
}

describe('OutboxRelay LISTEN connection', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    ClientMock.mockReset();
    ClientMock.mockImplementation(() => ({
      on: () => undefined,
      connect: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      },
      query: async () => undefined,
      end: async () => undefined,
    }));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should try to listen again a second later when the connection fails while running', async () => {
    const relay = aRelay();
    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1_000);

    expect(ClientMock.mock.calls.length).toBeGreaterThanOrEqual(2);
    const shutdown = relay.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(0);
    await shutdown;
  });

  it('should open no connection after shutdown when a reconnect was already scheduled', async () => {
    const relay = aRelay();
    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(10);
    expect(ClientMock).toHaveBeenCalledTimes(1);

    const shutdown = relay.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(0);
    await shutdown;
    await jest.advanceTimersByTimeAsync(5_000);

    expect(ClientMock).toHaveBeenCalledTimes(1);
  });
});
