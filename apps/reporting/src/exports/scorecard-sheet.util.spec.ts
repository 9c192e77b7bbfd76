import { ScorecardResponse } from '@dx/contracts';

import { neutralise, SCORECARD_COLUMNS, scorecardRows } from './scorecard-sheet.util';

const scorecard: ScorecardResponse = {
  unit: '92',
  unitName: '=HYPERLINK("http://evil.example","Cần Thơ")',
  level: 1,
  hierarchyVersion: '2024-11',
  period: '2024',
  indicators: [
    {
      code: 'ECO-02',
      pillar: 'economy',
      name: { vi: '+Tăng năng suất', en: 'Labour-productivity growth' },
      valueUnit: 'percent',
      value: -1.5,
      target: { year: 2024, op: '>=', value: 7 },
      expected: 7,
      status: 'off_track',
      coverage: { reported: 1, expected: 1 },
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
  ],
};

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['Phường Cái Khế', 'Phường Cái Khế'],
  ])('should turn %j into %j', (cell, expected) => {
    expect(neutralise(cell)).toBe(expected);
  });

  it('should leave numbers as numbers, negative ones included', () => {
    expect(neutralise(-1.5)).toBe(-1.5);
    expect(neutralise(null)).toBeNull();
  });
});

describe('scorecardRows', () => {
  it('should write one neutralised row per indicator in the column order', () => {
    const [row] = scorecardRows(scorecard);
    const cell = (en: string) => row[SCORECARD_COLUMNS.findIndex((c) => c.en === en)];
    expect(cell('Unit')).toBe(`'${scorecard.unitName}`);
    expect(cell('Indicator')).toBe("'+Tăng năng suất");
    expect(cell('Value')).toBe(-1.5);
    expect(cell('Comparator')).toBe('>=');
    expect(cell('Units expected')).toBe(1);
    expect(row).toHaveLength(SCORECARD_COLUMNS.length);
  });
});
