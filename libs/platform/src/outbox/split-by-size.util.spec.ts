import { splitBySize } from './split-by-size.util';

describe('splitBySize', () => {
  const size = (n: number) => n;

  it('should keep items in order in runs of at most the limit', () => {
    expect(splitBySize([4, 4, 4, 3, 1, 9], size, 10)).toEqual([[4, 4], [4, 3, 1], [9]]);
  });

  it('should give an item over the limit a run of its own, between the runs around it', () => {
    expect(splitBySize([2, 50, 3, 3], size, 10)).toEqual([[2], [50], [3, 3]]);
  });

  it('should give nothing for nothing and one run when everything fits', () => {
    expect(splitBySize([], size, 10)).toEqual([]);
    expect(splitBySize([1, 2, 3], size, 10)).toEqual([[1, 2, 3]]);
  });
});
