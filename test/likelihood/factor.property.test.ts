/**
 * Property test of the factor product kernel: `multiplyAndSum` on random
 * factors (1-5 of them, over up to 5 variables of 1-4 values, in any order,
 * summing one variable out or none) equals a brute-force sum over every joint
 * assignment of the variables. The fast-check seed is chosen and printed once
 * per run by test/globalSetup.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factorData, multiplyAndSum, withFactorArena, type Factor } from '../../src/likelihood/factor.js';

const dimsArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 });

/** A factor over a random subset of the variables (in random order) with random non-negative values. */
const factorArb = (dims: readonly number[]): fc.Arbitrary<Factor> =>
  fc
    .shuffledSubarray(dims.map((_, v) => v), { minLength: 1 })
    .chain((vars) => {
      const fdims = vars.map((v) => dims[v] as number);
      const size = fdims.reduce((a, b) => a * b, 1);
      return fc.record({
        data: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })), { minLength: size, maxLength: size }),
        lnScale: fc.double({ min: -5, max: 5, noNaN: true }),
      }).map(({ data, lnScale }): Factor => ({ vars, dims: fdims, data: Float64Array.from(data), lnScale }));
    });

/** The value of factor f at a joint assignment of all variables. */
function valueAt(f: Factor, assignment: readonly number[]): number {
  let index = 0;
  f.vars.forEach((v, i) => (index = index * (f.dims[i] as number) + (assignment[v] as number)));
  return f.data[index] as number;
}

describe('multiplyAndSum', () => {
  it('equals the brute-force product and sum over every assignment', () => {
    fc.assert(
      fc.property(
        dimsArb.chain((dims) => fc.tuple(fc.constant(dims), fc.array(factorArb(dims), { minLength: 1, maxLength: 5 }), fc.integer({ min: -1, max: dims.length - 1 }))),
        ([dims, factors, sumOut]) => {
          const present = new Set(factors.flatMap((f) => f.vars));
          const out = multiplyAndSum(factors, present.has(sumOut) ? sumOut : -1, (v) => dims[v] as number);
          const summed = present.has(sumOut) ? sumOut : -1;
          expect([...out.vars].sort()).toEqual([...present].filter((v) => v !== summed).sort());
          expect(out.lnScale).toBeCloseTo(factors.reduce((s, f) => s + f.lnScale, 0), 12);
          // Every output entry against the brute-force sum over the summed variable.
          const assignment = new Array<number>(dims.length).fill(0);
          const size = out.dims.reduce((a, b) => a * b, 1);
          for (let o = 0; o < size; o++) {
            let rest = o;
            for (let i = out.vars.length - 1; i >= 0; i--) {
              assignment[out.vars[i] as number] = rest % (out.dims[i] as number);
              rest = Math.floor(rest / (out.dims[i] as number));
            }
            let expected = 0;
            const values = summed >= 0 ? (dims[summed] as number) : 1;
            for (let x = 0; x < values; x++) {
              if (summed >= 0) assignment[summed] = x;
              expected += factors.reduce((p, f) => p * valueAt(f, assignment), 1);
            }
            const got = out.data[o] as number;
            expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected));
          }
        },
      ),
    );
  });

  it('gives the same bits inside the factor arena, and arena tables do not overlap', () => {
    fc.assert(
      fc.property(
        dimsArb.chain((dims) => fc.tuple(fc.constant(dims), fc.array(factorArb(dims), { minLength: 1, maxLength: 5 }), fc.integer({ min: -1, max: dims.length - 1 }))),
        ([dims, factors, sumOut]) => {
          const present = new Set(factors.flatMap((f) => f.vars));
          const summed = present.has(sumOut) ? sumOut : -1;
          const dimOf = (v: number): number => dims[v] as number;
          const outside = multiplyAndSum(factors, summed, dimOf);
          withFactorArena(() => {
            // Tables taken before the product keep their values (the product's table is another range).
            const before = factorData(7, true);
            before.fill(3);
            const inside = multiplyAndSum(factors, summed, dimOf);
            const after = factorData(5, true);
            after.fill(4);
            expect(inside.vars).toEqual(outside.vars);
            expect(Array.from(inside.data)).toEqual(Array.from(outside.data));
            expect(Array.from(before)).toEqual(new Array<number>(7).fill(3));
          });
        },
      ),
    );
  });

  it('sums the constant 1 when there is no factor', () => {
    expect(Array.from(multiplyAndSum([], 0, () => 3).data)).toEqual([3]);
    expect(Array.from(multiplyAndSum([], -1, () => 3).data)).toEqual([1]);
  });
});
