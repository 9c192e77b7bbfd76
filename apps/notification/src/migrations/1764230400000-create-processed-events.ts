import { MigrationInterface, QueryRunner } from 'typeorm';

import { createProcessedEventTableSql, dropProcessedEventTableSql } from '@dx/platform';

// Ids of events this service has applied, for de-duplication of re-delivered messages.
export class CreateProcessedEvents1764230400000 implements MigrationInterface {
  name = 'CreateProcessedEvents1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of createProcessedEventTableSql('notification')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropProcessedEventTableSql('notification')) await queryRunner.query(sql);
  }
}
