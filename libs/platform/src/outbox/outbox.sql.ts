// The outbox table of one service's schema. Services create it in one of their own migrations by calling
// this, so every outbox has the same shape and the relay can serve any of them.
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

/** Channel the relay LISTENs on; writers NOTIFY it so events leave within milliseconds of the commit. */
export function outboxChannel(schema: string): string {
  return `dx_outbox_${schema}`;
}
