// The processed-event table of one service's schema: the ids of the events it has applied, claimed in
// the same transaction as their effects, so that a re-delivered event changes nothing. Committed
// migrations call these functions: what one returns never changes (the leading newline and indentation
// are those of the migrations that first wrote this DDL inline); a change of shape is a new function.

export function createProcessedEventTableSql(schema: string): string[] {
  return [
    `
      CREATE TABLE ${schema}.processed_event (
        event_id text PRIMARY KEY,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`,
  ];
}

export function dropProcessedEventTableSql(schema: string): string[] {
  return [`DROP TABLE ${schema}.processed_event`];
}
