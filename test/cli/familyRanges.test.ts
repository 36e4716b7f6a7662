/**
 * The family ranges of the parallel search (src/cli/parallelSearch.ts): contiguous,
 * covering every family once, guided (shrinking) by default so the last range a
 * worker takes is short; equal ranges with chunksPerThread.
 */
import { describe, expect, it } from 'vitest';
import { familyRanges } from '../../src/cli/parallelSearch.js';

const sizes = (b: number[]): number[] => b.slice(1).map((e, i) => e - (b[i] as number));

describe('familyRanges', () => {
  it('covers 0..n in increasing bounds for any size and thread count', () => {
    for (const n of [0, 1, 2, 7, 10, 499, 500, 501, 4000, 100000]) {
      for (const threads of [1, 2, 3, 8]) {
        const b = familyRanges(n, threads);
        expect(b[0]).toBe(0);
        expect(b[b.length - 1]).toBe(n);
        if (n > 0) for (const s of sizes(b)) expect(s).toBeGreaterThan(0);
        else expect(b).toEqual([0, 0]);
      }
    }
  });

  it('guided: 100,000 families on 2 threads start with ranges of n/8 and end with ranges of 500 to 999', () => {
    const s = sizes(familyRanges(100000, 2));
    expect(s[0]).toBe(12500);
    for (let i = 1; i < s.length - 1; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1] as number); // the last takes in a short tail
    expect(s[s.length - 1]).toBeGreaterThanOrEqual(500);
    expect(s[s.length - 1]).toBeLessThan(1000);
    expect(s.length).toBeLessThan(40);
  });

  it('small inputs still get several ranges (the parallel merge runs in small tests); one thread gets one range', () => {
    expect(sizes(familyRanges(10, 2))).toEqual([2, 2, 2, 2, 2]);
    expect(familyRanges(10, 1)).toEqual([0, 10]);
  });

  it('chunksPerThread gives threads × chunksPerThread equal ranges (at most one per family)', () => {
    expect(familyRanges(100, 2, 4)).toEqual([0, 12, 25, 37, 50, 62, 75, 87, 100]);
    expect(familyRanges(3, 2, 4)).toEqual([0, 1, 2, 3]);
  });
});
