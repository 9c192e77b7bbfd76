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

/** Runs `sql` and checks every row against `row` at the boundary: no row reaches the code unchecked. */
export async function queryRows<T>(manager: Pick<EntityManager, 'query'>, row: z.ZodType<T>, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  const parsed = z.array(row).safeParse(result);
  if (!parsed.success) throw new UnexpectedRowError(sql, parsed.error.issues[0]);
  return parsed.data;
}
