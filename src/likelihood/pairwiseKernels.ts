/**
 * The allocation-free pairwise LR kernels behind `pairwiseLR`: one
 * marker from allele indices, and a whole profile pair for screening. The
 * formulas and their references are in pairwiseLR.ts; every entry point goes
 * through {@link markerLR} so that the slow and fast paths cannot drift apart.
 */
import type { Kappa } from './ibd.js';

/**
 * The LR of one marker from allele indices, linear scale. Shared by every
 * entry point so that the slow and fast paths cannot drift apart.
 * `a1, b1` are person 1's allele indices, `a2, b2` person 2's, all into `freqs`.
 * @internal
 */
export function markerLR(a1: number, b1: number, a2: number, b2: number, freqs: Float64Array, k0: number, k1: number, k2: number, t: number): number {
  const ca = (a2 === a1 ? 1 : 0) + (a2 === b1 ? 1 : 0); // copies of a2 in G1
  const cb = (b2 === a1 ? 1 : 0) + (b2 === b1 ? 1 : 0); // copies of b2 in G1
  if (ca === 0 && cb === 0) return k0; // nothing shared: X1 = X2 = 0 (the common case when screening)
  const s = 1 - t;
  // Urn weights scaled by the denominators: P(next = x | G1 seen) = qx / (1 + t);
  // P(G2 | G1, unrelated) = unrelated / ((1 + t)(1 + 2t)). The scale factors
  // are put back on the IBD terms below, so there is one division per marker.
  const qa = ca * t + s * (freqs[a2] as number);
  let unrelated: number;
  let oneIbd: number; // P(G2 | G1, 1 IBD) · (1 + t)
  let twoIbd: boolean;
  if (a2 === b2) {
    unrelated = qa * ((ca + 1) * t + s * (freqs[a2] as number));
    oneIbd = 0.5 * ca * qa;
    twoIbd = ca === 2;
  } else {
    const qb = cb * t + s * (freqs[b2] as number);
    unrelated = 2 * qa * qb;
    // G1's allele a1 shared: G2's other allele must be drawn; likewise b1.
    oneIbd = 0.5 * ((a1 === a2 ? qb : a1 === b2 ? qa : 0) + (b1 === a2 ? qb : b1 === b2 ? qa : 0));
    twoIbd = ca === 1 && cb === 1;
  }
  const c1 = 1 + 2 * t;
  return k0 + (k1 * oneIbd * c1 + (twoIbd ? k2 * (1 + t) * c1 : 0)) / unrelated;
}

/**
 * The pairwise LR of one marker, linear scale, from allele indices into a
 * frequency array: the allocation-free kernel of `pairwiseLR`. Returns
 * 0 when the genotypes exclude the relationship (e.g. parent-child sharing no
 * allele).
 *
 * Unchecked hot path: the caller guarantees valid indices, frequencies in
 * (0, 1], theta in [0, 1) and a valid kappa (`validateKappa`); the result is
 * then finite and non-negative. Reference: domain.md §3.1-3.2.
 *
 * Cost: O(1), no allocation.
 *
 * @example
 * ```ts
 * const freqs = new Float64Array([0.1, 0.2, 0.05, 0.3]); // a b c d
 * pairwiseMarkerLRIndexed(0, 1, 0, 1, freqs, IBD_COEFFICIENTS['parent-child'], 0); // => 3.75
 * ```
 */
export function pairwiseMarkerLRIndexed(a1: number, b1: number, a2: number, b2: number, freqs: Float64Array, kappa: Kappa, theta: number): number {
  return markerLR(a1, b1, a2, b2, freqs, kappa.k0, kappa.k1, kappa.k2, theta);
}

/**
 * The natural log of the pairwise LR of one marker from allele indices
 * (`-Infinity` when excluded). See {@link pairwiseMarkerLRIndexed} for the
 * contract (unchecked; valid inputs give no NaN).
 *
 * Cost: O(1), no allocation.
 *
 * @example
 * ```ts
 * const freqs = new Float64Array([0.1, 0.2, 0.05, 0.3]);
 * pairwiseLnLRIndexed(0, 0, 0, 0, freqs, IBD_COEFFICIENTS['full-siblings'], 0); // => Math.log(30.25)
 * ```
 */
export function pairwiseLnLRIndexed(a1: number, b1: number, a2: number, b2: number, freqs: Float64Array, kappa: Kappa, theta: number): number {
  return Math.log(markerLR(a1, b1, a2, b2, freqs, kappa.k0, kappa.k1, kappa.k2, theta));
}

/**
 * The allele index that marks an untyped (or partial) genotype in
 * {@link pairwiseLnLRProfileIndexed}: a locus where any of the four alleles
 * has this index contributes LR 1. It is the largest Uint16 value, so no real
 * allele index reaches it.
 *
 * @example
 * ```ts
 * const untypedAtLocus2 = new Uint16Array([0, 1, UNTYPED_ALLELE, UNTYPED_ALLELE]);
 * ```
 */
export const UNTYPED_ALLELE = 0xffff;

// Rescale bounds of the running product in pairwiseLnLRProfileIndexed: far
// from under/overflow, so one log per ~10^250 of LR range.
const PRODUCT_LOW = 1e-250;
const PRODUCT_HIGH = 1e250;

/**
 * The total natural-log pairwise LR of two profiles over many loci, from
 * allele indices: the screening kernel (one call per pair of people).
 *
 * Layout: locus `l` uses `alleles1[2l]`, `alleles1[2l+1]` (person 1) and
 * `alleles2[2l]`, `alleles2[2l+1]` (person 2), indices local to the locus;
 * its frequencies are `freqs[offsets[l] + i]`. A locus where any of the four
 * alleles is {@link UNTYPED_ALLELE} contributes 0 (LR 1). Returns `-Infinity`
 * as soon as one locus excludes the relationship.
 *
 * Per-locus LRs are multiplied in a running product that is moved into the
 * log sum before it can under- or overflow (one `Math.log` per pair in
 * practice), so the result equals the sum of per-locus logs to rounding.
 * Unchecked hot path: same contract as {@link pairwiseMarkerLRIndexed}.
 *
 * Cost: O(loci), no allocation.
 *
 * @example
 * ```ts
 * // two loci with alleles a b c d at frequencies .1 .2 .05 .3
 * const freqs = new Float64Array([0.1, 0.2, 0.05, 0.3, 0.1, 0.2, 0.05, 0.3]);
 * const offsets = new Int32Array([0, 4]);
 * const af = new Uint16Array([0, 1, 0, 0]); // ab, aa
 * const child = new Uint16Array([0, 1, 0, 1]); // ab, ab
 * pairwiseLnLRProfileIndexed(af, child, freqs, offsets, IBD_COEFFICIENTS['parent-child'], 0);
 * // = Math.log(3.75 * 5)
 * ```
 */
export function pairwiseLnLRProfileIndexed(
  alleles1: ArrayLike<number>,
  alleles2: ArrayLike<number>,
  freqs: Float64Array,
  offsets: ArrayLike<number>,
  kappa: Kappa,
  theta: number,
): number {
  const k0 = kappa.k0;
  const k1 = kappa.k1;
  const k2 = kappa.k2;
  const nLoci = offsets.length;
  let lnSum = 0;
  let product = 1;
  for (let l = 0; l < nLoci; l++) {
    const i = 2 * l;
    const a1 = alleles1[i] as number;
    const b1 = alleles1[i + 1] as number;
    const a2 = alleles2[i] as number;
    const b2 = alleles2[i + 1] as number;
    if (a1 === UNTYPED_ALLELE || b1 === UNTYPED_ALLELE || a2 === UNTYPED_ALLELE || b2 === UNTYPED_ALLELE) continue;
    const off = offsets[l] as number;
    const lr = markerLR(a1 + off, b1 + off, a2 + off, b2 + off, freqs, k0, k1, k2, theta);
    if (lr === 0) return -Infinity;
    product *= lr;
    if (product < PRODUCT_LOW || product > PRODUCT_HIGH) {
      lnSum += Math.log(product);
      product = 1;
    }
  }
  return lnSum + Math.log(product);
}
