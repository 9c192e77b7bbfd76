import { canonicalJson, sameJson } from './canonical-json.util';
import { seededRandom } from './seeded-random.util';

describe('canonicalJson', () => {
  it('should give the same text whatever the key order, at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
  });

  it('should leave undefined members out but keep array order and distinguish types', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ v: '1' })).not.toBe(canonicalJson({ v: 1 }));
  });
});

describe('sameJson', () => {
  // JSON data as the computation meets it: objects in any key order, undefined members, nulls, nested arrays.
  function randomJson(random: () => number, depth: number): unknown {
    const pick = Math.floor(random() * (depth > 2 ? 5 : 7));
    if (pick === 0) return null;
    if (pick === 1) return Math.floor(random() * 3) - 1;
    if (pick === 2) return ['a', 'b', '1'][Math.floor(random() * 3)];
    if (pick === 3) return random() < 0.5;
    if (pick === 4) return undefined;
    if (pick === 5) return Array.from({ length: Math.floor(random() * 3) }, () => randomJson(random, depth + 1) ?? null);
    const keys = ['x', 'y', 'z'].filter(() => random() < 0.6);
    return Object.fromEntries(keys.map((k) => [k, randomJson(random, depth + 1)]));
  }
  const reordered = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reordered);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  };

  it('should say what canonicalJson equality says, on 5,000 generated pairs', () => {
    const random = seededRandom(2026);
    let equal = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 5_000; i += 1) {
      const a = randomJson(random, 0);
      const b = random() < 0.4 ? reordered(a) : randomJson(random, 0);
      const expected = canonicalJson(a) === canonicalJson(b);
      if (expected) equal += 1;
      if (sameJson(a, b) !== expected) disagreements.push(`${canonicalJson(a)} vs ${canonicalJson(b)}`);
    }
    expect(disagreements).toEqual([]);
    // Both answers occur often enough for the comparison to mean something.
    expect(equal).toBeGreaterThan(1_000);
    expect(equal).toBeLessThan(4_000);
  });

  it('should ignore key order and undefined members but not a changed member, a missing one or a type', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: null }, { a: 1 })).toBe(false);
    expect(sameJson({ v: '1' }, { v: 1 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ 0: 'a' }, ['a'])).toBe(false);
  });
});
