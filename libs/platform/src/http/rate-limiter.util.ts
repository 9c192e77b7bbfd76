/**
 * Token bucket per client: `ratePerMinute` sustained, bursts up to `burst`. In memory, per instance. At most
 * `maxClients` buckets are kept (the least recently used go first; a forgotten client starts with a full
 * bucket), so clients that are many addresses cannot grow it without bound.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();
  private readonly refillPerMs: number;

  constructor(
    ratePerMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 100_000,
  ) {
    this.refillPerMs = ratePerMinute / 60_000;
  }

  /** Takes one token: `undefined` when allowed, else the seconds until one is available. */
  take(client: string): number | undefined {
    const bucket = this.refilled(client);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return this.wait(bucket);
  }

  /** Whether a token is available, without taking it: `undefined` when it is, else the seconds until one is. */
  peek(client: string): number | undefined {
    const bucket = this.refilled(client);
    return bucket.tokens >= 1 ? undefined : this.wait(bucket);
  }

  private refilled(client: string): { tokens: number; updatedAt: number } {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
    bucket.updatedAt = now;
    // Re-inserted: the map's order is the order of last use.
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    return bucket;
  }

  private wait(bucket: { tokens: number }): number {
    return (1 - bucket.tokens) / this.refillPerMs / 1000;
  }
}
