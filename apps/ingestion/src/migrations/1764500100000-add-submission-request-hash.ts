import { MigrationInterface, QueryRunner } from 'typeorm';

// A fingerprint of what was submitted (channel and normalised items), so that an Idempotency-Key reused for
// another request is refused instead of answering with the first one's counts. Older rows have none.
export class AddSubmissionRequestHash1764500100000 implements MigrationInterface {
  name = 'AddSubmissionRequestHash1764500100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ingestion.submission ADD COLUMN request_hash text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ingestion.submission DROP COLUMN request_hash`);
  }
}
