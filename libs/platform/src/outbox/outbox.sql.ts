// The outbox tables of one service's schema. Services create them in their own migrations by calling
// these, so every outbox has the same shape and the relay can serve any of them. Committed migrations
// call these functions: what one returns never changes; a change of shape is a new function.

export function createOutboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.outbox_event (
       id bigserial PRIMARY KEY,
       topic text NOT NULL,
       message_key text NOT NULL,
       value text NOT NULL,
       headers jsonb NOT NULL DEFAULT '{}'::jsonb,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
  ];
}

export function dropOutboxTableSql(schema: string): string[] {
  return [`DROP TABLE ${schema}.outbox_event`];
}

/**
 * Rows the broker refuses for good (too large, invalid) are moved here by the relay, so the rows behind
 * them go on (ADR 0004). An operator lists them with
 * `SELECT id, topic, message_key, value_bytes, error_type, parked_at FROM <schema>.outbox_parked`.
 */
export function createOutboxParkingTableSql(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.outbox_parked (
       id bigint PRIMARY KEY,
       topic text NOT NULL,
       message_key text NOT NULL,
       value text NOT NULL,
       headers jsonb NOT NULL,
       created_at timestamptz NOT NULL,
       parked_at timestamptz NOT NULL DEFAULT now(),
       value_bytes integer NOT NULL,
       error_type text NOT NULL,
       error_message text NOT NULL
     )`,
  ];
}

export function dropOutboxParkingTableSql(schema: string): string[] {
  return [`DROP TABLE ${schema}.outbox_parked`];
}

/** Channel the relay LISTENs on; writers NOTIFY it so events leave within milliseconds of the commit. */
export function outboxChannel(schema: string): string {
  return `dx_outbox_${schema}`;
}
