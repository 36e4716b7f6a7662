/**
 * The one result shape of strkin's likelihood ratios: {@link pairwiseLR} and
 * {@link kinshipLR} both return a {@link LRResult} (a `total` and one entry
 * per marker with `name`, `lnLR`, `log10LR`, `LR` and `status`), and build
 * their ratios with {@link ratio} and {@link combineRatios}.
 */

/**
 * Outcome of one ratio:
 * - `ok`: both hypotheses possible; `LR` = exp(`lnLR`);
 * - `excluded`: impossible under H1 only (LR 0, `lnLR` = -Infinity);
 * - `undefined`: impossible under both (0/0; reported as LR 0);
 * - `infinite`: impossible under H2 only (LR Infinity, `lnLR` = +Infinity);
 * - `untyped`: nothing to compare at this marker (LR 1, logs 0): for
 *   {@link kinshipLR} nobody is typed there, for {@link pairwiseLR} one of
 *   the two people lacks a complete genotype.
 *
 * {@link pairwiseLR} gives only `ok`, `excluded` and `untyped` (its H2,
 * unrelated, is never impossible).
 */
export type MarkerStatus = 'ok' | 'excluded' | 'undefined' | 'infinite' | 'untyped';

/** A ratio with its logs: `log10LR` is null when the LR is 0, undefined or infinite. */
export interface RatioValue {
  /** Natural log of the LR (-Infinity when excluded or undefined, +Infinity when infinite). */
  readonly lnLR: number;
  /** Base-10 log of the LR; null when the LR is 0, undefined or infinite. */
  readonly log10LR: number | null;
  /** The LR (0 when excluded; Infinity when H2 is impossible; NaN never: undefined ratios have status `undefined` and LR 0). May overflow to Infinity with status `ok`: read the logs. */
  readonly LR: number;
  readonly status: MarkerStatus;
}

/** One marker's ratio, by marker (locus) name. */
export interface MarkerRatio extends RatioValue {
  /** Marker (canonical locus) name. */
  readonly name: string;
}

/** A likelihood ratio over markers: the total and each marker in order. */
export interface LRResult<M extends MarkerRatio = MarkerRatio> {
  /** H1 vs H2 over all markers ({@link combineRatios} of `markers`). */
  readonly total: RatioValue;
  /** Every marker considered, in order. */
  readonly markers: readonly M[];
}

const LN10 = Math.LN10;

/**
 * Builds a ratio from two log likelihoods, with the status rules of {@link MarkerStatus}.
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * ratio(Math.log(0.2), Math.log(0.02)).LR; // 10
 * ratio(-Infinity, Math.log(0.02)).status; // 'excluded'
 * ```
 */
export function ratio(ln1: number, ln2: number): RatioValue {
  const impossible1 = ln1 === Number.NEGATIVE_INFINITY;
  const impossible2 = ln2 === Number.NEGATIVE_INFINITY;
  if (impossible1 && impossible2) return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'undefined' };
  if (impossible1) return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'excluded' };
  if (impossible2) return { lnLR: Number.POSITIVE_INFINITY, log10LR: null, LR: Number.POSITIVE_INFINITY, status: 'infinite' };
  const lnLR = ln1 - ln2;
  return { lnLR, log10LR: lnLR / LN10, LR: Math.exp(lnLR), status: 'ok' };
}

/**
 * Combines per-marker ratios into a total: logs add; any `undefined` (or
 * `excluded` with `infinite`) makes it undefined; `untyped` markers count as LR 1.
 *
 * Cost: O(markers).
 *
 * @example
 * ```ts
 * combineRatios([ratio(Math.log(0.2), Math.log(0.02)), ratio(0, Math.log(0.5))]).LR; // 20
 * ```
 */
export function combineRatios(parts: readonly RatioValue[]): RatioValue {
  let lnLR = 0;
  let excluded = false;
  let infinite = false;
  for (const p of parts) {
    if (p.status === 'undefined') return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'undefined' };
    if (p.status === 'excluded') excluded = true;
    else if (p.status === 'infinite') infinite = true;
    else lnLR += p.lnLR;
  }
  if (excluded && infinite) return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'undefined' };
  if (excluded) return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'excluded' };
  if (infinite) return { lnLR: Number.POSITIVE_INFINITY, log10LR: null, LR: Number.POSITIVE_INFINITY, status: 'infinite' };
  return { lnLR, log10LR: lnLR / LN10, LR: Math.exp(lnLR), status: 'ok' };
}
