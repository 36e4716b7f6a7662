/**
 * The LR distribution of a sum of independent loci under H1 and H2 at once:
 * one convolution on a log10 grid carrying both hypotheses' masses, with the
 * rarest outcomes under H1 set aside within a stated, rigorous bound.
 */
import { DEFAULT_GRID_STEP, keptBins, suffixBounds } from './lrGrid.js';

/**
 * Default H1 probability mass that the power figures let `exceedanceH1H2` (strkin/engine)
 * set aside: 0, every outcome kept, so every H1 figure is the grid's exact value. A
 * tolerance ε (rare outcomes, far tails of the partial sums, partial sums outside the core
 * a rare outcome is convolved with) keeps H1 figures within ε and P(LR ≥ t | H2) within
 * about ε/t; on demo families it saves under a tenth of the time.
 */
export const DEFAULT_POWER_TOLERANCE = 0;

/**
 * How {@link exceedanceH1H2} gets the H2 distribution: `'exact'` convolves the
 * loci's H2 masses alongside the H1 ones; `'tilted'` convolves H1 alone and takes
 * each grid total's H2 mass as its H1 mass times 10^(−total), within a factor
 * 10^(±maxLog10Error) of the exact grid value (about twice as fast).
 */
export type PairedH2 = 'exact' | 'tilted';

/** One locus for {@link exceedanceH1H2}: log10 LR per outcome and its probability under H1 and H2 (parallel arrays). */
export interface PairedGridLocus {
  /** log10 LR per outcome; −Infinity for LR 0 (counted below every threshold). */
  readonly log10LR: ArrayLike<number>;
  /** P(outcome | H1). */
  readonly h1: ArrayLike<number>;
  /** P(outcome | H2); for outcomes with h1 > 0, h2 = h1 / LR. */
  readonly h2: ArrayLike<number>;
  /**
   * True when the caller guarantees log10LR = log10(h1/h2) for every outcome of positive
   * H1 mass (so H2 may be tilted from H1 without checking); absent: checked per outcome.
   */
  readonly lrIsRatio?: boolean;
}

/** The result of {@link exceedanceH1H2}. */
export interface PairedExceedance {
  /** P(Σ log10 LR ≥ x | H1) per asked x, on the grid. */
  readonly h1: number[];
  /** P(Σ log10 LR ≥ x | H2) per asked x, on the grid. */
  readonly h2: number[];
  /** Largest distance between an outcome's grid log10 LR and its exact one: L·step/2. */
  readonly maxLog10Error: number;
  /**
   * H1 mass set aside (≤ the tolerance). Each h1 value is at most this below the
   * grid's exact value; each h2 value at x is at most massError · 10^(maxLog10Error − x) below it.
   */
  readonly massError: number;
}

/** A locus's distinct grid values with their H1 and H2 masses, and the totals. */
interface PairedAtoms {
  readonly bins: Int32Array;
  readonly m1: Float64Array;
  readonly m2: Float64Array;
  readonly total1: number;
  readonly total2: number;
  /** H1 mass of the outcomes set aside. */
  readonly dropped: number;
  /** Every outcome of positive H1 mass has log10LR = log10(h1/h2) (to 1e-9): H2 may be tilted from H1. */
  readonly ratioExact: boolean;
  /** Σ_a m1_a·10^(−bin_a·step): the locus's H2 total as the tilt sees it. */
  readonly tiltTotal: number;
}

/**
 * A locus for {@link exceedanceH1H2} given by its ln LRs: `log10LR` is lnLR / ln 10, made
 * only if read (the binning divides each ln LR itself, the same value). @internal
 */
export class LnGridLocus implements PairedGridLocus {
  private log10: Float64Array | null = null;
  constructor(
    readonly lnLR: Float64Array,
    readonly h1: Float64Array,
    readonly h2: Float64Array,
    readonly lrIsRatio: boolean,
  ) {}
  get log10LR(): Float64Array {
    if (this.log10 === null) this.log10 = this.lnLR.map((x) => x / Math.LN10);
    return this.log10;
  }
}

// Atoms are cached per locus object (per-locus distributions shared between families are computed once).
const atomCache = new WeakMap<object, { step: number; budget: number; atoms: PairedAtoms }>();

// Work arrays of atomsOf, reused between calls: each outcome's bin, and the per-bin sums over a
// locus's range of bins (zero outside a call).
let binOf = new Float64Array(0);
let sum1 = new Float64Array(0);
let sum2 = new Float64Array(0);
let usedBin = new Uint8Array(0);

// Largest work arrays kept between calls (entries): a finer grid's larger ones are made per call.
const KEPT_ENTRIES = 1 << 20;

// 10^(−k·step) by bin k for one step (NaN: not computed yet), so that each tilt factor is one Math.pow, once.
let tiltStep = Number.NaN;
let tiltFrom = 0;
let tiltValues = new Float64Array(0);
/** 10 ** (−k·step), the same value every time, looked up after the first. */
function tiltFactor(k: number, step: number): number {
  if (step !== tiltStep || k < tiltFrom || k >= tiltFrom + tiltValues.length) {
    // A table that would grow past the limit: the factor computed here (the same value).
    if (step === tiltStep && Math.max(tiltFrom + tiltValues.length, k + 1024) - Math.min(tiltFrom, k - 1024) > KEPT_ENTRIES) return 10 ** (-k * step);
    if (step !== tiltStep || tiltValues.length === 0) {
      tiltStep = step;
      tiltFrom = k - 1024;
      tiltValues = new Float64Array(2048).fill(Number.NaN);
    } else {
      // Grown to cover k, keeping the values computed.
      const from = Math.min(tiltFrom, k - 1024);
      const to = Math.max(tiltFrom + tiltValues.length, k + 1024);
      const grown = new Float64Array(to - from).fill(Number.NaN);
      grown.set(tiltValues, tiltFrom - from);
      tiltFrom = from;
      tiltValues = grown;
    }
  }
  const i = k - tiltFrom;
  let t = tiltValues[i] as number;
  if (t !== t) tiltValues[i] = t = 10 ** (-k * step);
  return t;
}

function atomsOf(locus: PairedGridLocus, step: number, budget: number): PairedAtoms {
  const hit = atomCache.get(locus);
  if (hit !== undefined && hit.step === step && hit.budget === budget) return hit.atoms;
  // log10 LRs, or ln LRs divided here (the value `log10LR` would hold).
  const ln = locus instanceof LnGridLocus ? locus.lnLR : null;
  const lr = ln === null ? locus.log10LR : null;
  const n = ln !== null ? ln.length : (lr as ArrayLike<number>).length;
  const check = locus.lrIsRatio !== true;
  let ratioExact = true;
  // Grid bin of every outcome (Infinity: left out), and the range of bins.
  if (binOf.length < n) binOf = new Float64Array(Math.max(n, 2 * binOf.length));
  const kOf = binOf;
  let kMin = Number.POSITIVE_INFINITY;
  let kMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = ln !== null ? (ln[i] as number) / Math.LN10 : ((lr as ArrayLike<number>)[i] as number);
    const p1 = locus.h1[i] as number;
    // Outcomes impossible under H1 have LR 0: below every threshold under both hypotheses.
    if (!(p1 > 0) || v === Number.NEGATIVE_INFINITY) {
      kOf[i] = Number.POSITIVE_INFINITY;
      continue;
    }
    if (check && !(Math.abs(Math.log10(p1 / (locus.h2[i] as number)) - v) <= 1e-9)) ratioExact = false;
    const k = Math.round(v / step);
    kOf[i] = k;
    if (k < kMin) kMin = k;
    if (k > kMax) kMax = k;
  }
  let bins: Int32Array;
  let m1: Float64Array;
  let m2: Float64Array;
  if (kMin > kMax) {
    bins = new Int32Array(0);
    m1 = new Float64Array(0);
    m2 = new Float64Array(0);
  } else {
    // Masses summed per bin in outcome order (dense over the locus's range of bins), then compacted.
    const span = kMax - kMin + 1;
    const kept = span <= KEPT_ENTRIES;
    if (kept && sum1.length < span) {
      const size = Math.min(KEPT_ENTRIES, Math.max(span, 2 * sum1.length));
      sum1 = new Float64Array(size);
      sum2 = new Float64Array(size);
      usedBin = new Uint8Array(size);
    }
    const d1 = kept ? sum1 : new Float64Array(span);
    const d2 = kept ? sum2 : new Float64Array(span);
    const used = kept ? usedBin : new Uint8Array(span);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const k = kOf[i] as number;
      if (k === Number.POSITIVE_INFINITY) continue;
      const j = k - kMin;
      d1[j] = (d1[j] as number) + (locus.h1[i] as number);
      d2[j] = (d2[j] as number) + (locus.h2[i] as number);
      if (used[j] === 0) {
        used[j] = 1;
        count++;
      }
    }
    bins = new Int32Array(count);
    m1 = new Float64Array(count);
    m2 = new Float64Array(count);
    for (let j = 0, a = 0; a < count; j++) {
      if (used[j] === 0) continue;
      bins[a] = j + kMin;
      m1[a] = d1[j] as number;
      m2[a++] = d2[j] as number;
    }
    d1.fill(0, 0, span);
    d2.fill(0, 0, span);
    used.fill(0, 0, span);
  }
  // Set aside the atoms of least H1 mass while their total stays within the budget.
  let dropped = 0;
  if (budget > 0 && bins.length > 0) {
    const order = Array.from(bins.keys()).sort((a, b) => (m1[a] as number) - (m1[b] as number) || a - b);
    const drop = new Uint8Array(bins.length);
    for (const a of order) {
      if (dropped + (m1[a] as number) > budget) break;
      dropped += m1[a] as number;
      drop[a] = 1;
    }
    const keep = Array.from(bins.keys()).filter((a) => drop[a] === 0);
    bins = Int32Array.from(keep, (a) => bins[a] as number);
    m1 = Float64Array.from(keep, (a) => m1[a] as number);
    m2 = Float64Array.from(keep, (a) => m2[a] as number);
  }
  let total1 = 0;
  let total2 = 0;
  let tiltTotal = 0;
  for (let a = 0; a < bins.length; a++) {
    total1 += m1[a] as number;
    total2 += m2[a] as number;
    tiltTotal += (m1[a] as number) * tiltFactor(bins[a] as number, step);
  }
  const atoms = { bins, m1, m2, total1, total2, tiltTotal, dropped, ratioExact };
  if (typeof locus === 'object') atomCache.set(locus, { step, budget, atoms });
  return atoms;
}

/**
 * P(Σ_l log10LR_l ≥ x) under H1 and under H2 for every x of `log10Thresholds`,
 * the loci independent, for the loci's values rounded to the nearest multiple
 * of `step` (each total moves by at most L·step/2, the returned `maxLog10Error`).
 *
 * Both hypotheses share the outcomes' grid values. With `h2` `'exact'` one pass
 * convolves both masses. With `'tilted'` it convolves H1 alone and takes each grid
 * total k·step's H2 mass as its H1 mass times 10^(−k·step): an outcome's H2 mass is
 * its H1 mass over its LR, and its grid total is within maxLog10Error of its exact
 * log10 LR, so every H2 figure is within a factor 10^(±maxLog10Error) of the exact
 * pass's (about half the work). Tilting needs log10LR = log10(h1/h2) for every outcome
 * of positive H1 mass; where a locus breaks that (a child showing nothing under a
 * silent allele has LR 1), the exact pass runs.
 *
 * Pruning is exact where a partial sum cannot reach the lowest threshold, or
 * passes the highest whatever the rest gives. Beyond that, H1 mass of at most
 * `massTolerance` is set aside (returned as `massError`): per locus the outcomes of
 * least H1 mass, after each locus the far tails of the partial sums, and (tilted) the
 * products of each outcome of mass m with the partial sums outside a core that leaves
 * out at most (its share of the budget)/m of their mass. H1 figures are then within
 * massError below the grid's value. Exact H2 figures at x are within
 * massError·10^(maxLog10Error − x) below it: an outcome set aside with H1 mass m has
 * H2 mass at most m·10^(−v + step/2) at grid value v, and the other loci reach x − v
 * under H2 with probability at most 10^(v − x + (L−1)·step/2) (Markov's inequality,
 * E[LR | H2] ≤ 1 per locus). Tilted H2 figures at x are within massError·10^(−x) below
 * the tilted value without a tolerance (every total counted is ≥ x).
 *
 * Cost: O(Σ_l W_l · A_l) for A_l grid values kept at locus l and W_l ≤ the span of
 * the partial sums kept after l − 1 loci (loci split in two halves combined at the thresholds;
 * tilted, without a tolerance, 4 or 8 close grid values of a locus added in one pass over the
 * partial sums, in the same order as one pass each: the same bits).
 *
 * @example
 * ```ts
 * const locus = { log10LR: [1, -1], h1: [0.9, 0.1], h2: [0.09, 0.91] };
 * exceedanceH1H2([locus], [0, 1]).h1; // => [0.9, 0.9]
 * ```
 */
export function exceedanceH1H2(loci: readonly PairedGridLocus[], log10Thresholds: readonly number[], step: number = DEFAULT_GRID_STEP, massTolerance = 0, h2: PairedH2 = 'exact'): PairedExceedance {
  const L = loci.length;
  const maxLog10Error = (L * step) / 2;
  const kT = log10Thresholds.map((x) => Math.ceil(x / step - 1e-9));
  if (kT.length === 0) return { h1: [], h2: [], maxLog10Error, massError: 0 };
  const kLow = Math.min(...kT);
  const kHigh = Math.max(...kT);
  // Tolerance split (exact H2): half to the atoms set aside, half to the tails; (tilted H2) a quarter
  // each to the atoms, the tails, and the partial sums outside each atom's core (see convolveHalfTilted).
  // Tilting needs every outcome's H2 mass to be h1/LR (not so for an outcome whose reported LR is
  // not its own ratio, such as a child showing nothing with a silent allele): else the exact pass.
  let tilted = h2 === 'tilted';
  let atoms = loci.map((l) => atomsOf(l, step, massTolerance / ((tilted ? 4 : 2) * Math.max(1, L))));
  if (tilted && atoms.some((a) => !a.ratioExact)) {
    tilted = false;
    atoms = loci.map((l) => atomsOf(l, step, massTolerance / (2 * Math.max(1, L))));
  }
  let massError = atoms.reduce((s, a) => s + a.dropped, 0);
  // Loci with many grid values first (while the partial sums are narrow), dealt alternately to the two halves.
  const order = atoms.map((_, l) => l).sort((a, b) => (atoms[b] as PairedAtoms).bins.length - (atoms[a] as PairedAtoms).bins.length || a - b);
  const halfA: PairedAtoms[] = [];
  const halfB: PairedAtoms[] = [];
  order.forEach((l, i) => ((i & 3) === 0 || (i & 3) === 3 ? halfA : halfB).push(atoms[l] as PairedAtoms));
  const range = (part: readonly PairedAtoms[]): [number, number] => {
    let max = 0;
    let min = 0;
    for (const { bins: b } of part) {
      if (b.length === 0) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      max += b[b.length - 1] as number;
      min += b[0] as number;
    }
    return [max, min];
  };
  const [maxA, minA] = range(halfA);
  const [maxB, minB] = range(halfB);
  const budget = massTolerance / ((tilted ? 8 : 4) * Math.max(1, L));
  // Tilted: each half's result in work buffers of its own (views valid until the next call; combined below).
  const half = tilted ? (part: readonly PairedAtoms[], oMax: number, oMin: number, side: 0 | 1) => convolveHalfTilted(part, oMax, oMin, kLow, kHigh, budget, 2 * budget, step, side) : (part: readonly PairedAtoms[], oMax: number, oMin: number) => convolveHalf(part, oMax, oMin, kLow, kHigh, budget);
  const A = half(halfA, maxB, minB, 0);
  const B = half(halfB, maxA, minA, 1);
  massError += A.massError + B.massError;
  // Both hypotheses combined in one pass over A per threshold (each sum added in the same order as alone).
  const nA = A.one.acc.length;
  const nB = B.one.acc.length;
  const survival = (b: HalfSide, buffer: number): Float64Array => {
    const surv = workBuffer(buffer, nB + 1);
    surv[nB] = 0;
    for (let j = nB - 1; j >= 0; j--) surv[j] = (surv[j + 1] as number) + (b.acc[j] as number);
    return surv;
  };
  const surv1 = survival(B.one, SURVIVAL);
  const surv2 = survival(B.two, SURVIVAL + 1);
  const a1 = A.one.acc;
  const a2 = A.two.acc;
  const above1 = B.one.above;
  const above2 = B.two.above;
  const total1 = (surv1[0] as number) + above1;
  const total2 = (surv2[0] as number) + above2;
  const top1 = above1 + (surv1[0] as number);
  const top2 = above2 + (surv2[0] as number);
  const base = A.lo + B.lo;
  const out1: number[] = [];
  const out2: number[] = [];
  const done = new Map<number, number>();
  for (const k of kT) {
    const seen = done.get(k);
    if (seen !== undefined) {
      out1.push(out1[seen] as number);
      out2.push(out2[seen] as number);
      continue;
    }
    done.set(k, out1.length);
    // P(S ≥ k) = P(A above)·P(B finite) + Σ_a P_A(a)·(P(B above) + P(S_B ≥ k − a)), added in order of a;
    // with j = k − base − i the B index a partial sum i of A needs: j > nB (no B reaches k), 1 ≤ j ≤ nB, j ≤ 0 (every B does).
    // Terms of zero mass add exactly 0 (every term is finite and ≥ 0), so the sum is the same without skipping them.
    let s1 = A.one.above * total1;
    let s2 = A.two.above * total2;
    const iLow = Math.min(nA, Math.max(0, k - base - nB));
    const iHigh = Math.min(nA, Math.max(0, k - base));
    if (above1 !== 0 || above2 !== 0) {
      for (let i = 0; i < iLow; i++) {
        s1 += (a1[i] as number) * (above1 + 0);
        s2 += (a2[i] as number) * (above2 + 0);
      }
    }
    for (let i = iLow; i < iHigh; i++) {
      const j = k - base - i;
      s1 += (a1[i] as number) * (above1 + (surv1[j] as number));
      s2 += (a2[i] as number) * (above2 + (surv2[j] as number));
    }
    for (let i = iHigh; i < nA; i++) {
      s1 += (a1[i] as number) * top1;
      s2 += (a2[i] as number) * top2;
    }
    out1.push(Math.min(1, s1));
    out2.push(Math.min(1, s2));
  }
  return { h1: out1, h2: out2, maxLog10Error, massError };
}

/**
 * The H1 partial-sum distribution of some loci (one convolution), with the H2 one
 * derived from it: every outcome's H2 mass taken as its H1 mass times 10^(−grid value)
 * (the grid's "tilt"), which is within a factor 10^(±step/2) per locus of the exact
 * h1/LR. Same pruning and tail budget as {@link convolveHalf}.
 */
function convolveHalfTilted(atoms: readonly PairedAtoms[], otherMax: number, otherMin: number, kLow: number, kHigh: number, budget: number, atomBudget: number, step: number, side: 0 | 1): { lo: number; one: HalfSide; two: HalfSide; massError: number } {
  const L = atoms.length;
  const { sufMax, sufMin, width } = suffixBounds(atoms, otherMax, otherMin);
  // Ping-pong buffers with `pad` zeros before and after the partial sums (views from `pad`), so
  // that a group of atoms at most `pad` apart reads acc[j − off] for every j without a range check.
  const pad = Math.max(GROUP_SPAN, width >> 3);
  let accBuf = scratch(0, width + 2 * pad);
  let outBuf = scratch(1, width + 2 * pad);
  let acc = accBuf.subarray(pad);
  let out = outBuf.subarray(pad);
  const prefix = scratch(2, width + 1);
  acc[0] = 1;
  let n = 1;
  let lo = 0;
  let above1 = 0;
  let above2 = 0;
  let massError = 0;
  const tilt = (k: number): number => 10 ** (-k * step);
  for (let l = 0; l < L && n > 0; l++) {
    const { bins, m1, total1, tiltTotal } = atoms[l] as PairedAtoms;
    const A = bins.length;
    if (A === 0) {
      n = 0;
      above1 = 0;
      above2 = 0;
      break;
    }
    const b0 = bins[0] as number;
    const len = n + (bins[A - 1] as number) - b0;
    out.fill(0, 0, len);
    const groupSpan = Math.min(pad, Math.max(GROUP_SPAN, n >> 3));
    // Scatter: out[i + off_a] += acc[i]·m_a, for i in atom a's core: the partial sums outside it
    // carry at most atomBudget / m_a of mass (their products, within atomBudget, are set aside).
    let total = 0;
    if (atomBudget > 0) {
      for (let i = 0; i < n; i++) prefix[i + 1] = total += acc[i] as number;
    }
    for (let a = 0; a < A; a++) {
      const off = (bins[a] as number) - b0;
      const m = m1[a] as number;
      if (atomBudget === 0 && a + 3 < A && (bins[a + 3] as number) - b0 - off <= groupSpan) {
        a += gatherGroup(accBuf, pad, out, n, bins, m1, a, b0, a + 7 < A && (bins[a + 7] as number) - b0 - off <= groupSpan ? 8 : 4) - 1;
        continue;
      }
      let i = 0;
      let end = n;
      if (atomBudget > 0 && m > 0) {
        const half = atomBudget / A / m / 2;
        i = upperBound(prefix, n, half) - 1;
        end = Math.max(i, n - upperBound(prefix, n, total - half, true));
        massError += m * ((prefix[i] as number) + total - (prefix[end] as number));
      }
      const n4 = i + ((end - i) & ~3);
      for (; i < n4; i += 4) {
        const j = i + off;
        out[j] = (out[j] as number) + (acc[i] as number) * m;
        out[j + 1] = (out[j + 1] as number) + (acc[i + 1] as number) * m;
        out[j + 2] = (out[j + 2] as number) + (acc[i + 2] as number) * m;
        out[j + 3] = (out[j + 3] as number) + (acc[i + 3] as number) * m;
      }
      for (; i < end; i++) out[i + off] = (out[i + off] as number) + (acc[i] as number) * m;
    }
    above1 *= total1;
    above2 *= tiltTotal;
    lo += b0;
    const { first, last, low, high } = keptBins(len, lo, sufMax[l + 1] as number, sufMin[l + 1] as number, kLow, kHigh, budget, (i) => out[i] as number, (i) => {
      above1 += out[i] as number;
      above2 += (out[i] as number) * tilt(lo + i);
    });
    massError += low;
    massError += high;
    n = Math.max(0, last - first + 1);
    lo += first;
    const t = acc;
    acc = out;
    out = t;
    const tb = accBuf;
    accBuf = outBuf;
    outBuf = tb;
    if (first > 0) acc.copyWithin(0, first, first + n);
    acc.fill(0, n, n + pad);
  }
  const one = workBuffer(HALF_ONE + 2 * side, n);
  one.set(acc.subarray(0, n));
  const two = workBuffer(HALF_TWO + 2 * side, n);
  // 10^(−(lo + i)·step), recomputed exactly every 64 bins and multiplied by 10^(−step) between.
  const down = 10 ** -step;
  let t = 0;
  for (let i = 0; i < n; i++) {
    t = (i & 63) === 0 ? tilt(lo + i) : t * down;
    const p = one[i] as number;
    // A total so low that 10^(−total) overflows: the product in log space (the H2 mass itself is small).
    two[i] = p === 0 ? 0 : Number.isFinite(t) ? p * t : 10 ** (Math.log10(p) - (lo + i) * step);
  }
  return { lo, one: { acc: one, above: above1 }, two: { acc: two, above: above2 }, massError };
}

/**
 * Largest distance between the first and last atom of a group that {@link gatherGroup} adds in
 * one pass: this, or an eighth of the partial sums' width if more (the pass then covers at most
 * an eighth more outputs than the atoms reach, all zero products).
 */
const GROUP_SPAN = 128;

/**
 * Adds the 4 or 8 consecutive atoms from `a` to `out` in one pass over the output:
 * out[j] = out[j] + acc[j − off_a]·m_a + acc[j − off_{a+1}]·m_{a+1} + … (left to right, so
 * each out[j] gets the same additions in the same order as one pass per atom: the same
 * bits; the padding's zeros add nothing). `accBuf` holds the partial sums from index
 * `pad` with zeros `pad` either side (pad ≥ the group's span). Returns the number of atoms added.
 */
function gatherGroup(accBuf: Float64Array, pad: number, out: Float64Array, n: number, bins: Int32Array, m1: Float64Array, a: number, b0: number, size: 4 | 8): number {
  const o0 = (bins[a] as number) - b0;
  const p0 = pad - o0;
  const p1 = pad + b0 - (bins[a + 1] as number);
  const p2 = pad + b0 - (bins[a + 2] as number);
  const p3 = pad + b0 - (bins[a + 3] as number);
  const w0 = m1[a] as number;
  const w1 = m1[a + 1] as number;
  const w2 = m1[a + 2] as number;
  const w3 = m1[a + 3] as number;
  if (size === 4) {
    const end = n - p3 + pad;
    for (let j = o0; j < end; j++) out[j] = (out[j] as number) + (accBuf[p0 + j] as number) * w0 + (accBuf[p1 + j] as number) * w1 + (accBuf[p2 + j] as number) * w2 + (accBuf[p3 + j] as number) * w3;
    return 4;
  }
  const p4 = pad + b0 - (bins[a + 4] as number);
  const p5 = pad + b0 - (bins[a + 5] as number);
  const p6 = pad + b0 - (bins[a + 6] as number);
  const p7 = pad + b0 - (bins[a + 7] as number);
  const w4 = m1[a + 4] as number;
  const w5 = m1[a + 5] as number;
  const w6 = m1[a + 6] as number;
  const w7 = m1[a + 7] as number;
  const end = n - p7 + pad;
  for (let j = o0; j < end; j++) {
    out[j] = (out[j] as number) + (accBuf[p0 + j] as number) * w0 + (accBuf[p1 + j] as number) * w1 + (accBuf[p2 + j] as number) * w2 + (accBuf[p3 + j] as number) * w3 + (accBuf[p4 + j] as number) * w4 + (accBuf[p5 + j] as number) * w5 + (accBuf[p6 + j] as number) * w6 + (accBuf[p7 + j] as number) * w7;
  }
  return 8;
}

// Work buffers of convolveHalfTilted (0–2: partial sums and prefix sums; then each half's H1 and H2
// result, and the survival functions of the combine), reused between calls of exceedanceH1H2.
const HALF_ONE = 3;
const HALF_TWO = 4;
const SURVIVAL = 7;
const buffers: Float64Array[] = Array.from({ length: 9 }, () => new Float64Array(0));
/** Buffer `i`, at least `length` long, zero-filled over that length. */
function scratch(i: number, length: number): Float64Array {
  let b = buffers[i] as Float64Array;
  if (b.length < length) buffers[i] = b = new Float64Array(Math.max(length, 2 * b.length));
  b.fill(0, 0, length);
  return b;
}

/** A view of buffer `i`, `length` long, not cleared (the caller writes every entry). */
function workBuffer(i: number, length: number): Float64Array {
  let b = buffers[i] as Float64Array;
  if (b.length < length) buffers[i] = b = new Float64Array(Math.max(length, 2 * b.length));
  return b.subarray(0, length);
}

/**
 * Over prefix sums p[0..n] (non-decreasing): the first index i in 1..n with p[i] > x
 * (n + 1 if none); with `fromEnd`, the largest j in 0..n with p[n − j] ≥ x.
 */
function upperBound(p: Float64Array, n: number, x: number, fromEnd = false): number {
  if (!fromEnd) {
    let lo = 1;
    let hi = n + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((p[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  // Largest j (0 ≤ j ≤ n) with p[n − j] ≥ x: the last j entries carry mass ≤ total − x.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((p[n - mid] as number) >= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Twice each atom's offset from the first (index steps in the interleaved arrays). */
function offsets(bins: Int32Array, b0: number): Int32Array {
  const out = new Int32Array(bins.length);
  for (let a = 0; a < bins.length; a++) out[a] = 2 * ((bins[a] as number) - b0);
  return out;
}

/** One hypothesis's partial-sum distribution (dense from the half's `lo`) and its mass above the highest threshold. */
interface HalfSide {
  readonly acc: Float64Array;
  readonly above: number;
}

/**
 * Both hypotheses' distributions of the sum of some loci's grid values, as dense
 * arrays from bin `lo`, plus the mass `above` that passes the highest threshold
 * whatever the rest gives; partial sums that cannot reach the lowest threshold
 * are dropped, and the far tails within `budget` of H1 mass per side and locus.
 */
function convolveHalf(atoms: readonly PairedAtoms[], otherMax: number, otherMin: number, kLow: number, kHigh: number, budget: number): { lo: number; one: HalfSide; two: HalfSide; massError: number } {
  const L = atoms.length;
  const { sufMax, sufMin, width } = suffixBounds(atoms, otherMax, otherMin);
  // Both hypotheses interleaved (H1 at 2i, H2 at 2i + 1) in ping-pong buffers wide enough for every partial sum.
  let acc = new Float64Array(2 * width);
  let out = new Float64Array(2 * width);
  acc[0] = 1;
  acc[1] = 1;
  let n = 1;
  let lo = 0;
  let above1 = 0;
  let above2 = 0;
  let massError = 0;
  for (let l = 0; l < L && n > 0; l++) {
    const { bins, m1, m2, total1, total2 } = atoms[l] as PairedAtoms;
    const A = bins.length;
    if (A === 0) {
      n = 0;
      above1 = 0;
      above2 = 0;
      break;
    }
    const b0 = bins[0] as number;
    const len = n + (bins[A - 1] as number) - b0;
    // Gather: out[j] = Σ_a acc[j − off_a]·m_a over the atoms with 0 ≤ j − off_a < n (offsets ascending).
    const off2 = offsets(bins, b0);
    let aFirst = 0;
    let aEnd = 0;
    for (let j = 0; j < len; j++) {
      const j2 = 2 * j;
      while (aEnd < A && (off2[aEnd] as number) <= j2) aEnd++;
      while ((off2[aFirst] as number) <= j2 - 2 * n) aFirst++;
      let s1 = 0;
      let s2 = 0;
      for (let a = aFirst; a < aEnd; a++) {
        const i = j2 - (off2[a] as number);
        s1 += (acc[i] as number) * (m1[a] as number);
        s2 += (acc[i + 1] as number) * (m2[a] as number);
      }
      out[j2] = s1;
      out[j2 + 1] = s2;
    }
    above1 *= total1;
    above2 *= total2;
    lo += b0;
    const { first, last, low, high } = keptBins(len, lo, sufMax[l + 1] as number, sufMin[l + 1] as number, kLow, kHigh, budget, (i) => out[2 * i] as number, (i) => {
      above1 += out[2 * i] as number;
      above2 += out[2 * i + 1] as number;
    });
    massError += low;
    massError += high;
    n = Math.max(0, last - first + 1);
    lo += first;
    const t = acc;
    acc = out;
    out = t;
    if (first > 0) acc.copyWithin(0, 2 * first, 2 * (first + n));
  }
  const one = new Float64Array(n);
  const two = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    one[i] = acc[2 * i] as number;
    two[i] = acc[2 * i + 1] as number;
  }
  return { lo, one: { acc: one, above: above1 }, two: { acc: two, above: above2 }, massError };
}
