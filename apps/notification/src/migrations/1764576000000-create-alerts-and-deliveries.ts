import { MigrationInterface, QueryRunner } from 'typeorm';

import { createOutboxTableSql, dropOutboxTableSql } from '@dx/platform';

// Subscriptions, alerts with their timers, notification orders, deliveries with their attempts, the
// inbox, the weekly digests sent, the indicator values the digest reads, and the outbox of dx.alerts.v1.
export class CreateAlertsAndDeliveries1764576000000 implements MigrationInterface {
  name = 'CreateAlertsAndDeliveries1764576000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of createOutboxTableSql('notification')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE notification.subscription (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        email text,
        webhook_url text,
        -- AES-256-GCM with DX_SECRET_KEY: base64 of iv, tag and ciphertext; never returned or logged
        webhook_secret text,
        inbox boolean NOT NULL,
        scope jsonb NOT NULL,
        min_severity text NOT NULL,
        -- SHA-256 of the subscription's bearer token (shown once)
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE notification.alert (
        id text PRIMARY KEY,
        alert_key text NOT NULL,
        ordinal int NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        frequency text NOT NULL,
        unit text NOT NULL,
        hierarchy_version text NOT NULL,
        state text NOT NULL,
        severity text NOT NULL,
        period text NOT NULL,
        fired_at timestamptz NOT NULL,
        resolved_at timestamptz,
        -- the earliest timer of an open alert (reminder, escalation, expiry); null: nothing scheduled
        next_due_at timestamptz,
        -- the whole domain Alert, history included
        document jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (alert_key, ordinal)
      )`);
    await queryRunner.query(`CREATE INDEX alert_due ON notification.alert (next_due_at) WHERE next_due_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX alert_listing ON notification.alert (fired_at DESC, id)`);
    await queryRunner.query(
      `CREATE INDEX alert_open_overdue ON notification.alert (subject, hierarchy_version, frequency) WHERE kind = 'overdue' AND state <> 'resolved'`,
    );
    await queryRunner.query(`
      CREATE TABLE notification.notification_order (
        id text PRIMARY KEY,
        alert_id text NOT NULL REFERENCES notification.alert (id),
        reason text NOT NULL,
        severity text NOT NULL,
        not_before timestamptz NOT NULL,
        -- scheduled → dispatched (deliveries made) | dropped (acknowledged, resolved or inhibited by then)
        state text NOT NULL,
        drop_reason text,
        recipients int,
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        handled_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX notification_order_due ON notification.notification_order (not_before) WHERE state = 'scheduled'`);
    await queryRunner.query(`CREATE INDEX notification_order_alert ON notification.notification_order (alert_id)`);
    await queryRunner.query(`
      CREATE TABLE notification.delivery (
        -- the contract's deliveryId: the same on every retry
        id uuid PRIMARY KEY,
        -- what is delivered: a notification order's id or a weekly digest's
        source text NOT NULL,
        alert_id text,
        subscription_id uuid NOT NULL REFERENCES notification.subscription (id),
        channel text NOT NULL,
        -- pending → delivered | failed (retries exhausted) | cancelled (subscription deleted)
        state text NOT NULL,
        content jsonb NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        due_at timestamptz NOT NULL,
        lease_until timestamptz,
        first_attempt_at timestamptz,
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        last_result text,
        created_at timestamptz NOT NULL,
        UNIQUE (source, subscription_id, channel)
      )`);
    await queryRunner.query(`CREATE INDEX delivery_due ON notification.delivery (due_at) WHERE state = 'pending'`);
    await queryRunner.query(`CREATE INDEX delivery_alert ON notification.delivery (alert_id)`);
    await queryRunner.query(`
      CREATE TABLE notification.delivery_attempt (
        delivery_id uuid NOT NULL REFERENCES notification.delivery (id),
        attempt int NOT NULL,
        at timestamptz NOT NULL,
        outcome text NOT NULL,
        status_code int,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      )`);
    await queryRunner.query(`
      CREATE TABLE notification.inbox_item (
        id bigserial PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES notification.subscription (id),
        delivery_id uuid NOT NULL UNIQUE,
        alert_id text,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX inbox_item_listing ON notification.inbox_item (subscription_id, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE notification.digest_sent (
        subscription_id uuid NOT NULL REFERENCES notification.subscription (id),
        week_start date NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (subscription_id, week_start)
      )`);
    await queryRunner.query(`
      CREATE TABLE notification.indicator_value (
        indicator text NOT NULL,
        unit text NOT NULL,
        period text NOT NULL,
        hierarchy_version text NOT NULL,
        value float8,
        expected float8,
        status text NOT NULL,
        coverage jsonb NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (indicator, unit, period)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['indicator_value', 'digest_sent', 'inbox_item', 'delivery_attempt', 'delivery', 'notification_order', 'alert', 'subscription']) {
      await queryRunner.query(`DROP TABLE notification.${table}`);
    }
    for (const sql of dropOutboxTableSql('notification')) await queryRunner.query(sql);
  }
}
