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

  it('should tell the wait without taking a token when peeking', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 1, () => now);
    expect(limiter.peek('ip')).toBeUndefined();
    expect(limiter.peek('ip')).toBeUndefined();
    expect(limiter.take('ip')).toBeUndefined();
    expect(limiter.peek('ip')).toBeCloseTo(1, 5);
    now = 1_000;
    expect(limiter.peek('ip')).toBeUndefined();
  });

  it('should keep at most maxClients buckets, forgetting the least recently used', () => {
    const limiter = new RateLimiter(60, 1, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.peek('a'); // a is now the most recently used, b the least
    limiter.take('c'); // b is forgotten
    expect(limiter.peek('a')).toBeDefined();
    expect(limiter.peek('c')).toBeDefined();
    expect(limiter.peek('b')).toBeUndefined();
  });
});
