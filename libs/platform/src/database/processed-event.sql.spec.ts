import { createProcessedEventTableSql, dropProcessedEventTableSql } from './processed-event.sql';

// The DDL each committed migration held inline before it called the helper, copied byte for byte
// (escaped, so that no whitespace hides): the helper must give exactly these, or the migrations changed.
const COMMITTED = [
  {
    migration: 'apps/ingestion/src/migrations/1764230400000-create-processed-events.ts',
    schema: 'ingestion',
    up: '\n      CREATE TABLE ingestion.processed_event (\n        event_id text PRIMARY KEY,\n        processed_at timestamptz NOT NULL DEFAULT now()\n      )',
    down: 'DROP TABLE ingestion.processed_event',
  },
  {
    migration: 'apps/notification/src/migrations/1764230400000-create-processed-events.ts',
    schema: 'notification',
    up: '\n      CREATE TABLE notification.processed_event (\n        event_id text PRIMARY KEY,\n        processed_at timestamptz NOT NULL DEFAULT now()\n      )',
    down: 'DROP TABLE notification.processed_event',
  },
  {
    migration: 'apps/reporting/src/migrations/1764230400000-create-processed-events.ts',
    schema: 'reporting',
    up: '\n      CREATE TABLE reporting.processed_event (\n        event_id text PRIMARY KEY,\n        processed_at timestamptz NOT NULL DEFAULT now()\n      )',
    down: 'DROP TABLE reporting.processed_event',
  },
  {
    migration: 'apps/computation/src/migrations/1764230400000-create-facts.ts (second statement)',
    schema: 'computation',
    up: '\n      CREATE TABLE computation.processed_event (\n        event_id text PRIMARY KEY,\n        processed_at timestamptz NOT NULL DEFAULT now()\n      )',
    down: 'DROP TABLE computation.processed_event',
  },
];

describe('createProcessedEventTableSql', () => {
  it.each(COMMITTED)('should give the SQL $migration held inline', ({ schema, up, down }) => {
    expect(createProcessedEventTableSql(schema)).toStrictEqual([up]);
    expect(dropProcessedEventTableSql(schema)).toStrictEqual([down]);
  });
});
