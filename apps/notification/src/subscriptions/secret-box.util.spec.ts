import { randomBytes } from 'node:crypto';

import { openSecret, sealSecret } from './secret-box.util';

describe('sealSecret / openSecret', () => {
  const key = randomBytes(32);

  it('should open what it sealed and never store the secret in clear', () => {
    const sealed = sealSecret('whsec_Bí mật', key, 'sub-1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('whsec');
    expect(openSecret(sealed, key, 'sub-1')).toBe('whsec_Bí mật');
  });

  it('should seal the same secret differently each time', () => {
    expect(sealSecret('s', key, 'sub-1')).not.toBe(sealSecret('s', key, 'sub-1'));
  });

  it.each([
    ['another key', (sealed: string) => openSecret(sealed, randomBytes(32), 'sub-1')],
    ['another subscription', (sealed: string) => openSecret(sealed, key, 'sub-2')],
    ['altered bytes', (sealed: string) => openSecret(`${sealed.slice(0, -4)}AAAA`, key, 'sub-1')],
    ['an unknown format', () => openSecret('v0.abc', key, 'sub-1')],
  ])('should refuse to open with %s', (_case, open) => {
    const sealed = sealSecret('whsec_x', key, 'sub-1');
    expect(() => open(sealed)).toThrow();
  });
});
