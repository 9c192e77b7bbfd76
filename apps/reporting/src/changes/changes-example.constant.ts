import { ChangesResponse } from '@dx/contracts';

export const CHANGES_EXAMPLE: ChangesResponse = {
  items: [
    {
      type: 'indicator_value',
      cursor: '1042',
      indicator: 'SOC-01',
      unit: '31117',
      period: '2025-Q2',
      value: 92,
      numerator: 4600,
      denominator: 5000,
      target: { year: 2025, op: '>', value: 90 },
      expected: 88.7,
      status: 'achieved',
      coverage: { reported: 1, expected: 1 },
      hierarchyVersion: '2024-11',
      computedAt: '2025-07-03T08:15:00.000Z',
      updatedAt: '2025-07-03T08:15:01.000Z',
    },
  ],
  next: '1042',
};
