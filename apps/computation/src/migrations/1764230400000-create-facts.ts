import { MigrationInterface, QueryRunner } from 'typeorm';

import { createProcessedEventTableSql, dropProcessedEventTableSql } from '@dx/platform';

export class CreateFacts1764230400000 implements MigrationInterface {
  name = 'CreateFacts1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE computation.observation_fact (
        measure text NOT NULL,
        unit text NOT NULL,
        period text NOT NULL,
        dimensions_key text NOT NULL DEFAULT '',
        dimensions jsonb,
        value double precision NOT NULL,
        revision integer NOT NULL,
        observation_id text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (measure, unit, period, dimensions_key)
      )`);
    await queryRunner.query(`CREATE INDEX observation_fact_unit_period ON computation.observation_fact (unit, period)`);
    for (const sql of createProcessedEventTableSql('computation')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropProcessedEventTableSql('computation')) await queryRunner.query(sql);
    await queryRunner.query(`DROP TABLE computation.observation_fact`);
  }
}
