import { AboutResponse, IndicatorsResponse, PeriodsResponse, UnitsResponse } from '@dx/contracts';

export const INDICATORS_EXAMPLE: IndicatorsResponse = {
  indicators: [
    {
      code: 'SOC-01',
      pillar: 'society',
      pillarName: { vi: 'Xã hội số', en: 'Digital society' },
      name: { vi: 'Tỷ lệ hộ gia đình có cáp quang băng rộng', en: 'Households with fibre broadband' },
      valueUnit: 'percent',
      higherIsBetter: true,
      frequency: 'quarter',
      levels: [1, 2, 3],
      targets: [
        { kind: 'milestone', year: 2025, op: '>', value: 90 },
        { kind: 'milestone', year: 2030, op: '>=', value: 100 },
      ],
    },
  ],
};

export const UNITS_EXAMPLE: UnitsResponse = {
  hierarchyVersion: '2024-11',
  effectiveFrom: '2024-11-01',
  units: [
    { code: '31117', name: 'Phường Cái Khế', type: 'phường', level: 3, parentCode: '916' },
    { code: '31120', name: 'Phường An Hòa', type: 'phường', level: 3, parentCode: '916' },
  ],
};

export const PERIODS_EXAMPLE: PeriodsResponse = { unit: '92', hierarchyVersion: '2024-11', periods: ['2025-Q2', '2025-06', '2025-Q1', '2024'] };

export const ABOUT_EXAMPLE: AboutResponse = {
  service: 'reporting',
  syntheticData: true,
  today: '2026-11-29',
  hierarchyVersionToday: '2025-07',
  hierarchyVersions: [
    { version: '2024-11', effectiveFrom: '2024-11-01' },
    { version: '2025-07', effectiveFrom: '2025-07-01' },
  ],
};
