import { Module } from '@nestjs/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';

import { ObservationRecordedV1 } from '@dx/contracts';
import { OutgoingEvent } from '@dx/messaging';

import {
  createOutboxParkingTableSql,
  createOutboxTableSql,
  databaseConfigSchema,
  httpPortSchema,
  kafkaConfigSchema,
  OutboxModule,
  runtimeConfigSchema,
  ServiceOptions,
} from '../../../src';

const configSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(httpPortSchema('NOTIFICATION_PORT', 3003).shape);

// The outbox tables as a service's migrations create them.
class CreateTestOutbox1700000000000 implements MigrationInterface {
  name = 'CreateTestOutbox1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [...createOutboxTableSql('notification'), ...createOutboxParkingTableSql('notification')]) await queryRunner.query(sql);
  }

  async down(): Promise<void> {
    // test schema, dropped with its database
  }
}

@Module({ imports: [OutboxModule] })
export class TestOutboxFeatureModule {}

/** A service whose only feature is an outbox (schema `notification`): what is under test is the relay. */
export const OUTBOX_TEST_SERVICE: ServiceOptions<z.infer<typeof configSchema>> = {
  name: 'notification',
  title: { vi: 'Thử nghiệm hộp thư đi', en: 'Outbox test' },
  configSchema,
  port: (config) => config.NOTIFICATION_PORT,
  database: { entities: [], migrations: [CreateTestOutbox1700000000000] },
};

/** An `observation recorded` event with a stable id, as ingestion enqueues it. */
export function recordedEvent(observationId: string, unit = '31117', value = 1): OutgoingEvent<ObservationRecordedV1> {
  return {
    contract: ObservationRecordedV1,
    id: `${observationId}:1`,
    data: {
      observationId,
      agency: 'outbox-test',
      measure: 'households.total',
      unit,
      period: '2025-Q2',
      value,
      revision: 1,
      recordedAt: '2025-07-01T00:00:00Z',
    },
  };
}
