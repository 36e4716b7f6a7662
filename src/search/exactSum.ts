/**
 * Exact, order-free sums of likelihood ratios: a fixed-point accumulator in
 * 32-bit limbs (a small "superaccumulator"), so that Σ LR over every target of a
 * child comes out bit-identical however the targets are split between threads.
 *
 * A term LR = e^s is cut into at most three 32-bit pieces on a fixed binary grid
 * (limb i weighs 2^(32·(i − 2)); the smallest unit is 2^−64 ≈ 5.4e−20) and each
 * piece is added into its limb, a double holding an integer (exact while below
 * 2^53). Bits of a term below 2^−64 are dropped (an LR below 2^−64 adds
 * nothing): the sum is exactly Σ ⌊LR·2^64⌋·2^−64, whatever the order of addition,
 * within N·2^−64 of the real sum for N terms. (For the posteriors this is far
 * below double precision: the denominator (π/n)·Σ LR + (1 − π) moves by at most
 * π·2^−64.) Carries are propagated before any
 * limb could pass 2^53, and {@link normaliseLimbs} makes the representation
 * canonical (every limb in [0, 2^32)), so two sums of the same terms are the same
 * bits.
 */
import { ModelError } from '../errors/StrkinError.js';

/** Limbs per sum: 2 below 1 (down to 2^−64) and 66 above (up to 2^2112), so that LRs up to 2^2046 (log10 LR 616) can be summed. */
export const SUM_LIMBS = 68;
/** Index of the limb of weight 1. */
const UNIT_LIMB = 2;
const TWO32 = 4294967296;
const INV_TWO32 = 1 / TWO32;
/** ln of the smallest term that reaches the grid (2^−64). */
export const LN_GRID = -64 * Math.LN2;
/** Terms must stay below 2^2046 (so that every piece lands below the top limbs); ln of that. */
const LN_MAX_TERM = 2046 * Math.LN2;
const LIMB_LN = 32 * Math.LN2;
/** Additions a limb may take between two normalisations (each adds < 2^32; 2^53 is the exact limit). */
export const ADDS_BEFORE_CARRY = 1 << 20;

/**
 * Adds e^s to two sums at once, `a[aBase ..]` and `b[bBase ..]` (a pair's LR
 * goes into its child's sum and its target's sum; e^s is computed once).
 * s = −Infinity (LR 0) and s < ln 2^−64 add nothing. Deterministic: the pieces
 * added depend on s only.
 *
 * Cost: O(1).
 *
 * The term is scaled in logs (e^(s − 32·(i − 2)·ln 2)), so LRs beyond the largest
 * double (log10 LR > 308) are summed too.
 *
 * @throws `ModelError` `lr-out-of-range` when e^s ≥ 2^2046 (log10 LR ≥ 615.9).
 */
export function addLnTerm2(a: Float64Array, aBase: number, b: Float64Array, bBase: number, s: number): void {
  if (!(s >= LN_GRID)) return;
  if (s < 0) {
    // LR < 1, most terms of a search: the limbs below 1 by comparison (no division), the same pieces.
    if (s < -LIMB_LN) {
      // [2^−64, 2^−32): one piece, in limb 0.
      const piece = Math.floor(Math.exp(s + 2 * LIMB_LN));
      a[aBase] = (a[aBase] as number) + piece;
      b[bBase] = (b[bBase] as number) + piece;
      return;
    }
    const y = Math.exp(s + LIMB_LN);
    const hi = Math.floor(y);
    a[aBase + 1] = (a[aBase + 1] as number) + hi;
    b[bBase + 1] = (b[bBase + 1] as number) + hi;
    const lo = Math.floor((y - hi) * TWO32);
    a[aBase] = (a[aBase] as number) + lo;
    b[bBase] = (b[bBase] as number) + lo;
    return;
  }
  if (!(s < LN_MAX_TERM)) tooLarge(s);
  let i = Math.floor(s / LIMB_LN) + UNIT_LIMB;
  if (i < 0) i = 0;
  let y = Math.exp(s - (i - UNIT_LIMB) * LIMB_LN);
  if (y >= TWO32) {
    i++;
    y *= INV_TWO32;
  } else if (y < 1 && i > 0) {
    i--;
    y *= TWO32;
  }
  const hi = Math.floor(y);
  a[aBase + i] = (a[aBase + i] as number) + hi;
  b[bBase + i] = (b[bBase + i] as number) + hi;
  if (i === 0) return;
  y = (y - hi) * TWO32;
  const mid = Math.floor(y);
  a[aBase + i - 1] = (a[aBase + i - 1] as number) + mid;
  b[bBase + i - 1] = (b[bBase + i - 1] as number) + mid;
  if (i === 1) return;
  // y had at most 53 significant bits from 2^31 down: after 64 bits of shift it is an integer.
  const lo = (y - mid) * TWO32;
  a[aBase + i - 2] = (a[aBase + i - 2] as number) + lo;
  b[bBase + i - 2] = (b[bBase + i - 2] as number) + lo;
}

function tooLarge(s: number): never {
  throw new ModelError({ code: 'lr-out-of-range', path: ['lnLR'], message: `A likelihood ratio of 2^2046 or more cannot be summed (log10LR = ${String(s / Math.LN10)})` });
}

/**
 * Propagates carries so that every limb of `acc[base .. base + SUM_LIMBS)` is an
 * integer in [0, 2^32) (the top limb takes what is left): the canonical form of
 * the sum. Exact.
 *
 * Cost: O(SUM_LIMBS).
 */
export function normaliseLimbs(acc: Float64Array, base: number): void {
  let carry = 0;
  for (let i = 0; i < SUM_LIMBS - 1; i++) {
    const v = (acc[base + i] as number) + carry;
    carry = Math.floor(v * INV_TWO32);
    acc[base + i] = v - carry * TWO32;
  }
  acc[base + SUM_LIMBS - 1] = (acc[base + SUM_LIMBS - 1] as number) + carry;
}

/**
 * ln of the sum held in normalised limbs (−Infinity for 0), from the three
 * highest non-zero limbs (96 bits, more than a double holds).
 *
 * Cost: O(SUM_LIMBS).
 */
export function lnOfLimbs(acc: Float64Array, base: number): number {
  let top = SUM_LIMBS - 1;
  while (top >= 0 && acc[base + top] === 0) top--;
  if (top < 0) return Number.NEGATIVE_INFINITY;
  let m = acc[base + top] as number;
  if (top >= 1) m = m * TWO32 + (acc[base + top - 1] as number);
  if (top >= 2) m = m * TWO32 + (acc[base + top - 2] as number);
  const exponent = 32 * (Math.max(top, 2) - 2 - UNIT_LIMB);
  return Math.log(m) + exponent * Math.LN2;
}

/**
 * Adds the normalised sum `from[fromBase ..]` into `into[intoBase ..]` and
 * normalises the result. Exact.
 *
 * Cost: O(SUM_LIMBS).
 */
export function addLimbs(into: Float64Array, intoBase: number, from: Float64Array, fromBase: number): void {
  for (let i = 0; i < SUM_LIMBS; i++) into[intoBase + i] = (into[intoBase + i] as number) + (from[fromBase + i] as number);
  normaliseLimbs(into, intoBase);
}
