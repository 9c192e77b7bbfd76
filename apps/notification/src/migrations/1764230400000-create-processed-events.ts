import { MigrationInterface, QueryRunner } from 'typeorm';

// Ids of events this service has applied, for de-duplication of re-delivered messages.
export class CreateProcessedEvents1764230400000 implements MigrationInterface {
  name = 'CreateProcessedEvents1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification.processed_event (
        event_id text PRIMARY KEY,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification.processed_event`);
  }
}
