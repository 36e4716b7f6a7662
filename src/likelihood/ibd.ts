/**
 * IBD coefficients (k0, k1, k2) of the pairwise relationships strkin names:
 * the probabilities that two non-inbred people share 0, 1 or 2 alleles
 * identical by descent at an autosomal locus.
 */
import type { Issue } from '../errors/StrkinError.js';
import type { Relationship } from '../pedigree/relationshipPedigree.js';

/**
 * A pairwise relationship with known IBD coefficients (domain.md §3.1).
 * `grandparent` and `great-grandparent` are symmetric in the IBD model: which of
 * the two is the older does not change the LR.
 */
export type PairwiseRelationship = Relationship | 'identical-twins';

/**
 * IBD coefficients of a pair of non-inbred people: `k0`, `k1`, `k2` are the
 * probabilities of sharing 0, 1 and 2 alleles identical by descent at a locus.
 * They are non-negative and sum to 1. The kinship coefficient is `k1/4 + k2/2`.
 */
export interface Kappa {
  /** P(no allele IBD). */
  readonly k0: number;
  /** P(exactly one allele IBD). */
  readonly k1: number;
  /** P(both alleles IBD). */
  readonly k2: number;
}

/**
 * The IBD coefficients of every {@link PairwiseRelationship} (domain.md §3.1;
 * Egeland, Kling & Mostad 2016, table 2.3; Thompson 1975).
 *
 * Cost: a constant table.
 *
 * @example
 * ```ts
 * IBD_COEFFICIENTS['full-siblings']; // => { k0: 0.25, k1: 0.5, k2: 0.25 }
 * ```
 */
export const IBD_COEFFICIENTS: Readonly<Record<PairwiseRelationship, Kappa>> = Object.freeze({
  'parent-child': Object.freeze({ k0: 0, k1: 1, k2: 0 }),
  'full-siblings': Object.freeze({ k0: 1 / 4, k1: 1 / 2, k2: 1 / 4 }),
  'half-siblings': Object.freeze({ k0: 1 / 2, k1: 1 / 2, k2: 0 }),
  grandparent: Object.freeze({ k0: 1 / 2, k1: 1 / 2, k2: 0 }),
  avuncular: Object.freeze({ k0: 1 / 2, k1: 1 / 2, k2: 0 }),
  'first-cousins': Object.freeze({ k0: 3 / 4, k1: 1 / 4, k2: 0 }),
  'half-first-cousins': Object.freeze({ k0: 7 / 8, k1: 1 / 8, k2: 0 }),
  'double-first-cousins': Object.freeze({ k0: 9 / 16, k1: 3 / 8, k2: 1 / 16 }),
  'great-grandparent': Object.freeze({ k0: 3 / 4, k1: 1 / 4, k2: 0 }),
  'identical-twins': Object.freeze({ k0: 0, k1: 0, k2: 1 }),
  unrelated: Object.freeze({ k0: 1, k1: 0, k2: 0 }),
});

/**
 * Every {@link PairwiseRelationship}, in the order of domain.md §3.1.
 *
 * @example
 * ```ts
 * PAIRWISE_RELATIONSHIPS.includes('avuncular'); // => true
 * ```
 */
export const PAIRWISE_RELATIONSHIPS: readonly PairwiseRelationship[] = Object.freeze(Object.keys(IBD_COEFFICIENTS) as PairwiseRelationship[]);

/**
 * Tolerance on `k0 + k1 + k2 = 1` accepted by {@link validateKappa}: tight,
 * since coefficients are exact fractions; wide enough for values read from text.
 *
 * @example
 * ```ts
 * validateKappa({ k0: 0.75, k1: 0.25 + KAPPA_SUM_TOLERANCE / 2, k2: 0 }); // => []
 * ```
 */
export const KAPPA_SUM_TOLERANCE = 1e-9;

/**
 * Checks IBD coefficients: each finite and in [0, 1], summing to 1 within
 * {@link KAPPA_SUM_TOLERANCE}. Returns every problem (code `bad-kappa`); an
 * empty list means the coefficients can be used. The non-inbred constraint
 * `k1² ≥ 4·k0·k2` (Thompson 1975) is not enforced: the LR formula is still a
 * valid mixture for any kappa on the simplex.
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * validateKappa({ k0: 0.5, k1: 0.5, k2: 0 }); // => []
 * validateKappa({ k0: 0.5, k1: 0.6, k2: 0 })[0]?.code; // => 'bad-kappa'
 * ```
 */
export function validateKappa(kappa: Kappa): Issue[] {
  const issues: Issue[] = [];
  for (const key of ['k0', 'k1', 'k2'] as const) {
    const v = kappa[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      issues.push({ code: 'bad-kappa', path: ['kappa', key], message: `IBD coefficient must be a number in [0, 1] (${key} = ${String(v)})` });
    }
  }
  if (issues.length === 0) {
    const sum = kappa.k0 + kappa.k1 + kappa.k2;
    if (Math.abs(sum - 1) > KAPPA_SUM_TOLERANCE) {
      issues.push({ code: 'bad-kappa', path: ['kappa'], message: `IBD coefficients must sum to 1 (k0 + k1 + k2 = ${sum})` });
    }
  }
  return issues;
}
