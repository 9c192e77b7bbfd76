import { createHash } from 'node:crypto';

import { messageSourceSchema } from '@dx/contracts';

import { boundedReason, MAX_PARKED_VALUE_BYTES, messageSource } from './message-source.util';

const raw = (value: Buffer | null, extra: { key?: string | null; headers?: Record<string, string> } = {}) => ({
  topic: 'dx.intake.v1',
  partition: 3,
  offset: '42',
  key: extra.key === undefined ? '31117' : extra.key,
  value,
  headers: extra.headers ?? { 'dx-agency': 'vnpt-cantho' },
});

describe('messageSource', () => {
  it('should carry a small message whole, with its size and SHA-256', () => {
    const value = Buffer.from('not json at all');

    const source = messageSource(raw(value));

    expect(source).toEqual({
      topic: 'dx.intake.v1',
      partition: 3,
      offset: '42',
      key: '31117',
      valueBase64: value.toString('base64'),
      valueBytes: value.length,
      valueSha256: createHash('sha256').update(value).digest('hex'),
      headers: { 'dx-agency': 'vnpt-cantho' },
    });
    expect(messageSourceSchema.safeParse(source).success).toBe(true);
  });

  it('should carry only the first 64 KiB of a large value, and the size and SHA-256 of the whole', () => {
    const value = Buffer.alloc(900_000, 'x');

    const source = messageSource(raw(value));

    expect(Buffer.from(source.valueBase64 ?? '', 'base64')).toEqual(value.subarray(0, MAX_PARKED_VALUE_BYTES));
    expect(source.valueBytes).toBe(900_000);
    expect(source.valueSha256).toBe(createHash('sha256').update(value).digest('hex'));
  });

  it('should bound a huge key and huge or many headers', () => {
    const headers = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`h${i}-${'n'.repeat(500)}`, 'v'.repeat(50_000)]));

    const source = messageSource(raw(null, { key: 'k'.repeat(100_000), headers }));

    expect(source.key?.length).toBeLessThanOrEqual(1_024);
    expect(Object.keys(source.headers)).toHaveLength(32);
    expect(JSON.stringify(source.headers).length).toBeLessThan(64 * 1024);
    expect(source.valueBase64).toBeNull();
    expect(source.valueBytes).toBeUndefined();
  });
});

describe('boundedReason', () => {
  it('should cut a long message and path and mark the cut', () => {
    const reason = boundedReason({ code: 'unknown_type', message: `type ${'t'.repeat(500_000)} is not one of: …`, path: 'p'.repeat(10_000) });

    expect(reason.code).toBe('unknown_type');
    expect(reason.message).toHaveLength(1_000);
    expect(reason.message.endsWith('…')).toBe(true);
    expect(reason.path).toHaveLength(256);
  });

  it('should leave a short reason as it is', () => {
    expect(boundedReason({ code: 'invalid_value', message: 'Giá trị âm / negative value' })).toEqual({
      code: 'invalid_value',
      message: 'Giá trị âm / negative value',
    });
  });
});
