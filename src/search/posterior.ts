/**
 * Posterior probability of H1 from a likelihood ratio and a prior, in log space.
 */

/**
 * P(H1 | data) = LR·π / (LR·π + 1 − π) (domain.md §4), computed from ln LR as the
 * logistic of ln LR + ln π − ln(1 − π), so that huge or tiny LRs neither
 * overflow nor lose the answer. ln LR = −Infinity gives 0; +Infinity gives 1.
 *
 * Cost: O(1).
 *
 * @throws RangeError when the prior is not in (0, 1).
 * @example
 * ```ts
 * posteriorFromLnLR(Math.log(1e6), 1 / 1001); // => 1000 / 1001
 * posteriorFromLnLR(Math.log(1e300) * 3, 0.5); // => 1 // no overflow
 * ```
 */
export function posteriorFromLnLR(lnLR: number, prior: number): number {
  if (!(prior > 0 && prior < 1)) throw new RangeError(`The prior must be in (0, 1) (prior = ${String(prior)})`);
  if (lnLR === Number.NEGATIVE_INFINITY) return 0;
  if (lnLR === Number.POSITIVE_INFINITY) return 1;
  const x = lnLR + Math.log(prior) - Math.log1p(-prior);
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
