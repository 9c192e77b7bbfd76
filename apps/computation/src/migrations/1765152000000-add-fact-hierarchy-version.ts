import { MigrationInterface, QueryRunner } from 'typeorm';

// Facts keep the hierarchy version they were applied in (ADR 0006): once an administrator moves an effective
// date, a period's version in force changes, and a reused code must not make an old unit's fact another's.
// Rows from before stay null: the version in force for their period, as FactSet reads an unstamped fact.
export class AddFactHierarchyVersion1765152000000 implements MigrationInterface {
  name = 'AddFactHierarchyVersion1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE computation.observation_fact ADD COLUMN hierarchy_version text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE computation.observation_fact DROP COLUMN hierarchy_version`);
  }
}
