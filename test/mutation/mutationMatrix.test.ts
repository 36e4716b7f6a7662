/**
 * Mutation matrices: the definitions of validation/README.md convention 6 and
 * domain.md §3.4, checked entry by entry on small ladders, plus validation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import { AABB_2003_RATES, DEFAULT_OTHER_LOCUS_RATES, defaultMutation, locusMutationRates } from '../../src/mutation/defaultRates.js';
import { describeMutation, isNoMutation, mutationMatrix, type MutationSpec } from '../../src/mutation/mutationMatrix.js';
import { mutationSpec } from '../arbitraries/pedigrees.js';

const row = (m: Float64Array, n: number, i: number) => Array.from(m.subarray(i * n, (i + 1) * n));
const close = (a: number[], b: number[]) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i] as number, 14));

describe('mutation models', () => {
  const alleles = ['8', '9', '10', '11'];
  const p = [0.1, 0.2, 0.3, 0.4];
  it('none and zero rates are the identity (null)', () => {
    expect(mutationMatrix({ model: 'none' }, alleles, p)).toBeNull();
    expect(mutationMatrix({ model: 'equal', rate: 0 }, alleles, p)).toBeNull();
    expect(isNoMutation({ model: 'stepwise', rate: 0, range: 0.5, rate2: 0 })).toBe(true);
  });
  it('equal: 1 - rate on the diagonal, rate/(n-1) elsewhere', () => {
    const m = mutationMatrix({ model: 'equal', rate: 0.003 }, alleles, p) as Float64Array;
    close(row(m, 4, 1), [0.001, 0.997, 0.001, 0.001]);
  });
  it('proportional: (1-a)I + a·1·pᵀ with a = rate/Σp(1-p); stationary, overall rate exactly rate', () => {
    const rate = 0.01;
    const m = mutationMatrix({ model: 'proportional', rate }, alleles, p) as Float64Array;
    const a = rate / p.reduce((s, x) => s + x * (1 - x), 0);
    close(row(m, 4, 0), [1 - a + a * 0.1, a * 0.2, a * 0.3, a * 0.4]);
    // Stationary: p·M = p. Overall rate: Σ p_i (1 - M_ii) = rate.
    for (let j = 0; j < 4; j++) expect(p.reduce((s, x, i) => s + x * (m[i * 4 + j] as number), 0)).toBeCloseTo(p[j] as number, 14);
    expect(p.reduce((s, x, i) => s + x * (1 - (m[i * 5] as number)), 0)).toBeCloseTo(rate, 14);
  });
  it('onestep: rate split among the neighbours ±1 that exist; an allele without neighbours never mutates', () => {
    const m = mutationMatrix({ model: 'onestep', rate: 0.002 }, ['8', '9', '11', '13'], [0.25, 0.25, 0.25, 0.25]) as Float64Array;
    close(row(m, 4, 0), [0.998, 0.002, 0, 0]);
    close(row(m, 4, 1), [0.002, 0.998, 0, 0]);
    close(row(m, 4, 2), [0, 0, 1, 0]);
  });
  it('stepwise: range^|i-j| within a microvariant group scaled to rate; rate2 spread over other groups', () => {
    const labels = ['9', '9.3', '10', '11'];
    const m = mutationMatrix({ model: 'stepwise', rate: 0.002, range: 0.5, rate2: 0.0003 }, labels, [0.25, 0.25, 0.25, 0.25]) as Float64Array;
    // Row 9: same group {9, 10, 11}: weights .5 (10), .25 (11) -> rate·(2/3, 1/3); other group {9.3}: rate2/1.
    close(row(m, 4, 0), [1 - 0.002 - 0.0003, 0.0003, (0.002 * 0.5) / 0.75, (0.002 * 0.25) / 0.75]);
    // Row 9.3: alone in its group: 1 - rate2, rate2 spread over the 3 others.
    close(row(m, 4, 1), [0.0001, 1 - 0.0003, 0.0001, 0.0001]);
  });
  it('stepwise with every allele in one group: diagonal 1 - rate (no rate2 to spend)', () => {
    const m = mutationMatrix({ model: 'stepwise', rate: 0.004, range: 0.2, rate2: 0.001 }, ['10', '11'], [0.5, 0.5]) as Float64Array;
    close(row(m, 2, 0), [0.996, 0.004]);
  });
  it('off-ladder alleles are groups of their own: no stepwise distance, only rate2', () => {
    const m = mutationMatrix({ model: 'stepwise', rate: 0.002, range: 0.5, rate2: 0.0004 }, ['10', '11', 'OL'], [0.4, 0.4, 0.2]) as Float64Array;
    close(row(m, 3, 2), [0.0002, 0.0002, 1 - 0.0004]);
    close(row(m, 3, 0), [1 - 0.002 - 0.0004, 0.002, 0.0004]);
    const one = mutationMatrix({ model: 'onestep', rate: 0.01 }, ['10', '11', '>24'], [0.4, 0.4, 0.2]) as Float64Array;
    close(row(one, 3, 2), [0, 0, 1]);
  });
  it('custom matrices are validated', () => {
    const m = mutationMatrix({ model: 'custom', matrix: [[0.9, 0.1], [0.2, 0.8]] }, ['a', 'b'], [0.5, 0.5]) as Float64Array;
    close(Array.from(m), [0.9, 0.1, 0.2, 0.8]);
    expect(() => mutationMatrix({ model: 'custom', matrix: [[0.9, 0.2], [0.2, 0.8]] }, ['a', 'b'], [0.5, 0.5])).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-mutation-matrix: Mutation matrix row must sum to 1 (row = 0, sum = 1.1)]`);
    expect(() => mutationMatrix({ model: 'custom', matrix: [[1]] }, ['a', 'b'], [0.5, 0.5])).toThrow(ValidationError);
  });
  it('rejects bad parameters with every issue', () => {
    expect(() => mutationMatrix({ model: 'equal', rate: 2 }, alleles, p)).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-mutation-rate: Mutation rate must be a number in [0, 1] (rate = 2)]`);
    expect(() => mutationMatrix({ model: 'stepwise', rate: 0.1, range: 1.5, rate2: -1 }, alleles, p)).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-mutation-rate: Mutation rate2 must be a number in [0, 1] (rate2 = -1) (and 1 more issue)]`);
    expect(() => mutationMatrix({ model: 'proportional', rate: 0.9 }, ['a', 'b'], [0.99, 0.01])).toThrow(/bad-mutation-matrix/);
    expect(() => mutationMatrix({ model: 'warp' } as unknown as MutationSpec, alleles, p)).toThrow(/unknown-mutation-model/);
  });
  it('every valid model gives rows that sum to 1 with non-negative entries (property)', () => {
    fc.assert(
      fc.property(mutationSpec(), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 6 }), (spec, weights) => {
        const labels = ['8', '9', '9.3', '10', '11', 'OL'].slice(0, weights.length);
        const total = weights.reduce((a, b) => a + b, 0);
        const freqs = weights.map((w) => w / total);
        let m: Float64Array | null;
        try {
          m = mutationMatrix(spec, labels, freqs);
        } catch (error) {
          // Only the proportional model can be impossible (a > 1/(1 - p_i) makes a negative diagonal).
          expect(spec.model).toBe('proportional');
          expect(error).toBeInstanceOf(ValidationError);
          return;
        }
        if (m === null) return;
        const n = labels.length;
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (let j = 0; j < n; j++) {
            expect(m[i * n + j]).toBeGreaterThanOrEqual(0);
            sum += m[i * n + j] as number;
          }
          expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
        }
      }),
    );
  });
});

describe('built-in rates (AABB 2003)', () => {
  it('per-locus values from domain.md §3.4, the mean for others, any spelling', () => {
    expect(AABB_2003_RATES['FGA']).toEqual({ female: 0.0005, male: 0.0032 });
    expect(locusMutationRates('VWA')).toEqual({ female: 0.0003, male: 0.0017 });
    expect(locusMutationRates('SE33')).toEqual(DEFAULT_OTHER_LOCUS_RATES);
    expect(defaultMutation('TH01', 'stepwise')).toEqual({ female: { model: 'stepwise', rate: 0.00009, range: 0.5, rate2: 1e-6 }, male: { model: 'stepwise', rate: 0.00009, range: 0.5, rate2: 1e-6 } });
    expect(defaultMutation('D3S1358', 'equal').male).toEqual({ model: 'equal', rate: 0.0013 });
    expect(describeMutation(defaultMutation('FGA').male)).toBe('stepwise(rate=0.0032, range=0.5, rate2=0.000001)');
  });
});
