import type { WebhookRetryPolicy } from './webhook-retry.util';

/** The contract's webhook back-off: first retry within 5 s, at most 15 minutes apart, for at least 24 hours. */
export const WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = {
  firstRetryMs: 5_000,
  maxIntervalMs: 15 * 60_000,
  keepTryingMs: 24 * 3_600_000,
};
