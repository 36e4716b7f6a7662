/**
 * ln Σ exp(x) over a vector, shifted by its maximum so that nothing overflows;
 * −Infinity when every entry is −Infinity (no NaN).
 *
 * Cost: O(n).
 * @internal
 */
export function logSumExp(x: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) > max) max = x[i] as number;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp((x[i] as number) - max);
  return max + Math.log(s);
}
