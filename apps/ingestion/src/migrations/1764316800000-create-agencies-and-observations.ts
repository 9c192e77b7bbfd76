import { MigrationInterface, QueryRunner } from 'typeorm';

import { createOutboxTableSql, dropOutboxTableSql } from '@dx/platform';

export class CreateAgenciesAndObservations1764316800000 implements MigrationInterface {
  name = 'CreateAgenciesAndObservations1764316800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingestion.agency (
        code text PRIMARY KEY,
        name text NOT NULL,
        measures text[] NOT NULL,
        units text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Only a SHA-256 of each key is kept: keys are 256 random bits, so a fast hash is enough.
    await queryRunner.query(`
      CREATE TABLE ingestion.api_key (
        id uuid PRIMARY KEY,
        agency_code text NOT NULL REFERENCES ingestion.agency (code) ON DELETE CASCADE,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE ingestion.observation (
        measure text NOT NULL,
        unit text NOT NULL,
        period text NOT NULL,
        dimensions_key text NOT NULL DEFAULT '',
        dimensions jsonb,
        value double precision NOT NULL,
        revision integer NOT NULL,
        observation_id uuid NOT NULL UNIQUE,
        agency_code text NOT NULL,
        submission_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (measure, unit, period, dimensions_key)
      )`);
    await queryRunner.query(`CREATE INDEX observation_agency ON ingestion.observation (agency_code, measure, unit, period)`);
    // The audit trail: every value an observation ever had, and who sent it in which submission.
    await queryRunner.query(`
      CREATE TABLE ingestion.observation_revision (
        observation_id uuid NOT NULL,
        revision integer NOT NULL,
        value double precision NOT NULL,
        agency_code text NOT NULL,
        submission_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (observation_id, revision)
      )`);
    await queryRunner.query(`
      CREATE TABLE ingestion.submission (
        id uuid PRIMARY KEY,
        agency_code text NOT NULL,
        channel text NOT NULL,
        idempotency_key text,
        status_code integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_code, idempotency_key)
      )`);
    for (const sql of createOutboxTableSql('ingestion')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTableSql('ingestion')) await queryRunner.query(sql);
    for (const table of ['submission', 'observation_revision', 'observation', 'api_key', 'agency']) {
      await queryRunner.query(`DROP TABLE ingestion.${table}`);
    }
  }
}
