/**
 * From true genotypes to what a typing shows when a marker has a silent
 * (null) allele S: a/S shows as a/a, S/S shows nothing (docs/statistics.md,
 * "Silent alleles").
 */
import { gIndex } from './genotypeTables.js';

/** Adds b to a in log space. */
function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * ln probabilities of the apparent genotypes over the observed alleles 0..silent−1 (genotypeIndex
 * order, silent·(silent+1)/2 entries), from ln probabilities `ln` of the true genotypes over the
 * observed alleles plus the silent allele `silent` (the last): apparent a/a = a/a + a/S, a
 * heterozygote is itself, and S/S (nothing seen) has no entry.
 *
 * Cost: O(G).
 *
 * @example
 * ```ts
 * // Two observed alleles and S: true genotypes 0/0, 0/1, 1/1, 0/S, 1/S, S/S.
 * const ln = Float64Array.from([0.1, 0.2, 0.3, 0.05, 0.15, 0.2], Math.log);
 * Array.from(apparentLnProbabilities(ln, 2), Math.exp).map((p) => Number(p.toFixed(12))); // => [0.15, 0.2, 0.45]
 * ```
 */
export function apparentLnProbabilities(ln: ArrayLike<number>, silent: number): Float64Array {
  const out = new Float64Array((silent * (silent + 1)) / 2);
  for (let g = 0; g < out.length; g++) out[g] = ln[g] as number;
  for (let a = 0; a < silent; a++) {
    const aa = gIndex(a, a);
    out[aa] = logAdd(out[aa] as number, ln[gIndex(a, silent)] as number);
  }
  return out;
}
