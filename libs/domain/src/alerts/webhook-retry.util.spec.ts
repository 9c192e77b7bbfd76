import fc from 'fast-check';

import { WEBHOOK_RETRY_POLICY } from './webhook-retry-policy.constant';
import { nextWebhookAttempt, WebhookRetryDecision } from './webhook-retry.util';

const first = new Date('2026-02-16T15:30:00Z');
const at = (ms: number) => new Date(first.getTime() + ms);
// The jitter source, as injected in production (Math.random): any sequence in [0, 1).
const randoms = fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }));

// Every attempt time until giving up, each attempt failing instantly.
function schedule(random: () => number, deliveryMs = 0): Date[] {
  const attempts = [first];
  for (let n = 1; n < 10_000; n += 1) {
    const failedAt = new Date(attempts[n - 1].getTime() + deliveryMs);
    const next = nextWebhookAttempt({ failedAttempt: n, firstAttemptAt: first, failedAt, random: random() });
    if (!next.retry) return attempts;
    attempts.push(next.at);
  }
  throw new Error('never gave up');
}

describe('nextWebhookAttempt', () => {
  it.each([
    // failed attempt, random, expected wait: the nominal wait doubles from 5 s to a ceiling of 15 min, jitter takes up to half off
    [1, 0, 5_000],
    [1, 0.5, 3_750],
    [2, 0, 10_000],
    [3, 0, 20_000],
    [8, 0, 640_000],
    [9, 0, 900_000],
    [40, 0.999_999, 450_000],
  ])('should wait after attempt %s with random %s for %s ms', (failedAttempt, random, wait) => {
    const decision = nextWebhookAttempt({ failedAttempt, firstAttemptAt: first, failedAt: first, random });
    expect(decision).toEqual({ retry: true, attempt: failedAttempt + 1, at: at(wait) });
  });

  it('should keep trying until an attempt fails 24 hours after the first one', () => {
    const just = nextWebhookAttempt({ failedAttempt: 120, firstAttemptAt: first, failedAt: at(24 * 3_600_000 - 1), random: 0 });
    expect(just.retry).toBe(true);
    const over = nextWebhookAttempt({ failedAttempt: 121, firstAttemptAt: first, failedAt: at(24 * 3_600_000), random: 0 });
    expect(over).toEqual({ retry: false, reason: 'retry_window_exhausted' });
  });

  it('should keep every schedule within the contract: first retry within 5 s, doubling, at most 15 min apart, last try after 24 h', () => {
    fc.assert(
      fc.property(randoms, fc.integer({ min: 0, max: 30_000 }), (stream, deliveryMs) => {
        const attempts = schedule(() => stream.next().value as number, deliveryMs);
        const gaps = attempts.slice(1).map((t, i) => t.getTime() - attempts[i].getTime() - deliveryMs);
        expect(gaps[0]).toBeLessThanOrEqual(WEBHOOK_RETRY_POLICY.firstRetryMs);
        expect(gaps[0]).toBeGreaterThanOrEqual(WEBHOOK_RETRY_POLICY.firstRetryMs / 2);
        const outOfBounds = gaps.filter((gap, i) => {
          const nominal = Math.min(5_000 * 2 ** i, WEBHOOK_RETRY_POLICY.maxIntervalMs);
          return gap < nominal / 2 || gap > nominal;
        });
        expect(outOfBounds).toEqual([]);
        const last = attempts[attempts.length - 1].getTime() + deliveryMs;
        expect(last - first.getTime()).toBeGreaterThanOrEqual(WEBHOOK_RETRY_POLICY.keepTryingMs);
        // Gave up at the first failure past 24 h, not later.
        expect(attempts[attempts.length - 2].getTime() + deliveryMs - first.getTime()).toBeLessThan(WEBHOOK_RETRY_POLICY.keepTryingMs);
      }),
      { numRuns: 100 },
    );
  });

  it.each<[string, Parameters<typeof nextWebhookAttempt>[0]]>([
    ['attempt 0', { failedAttempt: 0, firstAttemptAt: first, failedAt: first, random: 0 }],
    ['a fractional attempt', { failedAttempt: 1.5, firstAttemptAt: first, failedAt: first, random: 0 }],
    ['a failure before the first attempt', { failedAttempt: 2, firstAttemptAt: first, failedAt: at(-1), random: 0 }],
    ['random 1', { failedAttempt: 1, firstAttemptAt: first, failedAt: first, random: 1 }],
    ['random NaN', { failedAttempt: 1, firstAttemptAt: first, failedAt: first, random: NaN }],
  ])('should refuse %s', (_case, input) => {
    expect(() => nextWebhookAttempt(input)).toThrow(RangeError);
  });

  it('should say how many attempts a receiver down for a whole day gets', () => {
    const attempts = schedule(() => 0);
    const decision: WebhookRetryDecision = nextWebhookAttempt({
      failedAttempt: attempts.length,
      firstAttemptAt: first,
      failedAt: attempts[attempts.length - 1],
      random: 0,
    });
    expect(decision.retry).toBe(false);
    // 9 growing waits (5 s … 640 s, 2,555 s in all), then one every 15 minutes up to 24 h.
    expect(attempts).toHaveLength(1 + 9 + Math.ceil((86_400_000 - 2_555_000) / 900_000));
  });
});
