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
import { StrkinError, ValidationError, type Issue } from '../errors/StrkinError.js';
import type { FrequencyTable } from '../frequencies/FrequencyTable.js';
import { markerFrequencies } from '../frequencies/markerFrequencies.js';
import type { FrequencyOptions } from '../frequencies/rareAllele.js';
import type { Allele } from '../profile/allele.js';
import type { Genotype } from '../profile/genotype.js';
import { canonicalLocus, locusKind } from '../profile/loci.js';
import { IBD_COEFFICIENTS, validateKappa, type Kappa, type PairwiseRelationship } from './ibd.js';
import { combineRatios, type LRResult, type MarkerRatio } from './LRResult.js';
import { markerLR } from './pairwiseKernels.js';

const LN10 = Math.LN10;

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

/** The frequency look-up of one locus: the caller's function, or the pair's allele space from a table (null after reporting a problem). */
function caseFrequencies(source: PairwiseLRBaseOptions['frequencies'], locus: string, alleles: readonly Allele[], options: FrequencyOptions | undefined, issues: Issue[]): ((allele: Allele) => number) | null {
  if (typeof source === 'function') return (allele) => source(locus, allele);
  try {
    const mf = markerFrequencies(source, locus, alleles, options);
    const byAllele = new Map(mf.alleles.map((a, i) => [a, mf.frequencies[i] as number]));
    return (allele) => byAllele.get(allele) ?? Number.NaN;
  } catch (e) {
    if (!(e instanceof StrkinError)) throw e;
    issues.push(...e.issues);
    return null;
  }
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

/**
 * One marker of a {@link PairwiseLRResult}: the shared {@link MarkerRatio}
 * (`name`, `lnLR`, `log10LR`, `LR`, `status`) with status `ok`, `excluded`
 * (LR 0, `lnLR` -Infinity, `log10LR` null: the genotypes are impossible under
 * the relationship) or `untyped` (LR 1: a person has no complete genotype here).
 */
export interface PairwiseMarkerResult extends MarkerRatio {
  /** Why an `untyped` marker was not compared, e.g. `partial genotype of person 1 treated as untyped`. */
  readonly note?: string;
}

/**
 * The result of {@link pairwiseLR}: the shared {@link LRResult} shape (the
 * same fields as {@link KinshipResult}'s `total` and `markers`) plus the
 * IBD coefficients used and the number of loci compared. `total.status` is
 * `excluded` (LR 0, `log10LR` null) when a marker excludes the relationship.
 */
export interface PairwiseLRResult extends LRResult<PairwiseMarkerResult> {
  /** The IBD coefficients used. */
  readonly kappa: Kappa;
  /** Number of markers with status `ok` or `excluded` (both people fully typed). */
  readonly lociCompared: number;
}

/** Options of {@link pairwiseLR} shared by both ways of naming the relationship. */
export interface PairwiseLRBaseOptions {
  /** Person 1's genotypes by canonical locus (e.g. `profile.genotypes`). */
  readonly genotypes1: Readonly<Record<string, Genotype>>;
  /** Person 2's genotypes by canonical locus. */
  readonly genotypes2: Readonly<Record<string, Genotype>>;
  /**
   * A frequency table, or the frequency of an allele at a locus. With a table, each locus uses the
   * pair's own allele space (the table's alleles plus the two people's unseen alleles at the
   * rare-allele minimum, divided by their sum: `markerFrequencies`), the convention of every LR in
   * strkin. A function must return a value in (0, 1] for every allele seen (apply a rule before).
   */
  readonly frequencies: FrequencyTable | ((locus: string, allele: Allele) => number);
  /** Rare-allele rule when `frequencies` is a table; default as in {@link FrequencyOptions}. */
  readonly frequencyOptions?: FrequencyOptions;
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
 * `log10LR` null, and the total is `excluded` too. No NaN is ever returned.
 * The result has the shape of {@link kinshipLR}'s (`total`, `markers[]` with
 * `name`, `lnLR`, `log10LR`, `LR`, `status`). For mutation, use
 * {@link kinshipLR} with a pedigree.
 *
 * Throws a ValidationError listing every problem of the input (codes
 * `unknown-relationship`, `bad-kappa`, `bad-theta`, `bad-frequency`).
 * Reference: domain.md §3.1-3.2; Balding & Nichols 1994.
 *
 * Cost: O(loci) frequency look-ups and arithmetic. For screening many pairs
 * use `pairwiseLnLRProfileIndexed` from `strkin/engine`, or {@link screenRelatives}.
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
 * result.total.log10LR; // => Math.log10(2.5)
 * result.total.status; // => 'ok'
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
    if (locusKind(locus) === 'x') {
      // IBD coefficients are autosomal; X loci go through kinshipLR (docs/lineage.md).
      planned.push({ locus, note: 'X-chromosomal locus: pairwise IBD LRs are autosomal only' });
      continue;
    }
    const why: string[] = [];
    for (const [who, g] of [['person 1', g1], ['person 2', g2]] as const) {
      if (g === undefined) why.push(`${who} untyped`);
      else if (g[1] === null) why.push(`partial genotype of ${who} treated as untyped`);
    }
    if (g1 === undefined || g2 === undefined || g1[1] === null || g2[1] === null) {
      planned.push({ locus, note: why.join('; ') });
      continue;
    }
    const freqOf = caseFrequencies(options.frequencies, locus, [g1[0], g1[1], g2[0], g2[1]], options.frequencyOptions, issues);
    if (freqOf === null) continue;
    const { index, freqs } = alleleIndexer(freqOf, locus, issues);
    planned.push({ locus, alleles: [index(g1[0]), index(g1[1]), index(g2[0]), index(g2[1])], freqs });
  }
  if (issues.length > 0 || kappa === undefined) throw new ValidationError(issues);

  const markers: PairwiseMarkerResult[] = [];
  let lociCompared = 0;
  for (const plan of planned) {
    if ('note' in plan) {
      markers.push({ name: plan.locus, lnLR: 0, log10LR: 0, LR: 1, status: 'untyped', note: plan.note });
      continue;
    }
    const [a1, b1, a2, b2] = plan.alleles;
    const lr = markerLR(a1, b1, a2, b2, plan.freqs, kappa.k0, kappa.k1, kappa.k2, theta);
    lociCompared += 1;
    if (lr === 0) markers.push({ name: plan.locus, lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'excluded' });
    else {
      const ln = Math.log(lr);
      markers.push({ name: plan.locus, lnLR: ln, log10LR: ln / LN10, LR: lr, status: 'ok' });
    }
  }
  return { total: combineRatios(markers), markers, kappa, lociCompared };
}
