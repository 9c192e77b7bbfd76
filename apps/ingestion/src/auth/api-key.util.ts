import { randomBytes } from 'node:crypto';

import { hashSecret } from '@dx/platform';

export { bearerToken, secretsEqual } from '@dx/platform';

const KEY_PREFIX = 'dxk_';

export interface GeneratedApiKey {
  /** Shown once to the agency, never stored. */
  apiKey: string;
  keyHash: string;
  /** Enough to recognise a key in a list without revealing it. */
  keyPrefix: string;
}

export function hashApiKey(apiKey: string): string {
  return hashSecret(apiKey);
}

export function generateApiKey(): GeneratedApiKey {
  const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { apiKey, keyHash: hashApiKey(apiKey), keyPrefix: apiKey.slice(0, KEY_PREFIX.length + 6) };
}
