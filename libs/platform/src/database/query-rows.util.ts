import { ClientBase } from 'pg';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

/** Rows that do not have the shape the code reads: the migrations and the query disagree (a bug). */
export class UnexpectedRowError extends Error {
  readonly code = 'unexpected_row';

  constructor(sql: string, issue: z.core.$ZodIssue | undefined) {
    super(`unexpected row shape from "${sql.replace(/\s+/g, ' ').slice(0, 80)}…": ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    this.name = 'UnexpectedRowError';
  }
}

/** A TypeORM `DataSource`/`EntityManager` (answers with the rows) or a plain `pg` client (answers `{ rows }`). */
export type RowSource = Pick<EntityManager, 'query'> | Pick<ClientBase, 'query'>;

export interface QueryRowsOptions {
  /**
   * `every` row is parsed (the default), or only the `first`. The columns of one result, and their
   * types, are the same in every row, so the first row shows a query that no longer matches the
   * migrations; what it cannot show is a NULL in a later row where the first has a value. `first` is
   * for reads that return thousands of rows on a hot path (computation's fact loads, a rebuild), where
   * a parse per row costs about as much as the query, and only with a schema that does not transform
   * (no defaults, no coercion): the rows are returned as the server sent them.
   */
  readonly check?: 'every' | 'first';
}

/** Runs `sql` and checks its rows against `row` at the boundary: no row reaches the code unchecked. */
export async function queryRows<T>(source: RowSource, row: z.ZodType<T>, sql: string, params: unknown[] = [], options: QueryRowsOptions = {}): Promise<T[]> {
  const result: unknown = await (source.query as (sql: string, params: unknown[]) => Promise<unknown>).call(source, sql, params);
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown } | undefined)?.rows;
  if (!Array.isArray(rows)) throw new UnexpectedRowError(sql, undefined);
  if (options.check === 'first') {
    if (rows.length === 0) return [];
    const first = row.safeParse(rows[0]);
    if (!first.success) throw new UnexpectedRowError(sql, first.error.issues[0]);
    return rows as T[];
  }
  const parsed = z.array(row).safeParse(rows);
  if (!parsed.success) throw new UnexpectedRowError(sql, parsed.error.issues[0]);
  return parsed.data;
}

/**
 * A `jsonb` column holding a document this service wrote itself from a value of type `T`
 * (`JSON.stringify` in the same repository): checked to be a JSON object, its fields taken as `T`'s.
 * A document that crosses a service boundary is parsed with its contract's schema instead.
 */
export function storedDocument<T extends object>(): z.ZodType<T> {
  return z.custom<T>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'expected a stored JSON document');
}
