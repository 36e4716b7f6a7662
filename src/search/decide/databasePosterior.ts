/**
 * Database-wide posteriors of one child (or one family target): the prior that
 * the child belongs to one of the searched families, spread evenly over every
 * target of the run, against "none of them", in log space.
 */

/**
 * Default P(a child belongs to one of the searched families): 0.5, "as likely
 * as not". A flat prior over the n + 1 outcomes (each missing person and
 * "none") would put n/(n + 1) on the database and so make a child more surely
 * "in the database" the bigger the database; 0.5 does not depend on the size of
 * the run. Programmes should set it from their own data (the share of tested
 * children later found to belong to a registered family). See docs/identification.md.
 */
export const DEFAULT_PRIOR_IN_DATABASE = 0.5;

/** The posteriors of one child over the candidates of the run. */
export interface DatabasePosterior {
  /** Posterior of each listed pair, parallel to the `lnLRs` given. */
  readonly listed: readonly number[];
  /** Posterior that the child is a missing person of the run not listed (the rest of Σ LR). */
  readonly other: number;
  /** Posterior of "none of them". */
  readonly none: number;
}

const lse2 = (a: number, b: number): number => {
  const m = Math.max(a, b);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

/**
 * The posterior that a child is each of the n targets (missing persons) of a
 * run, and that it is none of them:
 *
 *   P(M_j | data) = (π/n)·LR_j / ((π/n)·Σ_k LR_k + (1 − π)),
 *   P(none | data) = (1 − π) / ((π/n)·Σ_k LR_k + (1 − π)),
 *
 * with π = P(the child belongs to one of the searched families) spread evenly
 * over the n targets, and Σ over **all** n targets (not only the listed ones).
 * Computed in log space (no overflow for huge LRs). The listed pairs, the rest
 * ("other": Σ minus the listed LRs) and "none" sum to 1. The same formula over
 * the children of a run gives a family target's posteriors.
 *
 * Cost: O(listed).
 *
 * @param lnLRs natural-log LRs of the listed pairs (a subset of the n terms of Σ).
 * @param lnSumLR ln Σ_k LR_k over all n targets.
 * @param n number of targets (≥ 1).
 * @param prior π in (0, 1).
 * @example
 * ```ts
 * // 4 missing persons, LRs 1000, 1, 1, 1: Σ = 1003, π = 0.5
 * databasePosterior([Math.log(1000)], Math.log(1003), 4, 0.5).listed[0]; // 1000/(1003 + 4) = 0.99304...
 * ```
 */
export function databasePosterior(lnLRs: readonly number[], lnSumLR: number, n: number, prior: number): DatabasePosterior {
  const lnW = Math.log(prior) - Math.log(n);
  const lnNone = Math.log1p(-prior);
  const lnD = lse2(lnW + lnSumLR, lnNone);
  const listed = lnLRs.map((l) => listedPosterior(lnW, l, lnD));
  const none = Math.exp(lnNone - lnD);
  let listedSum = 0;
  for (const p of listed) listedSum += p;
  // Σ covers the listed pairs: the rest is what remains (never below 0 after rounding).
  const other = Math.max(0, Math.exp(lnW + lnSumLR - lnD) - listedSum);
  return { listed, other, none };
}

/** A listed pair's posterior, from ln(prior / n), its ln LR and the log denominator (one formula for every caller). */
const listedPosterior = (lnW: number, lnLR: number, lnD: number): number => Math.exp(lnW + lnLR - lnD);

/**
 * {@link databasePosterior}'s `listed` posterior as a function of ln LR, for many
 * pairs sharing one `lnSumLR`, `n` and `prior` (e.g. every child of one missing
 * person): the same numbers, bit for bit, without a call per pair.
 *
 * Cost: O(1) to make, O(1) a pair. @internal
 */
export function listedPosteriorOf(lnSumLR: number, n: number, prior: number): (lnLR: number) => number {
  const lnW = Math.log(prior) - Math.log(n);
  const lnD = lse2(lnW + lnSumLR, Math.log1p(-prior));
  return (lnLR) => listedPosterior(lnW, lnLR, lnD);
}
