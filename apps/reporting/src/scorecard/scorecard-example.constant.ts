import { ScorecardResponse } from '@dx/contracts';

export const SCORECARD_EXAMPLE: ScorecardResponse = {
  unit: '916',
  unitName: 'Quận Ninh Kiều',
  level: 2,
  hierarchyVersion: '2024-11',
  period: '2025-Q2',
  indicators: [
    {
      code: 'SOC-01',
      pillar: 'society',
      name: { vi: 'Tỷ lệ hộ gia đình có cáp quang băng rộng', en: 'Households with fibre broadband' },
      valueUnit: 'percent',
      value: 84.5,
      numerator: 50700,
      denominator: 60000,
      target: { year: 2025, op: '>', value: 90 },
      expected: 87.2,
      status: 'at_risk',
      progress: 0.86,
      coverage: { reported: 12, expected: 12 },
      projection: {
        year: 2025,
        value: 88.1,
        target: { year: 2025, op: '>', value: 90 },
        meetsTarget: false,
        basis: { from: '2022-Q3', to: '2025-Q2', points: 12 },
      },
      updatedAt: '2025-07-03T08:15:01.000Z',
    },
    {
      code: 'SOC-02',
      pillar: 'society',
      name: { vi: 'Tỷ lệ xã, phường, thị trấn có cáp quang băng rộng', en: 'Communes, wards and townships with fibre broadband' },
      valueUnit: 'percent',
      value: null,
      target: { year: 2025, op: '>=', value: 100 },
      status: 'no_data',
      coverage: { reported: 0, expected: 0 },
      updatedAt: null,
    },
  ],
};
