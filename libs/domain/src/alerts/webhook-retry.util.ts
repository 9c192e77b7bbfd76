import { WEBHOOK_RETRY_POLICY } from './webhook-retry-policy.constant';

/** Back-off of failed webhook deliveries (contract: first retry within 5 s, doubling, ≤ 15 min apart, ≥ 24 h). */
export interface WebhookRetryPolicy {
  /** The longest wait before the first retry. */
  readonly firstRetryMs: number;
  /** The longest wait between two attempts. */
  readonly maxIntervalMs: number;
  /** Attempts go on until one fails at least this long after the first attempt. */
  readonly keepTryingMs: number;
}

/** Retry at `at` (attempt number `attempt`), or give up. */
export type WebhookRetryDecision =
  { readonly retry: true; readonly attempt: number; readonly at: Date } | { readonly retry: false; readonly reason: 'retry_window_exhausted' };

/**
 * When to try a webhook delivery again after attempt `failedAttempt` (1 = the first) failed at
 * `failedAt`. The wait doubles from `firstRetryMs` up to `maxIntervalMs`, and jitter (`random` in
 * [0, 1), injected: `Math.random()` in production, a seeded generator in tests) takes up to half of it
 * off, so receivers coming back are not hit by every sender at once. Gives up only once an attempt
 * failed `keepTryingMs` or more after `firstAttemptAt`, so the last try is never before that.
 * Throws `RangeError` for an attempt number below 1, a failure before the first attempt or `random`
 * outside [0, 1).
 */
export function nextWebhookAttempt(
  input: { readonly failedAttempt: number; readonly firstAttemptAt: Date; readonly failedAt: Date; readonly random: number },
  policy: WebhookRetryPolicy = WEBHOOK_RETRY_POLICY,
): WebhookRetryDecision {
  const { failedAttempt, firstAttemptAt, failedAt, random } = input;
  if (!Number.isInteger(failedAttempt) || failedAttempt < 1) throw new RangeError(`attempt ${failedAttempt} is not a positive integer`);
  if (!(failedAt.getTime() >= firstAttemptAt.getTime())) throw new RangeError('an attempt cannot fail before the first attempt');
  if (!(random >= 0 && random < 1)) throw new RangeError(`random ${random} is outside [0, 1)`);
  if (failedAt.getTime() - firstAttemptAt.getTime() >= policy.keepTryingMs) return { retry: false, reason: 'retry_window_exhausted' };
  const nominal = Math.min(policy.firstRetryMs * 2 ** (failedAttempt - 1), policy.maxIntervalMs);
  const wait = Math.max(1, Math.round(nominal * (1 - random / 2)));
  return { retry: true, attempt: failedAttempt + 1, at: new Date(failedAt.getTime() + wait) };
}
