import { z } from 'zod';

import { DomainError } from '@dx/contracts';

export type InvalidField = {
  path: string;
  message: string;
};

// PostgreSQL refuses NUL in text (an error, not an empty result), and the other control characters garble
// logs and listings: text input of any kind is refused with them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

/** A text path or query parameter: one value (not a repeated one), bounded, without control characters. */
export function textParameter(maxLength: number) {
  return z.string().max(maxLength).regex(NO_CONTROL_CHARACTERS, 'no control characters');
}

/** Parses request input (a body, a header) with a schema; anything off is a 400 naming each field. */
export function parseRequest<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw DomainError.invalidRequest(result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  }
  return result.data;
}
