import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAKS = /[\n\r\t]/;
// Half of a surrogate pair: valid in a JS string, refused by PostgreSQL's json and garbled in UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Free text from a client: bounded, well-formed Unicode, no control characters (PostgreSQL refuses NUL,
 * and the others garble e-mails and logs); line breaks only where `multiline`.
 */
export function textInput(maxLength: number, options: { multiline?: boolean } = {}) {
  return z
    .string()
    .max(maxLength)
    .refine((s) => !CONTROL.test(s) && (options.multiline || !LINE_BREAKS.test(s)), 'no control characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'not well-formed Unicode');
}
