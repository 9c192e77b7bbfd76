import { createHmac, timingSafeEqual } from 'node:crypto';

import { ReceivedWebhook } from '@dx/testing';

/** Checks a received webhook as the contract tells a receiver to: both signatures over the raw bytes. */
export function hasValidSignatures(request: ReceivedWebhook, secret: string): boolean {
  const signature = String(request.headers['x-dx-signature'] ?? '');
  const timestamp = String(request.headers['x-dx-timestamp'] ?? '');
  const timestamped = String(request.headers['x-dx-signature-timestamped'] ?? '');
  const expected = `sha256=${createHmac('sha256', secret).update(request.rawBody).digest('hex')}`;
  const expectedTimestamped = `sha256=${createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${timestamp}.`), request.rawBody]))
    .digest('hex')}`;
  return /^\d+$/.test(timestamp) && same(signature, expected) && same(timestamped, expectedTimestamped);
}

function same(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
