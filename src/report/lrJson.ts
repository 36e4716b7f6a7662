/**
 * How a likelihood ratio is written in JSON (`strkin lr --json`,
 * `strkin search --format json`). JSON has no Infinity and no NaN, and a double
 * cannot hold an LR above ~1.8e308 or below ~4.9e-324, so:
 *
 * - `log10LR` is the exact log10 LR whenever it is finite (also when the LR
 *   itself overflows or underflows a double); null when the LR is 0, infinite or
 *   undefined.
 * - `LR` is a number only when the LR is a positive finite double, or exactly 0
 *   (`excluded`); otherwise null: an LR that overflows (log10LR above ~308.25)
 *   or underflows (below ~-323.3) a double with status `ok`, an `infinite` LR
 *   (H2 impossible) and an `undefined` one (0/0). It is never rounded to
 *   Infinity, to 1.7976931348623157e308 or to 0.
 * - `status` says which case it is: `ok`, `excluded`, `undefined`, `infinite`,
 *   `untyped` (see docs/statistics.md).
 */
import type { MarkerStatus } from '../likelihood/LRResult.js';

/** An LR as written in JSON: see the module comment for when each field is null. */
export interface LRJson {
  readonly log10LR: number | null;
  readonly LR: number | null;
  readonly status: MarkerStatus;
}

/**
 * The JSON form of an LR given its natural log and status: `log10LR` exact
 * when finite, `LR` null whenever it is not a positive finite double (or 0 for
 * `excluded`), never Infinity or NaN.
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * lrJson(Math.log(4), 'ok'); // => { log10LR: Math.log10(4), LR: 4, status: 'ok' }
 * lrJson(400 * Math.LN10, 'ok'); // => { log10LR: 400, LR: null, status: 'ok' }
 * lrJson(Number.NEGATIVE_INFINITY, 'excluded'); // => { log10LR: null, LR: 0, status: 'excluded' }
 * lrJson(Number.POSITIVE_INFINITY, 'infinite'); // => { log10LR: null, LR: null, status: 'infinite' }
 * ```
 */
export function lrJson(lnLR: number, status: MarkerStatus): LRJson {
  if (status === 'excluded') return { log10LR: null, LR: 0, status };
  if (status === 'undefined' || status === 'infinite' || !Number.isFinite(lnLR)) return { log10LR: null, LR: null, status };
  const LR = Math.exp(lnLR);
  return { log10LR: lnLR / Math.LN10, LR: LR > 0 && Number.isFinite(LR) ? LR : null, status };
}

/** The status of an LR known only by its natural log (search matches): −∞ `excluded`, +∞ `infinite`, NaN `undefined`, else `ok`. */
export function statusFromLnLR(lnLR: number): MarkerStatus {
  if (Number.isNaN(lnLR)) return 'undefined';
  if (lnLR === Number.NEGATIVE_INFINITY) return 'excluded';
  if (lnLR === Number.POSITIVE_INFINITY) return 'infinite';
  return 'ok';
}
