/**
 * Internal sampling helpers shared by the simulators: cumulative tables
 * (cached per array) and inverse-CDF draws. Not part of the public surface.
 */
import type { Random } from './random.js';

const cumulativeCache = new WeakMap<Float64Array, Float64Array>();

/**
 * Cumulative sums of `weights`, normalised so that the last entry is 1
 * (weights need not sum to 1 exactly: tables are accepted within a tolerance,
 * and rare alleles add mass). Cached per array: frequency arrays and
 * mutation matrices of a MarkerModel are never mutated.
 */
export function cumulative(weights: Float64Array): Float64Array {
  const cached = cumulativeCache.get(weights);
  if (cached !== undefined) return cached;
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] as number;
    out[i] = sum;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  if (out.length > 0) out[out.length - 1] = 1;
  cumulativeCache.set(weights, out);
  return out;
}

const rowCache = new WeakMap<Float64Array, Float64Array>();

/**
 * Row-wise cumulative sums of a row-major n·n transition matrix, each row
 * normalised to end at 1 (rows sum to 1 within MUTATION_ROW_TOLERANCE).
 */
export function cumulativeRows(matrix: Float64Array, n: number): Float64Array {
  const cached = rowCache.get(matrix);
  if (cached !== undefined) return cached;
  const out = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    let sum = 0;
    const base = r * n;
    for (let j = 0; j < n; j++) {
      sum += matrix[base + j] as number;
      out[base + j] = sum;
    }
    for (let j = 0; j < n; j++) out[base + j] = (out[base + j] as number) / sum;
    out[base + n - 1] = 1;
  }
  rowCache.set(matrix, out);
  return out;
}

/** The first index i in [from, from + length) with u < cdf[i] (binary search); cdf ends at 1. */
export function searchCdf(cdf: Float64Array, from: number, length: number, u: number): number {
  let lo = from;
  let hi = from + length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < (cdf[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo - from;
}

/** An index drawn with probability proportional to `weights`. O(log n) after the first call per array. */
export function drawIndex(weights: Float64Array, random: Random): number {
  const cdf = cumulative(weights);
  return searchCdf(cdf, 0, cdf.length, random.float());
}

/** The allele a parent with allele `a` transmits through a mutation matrix (null = no mutation). O(log n). */
export function mutate(matrix: Float64Array | null, n: number, a: number, random: Random): number {
  if (matrix === null) return a;
  const u = random.float();
  // fast path: most transmissions keep the allele
  const rows = cumulativeRows(matrix, n);
  const base = a * n;
  const before = a === 0 ? 0 : (rows[base + a - 1] as number);
  if (u >= before && u < (rows[base + a] as number)) return a;
  return searchCdf(rows, base, n, u);
}

/** Fisher-Yates shuffle in place. O(n). */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i + 1);
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
  return items;
}
