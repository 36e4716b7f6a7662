/**
 * Simulated LR distributions: how strong a set of references is, and how
 * often a decision threshold errs, by gene dropping under one hypothesis and
 * scoring each simulation with kinshipLR.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { MarkerModel } from '../likelihood/MarkerModel.js';
import { evidenceFor, kinshipLR, type GenotypeData, type LRProvenance } from '../likelihood/kinshipLR.js';
import type { AlleleEvidence } from '../likelihood/peel.js';
import type { Pedigree } from '../pedigree/Pedigree.js';
import { validateHypotheses } from '../pedigree/validatePedigree.js';
import type { Genotype } from '../profile/genotype.js';
import { genotypeAlleles } from '../profile/genotype.js';
import { DEFAULT_THETA, thetaIssue } from '../likelihood/theta.js';
import { dropMarker, dropMarkerConditional, makeDropPlan, markerIssues, predictive, writeShown } from './dropGenes.js';
import type { Random } from './random.js';
import { cumulative, searchCdf } from './sampling.js';
import { summarizeLRs, summaryOptionIssues, type LRSummary, type Truth } from './summarizeLRs.js';
import { dict } from '../util/dict.js';

/** Options of {@link simulateLRDistribution}. */
export interface SimulateLROptions {
  /** H1 and H2, in that order: pedigrees over the typed people (a typed person absent from one is an unrelated founder there). */
  readonly hypotheses: readonly [Pedigree, Pedigree];
  /** The hypothesis that generates the data. */
  readonly truth: Truth;
  /** Markers used both to simulate and to compute the LRs. */
  readonly markers: readonly MarkerModel[];
  /** The people whose genotypes enter each LR (the people of `conditionOn` are added). */
  readonly typed: readonly string[];
  /**
   * Person of interest. When given, only the POI is drawn in each simulation
   * and every other typed person must have fixed genotypes in `conditionOn`:
   * the classic question "given these references, what LR would the missing
   * person (H1) or an unrelated person (H2) give?". Its predictive
   * distribution is computed once per marker, so runs are cheap.
   */
  readonly poi?: string;
  /**
   * Fixed genotypes of some typed people (e.g. a family's real references). Default: none, every typed person is simulated.
   * A fixed person is never simulated: at a marker it lacks, it is untyped.
   */
  readonly conditionOn?: GenotypeData;
  /** Number of simulations (a positive integer). */
  readonly n: number;
  /** Random source (see {@link makeRandom}); its seed is recorded. */
  readonly random: Random;
  /** Balding-Nichols theta, used both to simulate founders and in the LR. Default 0. */
  readonly theta?: number;
  /** Thresholds t of P(LR ≥ t). Default {@link DEFAULT_LR_THRESHOLDS}. */
  readonly thresholds?: readonly number[];
  /** Probabilities of the log10 LR quantiles. Default {@link DEFAULT_LR_QUANTILES}. */
  readonly quantiles?: readonly number[];
  /** Decision threshold for the error rates. Default {@link DEFAULT_DECISION_THRESHOLD}. */
  readonly threshold?: number;
}

/** The result of {@link simulateLRDistribution}. */
export interface LRDistribution {
  /** log10 LR of each simulation, in order: `-Infinity` for LR 0 (H1 excluded), `+Infinity` when H2 is impossible. */
  readonly log10LR: Float64Array;
  /** Loci inconsistent with H1 without mutation, per simulation. */
  readonly inconsistentLoci: Uint16Array;
  readonly summary: LRSummary;
  readonly truth: Truth;
  readonly n: number;
  /** The seed of the random source. */
  readonly seed: number;
  /** The people simulated in each run. */
  readonly simulated: readonly string[];
  /** The typed people of each LR. */
  readonly typed: readonly string[];
  /** Provenance of the LRs (strkin version, theta, mutation models), as recorded by {@link kinshipLR}. */
  readonly provenance: LRProvenance;
}

/** Largest number of simulations {@link simulateLRDistribution} accepts (each is one LR computation). */
export const MAX_SIMULATIONS = 10_000_000;

/** The options of {@link simulateLRDistribution} after {@link validateSimulateOptions}. */
export interface ValidSimulateOptions {
  readonly theta: number;
  /** The typed people of each LR (`typed` plus the people of `conditionOn`). */
  readonly typed: readonly string[];
  /** The people drawn in each run. */
  readonly simulated: readonly string[];
}

/**
 * Checks the options of {@link simulateLRDistribution} before anything is
 * simulated, listing every problem at once: `bad-n` (n not an integer in
 * [1, {@link MAX_SIMULATIONS}]), `bad-theta` (not in [0, 1); default
 * {@link DEFAULT_THETA}), `bad-truth`, `bad-threshold`, `bad-quantile` (as
 * {@link summarizeLRs}; defaults {@link DEFAULT_LR_THRESHOLDS},
 * {@link DEFAULT_LR_QUANTILES}, {@link DEFAULT_DECISION_THRESHOLD}),
 * `bad-option` (a random source without `float`), `duplicate-marker`,
 * `hypotheses` (not exactly two), every {@link validatePedigree} issue of each
 * hypothesis (path `['hypotheses', k, ...]`, e.g. `cycle`, `parent-sex`),
 * `no-typed`, `poi-not-typed`, `poi-fixed`, `poi-references`,
 * `nothing-simulated`. NaN and ±Infinity are refused wherever a number is.
 *
 * Cost: O(people + markers).
 *
 * @throws {@link ValidationError} listing every problem.
 * @example
 * ```ts
 * const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b'], frequencies: [0.4, 0.6] });
 * const duo = relationshipPedigree('parent-child', { a: 'AF', b: 'C' });
 * const options = { hypotheses: [duo, { persons: [] }], truth: 'H2' as const, markers: [marker], typed: ['AF', 'C'], n: 100, random: makeRandom(1) };
 * validateSimulateOptions(options).theta; // => 0
 * try {
 *   validateSimulateOptions({ ...options, n: 0.5 });
 * } catch (e) {
 *   (e as StrkinError).message; // => 'bad-n: Number of simulations must be an integer in [1, 10000000] (n = 0.5)'
 * }
 * ```
 */
export function validateSimulateOptions(options: SimulateLROptions): ValidSimulateOptions {
  const { hypotheses, truth, markers, random, n, poi } = options;
  const issues: Issue[] = [];
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_SIMULATIONS)) issues.push({ code: 'bad-n', message: `Number of simulations must be an integer in [1, ${MAX_SIMULATIONS}] (n = ${String(n)})`, path: ['n'] });
  const theta = thetaIssue(options.theta);
  if (theta !== undefined) issues.push(theta);
  issues.push(...summaryOptionIssues({ truth, ...(options.thresholds ? { thresholds: options.thresholds } : {}), ...(options.quantiles ? { quantiles: options.quantiles } : {}), ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) }));
  if (typeof (random as Partial<Random> | undefined)?.float !== 'function') issues.push({ code: 'bad-option', message: `A random source from makeRandom is needed (random = ${String(random)})`, path: ['random'] });
  issues.push(...markerIssues(markers));
  if (hypotheses.length !== 2) issues.push({ code: 'hypotheses', message: `Exactly two hypotheses are needed (hypotheses = ${hypotheses.length})`, path: ['hypotheses'] });
  issues.push(...validateHypotheses(hypotheses));
  const fixedIds = Object.keys(options.conditionOn ?? {});
  const typed = [...options.typed, ...fixedIds.filter((id) => !options.typed.includes(id))];
  if (typed.length === 0) issues.push({ code: 'no-typed', message: 'At least one typed person is needed (typed = [])', path: ['typed'] });
  let simulated = typed.filter((id) => !fixedIds.includes(id));
  if (poi !== undefined) {
    if (!typed.includes(poi)) issues.push({ code: 'poi-not-typed', message: `The person of interest must be typed (poi = ${JSON.stringify(poi)})`, path: ['poi'] });
    else if (fixedIds.includes(poi)) issues.push({ code: 'poi-fixed', message: `The person of interest cannot have fixed genotypes (poi = ${JSON.stringify(poi)})`, path: ['poi'] });
    const others = simulated.filter((id) => id !== poi);
    if (others.length > 0) issues.push({ code: 'poi-references', message: `With a person of interest, every other typed person needs fixed genotypes in conditionOn (missing = ${others.join(', ')})`, path: ['conditionOn'] });
    simulated = [poi];
  }
  if (simulated.length === 0 && issues.length === 0) issues.push({ code: 'nothing-simulated', message: 'Every typed person has fixed genotypes: nothing to simulate', path: ['typed'] });
  if (issues.length > 0) throw new ValidationError(issues);
  return { theta: options.theta ?? DEFAULT_THETA, typed, simulated };
}

/**
 * Simulates the LR distribution of a kinship question: n times, genotypes
 * of the typed people are drawn by gene dropping in the `truth` pedigree
 * (given the fixed genotypes of `conditionOn`, if any), and the LR of H1
 * against H2 is computed with {@link kinshipLR} under the same markers and
 * theta. The summary gives the mean LR, quantiles of log10 LR, P(LR ≥ t),
 * and the false exclusion rate (truth H1) or false inclusion rate (truth H2)
 * at a decision threshold; see {@link summarizeLRs}.
 *
 * Checks of the model (domain.md §5): with truth H2, the mean LR estimates 1
 * (E[LR | H2] = 1) and P(LR ≥ t) should not exceed 1/t beyond sampling error.
 *
 * Reference: Egeland, Kling & Mostad, *Relationship Inference with Familias
 * and R* (2016) ch. 5; Kling, Tillmar & Egeland, "Familias 3 - extensions and
 * new functionality", FSI:Genetics 13 (2014) 121-127; Vigeland, *Pedigree
 * Analysis in R* (2021), forrel's `LRpower` and `missingPersonEP`.
 *
 * Options are checked first by {@link validateSimulateOptions}.
 *
 * Cost: n × (one LR: a peeling pass per marker and hypothesis, twice with
 * mutation) + the simulation (cheap, except with `conditionOn` and several
 * simulated people: one peeling pass per marker and simulated person).
 *
 * @throws {@link ValidationError} for bad options (every problem at once);
 * {@link ModelError} when the fixed genotypes are impossible under the truth.
 * @example
 * ```ts
 * const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b', 'c'], frequencies: [0.2, 0.3, 0.5] });
 * const duo = relationshipPedigree('parent-child', { a: 'AF', b: 'C' });
 * const result = simulateLRDistribution({
 *   hypotheses: [duo, { persons: [] }],
 *   truth: 'H2',
 *   markers: [marker],
 *   typed: ['AF', 'C'],
 *   n: 1000,
 *   random: makeRandom(2024),
 * });
 * result.summary.meanLR; // close to 1 (E[LR | H2] = 1)
 * result.seed; // => 2024
 * ```
 */
export function simulateLRDistribution(options: SimulateLROptions): LRDistribution {
  const { hypotheses, truth, markers, random, n } = options;
  const { theta, typed, simulated } = validateSimulateOptions(options);
  const conditionOn = options.conditionOn ?? {};
  const fixedIds = Object.keys(conditionOn);

  const truthPedigree = truth === 'H1' ? hypotheses[0] : hypotheses[1];
  const plan = makeDropPlan(truthPedigree, typed);
  const index = new Map(plan.ids.map((id, i) => [id, i]));
  const simIdx = simulated.map((id) => index.get(id) as number);
  const evIssues: Issue[] = [];
  const fixedEvidence = markers.map((m) => evidenceFor(m, plan.ids, conditionOn, evIssues));
  if (evIssues.length > 0) throw new ValidationError(evIssues);
  const conditional = fixedIds.length > 0;
  // one simulated person given fixed ones: its predictive distribution is the same every run
  const fixedPredictive = conditional && simIdx.length === 1 ? markers.map((m, k) => cumulative(predictive(plan, m, theta, fixedEvidence[k] as AlleleEvidence[], simIdx[0] as number))) : null;

  const fixedGenotypes: Record<string, Record<string, Genotype>> = dict();
  for (const id of fixedIds) fixedGenotypes[id] = Object.assign(dict<Genotype>(), conditionOn[id]);
  const log10LR = new Float64Array(n);
  const inconsistentLoci = new Uint16Array(n);
  const alleles = new Int32Array(2 * plan.ids.length);
  let provenance: LRProvenance | undefined;
  for (let run = 0; run < n; run++) {
    const genotypes: Record<string, Record<string, Genotype>> = Object.assign(dict<Record<string, Genotype>>(), fixedGenotypes);
    for (const id of simulated) genotypes[id] = dict();
    markers.forEach((marker, k) => {
      if (!conditional) {
        dropMarker(plan, marker, random, theta, alleles);
        for (const i of simIdx) writeShown(genotypes[plan.ids[i] as string], marker, alleles[2 * i] as number, alleles[2 * i + 1] as number);
        return;
      }
      if (fixedPredictive !== null) {
        const cdf = fixedPredictive[k] as Float64Array;
        const [a, b] = genotypeAlleles(searchCdf(cdf, 0, cdf.length, random.float()));
        writeShown(genotypes[simulated[0] as string], marker, a, b);
        return;
      }
      const ev = [...(fixedEvidence[k] as AlleleEvidence[])];
      dropMarkerConditional(plan, marker, random, theta, ev, simIdx);
      for (const i of simIdx) {
        const e = ev[i] as readonly [number, number];
        writeShown(genotypes[plan.ids[i] as string], marker, e[0], e[1]);
      }
    });
    const result = kinshipLR({ hypotheses, markers, genotypes, theta });
    const total = result.total;
    log10LR[run] = total.status === 'excluded' ? Number.NEGATIVE_INFINITY : total.status === 'infinite' ? Number.POSITIVE_INFINITY : total.status === 'undefined' ? Number.NaN : (total.log10LR as number);
    inconsistentLoci[run] = result.inconsistentLoci;
    provenance ??= result.provenance;
  }
  const undefinedRuns = log10LR.filter((x) => Number.isNaN(x)).length;
  if (undefinedRuns > 0) {
    // Data drawn from the truth are possible under it, so 0/0 means H1 and H2 disagree with the simulation model.
    throw new ValidationError({ code: 'undefined-lr', message: `Simulated data impossible under both hypotheses: the truth pedigree does not match H1 or H2 over the typed people (runs = ${undefinedRuns})`, path: ['hypotheses'] });
  }
  const summary = summarizeLRs(log10LR, {
    truth,
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
    ...(options.quantiles ? { quantiles: options.quantiles } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
  });
  return { log10LR, inconsistentLoci, summary, truth, n, seed: random.seed, simulated, typed, provenance: provenance as LRProvenance };
}
