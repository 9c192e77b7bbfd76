import { IndicatorComputedV1 } from '@dx/contracts';

import { toStoredIndicatorValue, valueKey } from './indicator-value.mapper';

const computed: IndicatorComputedV1 = {
  indicator: 'SOC-01',
  unit: '31117',
  period: '2025-Q2',
  value: 92,
  numerator: 4600,
  denominator: 5000,
  status: 'achieved',
  coverage: { reported: 1, expected: 1 },
  computedAt: '2025-07-03T08:15:00.000Z',
};

describe('toStoredIndicatorValue', () => {
  const at = new Date('2025-07-03T08:15:01.000Z');

  it('should file the value under the version the rule gives when the payload names none', () => {
    const stored = toStoredIndicatorValue(computed, () => '2024-11', at);
    expect(stored.record).toEqual({ ...computed, hierarchyVersion: '2024-11', updatedAt: '2025-07-03T08:15:01.000Z' });
    expect(stored.frequency).toBe('quarter');
    // Months since year 0 at the end of 2025-Q2: 2025 × 12 + 6.
    expect(stored.periodEndMonth).toBe(2025 * 12 + 6);
  });

  it('should pass the payload to the rule so a stated version wins', () => {
    const stored = toStoredIndicatorValue({ ...computed, hierarchyVersion: '2025-07' }, (e) => e.hierarchyVersion ?? 'derived', at);
    expect(stored.record.hierarchyVersion).toBe('2025-07');
    expect(valueKey(stored.record)).toBe('2025-07/SOC-01/31117/2025-Q2');
  });
});
