import { rankUnits } from './rank-units.util';

describe('rankUnits', () => {
  it('should put the highest share first and share ranks on ties, listed by code', () => {
    const ranked = rankUnits({ higherIsBetter: true }, [
      { unit: '31120', value: 80 },
      { unit: '31117', value: 92.5 },
      { unit: '31123', value: 80 },
      { unit: '31126', value: 70 },
    ]);
    expect(ranked.map((r) => [r.rank, r.unit])).toEqual([
      [1, '31117'],
      [2, '31120'],
      [2, '31123'],
      [4, '31126'],
    ]);
  });

  it('should put the lowest first when lower is better (a rank such as OVR-01)', () => {
    const ranked = rankUnits({ higherIsBetter: false }, [
      { unit: '93', value: 12 },
      { unit: '92', value: 8 },
      { unit: '94', value: 30 },
    ]);
    expect(ranked.map((r) => r.unit)).toEqual(['92', '93', '94']);
    expect(ranked[0].rank).toBe(1);
  });

  it('should list units without a value last, by code and without a rank', () => {
    const ranked = rankUnits({ higherIsBetter: true }, [
      { unit: '31150', value: null },
      { unit: '31117', value: null },
      { unit: '31120', value: 50 },
    ]);
    expect(ranked).toEqual([
      { unit: '31120', value: 50, rank: 1 },
      { unit: '31117', value: null, rank: null },
      { unit: '31150', value: null, rank: null },
    ]);
  });
});
