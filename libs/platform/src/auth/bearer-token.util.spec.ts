import { bearerToken, hashSecret, secretsEqual } from './bearer-token.util';

describe('bearer tokens', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   abc  ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [`Bearer ${'x'.repeat(513)}`, undefined],
    [undefined, undefined],
  ])('should read %p as %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it('should compare secrets by value whatever their lengths', () => {
    expect(secretsEqual('same', 'same')).toBe(true);
    expect(secretsEqual('same', 'same-but-longer')).toBe(false);
  });

  it('should hash a secret to 64 hex characters without keeping it', () => {
    expect(hashSecret('dxs_secret')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret('dxs_secret')).not.toContain('secret');
  });
});
