import { MigrationInterface, QueryRunner } from 'typeorm';

// The read models, built only from topics (contract.md "Reporting"). Every key includes the hierarchy
// version: a unit code means a unit only within its version. `change` is the ordered change feed behind
// /v1/changes and its server-sent events; its `seq` is the portals' cursor.
export class CreateReadModels1764662400000 implements MigrationInterface {
  name = 'CreateReadModels1764662400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reporting.indicator_value (
        hierarchy_version text NOT NULL,
        indicator text NOT NULL,
        unit text NOT NULL,
        period text NOT NULL,
        frequency text NOT NULL,
        period_end_month integer NOT NULL,
        value double precision,
        status text NOT NULL,
        payload jsonb NOT NULL,
        computed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (hierarchy_version, unit, indicator, period)
      )`);
    await queryRunner.query(`CREATE INDEX indicator_value_by_period ON reporting.indicator_value (hierarchy_version, indicator, period)`);
    await queryRunner.query(`
      CREATE TABLE reporting.indicator_projection (
        hierarchy_version text NOT NULL,
        indicator text NOT NULL,
        unit text NOT NULL,
        payload jsonb NOT NULL,
        PRIMARY KEY (hierarchy_version, unit, indicator)
      )`);
    await queryRunner.query(`
      CREATE TABLE reporting.alert (
        id text PRIMARY KEY,
        state text NOT NULL,
        unit text NOT NULL,
        indicator text,
        measure text,
        hierarchy_version text NOT NULL,
        fired_at timestamptz NOT NULL,
        event_time timestamptz NOT NULL,
        payload jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX alert_by_state ON reporting.alert (state, fired_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE reporting.overdue_report (
        hierarchy_version text NOT NULL,
        measure text NOT NULL,
        unit text NOT NULL,
        period text NOT NULL,
        payload jsonb NOT NULL,
        PRIMARY KEY (hierarchy_version, measure, unit, period)
      )`);
    await queryRunner.query(`
      CREATE TABLE reporting.change (
        seq bigserial PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX change_by_type ON reporting.change (type, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE reporting.change, reporting.overdue_report, reporting.alert, reporting.indicator_projection, reporting.indicator_value`,
    );
  }
}
