/**
 * The distribution of a sum of independent per-locus log10 LRs, by exact
 * convolution on a grid of log10 values (the only approximation is rounding
 * each locus's log10 LR to the grid).
 */

/** Default grid step in log10 LR units: each locus's log10 LR is rounded to a multiple of this. */
export const DEFAULT_GRID_STEP = 0.001;

/**
 * Default probability mass that the convolution may set aside in the far tails
 * of the partial sums: 0 (none; P(LR ≥ t | H2) is often far below 1e-12, so any
 * absolute tolerance would erase it). A positive tolerance trades that for speed.
 */
export const DEFAULT_MASS_TOLERANCE = 0;

/** The result of {@link exceedance}. */
export interface GridExceedance {
  /** P(Σ log10 LR ≥ x) per asked x, on the grid. */
  readonly exceed: number[];
  /** Largest distance between an outcome's grid log10 LR and its exact one: L·step/2. */
  readonly maxLog10Error: number;
  /** Probability mass set aside in the tails (≤ massTolerance): each `exceed` is within this of the grid's exact value. */
  readonly massError: number;
}

/** One locus for the convolution: its log10 LR values and their probabilities (parallel arrays). */
export interface GridLocus {
  /** log10 LR per outcome; −Infinity for LR 0 (counted below every threshold). */
  readonly log10LR: ArrayLike<number>;
  /** Probability per outcome (summing to at most 1; any missing mass counts as LR 0). */
  readonly probability: ArrayLike<number>;
}

/**
 * P(Σ_l log10LR_l ≥ x) for every x of `log10Thresholds`, the loci independent,
 * computed exactly for the loci's values rounded to the nearest multiple of
 * `step`. Rounding moves each locus by at most step/2, so the total moves by at
 * most L·step/2 (the returned `maxLog10Error`): the true P(S ≥ x) lies between
 * the returned values at x + maxLog10Error and x − maxLog10Error.
 *
 * Exact pruning keeps it fast: a partial sum that cannot reach the lowest
 * threshold even with every remaining locus at its largest value is dropped,
 * and one that passes the highest threshold even with every remaining locus at
 * its smallest (finite) value is moved to an "above" mass. Beyond that, after
 * each locus the two far tails of the partial sums are cut while their mass
 * stays within `massTolerance / (2L)` per side; the mass cut is returned as
 * `massError`, so every returned probability is within `massError` (at most
 * `massTolerance`) of the exact value for the grid.
 *
 * Cost: O(Σ_l W_l · A_l) where A_l is the number of distinct grid values of
 * locus l and W_l ≤ the span (in steps) of the partial sums kept after l − 1 loci.
 *
 * @example
 * ```ts
 * exceedance([{ log10LR: [1, -1], probability: [0.5, 0.5] }], [0, 1, 2]).exceed; // [0.5, 0.5, 0]
 * ```
 */
export function exceedance(loci: readonly GridLocus[], log10Thresholds: readonly number[], step: number = DEFAULT_GRID_STEP, massTolerance: number = DEFAULT_MASS_TOLERANCE): GridExceedance {
  const L = loci.length;
  const kT = log10Thresholds.map((x) => Math.ceil(x / step - 1e-9));
  if (kT.length === 0) return { exceed: [], maxLog10Error: (L * step) / 2, massError: 0 };
  const kLow = Math.min(...kT);
  const kHigh = Math.max(...kT);
  // Per locus: distinct grid bins with their mass.
  const atoms: Atoms[] = loci.map((l) => {
    const m = new Map<number, number>();
    for (let i = 0; i < l.log10LR.length; i++) {
      const v = l.log10LR[i] as number;
      const p = l.probability[i] as number;
      if (!(p > 0) || v === Number.NEGATIVE_INFINITY) continue;
      const k = Math.round(v / step);
      m.set(k, (m.get(k) ?? 0) + p);
    }
    const bins = Int32Array.from([...m.keys()].sort((a, b) => a - b));
    return { bins, mass: Float64Array.from(bins, (k) => m.get(k) as number) };
  });
  // Meet in the middle: the two halves' distributions are convolved separately (each half's
  // partial sums are half as wide), then combined only at the thresholds.
  const m = Math.ceil(L / 2);
  const range = (from: number, to: number): [number, number] => {
    let max = 0;
    let min = 0;
    for (let l = from; l < to; l++) {
      const b = (atoms[l] as Atoms).bins;
      if (b.length === 0) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      max += b[b.length - 1] as number;
      min += b[0] as number;
    }
    return [max, min];
  };
  const [maxA, minA] = range(0, m);
  const [maxB, minB] = range(m, L);
  const budget = massTolerance / (2 * Math.max(1, L));
  const A = convolveHalf(atoms.slice(0, m), maxB, minB, kLow, kHigh, budget);
  const B = convolveHalf(atoms.slice(m), maxA, minA, kLow, kHigh, budget);
  // Survival function of B: surv[j] = P(S_B ≥ B.lo + j) over its kept bins.
  const surv = new Float64Array(B.acc.length + 1);
  for (let j = B.acc.length - 1; j >= 0; j--) surv[j] = (surv[j + 1] as number) + (B.acc[j] as number);
  const totalB = (surv[0] as number) + B.above;
  const exceed = kT.map((k) => {
    // P(S ≥ k) = P(A above)·P(B finite) + Σ_a P_A(a)·(P(B above) + P(S_B ≥ k − a)).
    let s = A.above * totalB;
    for (let i = 0; i < A.acc.length; i++) {
      const p = A.acc[i] as number;
      if (p === 0) continue;
      const j = k - (A.lo + i) - B.lo;
      s += p * (B.above + (j <= 0 ? (surv[0] as number) : j >= surv.length ? 0 : (surv[j] as number)));
    }
    return Math.min(1, s);
  });
  return { exceed, maxLog10Error: (L * step) / 2, massError: A.massError + B.massError };
}

interface Atoms {
  readonly bins: Int32Array;
  readonly mass: Float64Array;
}

/**
 * Largest and smallest sums (in bins) of the loci from l on, plus `otherMax` /
 * `otherMin` for the loci of the other half (a locus without atoms has all its
 * mass at LR 0: nothing survives it), and the width of every partial sum (1 +
 * Σ the loci's bin spans). @internal
 */
export function suffixBounds(atoms: readonly { readonly bins: Int32Array }[], otherMax: number, otherMin: number): { sufMax: Float64Array; sufMin: Float64Array; width: number } {
  const L = atoms.length;
  const sufMax = new Float64Array(L + 1);
  const sufMin = new Float64Array(L + 1);
  sufMax[L] = otherMax;
  sufMin[L] = otherMin;
  let width = 1;
  for (let l = L - 1; l >= 0; l--) {
    const b = (atoms[l] as { readonly bins: Int32Array }).bins;
    sufMax[l] = b.length === 0 ? Number.NEGATIVE_INFINITY : (sufMax[l + 1] as number) + (b[b.length - 1] as number);
    sufMin[l] = b.length === 0 ? Number.POSITIVE_INFINITY : (sufMin[l + 1] as number) + (b[0] as number);
    if (b.length > 0) width += (b[b.length - 1] as number) - (b[0] as number);
  }
  return { sufMax, sufMin, width };
}

/**
 * The bins [first, last] of a partial-sum array of `len` bins from bin `lo` that
 * are kept after a locus: from the bottom, bins that cannot reach `kLow` whatever
 * the rest adds (at most `restMax`) are dropped; from the top, bins at `kHigh` or
 * more whatever the rest adds (at least `restMin`) pass every threshold and are
 * handed to `above(i)` (top down); then the far tails are cut, bottom then top,
 * while their H1 mass (`h1(i)`) stays within `budget` per side. `low` and `high`
 * are the H1 mass cut at each end. @internal
 */
export function keptBins(len: number, lo: number, restMax: number, restMin: number, kLow: number, kHigh: number, budget: number, h1: (i: number) => number, above: (i: number) => void): { first: number; last: number; low: number; high: number } {
  let first = 0;
  let last = len - 1;
  while (first <= last && lo + first + restMax < kLow) first++;
  while (last >= first && lo + last + restMin >= kHigh) above(last--);
  let low = 0;
  while (first <= last && low + h1(first) <= budget) low += h1(first++);
  let high = 0;
  while (last >= first && high + h1(last) <= budget) high += h1(last--);
  return { first, last, low, high };
}

/**
 * The distribution of the sum of some loci's grid values, as a dense array from
 * bin `lo`, plus the mass `above` that passes the highest threshold whatever the
 * rest gives; partial sums that cannot reach the lowest threshold are dropped.
 * `otherMax`/`otherMin` bound the sum of the loci not in this part.
 */
function convolveHalf(atoms: readonly Atoms[], otherMax: number, otherMin: number, kLow: number, kHigh: number, budget: number): { lo: number; acc: Float64Array; above: number; massError: number } {
  const L = atoms.length;
  const { sufMax, sufMin } = suffixBounds(atoms, otherMax, otherMin);
  let lo = 0;
  let acc = new Float64Array([1]);
  let above = 0;
  let massError = 0;
  for (let l = 0; l < L && acc.length > 0; l++) {
    const { bins, mass } = atoms[l] as Atoms;
    if (bins.length === 0) {
      acc = new Float64Array(0);
      above = 0;
      break;
    }
    const b0 = bins[0] as number;
    const span = (bins[bins.length - 1] as number) - b0;
    const out = new Float64Array(acc.length + span);
    for (let a = 0; a < bins.length; a++) {
      const off = (bins[a] as number) - b0;
      const m = mass[a] as number;
      for (let i = 0; i < acc.length; i++) out[i + off] = (out[i + off] as number) + (acc[i] as number) * m;
    }
    above *= mass.reduce((s, x) => s + x, 0);
    lo += b0;
    // Prune, and trim tails of negligible mass (at most massTolerance / (2L) per side and locus), counted in `massError`.
    const kept = keptBins(out.length, lo, sufMax[l + 1] as number, sufMin[l + 1] as number, kLow, kHigh, budget, (i) => out[i] as number, (i) => {
      above += out[i] as number;
    });
    massError += kept.low;
    massError += kept.high;
    acc = out.subarray(kept.first, kept.last + 1);
    lo += kept.first;
  }
  return { lo, acc, above, massError };
}
