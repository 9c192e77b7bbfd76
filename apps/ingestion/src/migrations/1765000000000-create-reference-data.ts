import { MigrationInterface, QueryRunner } from 'typeorm';

// The reference data administrators change at run time: hierarchy versions loaded or replaced and indicators'
// targets replaced. Ingestion's database is where a change is decided (validated, stored and published in one
// transaction); the shipped defaults are not stored, only what replaces or adds to them.
export class CreateReferenceData1765000000000 implements MigrationInterface {
  name = 'CreateReferenceData1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingestion.hierarchy_version (
        version text PRIMARY KEY,
        effective_from date NOT NULL,
        definition jsonb NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ingestion.indicator_targets (
        indicator text PRIMARY KEY,
        targets jsonb NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ingestion.indicator_targets`);
    await queryRunner.query(`DROP TABLE ingestion.hierarchy_version`);
  }
}
