import { SeriesResponse } from '@dx/contracts';

export const SERIES_EXAMPLE: SeriesResponse = {
  indicator: 'SOC-01',
  unit: '916',
  unitName: 'Quận Ninh Kiều',
  hierarchyVersion: '2024-11',
  versionEffectiveFrom: '2024-11-01',
  frequency: 'quarter',
  points: [
    { period: '2025-Q1', value: 83.9, status: 'at_risk', expected: 86.6, target: { year: 2025, op: '>', value: 90 }, coverage: { reported: 12, expected: 12 } },
    { period: '2025-Q2', value: 84.5, status: 'at_risk', expected: 87.2, target: { year: 2025, op: '>', value: 90 }, coverage: { reported: 12, expected: 12 } },
  ],
  targets: [
    { year: 2025, op: '>', value: 90 },
    { year: 2030, op: '>=', value: 100 },
  ],
  trajectory: [
    { period: '2020', expected: 70 },
    { period: '2025', expected: 90 },
    { period: '2030', expected: 100 },
  ],
  projection: {
    year: 2025,
    value: 86.9,
    target: { year: 2025, op: '>', value: 90 },
    meetsTarget: false,
    basis: { from: '2022-Q3', to: '2025-Q2', points: 12 },
  },
};
