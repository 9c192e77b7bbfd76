import { randomBytes } from 'node:crypto';

/**
 * A random lowercase hex suffix (default 12 characters) for topic, group and database names, so that
 * tests sharing one broker and one server never see each other's data (kafkajs `secureRandom()`).
 */
export function uniqueSuffix(bytes = 6): string {
  return randomBytes(bytes).toString('hex');
}
