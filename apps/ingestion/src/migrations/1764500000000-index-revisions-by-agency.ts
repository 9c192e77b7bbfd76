import { MigrationInterface, QueryRunner } from 'typeorm';

// An agency lists the observations it wrote through its own revisions (another agency may have revised them since).
export class IndexRevisionsByAgency1764500000000 implements MigrationInterface {
  name = 'IndexRevisionsByAgency1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX observation_revision_agency ON ingestion.observation_revision (agency_code, observation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ingestion.observation_revision_agency`);
  }
}
