import { jsonNestingExceeds } from './json-depth.util';

describe('jsonNestingExceeds', () => {
  it.each([
    ['{"observations":[{"dimensions":{"sector":"x"}}]}', 4, false],
    ['{"observations":[{"dimensions":{"sector":"x"}}]}', 3, true],
    ['"[[[[[[[[[["', 2, false],
    ['{"a":"\\"[[[[["}', 1, false],
    [`${'['.repeat(10_000)}${']'.repeat(10_000)}`, 32, true],
  ])('should measure the nesting of %s against %i', (text, limit, exceeds) => {
    expect(jsonNestingExceeds(Buffer.from(text), limit)).toBe(exceeds);
  });
});
