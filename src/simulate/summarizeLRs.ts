/**
 * Summaries of simulated LR distributions: mean LR, quantiles of log10 LR,
 * exceedance probabilities and error rates at a decision threshold.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';

/** Which hypothesis generated the data of a simulation. */
export type Truth = 'H1' | 'H2';

/** Thresholds t of P(LR ≥ t) reported by default: 1, 10, 100, 1e3, 1e4, 1e6, 1e9. */
export const DEFAULT_LR_THRESHOLDS: readonly number[] = Object.freeze([1, 10, 100, 1e3, 1e4, 1e6, 1e9]);

/** Probabilities of the log10 LR quantiles reported by default. */
export const DEFAULT_LR_QUANTILES: readonly number[] = Object.freeze([0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]);

/** Default decision threshold for the error rates: LR 10,000 (a common identification threshold). */
export const DEFAULT_DECISION_THRESHOLD = 10_000;

/**
 * Tolerance on log10 LR when comparing with a threshold: an LR within a
 * relative 2.3e-9 of t counts as ≥ t, so that an LR of exactly t computed as
 * 9.999999999 is not missed (which makes P(LR ≥ t) conservative for the
 * bound 1/t).
 */
export const LOG10_TIE_TOLERANCE = 1e-9;

/** P(LR ≥ threshold) over the simulations. */
export interface Exceedance {
  readonly threshold: number;
  readonly probability: number;
  /** Number of simulations with LR ≥ threshold. */
  readonly count: number;
  /**
   * The bound of domain.md §4: P(LR ≥ t | H2) ≤ 1/t. Present when the truth is H2.
   */
  readonly bound?: number;
}

/** A quantile of log10 LR (±Infinity for LR 0 or infinite). */
export interface LRQuantile {
  readonly p: number;
  readonly log10LR: number;
}

/**
 * Error rates at a decision threshold t (report "identified" when LR ≥ t).
 * Only one kind can be estimated from one truth: false exclusions from H1
 * data, false inclusions from H2 data; the other is null.
 */
export interface ErrorRates {
  readonly threshold: number;
  /** P(LR < t | H1): a true relative not identified. Null when the truth is H2. */
  readonly falseExclusion: number | null;
  /** P(LR ≥ t | H2): an unrelated person identified. Null when the truth is H1. */
  readonly falseInclusion: number | null;
  /** 1/t when the truth is H2 (false inclusion can never exceed it), else null. */
  readonly falseInclusionBound: number | null;
}

/** Summary of a simulated LR distribution (see {@link summarizeLRs}). */
export interface LRSummary {
  readonly n: number;
  readonly truth: Truth;
  /** Mean of the LRs (Infinity if an LR is infinite). Under H2 its expectation is 1 (domain.md §5). */
  readonly meanLR: number;
  /** Standard error of `meanLR` (sample standard deviation / √n); Infinity when the mean is infinite, 0 when n = 1. */
  readonly meanLRStandardError: number;
  /** Mean of log10 LR over simulations with 0 < LR < ∞ (null if none). */
  readonly meanLog10LR: number | null;
  /** Quantiles of log10 LR (inverse of the empirical distribution, no interpolation: R's type 1). */
  readonly quantiles: readonly LRQuantile[];
  /** P(LR ≥ t) for each threshold. */
  readonly exceedance: readonly Exceedance[];
  /** P(LR = 0): the data exclude H1 (with mutation, rare under H1). */
  readonly excluded: number;
  readonly errors: ErrorRates;
}

/** Options of {@link summarizeLRs}. */
export interface SummarizeLRsOptions {
  /** Which hypothesis generated the data. */
  readonly truth: Truth;
  /** Thresholds of `exceedance`. Default {@link DEFAULT_LR_THRESHOLDS}. */
  readonly thresholds?: readonly number[];
  /** Probabilities of `quantiles`. Default {@link DEFAULT_LR_QUANTILES}. */
  readonly quantiles?: readonly number[];
  /** Decision threshold of `errors`. Default {@link DEFAULT_DECISION_THRESHOLD}. */
  readonly threshold?: number;
}

/** Validates summary options (every problem at once). */
export function checkSummaryOptions(options: SummarizeLRsOptions): void {
  const issues = summaryOptionIssues(options);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Every problem of summary options (empty when fine). @internal */
export function summaryOptionIssues(options: SummarizeLRsOptions): Issue[] {
  const issues: Issue[] = [];
  if (options.truth !== 'H1' && options.truth !== 'H2') issues.push({ code: 'bad-truth', message: `Truth must be 'H1' or 'H2' (truth = ${JSON.stringify(options.truth)})`, path: ['truth'] });
  (options.thresholds ?? []).forEach((t, i) => {
    if (!(Number.isFinite(t) && t > 0)) issues.push({ code: 'bad-threshold', message: `Threshold must be a finite number > 0 (threshold = ${String(t)})`, path: ['thresholds', i] });
  });
  (options.quantiles ?? []).forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) issues.push({ code: 'bad-quantile', message: `Quantile probability must be in [0, 1] (p = ${String(p)})`, path: ['quantiles', i] });
  });
  const t = options.threshold;
  if (t !== undefined && !(Number.isFinite(t) && t > 0)) issues.push({ code: 'bad-threshold', message: `Decision threshold must be a finite number > 0 (threshold = ${String(t)})`, path: ['threshold'] });
  return issues;
}

/**
 * Summarises simulated log10 LRs: the mean LR with its standard error, the
 * mean log10 LR, quantiles, P(LR ≥ t) for several t, P(LR = 0), and the
 * error rate at a decision threshold that this truth can estimate. Under H2
 * each exceedance carries the bound 1/t of domain.md §4-5 (Markov's
 * inequality applied to E[LR | H2] = 1): a simulated P(LR ≥ t | H2) clearly
 * above 1/t points to a model or code error. Sums are compensated (Neumaier).
 *
 * Values: `-Infinity` means LR 0 (excluded), `+Infinity` an infinite LR;
 * NaN is rejected.
 *
 * Reference: Egeland, Kling & Mostad, *Relationship Inference with Familias
 * and R* (2016), ch. 5 (simulation, exclusion and inclusion probabilities).
 *
 * Cost: O(n log n) (one sort) + O(n × thresholds).
 *
 * @throws {@link ValidationError} for an empty or NaN input or bad options.
 * @example
 * ```ts
 * const s = summarizeLRs([0, 1, 2, Number.NEGATIVE_INFINITY], { truth: 'H2', thresholds: [10], threshold: 10 });
 * s.meanLR; // => 27.75 // (1 + 10 + 100 + 0) / 4
 * s.exceedance[0]; // => { threshold: 10, probability: 0.5, count: 2, bound: 0.1 }
 * s.excluded; // => 0.25
 * s.errors.falseInclusion; // => 0.5
 * ```
 */
export function summarizeLRs(log10LR: ArrayLike<number>, options: SummarizeLRsOptions): LRSummary {
  checkSummaryOptions(options);
  const n = log10LR.length;
  const issues: Issue[] = [];
  if (n === 0) issues.push({ code: 'empty', message: 'No LRs to summarise (n = 0)', path: ['log10LR'] });
  for (let i = 0; i < n; i++) if (Number.isNaN(log10LR[i])) issues.push({ code: 'nan', message: `log10 LR is NaN (index = ${i})`, path: ['log10LR', i] });
  if (issues.length > 0) throw new ValidationError(issues);
  const { truth } = options;
  const thresholds = options.thresholds ?? DEFAULT_LR_THRESHOLDS;
  const probs = options.quantiles ?? DEFAULT_LR_QUANTILES;
  const threshold = options.threshold ?? DEFAULT_DECISION_THRESHOLD;

  // compensated sums of LR, LR², log10 LR
  let sum = 0;
  let comp = 0;
  let logSum = 0;
  let logComp = 0;
  let finite = 0;
  let excludedCount = 0;
  let infinite = false;
  const add = (s: number, c: number, x: number): [number, number] => {
    const t = s + x;
    return [t, Math.abs(s) >= Math.abs(x) ? c + (s - t + x) : c + (x - t + s)];
  };
  const lrs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = log10LR[i] as number;
    if (x === Number.NEGATIVE_INFINITY) excludedCount++;
    else if (x === Number.POSITIVE_INFINITY) infinite = true;
    else {
      [logSum, logComp] = add(logSum, logComp, x);
      finite++;
    }
    const lr = 10 ** x;
    lrs[i] = lr;
    if (Number.isFinite(lr)) [sum, comp] = add(sum, comp, lr);
  }
  const meanLR = infinite ? Number.POSITIVE_INFINITY : (sum + comp) / n;
  let se = 0;
  if (!Number.isFinite(meanLR)) se = Number.POSITIVE_INFINITY;
  else if (n > 1) {
    let ss = 0;
    let ssc = 0;
    for (let i = 0; i < n; i++) [ss, ssc] = add(ss, ssc, ((lrs[i] as number) - meanLR) ** 2);
    se = Math.sqrt((ss + ssc) / (n - 1) / n);
  }

  const sorted = Float64Array.from(log10LR).sort();
  const quantiles = probs.map((p) => ({ p, log10LR: sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))] as number }));
  const countAtLeast = (t: number): number => {
    const cut = Math.log10(t) - LOG10_TIE_TOLERANCE;
    // first index with sorted[i] >= cut
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) >= cut) hi = mid;
      else lo = mid + 1;
    }
    return n - lo;
  };
  const exceedance = thresholds.map((t): Exceedance => {
    const count = countAtLeast(t);
    return truth === 'H2' ? { threshold: t, probability: count / n, count, bound: 1 / t } : { threshold: t, probability: count / n, count };
  });
  const atThreshold = countAtLeast(threshold) / n;
  return {
    n,
    truth,
    meanLR,
    meanLRStandardError: se,
    meanLog10LR: finite > 0 ? (logSum + logComp) / finite : null,
    quantiles,
    exceedance,
    excluded: excludedCount / n,
    errors: {
      threshold,
      falseExclusion: truth === 'H1' ? 1 - atThreshold : null,
      falseInclusion: truth === 'H2' ? atThreshold : null,
      falseInclusionBound: truth === 'H2' ? 1 / threshold : null,
    },
  };
}
