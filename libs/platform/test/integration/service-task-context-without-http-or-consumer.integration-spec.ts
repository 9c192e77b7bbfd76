import { Inject, Injectable, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { z } from 'zod';

import { consumerGroupId } from '@dx/messaging';
import { createTestDatabase, dropTestDatabase, uniqueSuffix } from '@dx/testing';

import {
  APP_CONFIG,
  createServiceContext,
  databaseConfigSchema,
  httpPortSchema,
  kafkaConfigSchema,
  runtimeConfigSchema,
  ServiceOptions,
  ServiceTaskContext,
} from '../../src';

const configSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(httpPortSchema('REPORTING_PORT', 3000).shape);
type TestConfig = z.infer<typeof configSchema>;

const TASK_TEST_OPTIONS: ServiceOptions<TestConfig> = {
  name: 'reporting',
  title: { vi: 'Thử nghiệm tác vụ', en: 'Task test' },
  configSchema,
  port: (config) => config.REPORTING_PORT,
  database: { entities: [], migrations: [] },
};

/** A feature's provider, built from what the platform provides, as a task would use it. */
@Injectable()
class TopicPrefixReader {
  constructor(@Inject(APP_CONFIG) private readonly config: TestConfig) {}

  prefix(): string {
    return this.config.KAFKA_TOPIC_PREFIX;
  }
}

@Module({ providers: [TopicPrefixReader], exports: [TopicPrefixReader] })
class TaskFeatureModule {}

describe('A service context for a command-line task', () => {
  const prefix = `task-context-${uniqueSuffix()}.`;
  let databaseUrl: string;
  let task: ServiceTaskContext<TestConfig>;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('task_context');
    task = await createServiceContext([TaskFeatureModule], TASK_TEST_OPTIONS, {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
  });

  afterAll(async () => {
    await task?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it("should give the features the platform's config and database, with no HTTP server and no member in the service's consumer group", async () => {
    const { app, context } = task;
    expect(app.get(TopicPrefixReader).prefix()).toBe(prefix);
    expect(await app.get(DataSource).query('SELECT 1 AS one')).toEqual([{ one: 1 }]);

    // Nest sets no HTTP adapter for an application context: nothing can listen.
    expect(app.get(HttpAdapterHost).httpAdapter).toBeFalsy();
    const admin = context.kafka.admin();
    await admin.connect();
    try {
      const [group] = (await admin.describeGroups([consumerGroupId(prefix, 'reporting')])).groups;
      expect(group?.members ?? []).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
});
