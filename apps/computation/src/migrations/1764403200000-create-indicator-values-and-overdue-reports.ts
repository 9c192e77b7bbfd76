import { MigrationInterface, QueryRunner } from 'typeorm';

import { createOutboxTableSql, dropOutboxTableSql } from '@dx/platform';

export class CreateIndicatorValuesAndOverdueReports1764403200000 implements MigrationInterface {
  name = 'CreateIndicatorValuesAndOverdueReports1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE computation.indicator_value (
        indicator text NOT NULL,
        unit text NOT NULL,
        period text NOT NULL,
        value double precision,
        status text NOT NULL,
        payload jsonb NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (indicator, unit, period)
      )`);
    await queryRunner.query(`
      CREATE TABLE computation.overdue_report (
        measure text NOT NULL,
        unit text NOT NULL,
        period text NOT NULL,
        due_date date NOT NULL,
        raised_at timestamptz NOT NULL,
        cleared_at timestamptz,
        PRIMARY KEY (measure, unit, period)
      )`);
    await queryRunner.query(`CREATE INDEX overdue_report_open ON computation.overdue_report (measure, unit, period) WHERE cleared_at IS NULL`);
    // Facts are read by (measure, unit) and the year of the period.
    await queryRunner.query(`CREATE INDEX observation_fact_measure_unit_year ON computation.observation_fact (measure, unit, left(period, 4))`);
    for (const sql of createOutboxTableSql('computation')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTableSql('computation')) await queryRunner.query(sql);
    await queryRunner.query(`DROP INDEX computation.observation_fact_measure_unit_year`);
    await queryRunner.query(`DROP TABLE computation.overdue_report`);
    await queryRunner.query(`DROP TABLE computation.indicator_value`);
  }
}
