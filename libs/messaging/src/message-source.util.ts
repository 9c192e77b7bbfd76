import { createHash } from 'node:crypto';

import { MessageSource } from '@dx/contracts';

import type { RawMessage } from './batch-consumer';

// A dead letter or intake rejection must itself fit under the broker's message limit (1 MiB by default),
// whatever the message it parks: every part taken from that message is bounded.
export const MAX_PARKED_VALUE_BYTES = 64 * 1024;
const MAX_PARKED_KEY_CHARS = 1_024;
const MAX_PARKED_HEADERS = 32;
const MAX_PARKED_HEADER_NAME_CHARS = 128;
const MAX_PARKED_HEADER_VALUE_CHARS = 1_024;
const MAX_REASON_CHARS = 1_000;
const MAX_REASON_PATH_CHARS = 256;

/** `text` cut to `maxChars`, marked with `…` when it was cut. */
export function truncateText(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** A reason text (an error message that may quote the message) as a dead letter or rejection carries it. */
export function boundedReason<T extends { message: string; path?: string }>(reason: T): T {
  return {
    ...reason,
    message: truncateText(reason.message, MAX_REASON_CHARS),
    ...(reason.path === undefined ? {} : { path: truncateText(reason.path, MAX_REASON_PATH_CHARS) }),
  };
}

/** The coordinates of a message and (the first 64 KiB of) its original bytes, as parked messages carry them. */
export function messageSource(raw: RawMessage): MessageSource {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers).slice(0, MAX_PARKED_HEADERS)) {
    headers[truncateText(name, MAX_PARKED_HEADER_NAME_CHARS)] = truncateText(value, MAX_PARKED_HEADER_VALUE_CHARS);
  }
  return {
    topic: raw.topic,
    partition: raw.partition,
    offset: raw.offset,
    key: raw.key === null ? null : truncateText(raw.key, MAX_PARKED_KEY_CHARS),
    valueBase64: raw.value ? raw.value.subarray(0, MAX_PARKED_VALUE_BYTES).toString('base64') : null,
    ...(raw.value ? { valueBytes: raw.value.length, valueSha256: createHash('sha256').update(raw.value).digest('hex') } : {}),
    headers,
  };
}
