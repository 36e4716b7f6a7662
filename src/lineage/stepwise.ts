/**
 * The symmetric single-step mutation model of a Y-STR along a line of meioses:
 * in each meiosis the repeat number stays (probability 1 − mu), gains one
 * repeat (mu/2) or loses one (mu/2), independently of the allele, without bounds.
 */
import { ValidationError } from '../errors/StrkinError.js';
import { logSumExp } from '../likelihood/logSumExp.js';

/** Most meioses accepted between two men (a paternal line of 100 generations is far beyond casework). */
export const MAX_MEIOSES = 100;

const LN_FACTORIAL: readonly number[] = (() => {
  const out = [0];
  for (let n = 1; n <= MAX_MEIOSES; n++) out.push((out[n - 1] as number) + Math.log(n));
  return out;
})();

const lnFactorial = (n: number): number => LN_FACTORIAL[n] as number;

/**
 * ln P(net change of `k` repeats after `m` meioses) under the symmetric
 * single-step model with per-meiosis rate `mu`:
 *
 * P_m(k) = Σ_d m! / ((|k|+d)! d! (m−|k|−2d)!) · (mu/2)^(|k|+2d) · (1−mu)^(m−|k|−2d),
 *
 * summing over d = 0 … ⌊(m−|k|)/2⌋ (|k|+d gains and d losses, or the reverse).
 * P_m(k) = P_m(−k); P_m(k) = 0 for |k| > m; Σ_k P_m(k) = 1; P_1(0) = 1 − mu,
 * P_1(±1) = mu/2. The difference between two men m meioses apart along one
 * paternal line is distributed as P_m: each meiosis on either side adds an
 * independent symmetric step, and a step down one side is a step of the same
 * law in the other direction.
 *
 * Cost: O(m).
 *
 * @throws `ValidationError` (code `bad-meioses` or `bad-mutation-rate`) for `m`
 * not an integer in [0, {@link MAX_MEIOSES}] or `mu` not in [0, 1).
 * @example
 * ```ts
 * Math.exp(lnStepProbability(0, 1, 0.002)); // => 0.998
 * Math.exp(lnStepProbability(-1, 1, 0.002)); // => 0.001
 * lnStepProbability(3, 2, 0.002); // => -Infinity
 * ```
 */
export function lnStepProbability(k: number, m: number, mu: number): number {
  checkMeioses(m);
  checkRate(mu);
  if (!Number.isInteger(k)) throw new ValidationError({ code: 'bad-steps', message: `Repeat difference must be an integer (k = ${String(k)})`, path: ['k'] });
  const a = Math.abs(k);
  if (a > m) return Number.NEGATIVE_INFINITY;
  if (mu === 0) return a === 0 ? 0 : Number.NEGATIVE_INFINITY;
  const lnHalf = Math.log(mu / 2);
  const lnStay = Math.log1p(-mu);
  const terms: number[] = [];
  for (let d = 0; a + 2 * d <= m; d++) {
    const moves = a + 2 * d;
    // 0 · ln(0) is 0 here (a tiny rate may underflow mu/2 to 0): no NaN.
    const lnMoves = moves === 0 ? 0 : moves * lnHalf;
    const lnStays = m === moves ? 0 : (m - moves) * lnStay;
    terms.push(lnFactorial(m) - lnFactorial(a + d) - lnFactorial(d) - lnFactorial(m - moves) + lnMoves + lnStays);
  }
  return logSumExp(terms);
}

/** Throws `bad-meioses` unless `m` is an integer in [0, MAX_MEIOSES]. */
export function checkMeioses(m: number): void {
  if (!Number.isInteger(m) || m < 0 || m > MAX_MEIOSES) throw new ValidationError({ code: 'bad-meioses', message: `Meioses must be an integer from 0 to ${MAX_MEIOSES} (meioses = ${String(m)})`, path: ['meioses'] });
}

/** Throws `bad-mutation-rate` unless `mu` is a number in [0, 1). */
export function checkRate(mu: number, locus?: string): void {
  if (typeof mu !== 'number' || !Number.isFinite(mu) || mu < 0 || mu >= 1) {
    throw new ValidationError({ code: 'bad-mutation-rate', message: `A Y mutation rate must be a number in [0, 1) (${locus !== undefined ? `locus = ${locus}, ` : ''}rate = ${String(mu)})`, path: locus !== undefined ? ['rates', locus] : ['rate'] });
  }
}
