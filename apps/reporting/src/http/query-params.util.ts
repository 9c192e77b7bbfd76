import { z } from 'zod';

import { ReportingError } from '../shared/reporting-error.exception';

/**
 * Reads query parameters with `schema`; the first wrong one is a 400 `invalid_parameter` naming it.
 * Unknown parameters are ignored, as portals expect of a read API; a repeated parameter is wrong.
 */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw ReportingError.invalidParameter(String(issue?.path[0] ?? 'query'), issue?.message ?? 'invalid');
}

// Building blocks of the endpoints' query schemas.
export const unitParam = z.string({ error: 'expected a unit code' }).regex(/^\d{2,5}$/, 'expected a GSO unit code such as 92 or 31117');
export const periodParam = z.string({ error: 'expected a period' }).regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'expected YYYY, YYYY-Qn or YYYY-MM');
export const versionParam = z.string({ error: 'expected a hierarchy version' }).regex(/^[A-Za-z0-9._-]{1,32}$/, 'expected a hierarchy version such as 2025-07');
export const limitParam = (max: number, fallback: number) =>
  z
    .string({ error: 'expected a whole number' })
    .regex(/^\d{1,6}$/, `expected a whole number from 1 to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(1, `expected 1 to ${max}`).max(max, `expected 1 to ${max}`))
    .default(fallback);

/** The scorecard's parameters, shared by GET /v1/scorecard and its exports. */
export const scorecardQuery = z.object({ unit: unitParam, period: periodParam, version: versionParam.optional() });
