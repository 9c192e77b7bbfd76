import { seededRandom } from './seeded-random.util';

const draw = (next: () => number, count: number): number[] => Array.from({ length: count }, () => next());

describe('seededRandom', () => {
  it('should give the same sequence when given the same seed', () => {
    expect(draw(seededRandom(7), 100)).toEqual(draw(seededRandom(7), 100));
  });

  it('should give the mulberry32 sequence when seeded, so generated data sets stay as they were', () => {
    expect(draw(seededRandom(2025), 3)).toEqual([0.425480789039284, 0.6139415160287172, 0.2061573399696499]);
  });

  it('should give values in [0, 1) spread over the interval when drawn many times', () => {
    const values = draw(seededRandom(11), 10_000);

    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    // Each tenth of the interval holds about a tenth of the values.
    for (let decile = 0; decile < 10; decile++) {
      const share = values.filter((v) => Math.floor(v * 10) === decile).length / values.length;
      expect(share).toBeGreaterThan(0.08);
      expect(share).toBeLessThan(0.12);
    }
  });

  it('should give different sequences when given different seeds', () => {
    expect(draw(seededRandom(1), 10)).not.toEqual(draw(seededRandom(2), 10));
    expect(draw(seededRandom(-1), 10)).not.toEqual(draw(seededRandom(1), 10));
  });
});
