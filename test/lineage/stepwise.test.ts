// The symmetric single-step model over m meioses (src/lineage/stepwise.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lnStepProbability, MAX_MEIOSES } from '../../src/lineage/stepwise.js';

const P = (k: number, m: number, mu: number): number => Math.exp(lnStepProbability(k, m, mu));

describe('lnStepProbability', () => {
  it('closed forms for one and two meioses', () => {
    const mu = 0.004;
    expect(P(0, 1, mu)).toBeCloseTo(1 - mu, 15);
    expect(P(1, 1, mu)).toBeCloseTo(mu / 2, 15);
    // Two meioses: stay twice, or up then down / down then up.
    expect(P(0, 2, mu)).toBeCloseTo((1 - mu) ** 2 + 2 * (mu / 2) ** 2, 15);
    expect(P(1, 2, mu)).toBeCloseTo(2 * (mu / 2) * (1 - mu), 15);
    expect(P(2, 2, mu)).toBeCloseTo((mu / 2) ** 2, 15);
    expect(P(0, 0, mu)).toBe(1);
    expect(lnStepProbability(1, 0, mu)).toBe(-Infinity);
    expect(lnStepProbability(2, 1, mu)).toBe(-Infinity);
    expect(lnStepProbability(1, 3, 0)).toBe(-Infinity);
    expect(lnStepProbability(0, 3, 0)).toBe(0);
  });

  it('agrees with the m-fold convolution of the one-meiosis law', () => {
    const mu = 0.3;
    let dist = new Map<number, number>([[0, 1]]);
    for (let m = 1; m <= 8; m++) {
      const next = new Map<number, number>();
      for (const [k, p] of dist) {
        for (const [d, q] of [[-1, mu / 2], [0, 1 - mu], [1, mu / 2]] as const) next.set(k + d, (next.get(k + d) ?? 0) + p * q);
      }
      dist = next;
      for (const [k, p] of dist) expect(P(k, m, mu)).toBeCloseTo(p, 14);
    }
  });

  it('is a distribution over k, symmetric in k, never NaN', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (m, mu) => {
        let sum = 0;
        for (let k = -m - 1; k <= m + 1; k++) {
          const ln = lnStepProbability(k, m, mu);
          expect(Number.isNaN(ln)).toBe(false);
          expect(ln).toBe(lnStepProbability(-k, m, mu));
          sum += Math.exp(ln);
        }
        expect(sum).toBeCloseTo(1, 10);
      }),
    );
  });

  it('rejects bad input with a code', () => {
    expect(() => lnStepProbability(0, -1, 0.01)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'bad-meioses' })] }));
    expect(() => lnStepProbability(0, MAX_MEIOSES + 1, 0.01)).toThrow(/Meioses must be an integer/);
    expect(() => lnStepProbability(0, 1, 1)).toThrow(/bad|rate/);
    expect(() => lnStepProbability(0, 1, Number.NaN)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'bad-mutation-rate' })] }));
    expect(() => lnStepProbability(0.5, 1, 0.01)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'bad-steps' })] }));
  });
});
