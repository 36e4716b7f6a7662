/**
 * Pairwise kinship LRs through IBD coefficients: the fast screening path.
 *
 * For two non-inbred people with genotypes G1, G2 (domain.md §3.1):
 * `LR(R vs unrelated) = k0 + k1·X1 + k2·X2`, with
 * `X1 = P(G2 | G1, one allele IBD) / P(G2 | G1, unrelated)` and
 * `X2 = P(G2 | G1, two alleles IBD) / P(G2 | G1, unrelated)`.
 *
 * With theta (Balding & Nichols 1994; domain.md §3.2) every probability is a
 * draw from the urn that has already seen G1's two alleles:
 * - unrelated: both alleles of G2 drawn from the urn (2 then 3 alleles seen);
 * - one allele IBD: each allele of G1 is the shared one with probability 1/2,
 *   the other allele of G2 is drawn from the urn having seen G1's 2 alleles;
 * - two alleles IBD: `[G2 = G1]`.
 *
 * With theta = 0 these reduce to the textbook indices (paternity index,
 * full-sib index, ...; Gjertson et al. 2007). The conditional form makes
 * `E[LR | G1, unrelated] = 1` exact for every G1 and every theta.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { Allele } from '../profile/allele.js';
import type { Genotype } from '../profile/genotype.js';
import { canonicalLocus } from '../profile/loci.js';
import { IBD_COEFFICIENTS, validateKappa, type Kappa, type PairwiseRelationship } from './ibd.js';

const LN10 = Math.LN10;

/**
 * The LR of one marker from allele indices, linear scale. Shared by every
 * entry point so that the slow and fast paths cannot drift apart.
 * `a1, b1` are person 1's allele indices, `a2, b2` person 2's, all into `freqs`.
 */
function markerLR(a1: number, b1: number, a2: number, b2: number, freqs: Float64Array, k0: number, k1: number, k2: number, t: number): number {
  const ca = (a2 === a1 ? 1 : 0) + (a2 === b1 ? 1 : 0); // copies of a2 in G1
  const cb = (b2 === a1 ? 1 : 0) + (b2 === b1 ? 1 : 0); // copies of b2 in G1
  if (ca === 0 && cb === 0) return k0; // nothing shared: X1 = X2 = 0 (the common case when screening)
  const s = 1 - t;
  // Urn weights scaled by the denominators: P(next = x | G1 seen) = qx / (1 + t);
  // P(G2 | G1, unrelated) = unrelated / ((1 + t)(1 + 2t)). The scale factors
  // are put back on the IBD terms below, so there is one division per marker.
  const qa = ca * t + s * (freqs[a2] as number);
  let unrelated: number;
  let oneIbd: number; // P(G2 | G1, 1 IBD) · (1 + t)
  let twoIbd: boolean;
  if (a2 === b2) {
    unrelated = qa * ((ca + 1) * t + s * (freqs[a2] as number));
    oneIbd = 0.5 * ca * qa;
    twoIbd = ca === 2;
  } else {
    const qb = cb * t + s * (freqs[b2] as number);
    unrelated = 2 * qa * qb;
    // G1's allele a1 shared: G2's other allele must be drawn; likewise b1.
    oneIbd = 0.5 * ((a1 === a2 ? qb : a1 === b2 ? qa : 0) + (b1 === a2 ? qb : b1 === b2 ? qa : 0));
    twoIbd = ca === 1 && cb === 1;
  }
  const c1 = 1 + 2 * t;
  return k0 + (k1 * oneIbd * c1 + (twoIbd ? k2 * (1 + t) * c1 : 0)) / unrelated;
}

/**
 * The pairwise LR of one marker, linear scale, from allele indices into a
 * frequency array: the allocation-free kernel of {@link pairwiseLR}. Returns
 * 0 when the genotypes exclude the relationship (e.g. parent-child sharing no
 * allele).
 *
 * Unchecked hot path: the caller guarantees valid indices, frequencies in
 * (0, 1], theta in [0, 1) and a valid kappa ({@link validateKappa}); the result is
 * then finite and non-negative. Reference: domain.md §3.1-3.2.
 *
 * Cost: O(1), no allocation.
 *
 * @example
 * ```ts
 * const freqs = new Float64Array([0.1, 0.2, 0.05, 0.3]); // a b c d
 * pairwiseMarkerLRIndexed(0, 1, 0, 1, freqs, IBD_COEFFICIENTS['parent-child'], 0); // => 3.75
 * ```
 */
export function pairwiseMarkerLRIndexed(a1: number, b1: number, a2: number, b2: number, freqs: Float64Array, kappa: Kappa, theta: number): number {
  return markerLR(a1, b1, a2, b2, freqs, kappa.k0, kappa.k1, kappa.k2, theta);
}

/**
 * The natural log of the pairwise LR of one marker from allele indices
 * (`-Infinity` when excluded). See {@link pairwiseMarkerLRIndexed} for the
 * contract (unchecked; valid inputs give no NaN).
 *
 * Cost: O(1), no allocation.
 *
 * @example
 * ```ts
 * const freqs = new Float64Array([0.1, 0.2, 0.05, 0.3]);
 * pairwiseLnLRIndexed(0, 0, 0, 0, freqs, IBD_COEFFICIENTS['full-siblings'], 0); // => Math.log(30.25)
 * ```
 */
export function pairwiseLnLRIndexed(a1: number, b1: number, a2: number, b2: number, freqs: Float64Array, kappa: Kappa, theta: number): number {
  return Math.log(markerLR(a1, b1, a2, b2, freqs, kappa.k0, kappa.k1, kappa.k2, theta));
}

/**
 * The allele index that marks an untyped (or partial) genotype in
 * {@link pairwiseLnLRProfileIndexed}: a locus where any of the four alleles
 * has this index contributes LR 1. It is the largest Uint16 value, so no real
 * allele index reaches it.
 *
 * @example
 * ```ts
 * const untypedAtLocus2 = new Uint16Array([0, 1, UNTYPED_ALLELE, UNTYPED_ALLELE]);
 * ```
 */
export const UNTYPED_ALLELE = 0xffff;

// Rescale bounds of the running product in pairwiseLnLRProfileIndexed: far
// from under/overflow, so one log per ~10^250 of LR range.
const PRODUCT_LOW = 1e-250;
const PRODUCT_HIGH = 1e250;

/**
 * The total natural-log pairwise LR of two profiles over many loci, from
 * allele indices: the screening kernel (one call per pair of people).
 *
 * Layout: locus `l` uses `alleles1[2l]`, `alleles1[2l+1]` (person 1) and
 * `alleles2[2l]`, `alleles2[2l+1]` (person 2), indices local to the locus;
 * its frequencies are `freqs[offsets[l] + i]`. A locus where any of the four
 * alleles is {@link UNTYPED_ALLELE} contributes 0 (LR 1). Returns `-Infinity`
 * as soon as one locus excludes the relationship.
 *
 * Per-locus LRs are multiplied in a running product that is moved into the
 * log sum before it can under- or overflow (one `Math.log` per pair in
 * practice), so the result equals the sum of per-locus logs to rounding.
 * Unchecked hot path: same contract as {@link pairwiseMarkerLRIndexed}.
 *
 * Cost: O(loci), no allocation.
 *
 * @example
 * ```ts
 * // two loci with alleles a b c d at frequencies .1 .2 .05 .3
 * const freqs = new Float64Array([0.1, 0.2, 0.05, 0.3, 0.1, 0.2, 0.05, 0.3]);
 * const offsets = new Int32Array([0, 4]);
 * const af = new Uint16Array([0, 1, 0, 0]); // ab, aa
 * const child = new Uint16Array([0, 1, 0, 1]); // ab, ab
 * pairwiseLnLRProfileIndexed(af, child, freqs, offsets, IBD_COEFFICIENTS['parent-child'], 0);
 * // => Math.log(3.75 * 5)
 * ```
 */
export function pairwiseLnLRProfileIndexed(
  alleles1: ArrayLike<number>,
  alleles2: ArrayLike<number>,
  freqs: Float64Array,
  offsets: ArrayLike<number>,
  kappa: Kappa,
  theta: number,
): number {
  const k0 = kappa.k0;
  const k1 = kappa.k1;
  const k2 = kappa.k2;
  const nLoci = offsets.length;
  let lnSum = 0;
  let product = 1;
  for (let l = 0; l < nLoci; l++) {
    const i = 2 * l;
    const a1 = alleles1[i] as number;
    const b1 = alleles1[i + 1] as number;
    const a2 = alleles2[i] as number;
    const b2 = alleles2[i + 1] as number;
    if (a1 === UNTYPED_ALLELE || b1 === UNTYPED_ALLELE || a2 === UNTYPED_ALLELE || b2 === UNTYPED_ALLELE) continue;
    const off = offsets[l] as number;
    const lr = markerLR(a1 + off, b1 + off, a2 + off, b2 + off, freqs, k0, k1, k2, theta);
    if (lr === 0) return -Infinity;
    product *= lr;
    if (product < PRODUCT_LOW || product > PRODUCT_HIGH) {
      lnSum += Math.log(product);
      product = 1;
    }
  }
  return lnSum + Math.log(product);
}

/**
 * Numbers the (at most four) alleles of a genotype pair 0, 1, ... in order of
 * first use and looks up their frequencies; a frequency outside (0, 1] is
 * reported in `issues`.
 */
function alleleIndexer(freqOf: (allele: Allele) => number, locus: string | undefined, issues: Issue[]): { index: (allele: Allele) => number; freqs: Float64Array } {
  const labels: Allele[] = [];
  const freqs = new Float64Array(4);
  const index = (allele: Allele): number => {
    let i = labels.indexOf(allele);
    if (i < 0) {
      i = labels.length;
      labels.push(allele);
      const f = freqOf(allele);
      if (typeof f !== 'number' || !(f > 0 && f <= 1)) issues.push(frequencyIssue(locus, allele, f));
      else freqs[i] = f;
    }
    return i;
  };
  return { index, freqs };
}

function frequencyIssue(locus: string | undefined, allele: Allele, value: unknown): Issue {
  return {
    code: 'bad-frequency',
    path: locus === undefined ? ['frequencies', allele] : ['frequencies', locus, allele],
    message: `Allele frequency must be a number in (0, 1] (${locus === undefined ? '' : `locus = ${locus}, `}allele = ${allele}, frequency = ${String(value)})`,
  };
}

function thetaIssues(theta: number): Issue[] {
  return typeof theta === 'number' && Number.isFinite(theta) && theta >= 0 && theta < 1
    ? []
    : [{ code: 'bad-theta', path: ['theta'], message: `Theta must be a number in [0, 1) (theta = ${String(theta)})` }];
}

/**
 * The pairwise LR of one marker (linear scale) for two complete genotypes,
 * relationship given by its IBD coefficients, with optional theta.
 *
 * `LR = k0 + k1·X1 + k2·X2` (domain.md §3.1); with theta, each conditional
 * probability is a draw from the Balding-Nichols urn having seen G1's two
 * alleles (domain.md §3.2). Symmetric in G1, G2. Throws a ValidationError
 * (codes `bad-frequency`, `bad-theta`, `bad-kappa`) listing every problem.
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * const p: Record<string, number> = { a: 0.1, b: 0.2, c: 0.05, d: 0.3 };
 * const freqOf = (allele: string) => p[allele] ?? 0;
 * pairwiseMarkerLR(['a', 'b'], ['a', 'c'], freqOf, IBD_COEFFICIENTS['parent-child']); // => 2.5
 * pairwiseMarkerLR(['a', 'a'], ['a', 'a'], freqOf, IBD_COEFFICIENTS['full-siblings'], 0.01); // => 20.980897009966778
 * ```
 */
export function pairwiseMarkerLR(
  g1: readonly [Allele, Allele],
  g2: readonly [Allele, Allele],
  freqOf: (allele: Allele) => number,
  kappa: Kappa,
  theta = 0,
): number {
  const issues: Issue[] = [...thetaIssues(theta), ...validateKappa(kappa)];
  const { index, freqs } = alleleIndexer(freqOf, undefined, issues);
  const a1 = index(g1[0]);
  const b1 = index(g1[1]);
  const a2 = index(g2[0]);
  const b2 = index(g2[1]);
  if (issues.length > 0) throw new ValidationError(issues);
  return markerLR(a1, b1, a2, b2, freqs, kappa.k0, kappa.k1, kappa.k2, theta);
}

/** Status of one marker in a pairwise comparison. */
export type PairwiseMarkerStatus = 'ok' | 'excluded' | 'untyped';

/** One marker of a {@link PairwiseLRResult}. */
export interface PairwiseMarkerResult {
  /** Canonical locus name. */
  readonly locus: string;
  /** Natural log of the marker LR; `-Infinity` when excluded, 0 when untyped. */
  readonly lnLR: number;
  /** Base-10 log of the marker LR; `-Infinity` when excluded, 0 when untyped. */
  readonly log10LR: number;
  /** The marker LR (linear scale); 0 when excluded, 1 when untyped. */
  readonly LR: number;
  /** `ok`; `excluded` (LR 0: the genotypes are impossible under the relationship); `untyped` (a person has no complete genotype here). */
  readonly status: PairwiseMarkerStatus;
  /** Why an `untyped` marker was not compared, e.g. `partial genotype of person 1 treated as untyped`. */
  readonly note?: string;
}

/** The result of {@link pairwiseLR}. */
export interface PairwiseLRResult {
  /**
   * Natural log of the total LR (sum over markers). `-Infinity` when a marker
   * excludes the relationship. Never NaN.
   */
  readonly lnLR: number;
  /**
   * Base-10 log of the total LR. `-Infinity` when excluded: a JSON writer must
   * turn it into `null` (the CLI contract), as `JSON.stringify` would write `null` anyway.
   */
  readonly log10LR: number;
  /** The total LR on the linear scale (may be `Infinity` for very strong evidence; use the logs). */
  readonly LR: number;
  /** The IBD coefficients used. */
  readonly kappa: Kappa;
  /** Every marker considered, in order. */
  readonly markers: readonly PairwiseMarkerResult[];
  /** Number of markers with status `ok` or `excluded` (both people fully typed). */
  readonly lociCompared: number;
}

/** Options of {@link pairwiseLR} shared by both ways of naming the relationship. */
export interface PairwiseLRBaseOptions {
  /** Person 1's genotypes by canonical locus (e.g. `profile.genotypes`). */
  readonly genotypes1: Readonly<Record<string, Genotype>>;
  /** Person 2's genotypes by canonical locus. */
  readonly genotypes2: Readonly<Record<string, Genotype>>;
  /** Frequency of an allele at a locus; must be in (0, 1] for every allele seen (apply the rare-allele rule before). */
  readonly frequencies: (locus: string, allele: Allele) => number;
  /** Balding-Nichols theta (F_ST) in [0, 1). Default 0. */
  readonly theta?: number;
  /** Loci to compare, in order (aliases normalised). Default: every locus typed in either person, person 1's first. */
  readonly loci?: readonly string[];
}

/**
 * Options of {@link pairwiseLR}: the base options plus either a named
 * `relationship` or explicit IBD coefficients `kappa`.
 */
export type PairwiseLROptions = PairwiseLRBaseOptions &
  ({ readonly relationship: PairwiseRelationship; readonly kappa?: undefined } | { readonly kappa: Kappa; readonly relationship?: undefined });

/**
 * The LR that two people are related as named (or with the given IBD
 * coefficients) versus unrelated, from their genotypes, in log space.
 *
 * Each marker follows {@link pairwiseMarkerLR}; markers multiply (logs add).
 * A marker where either person is untyped, or has only a partial genotype
 * (one allele read), is not compared: status `untyped`, LR 1, with a note.
 * A marker where the relationship is impossible (e.g. parent-child sharing no
 * allele, no mutation model here) is `excluded`: LR 0, `lnLR = -Infinity`,
 * and the total is `-Infinity` too. No NaN is ever returned. For mutation,
 * use the pedigree likelihood engine instead.
 *
 * Throws a ValidationError listing every problem of the input (codes
 * `unknown-relationship`, `bad-kappa`, `bad-theta`, `bad-frequency`).
 * Reference: domain.md §3.1-3.2; Balding & Nichols 1994.
 *
 * Cost: O(loci) frequency look-ups and arithmetic. For screening many pairs
 * use {@link pairwiseLnLRProfileIndexed}.
 *
 * @example
 * ```ts
 * const p: Record<string, number> = { '10': 0.1, '11': 0.2, '12': 0.05 };
 * const result = pairwiseLR({
 *   relationship: 'parent-child',
 *   genotypes1: { TH01: ['10', '11'] },
 *   genotypes2: { TH01: ['10', '12'] },
 *   frequencies: (_locus, allele) => p[allele] ?? 0.001,
 * });
 * result.markers[0]?.LR; // => 2.5
 * result.log10LR; // => Math.log10(2.5)
 * ```
 */
export function pairwiseLR(options: PairwiseLROptions): PairwiseLRResult {
  const issues: Issue[] = [];
  let kappa: Kappa | undefined;
  if (options.kappa !== undefined) {
    kappa = options.kappa;
    issues.push(...validateKappa(kappa));
  } else {
    const rel = options.relationship;
    kappa = Object.prototype.hasOwnProperty.call(IBD_COEFFICIENTS, rel) ? IBD_COEFFICIENTS[rel] : undefined;
    if (kappa === undefined) {
      issues.push({
        code: 'unknown-relationship',
        path: ['relationship'],
        message: `Unknown pairwise relationship; use one of ${Object.keys(IBD_COEFFICIENTS).join(', ')} or give kappa (relationship = ${JSON.stringify(rel)})`,
      });
    }
  }
  const theta = options.theta ?? 0;
  issues.push(...thetaIssues(theta));

  const loci: string[] = [];
  const seen = new Set<string>();
  const addLocus = (name: string): void => {
    const canonical = canonicalLocus(name) ?? name;
    if (!seen.has(canonical)) {
      seen.add(canonical);
      loci.push(canonical);
    }
  };
  if (options.loci !== undefined) options.loci.forEach(addLocus);
  else {
    Object.keys(options.genotypes1).forEach(addLocus);
    Object.keys(options.genotypes2).forEach(addLocus);
  }

  type Planned = { locus: string; alleles: [number, number, number, number]; freqs: Float64Array } | { locus: string; note: string };
  const planned: Planned[] = [];
  for (const locus of loci) {
    const g1 = options.genotypes1[locus];
    const g2 = options.genotypes2[locus];
    const why: string[] = [];
    for (const [who, g] of [['person 1', g1], ['person 2', g2]] as const) {
      if (g === undefined) why.push(`${who} untyped`);
      else if (g[1] === null) why.push(`partial genotype of ${who} treated as untyped`);
    }
    if (g1 === undefined || g2 === undefined || g1[1] === null || g2[1] === null) {
      planned.push({ locus, note: why.join('; ') });
      continue;
    }
    const { index, freqs } = alleleIndexer((allele) => options.frequencies(locus, allele), locus, issues);
    planned.push({ locus, alleles: [index(g1[0]), index(g1[1]), index(g2[0]), index(g2[1])], freqs });
  }
  if (issues.length > 0 || kappa === undefined) throw new ValidationError(issues);

  const markers: PairwiseMarkerResult[] = [];
  let lnTotal = 0;
  let lociCompared = 0;
  for (const plan of planned) {
    if ('note' in plan) {
      markers.push({ locus: plan.locus, lnLR: 0, log10LR: 0, LR: 1, status: 'untyped', note: plan.note });
      continue;
    }
    const [a1, b1, a2, b2] = plan.alleles;
    const lr = markerLR(a1, b1, a2, b2, plan.freqs, kappa.k0, kappa.k1, kappa.k2, theta);
    const ln = Math.log(lr);
    lociCompared += 1;
    lnTotal += ln;
    markers.push({ locus: plan.locus, lnLR: ln, log10LR: ln / LN10, LR: lr, status: lr === 0 ? 'excluded' : 'ok' });
  }
  return { lnLR: lnTotal, log10LR: lnTotal / LN10, LR: Math.exp(lnTotal), kappa, markers, lociCompared };
}
