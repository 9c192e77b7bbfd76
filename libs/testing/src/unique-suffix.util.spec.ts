import { uniqueSuffix } from './unique-suffix.util';

describe('uniqueSuffix', () => {
  it('should return 12 lowercase hex characters when called without arguments', () => {
    expect(uniqueSuffix()).toMatch(/^[0-9a-f]{12}$/);
  });

  it('should return two characters per byte when a length is given', () => {
    expect(uniqueSuffix(16)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('should not repeat itself when called many times', () => {
    const suffixes = new Set(Array.from({ length: 1_000 }, () => uniqueSuffix()));
    expect(suffixes.size).toBe(1_000);
  });
});
