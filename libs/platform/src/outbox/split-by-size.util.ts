/**
 * Cuts `items` into consecutive runs, in order, each at most `maxBytes` in total by `sizeOf`. An item
 * larger than `maxBytes` on its own makes a run by itself (the broker decides whether it fits).
 */
export function splitBySize<T>(items: readonly T[], sizeOf: (item: T) => number, maxBytes: number): T[][] {
  const runs: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && bytes + size > maxBytes) {
      runs.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
