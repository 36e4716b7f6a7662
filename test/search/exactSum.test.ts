import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLimbs, addLnTerm2, lnOfLimbs, normaliseLimbs, SUM_LIMBS } from '../../src/search/exactSum.js';

/** Sums terms e^s in the given order, cut in chunks (normalised per chunk, then added in chunk order), as the scan and the merge do. */
function limbSum(terms: readonly number[], cuts: readonly number[]): Float64Array {
  const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, terms.length)), terms.length])].sort((x, y) => x - y);
  const total = new Float64Array(SUM_LIMBS);
  for (let i = 1; i < bounds.length; i++) {
    const part = new Float64Array(SUM_LIMBS);
    const dummy = new Float64Array(SUM_LIMBS);
    for (let k = bounds[i - 1] as number; k < (bounds[i] as number); k++) addLnTerm2(part, 0, dummy, 0, terms[k] as number);
    normaliseLimbs(part, 0);
    addLimbs(total, 0, part, 0);
  }
  return total;
}

const lse = (xs: readonly number[]): number => {
  const m = Math.max(...xs);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
};

describe('exact sums of likelihood ratios (exactSum.ts)', () => {
  // Also terms at the edges of the limbs below 1 (LR near 2^-64, 2^-32 and 1), where the pieces change limb.
  const near = (x: number): fc.Arbitrary<number> => fc.double({ min: x - 1e-6, max: x + 1e-6, noNaN: true });
  const edges = fc.oneof(near(-64 * Math.LN2), near(-32 * Math.LN2), near(0));
  const lnTerm = fc.oneof(fc.double({ min: -60, max: 700, noNaN: true }), fc.constant(Number.NEGATIVE_INFINITY), fc.double({ min: -5, max: 5, noNaN: true }), edges);

  it('the limbs are the same bits whatever the order and the cut into ranges', () => {
    fc.assert(
      fc.property(fc.array(lnTerm, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 4 }), fc.array(fc.nat(60), { maxLength: 4 }), (terms, cuts, otherCuts) => {
        const a = limbSum(terms, cuts);
        const b = limbSum([...terms].reverse(), otherCuts);
        expect(Array.from(b)).toEqual(Array.from(a));
      }),
    );
  });

  it('ln of the sum is log-sum-exp of the terms (to 1e-12 relative, plus less than 2^-64 per term)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -40, max: 700, noNaN: true }), edges), { minLength: 1, maxLength: 40 }), (terms) => {
        const got = lnOfLimbs(limbSum(terms, []), 0);
        const want = lse(terms);
        // rounding (1e-12 relative in logs) plus the grid: each term loses less than 2^-64, all of it
        // when it rounds below 2^-64. Compared as sums, not logs: near the grid the loss can be most
        // of the sum (three terms just around 2^-64 may sum to 2^-64), which no log bound linearises.
        const grid = terms.length * 2 ** -64;
        const rounding = Math.expm1(1e-12 * Math.max(1, Math.abs(want)));
        expect(Math.abs(Math.exp(got) - Math.exp(want))).toBeLessThanOrEqual(rounding * Math.exp(want) + grid);
      }),
    );
  });

  it('known values: 1 + 2 + 0.5 = 3.5; LR 0 and LRs below 2^-64 add nothing; one term is itself', () => {
    expect(Math.exp(lnOfLimbs(limbSum([0, Math.log(2), Math.log(0.5)], []), 0))).toBeCloseTo(3.5, 14);
    expect(lnOfLimbs(limbSum([Number.NEGATIVE_INFINITY, -50], []), 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(lnOfLimbs(limbSum([Math.log(1e300)], []), 0)).toBeCloseTo(Math.log(1e300), 10);
    // beyond the largest double: LR e^710 and e^1000 + e^1000
    expect(lnOfLimbs(limbSum([710], []), 0)).toBeCloseTo(710, 12);
    expect(lnOfLimbs(limbSum([1000, 1000], []), 0)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(() => limbSum([2046 * Math.LN2], [])).toThrow(/cannot be summed/);
  });
});
