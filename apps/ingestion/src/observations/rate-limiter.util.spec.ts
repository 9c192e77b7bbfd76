import { RateLimiter } from './rate-limiter.util';

describe('RateLimiter', () => {
  it('should allow a burst, then refuse with the wait until the next token, then allow again after it', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 3, () => now); // one token a second
    expect([limiter.take('vnpt'), limiter.take('vnpt'), limiter.take('vnpt')]).toEqual([undefined, undefined, undefined]);
    expect(limiter.take('vnpt')).toBeCloseTo(1, 5);
    now = 500;
    expect(limiter.take('vnpt')).toBeCloseTo(0.5, 5);
    now = 1_000;
    expect(limiter.take('vnpt')).toBeUndefined();
  });

  it('should keep separate buckets for separate clients', () => {
    const limiter = new RateLimiter(60, 1, () => 0);
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBeDefined();
    expect(limiter.take('b')).toBeUndefined();
  });
});
