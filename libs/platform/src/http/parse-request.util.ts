import { z } from 'zod';

import { ApiError } from './api-error';

export type InvalidField = {
  path: string;
  message: string;
};

/** A 400 `invalid_request` that names every wrong field. */
export function invalidRequest(fields: InvalidField[]): ApiError {
  return ApiError.badRequest('invalid_request', 'Yêu cầu không hợp lệ / invalid request', [...fields]);
}

/** Parses request input (a body, a header) with a schema; anything off is a 400 naming each field. */
export function parseRequest<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw invalidRequest(result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  }
  return result.data;
}
