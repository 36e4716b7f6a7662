/**
 * The power figures of one (family, missing person) from its exact per-locus
 * distributions, the options and result types of {@link familyPower}.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { RejectedFamily } from '../search/Family.js';
import type { FamilyIndexOptions, SearchProvenance } from '../search/plan.js';
import type { LocusDistribution, TargetDistributions } from './locusDistributions.js';
import { DEFAULT_PRIOR_IN_DATABASE } from '../search/decide/databasePosterior.js';
import { DEFAULT_IDENTIFY_POSTERIOR } from '../search/decide/identifyChildren.js';
import { DEFAULT_GRID_STEP } from './lrGrid.js';
import { silentIndex } from '../likelihood/MarkerModel.js';
import { DEFAULT_POWER_TOLERANCE, exceedanceH1H2, LnGridLocus, type PairedGridLocus } from './pairedGrid.js';

/** Thresholds of `pExceed` by default: LR 10^1, 10^2, ..., 10^10. */
export const POWER_THRESHOLDS: readonly number[] = Object.freeze([1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]);

/** Default strata of a candidate relative's genotype distribution at large loci (see `PowerOptions.suggestionStrata`). */
export const DEFAULT_SUGGESTION_STRATA = 16;

/** Default LR threshold of `pAboveThreshold`: LR 10,000 (as the simulation's decision threshold). */
export const DEFAULT_POWER_THRESHOLD = 10_000;

/** Options of {@link familyPower}: the search's model options plus the thresholds and the grid. */
export interface PowerOptions extends FamilyIndexOptions {
  /** LR threshold of `pAboveThreshold` (> 0, finite); default {@link DEFAULT_POWER_THRESHOLD}. */
  readonly threshold?: number;
  /** Posterior needed to identify a child (the decision rule's `--identify`), in (0, 1]; default 0.9999. */
  readonly identify?: number;
  /** π = P(a child belongs to one of the searched families), in (0, 1); default 0.5 (the decision rule's `--prior-in-database`). */
  readonly priorInDatabase?: number;
  /** Number of targets (missing persons) in the database, an integer ≥ 1; default the run's (every missing person of the families given). */
  readonly databaseSize?: number;
  /** LR thresholds of `pExceed` (each > 0, finite); default {@link POWER_THRESHOLDS}. */
  readonly thresholds?: readonly number[];
  /** Grid step in log10 units for combining loci, in (0, 0.1]; default {@link DEFAULT_GRID_STEP} (0.001). */
  readonly gridStep?: number;
  /**
   * H1 probability mass the convolution may set aside (rarest outcomes and far tails), in [0, 1e-6];
   * default {@link DEFAULT_POWER_TOLERANCE} (0: every outcome kept). Returned as `massError`.
   */
  readonly massTolerance?: number;
  /**
   * Convolve the loci's H2 masses alongside the H1 ones (exact on the grid, about twice the
   * work); default false: each grid total's H2 mass is its H1 mass times 10^(−total), within a
   * factor 10^(±maxLog10Error) of the grid's exact value (see `exceedanceH1H2` in strkin/engine).
   */
  readonly exactH2?: boolean;
  /**
   * How many relatives to suggest per row (best first; see `suggestRelatives`), an
   * integer ≥ 0; default 0 (none: each candidate costs about G peeling passes per locus).
   */
  readonly suggestions?: number;
  /**
   * Strata of a candidate relative's genotype distribution at loci with more than
   * 3·strata candidate genotypes (see `candidatePower`), an integer ≥ 1; default
   * {@link DEFAULT_SUGGESTION_STRATA} (16). Loci with fewer are averaged exactly.
   */
  readonly suggestionStrata?: number;
  /** Candidate relatives by name (`father`, `mother`, `full-sibling`, `grandmother-maternal`, ..., `untyped <id>`); default all of `candidateRelatives`. */
  readonly candidates?: readonly string[];
}

/** A relative who could be typed next, with the figures if they were (averaged over their genotype) and the gain. */
export interface RelativeSuggestion {
  /** Relation to the missing person (`father`, `full-sibling`, ...) or `untyped <id>` for another untyped member. */
  readonly relative: string;
  /** Person id of the relative in the (possibly extended) pedigree. */
  readonly person: string;
  readonly exclusionPower: number;
  readonly expectedLog10LR: number;
  readonly pIdentified: number;
  /** pIdentified with the relative minus without. */
  readonly gain: number;
  /** expectedLog10LR with the relative minus without. */
  readonly expectedLog10LRGain: number;
}

/** P(LR ≥ threshold) under H1 (the child is the family's missing person) and H2 (unrelated). */
export interface PowerExceedance {
  readonly threshold: number;
  readonly h1: number;
  readonly h2: number;
}

/** The power figures of one (family, missing person). */
export interface FamilyPower {
  readonly family: string;
  readonly missing: string;
  /** Loci where some reference is typed (the loci the figures are over). */
  readonly loci: number;
  /**
   * P(an unrelated child, drawn from the family's allele space, is inconsistent
   * without mutation with the family at one locus or more) = 1 − Π_l (1 − e_l).
   */
  readonly exclusionPower: number;
  /** E[log10 LR | H1] = Σ_l Σ_g P(g | family) log10 LR_l(g), exact. */
  readonly expectedLog10LR: number;
  /** P(LR ≥ t) under H1 and H2 for each threshold, in the order asked. */
  readonly pExceed: readonly PowerExceedance[];
  /**
   * The probability that the family's child would be identified under the decision
   * rule (posterior ≥ identify in a database of databaseSize targets):
   * P(LR ≥ identificationLR | H1), with {@link identificationLR}'s threshold.
   */
  readonly pIdentified: number;
  /**
   * Rigorous bounds on the exact pIdentified: the grid's values at
   * identificationLR·10^(±maxLog10Error) (every outcome's grid log10 LR is within
   * maxLog10Error of the exact one). Equal to pIdentified when no outcome is that close to the threshold.
   */
  readonly pIdentifiedBounds: readonly [number, number];
  /** P(LR ≥ threshold | H1) for the fixed LR `threshold` (default 10,000), whatever the database size. */
  readonly pAboveThreshold: number;
  /** Largest difference between the grid's log10 LR and the exact one for any outcome: loci × step / 2. */
  readonly maxLog10Error: number;
  /**
   * H1 probability mass the convolution set aside (at most the tolerance, 0 by default): each
   * H1 probability is within this of the grid's value; each P(LR ≥ t | H2) within massError / t of
   * the tilted value (default), which is within a factor 10^(±maxLog10Error) of the grid's exact
   * H2 value (with `exactH2`: within massError · 10^maxLog10Error / t of that value).
   */
  readonly massError: number;
  /** Which relative to type next, best first (empty unless `suggestions` > 0 was asked). */
  readonly suggestions: readonly RelativeSuggestion[];
}

/** The result of {@link familyPower}. */
export interface PowerResult {
  /** One row per (family, missing person), lowest pIdentified first (ties: family id, missing id). */
  readonly rows: readonly FamilyPower[];
  /** Families that could not be used, with every reason. */
  readonly rejected: readonly RejectedFamily[];
  readonly settings: ValidPowerSettings;
  /** Loci of the plan (each family uses those where its references are typed). */
  readonly loci: readonly string[];
  readonly provenance: SearchProvenance;
}

/** Validated {@link PowerOptions} values with defaults filled in. */
export interface ValidPowerSettings {
  readonly threshold: number;
  readonly identify: number;
  readonly priorInDatabase: number;
  /** As given; null: the run's number of targets. */
  readonly databaseSize: number | null;
  /** The database size behind identificationLR: databaseSize, or the run's number of targets (1 until a run sets it). */
  readonly databaseSizeUsed: number;
  /** The LR a child needs to be identified ({@link identificationLR}) for the database size used (given, or the run's; 1 until a run sets it). */
  readonly identificationLR: number;
  readonly thresholds: readonly number[];
  readonly gridStep: number;
  readonly massTolerance: number;
  readonly exactH2: boolean;
  readonly suggestions: number;
  readonly suggestionStrata: number;
  /** null: every default candidate. */
  readonly candidates: readonly string[] | null;
}

/**
 * The LR a child needs to be identified under the decision rule of
 * docs/identification.md: its posterior against target j,
 * (π/n)·LR_j / ((π/n)·(LR_j + Σ_{k≠j} LR_k) + 1 − π), reaches `identify` = P when
 *
 *   LR_j ≥ P/(1 − P) · (Σ_{k≠j} LR_k + n·(1 − π)/π),
 *
 * and the other n − 1 targets' LRs are replaced by their expected sum under H2,
 * n − 1 (E[LR | H2] = 1 for a child unrelated to a family; docs/statistics.md).
 * So LR* = P/(1 − P) · (n − 1 + n·(1 − π)/π): 9,999 for one target with P = 0.9999,
 * π = 0.5; about 2·10^9 for 100,000 targets. Infinity when P = 1.
 *
 * Cost: O(1).
 * @example
 * ```ts
 * Math.round(identificationLR(0.9999, 0.5, 1)); // => 9999
 * ```
 */
export function identificationLR(identify: number, priorInDatabase: number, databaseSize: number): number {
  if (identify >= 1) return Number.POSITIVE_INFINITY;
  return (identify / (1 - identify)) * (databaseSize - 1 + (databaseSize * (1 - priorInDatabase)) / priorInDatabase);
}

/**
 * The settings with the database size of a run of `targets` missing persons
 * (unless a size was given): `identificationLR` recomputed. @internal
 */
export function withRunSize(settings: ValidPowerSettings, targets: number): ValidPowerSettings {
  if (settings.databaseSize !== null) return settings;
  const n = Math.max(1, targets);
  return { ...settings, databaseSizeUsed: n, identificationLR: identificationLR(settings.identify, settings.priorInDatabase, n) };
}

/**
 * Checks the power options (thresholds and grid step), listing every problem.
 * @throws {@link ValidationError} `bad-threshold`, `bad-thresholds`, `bad-grid-step`, `bad-suggestions`.
 * @example
 * ```ts
 * validatePowerOptions({}).gridStep; // => 0.001
 * ```
 */
export function validatePowerOptions(options: Pick<PowerOptions, 'threshold' | 'identify' | 'priorInDatabase' | 'databaseSize' | 'thresholds' | 'gridStep' | 'massTolerance' | 'exactH2' | 'suggestions' | 'suggestionStrata' | 'candidates'>): ValidPowerSettings {
  const issues: Issue[] = [];
  const threshold = options.threshold ?? DEFAULT_POWER_THRESHOLD;
  const thresholds = options.thresholds ?? POWER_THRESHOLDS;
  const gridStep = options.gridStep ?? DEFAULT_GRID_STEP;
  if (!(Number.isFinite(threshold) && threshold > 0)) issues.push({ code: 'bad-threshold', message: `Threshold must be a finite number > 0 (threshold = ${String(threshold)})`, path: ['threshold'] });
  thresholds.forEach((t, i) => {
    if (!(Number.isFinite(t) && t > 0)) issues.push({ code: 'bad-thresholds', message: `Each threshold must be a finite number > 0 (thresholds[${i}] = ${String(t)})`, path: ['thresholds', i] });
  });
  if (!(gridStep > 0 && gridStep <= 0.1)) issues.push({ code: 'bad-grid-step', message: `Grid step must be in (0, 0.1] log10 units (gridStep = ${String(gridStep)})`, path: ['gridStep'] });
  const massTolerance = options.massTolerance ?? DEFAULT_POWER_TOLERANCE;
  if (!(massTolerance >= 0 && massTolerance <= 1e-6)) issues.push({ code: 'bad-mass-tolerance', message: `Mass tolerance must be in [0, 1e-6] (massTolerance = ${String(massTolerance)})`, path: ['massTolerance'] });
  const suggestions = options.suggestions ?? 0;
  if (!(Number.isInteger(suggestions) && suggestions >= 0)) issues.push({ code: 'bad-suggestions', message: `Suggestions must be an integer >= 0 (suggestions = ${String(suggestions)})`, path: ['suggestions'] });
  const identify = options.identify ?? DEFAULT_IDENTIFY_POSTERIOR;
  if (!(identify > 0 && identify <= 1)) issues.push({ code: 'bad-identify', message: `Identification posterior must be in (0, 1] (identify = ${String(identify)})`, path: ['identify'] });
  const priorInDatabase = options.priorInDatabase ?? DEFAULT_PRIOR_IN_DATABASE;
  if (!(priorInDatabase > 0 && priorInDatabase < 1)) issues.push({ code: 'bad-prior-in-database', message: `Prior in database must be in (0, 1) (priorInDatabase = ${String(priorInDatabase)})`, path: ['priorInDatabase'] });
  const databaseSize = options.databaseSize ?? null;
  if (databaseSize !== null && !(Number.isInteger(databaseSize) && databaseSize >= 1)) issues.push({ code: 'bad-database-size', message: `Database size must be an integer >= 1 (databaseSize = ${String(databaseSize)})`, path: ['databaseSize'] });
  const suggestionStrata = options.suggestionStrata ?? DEFAULT_SUGGESTION_STRATA;
  if (!(Number.isInteger(suggestionStrata) && suggestionStrata >= 1)) issues.push({ code: 'bad-suggestion-strata', message: `Suggestion strata must be an integer >= 1 (suggestionStrata = ${String(suggestionStrata)})`, path: ['suggestionStrata'] });
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    threshold,
    identify,
    priorInDatabase,
    databaseSize,
    databaseSizeUsed: databaseSize ?? 1,
    identificationLR: identificationLR(identify, priorInDatabase, databaseSize ?? 1),
    thresholds: [...thresholds],
    gridStep,
    massTolerance,
    exactH2: options.exactH2 === true,
    suggestions,
    suggestionStrata, candidates: options.candidates === undefined ? null : [...options.candidates] };
}

// One grid view per locus distribution, so that distributions shared between families are binned once.
const gridLoci = new WeakMap<LocusDistribution, PairedGridLocus>();
/** A locus distribution as the grid convolution reads it (log10 LRs), made once per distribution. @internal */
export function gridLocus(d: LocusDistribution): PairedGridLocus {
  let g = gridLoci.get(d);
  // Without a silent allele every lnLR is ln(h1/h2) by construction (targetLocus), so no check is needed.
  if (g === undefined) gridLoci.set(d, (g = new LnGridLocus(d.lnLR, d.h1, d.h2, silentIndex(d.marker) < 0)));
  return g;
}

/**
 * The power figures of one (family, missing person) from its exact per-locus
 * distributions ({@link familyDistributions}).
 *
 * - exclusion power: e_l = Σ_g P(g | H2)·[g impossible without mutation];
 *   1 − Π (1 − e_l) (loci independent under H2);
 * - expected log10 LR: Σ_l Σ_g P(g | H1)·log10 LR_l(g), exact (genotypes with
 *   P(g | H1) = 0 do not occur under H1);
 * - P(LR ≥ t): the loci's LR distributions convolved on the grid ({@link exceedance}).
 *
 * Cost: O(Σ_l G_l) plus the convolution.
 *
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const family = families[0]!;
 * const missing = family.missing[0]!;
 * const plan = planSearch([family], [], { frequencies: builtinTable(), mutation: 'none' });
 * const d = familyDistributions(family, plan);
 * const figures = d.ok ? powerFigures(d.targets[0]!, validatePowerOptions({})) : null;
 * figures?.missing === missing; // => true
 * ```
 */
export function powerFigures(target: TargetDistributions, settings: ValidPowerSettings): FamilyPower {
  const { exclusionPower, expectedLog10LR } = exactFigures(target);
  // The asked thresholds, the identification threshold, and that threshold ± the grid's bound (for pIdentifiedBounds).
  const bound = (target.loci.length * settings.gridStep) / 2;
  const x = Math.log10(settings.identificationLR);
  const asked = [...settings.thresholds.map((t) => Math.log10(t)), x, x + bound + 1e-12, x - bound - 1e-12, Math.log10(settings.threshold)];
  const grid = exceedanceH1H2(target.loci.map(gridLocus), asked, settings.gridStep, settings.massTolerance, settings.exactH2 ? 'exact' : 'tilted');
  const n = settings.thresholds.length;
  return {
    family: target.family,
    missing: target.missing,
    loci: target.loci.length,
    exclusionPower,
    expectedLog10LR,
    pExceed: settings.thresholds.map((threshold, i) => ({ threshold, h1: grid.h1[i] as number, h2: grid.h2[i] as number })),
    pIdentified: grid.h1[n] as number,
    pIdentifiedBounds: [grid.h1[n + 1] as number, grid.h1[n + 2] as number],
    pAboveThreshold: grid.h1[n + 3] as number,
    maxLog10Error: grid.maxLog10Error,
    massError: grid.massError,
    suggestions: [],
  };
}

/**
 * H1 mass the grid may set aside for a suggestion's pIdentified (at least; more if
 * `massTolerance` says so): each suggestion's pIdentified is within 1e-6 of the grid's
 * value, far below the differences between candidates that rank them.
 */
export const SUGGESTION_TOLERANCE = 1e-6;

/**
 * The three figures a suggestion reports (exclusion power, expected log10 LR,
 * pIdentified), as {@link powerFigures} computes them, with the grid asked only
 * for P(LR ≥ identificationLR | H1), with at least {@link SUGGESTION_TOLERANCE} of
 * H1 mass set aside: one threshold prunes far more partial sums (exactly), and H2
 * is not needed. @internal
 */
export function identificationFigures(target: TargetDistributions, settings: ValidPowerSettings): { readonly exclusionPower: number; readonly expectedLog10LR: number; readonly pIdentified: number } {
  const { exclusionPower, expectedLog10LR } = exactFigures(target);
  const grid = exceedanceH1H2(target.loci.map(gridLocus), [Math.log10(settings.identificationLR)], settings.gridStep, Math.max(settings.massTolerance, SUGGESTION_TOLERANCE), 'tilted');
  return { exclusionPower, expectedLog10LR, pIdentified: grid.h1[0] as number };
}

/** Exclusion power and expected log10 LR, exact from the per-locus distributions. */
function exactFigures(target: TargetDistributions): { readonly exclusionPower: number; readonly expectedLog10LR: number } {
  let lnKeep = 0;
  let expected = 0;
  for (const d of target.loci) {
    let e = 0;
    let mean = 0;
    for (let g = 0; g < d.h1.length; g++) {
      if (d.inconsistent[g] === 1) e += d.h2[g] as number;
      const p = d.h1[g] as number;
      if (p > 0) mean += p * (d.lnLR[g] as number);
    }
    lnKeep += Math.log1p(-Math.min(1, e));
    expected += mean / Math.LN10;
  }
  return { exclusionPower: 0 - Math.expm1(lnKeep), expectedLog10LR: expected };
}

