import { MigrationInterface, QueryRunner } from 'typeorm';

import { createOutboxParkingTableSql, dropOutboxParkingTableSql } from '@dx/platform';

// Where the outbox relay moves the events the broker refuses for good (ADR 0004).
export class CreateOutboxParking1764921700000 implements MigrationInterface {
  name = 'CreateOutboxParking1764921700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of createOutboxParkingTableSql('notification')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropOutboxParkingTableSql('notification')) await queryRunner.query(sql);
  }
}
