import { bearerToken, generateApiKey, hashApiKey, secretsEqual } from './api-key.util';

describe('api keys', () => {
  it('should generate distinct keys whose hash is stored instead of the key', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.apiKey).not.toBe(b.apiKey);
    expect(a.apiKey).toMatch(/^dxk_[A-Za-z0-9_-]{43}$/);
    expect(a.keyHash).toBe(hashApiKey(a.apiKey));
    expect(a.keyHash).not.toContain(a.apiKey.slice(4));
    expect(a.apiKey.startsWith(a.keyPrefix)).toBe(true);
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
    ['Bearer a b', undefined],
  ])('should read the bearer token of %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it('should compare secrets of different lengths without throwing', () => {
    expect(secretsEqual('dev-admin-token', 'dev-admin-token')).toBe(true);
    expect(secretsEqual('dev-admin-token', 'dev-admin-tokem')).toBe(false);
    expect(secretsEqual('short', 'a much longer secret')).toBe(false);
  });
});
