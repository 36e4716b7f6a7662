/**
 * The options of a search, checked once at the entry of every search function
 * (before any table is built), with their named defaults.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { DEFAULT_THETA, thetaIssue } from '../likelihood/theta.js';
import { BUILTIN_RATE_MODELS, mutationRatesIssues } from '../mutation/defaultRates.js';
import type { ScanOptions } from './scan.js';
import type { SearchOptions } from './searchFamilies.js';

/** Default number of matches kept per child and per family target (`topK`). */
export const DEFAULT_TOP_K = 10;
/** Default minimum number of loci compared for a pair to be scored (`minLoci`); fewer is "insufficient data". */
export const DEFAULT_MIN_LOCI = 10;
/** Default `ageTolerance`: years of birth up to 2 years apart are compatible (docs/identification.md §0). */
export const DEFAULT_AGE_TOLERANCE = 2;
/** Default number of family targets per cache block of the scan (`blockTargets`; measured, see docs/performance.md). */
export const DEFAULT_BLOCK_TARGETS = 64;

/**
 * The default prior of a search: 1/(families + 1), families counting those
 * accepted (at least 1), i.e. each family and "none of them" equally likely.
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * defaultPrior(3); // 0.25
 * ```
 */
export function defaultPrior(families: number): number {
  return 1 / (Math.max(1, families) + 1);
}

/** Search options after {@link validateSearchOptions}: every number checked, defaults filled in. */
export interface ValidSearchOptions {
  readonly topK: number;
  readonly minLoci: number;
  /** null: no threshold (top K regardless of LR). */
  readonly threshold: number | null;
  /** null: {@link defaultPrior} of the families accepted, known after the index build. */
  readonly prior: number | null;
  readonly theta: number;
  readonly blockTargets: number;
}

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
const bad = (name: string, what: string, value: unknown): Issue => ({ code: 'bad-option', path: [name], message: `${what} (${name} = ${show(value)})` });
const isInteger = (x: unknown, min: number): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= min;

/** Issues of the scan options (topK, minLoci, threshold, blockTargets). */
function scanIssues(options: ScanOptions): Issue[] {
  const issues: Issue[] = [];
  const { topK, minLoci, threshold, blockTargets } = options;
  if (topK !== undefined && !isInteger(topK, 1)) issues.push(bad('topK', 'Matches kept per child and per family must be an integer ≥ 1', topK));
  if (minLoci !== undefined && !isInteger(minLoci, 1)) issues.push(bad('minLoci', 'Minimum loci compared must be an integer ≥ 1', minLoci));
  if (threshold !== undefined && !(typeof threshold === 'number' && Number.isFinite(threshold) && threshold > 0)) issues.push(bad('threshold', 'LR threshold must be a finite number > 0', threshold));
  if (blockTargets !== undefined && !isInteger(blockTargets, 1)) issues.push(bad('blockTargets', 'Targets per cache block must be an integer ≥ 1', blockTargets));
  if (options.ignoreMetadata !== undefined && typeof options.ignoreMetadata !== 'boolean') issues.push(bad('ignoreMetadata', 'ignoreMetadata must be true or false', options.ignoreMetadata));
  const tol: unknown = options.ageTolerance;
  if (tol !== undefined && !(typeof tol === 'number' && Number.isFinite(tol) && tol >= 0)) issues.push(bad('ageTolerance', 'Age tolerance must be a finite number of years ≥ 0', tol));
  return issues;
}

/** Issue of a prior outside (0, 1). */
function priorIssue(prior: unknown): Issue | undefined {
  if (prior === undefined || (typeof prior === 'number' && prior > 0 && prior < 1)) return undefined;
  return bad('prior', 'Prior must be in (0, 1)', prior);
}

/**
 * Checks the options of a search ({@link searchFamilies}, {@link screenRelatives},
 * the multi-threaded runner) before any work, and fills in the defaults:
 * `topK` {@link DEFAULT_TOP_K}, `minLoci` {@link DEFAULT_MIN_LOCI},
 * `blockTargets` {@link DEFAULT_BLOCK_TARGETS}, `theta` {@link DEFAULT_THETA},
 * no threshold, prior {@link defaultPrior}. Rules: `topK`, `minLoci` and
 * `blockTargets` integers ≥ 1; `threshold` a finite LR > 0; `prior` in
 * (0, 1); `theta` in [0, 1); `mutation` one of {@link BUILTIN_RATE_MODELS}
 * or per-locus settings. NaN, ±Infinity and non-numbers are refused. A large
 * `topK` is allowed: the scan keeps at most as many entries as can exist
 * (targets per child, children per target).
 *
 * Cost: O(1).
 *
 * @throws {@link ValidationError} listing every bad option at once: code
 * `bad-option` (`bad-theta` for theta), `path` naming the option, the value
 * in the message.
 * @example
 * ```ts
 * validateSearchOptions({ topK: 5 }).minLoci; // => 10
 * try {
 *   validateSearchOptions({ topK: Number.NaN });
 * } catch (e) {
 *   (e as StrkinError).message; // => 'bad-option: Matches kept per child and per family must be an integer ≥ 1 (topK = NaN)'
 * }
 * ```
 */
export function validateSearchOptions(options: Omit<SearchOptions, 'frequencies'>): ValidSearchOptions {
  const issues = scanIssues(options);
  const prior = priorIssue(options.prior);
  if (prior !== undefined) issues.push(prior);
  const theta = thetaIssue(options.theta);
  if (theta !== undefined) issues.push(theta);
  for (const issue of mutationRatesIssues(options.mutationRates)) issues.push(issue);
  const mutation: unknown = options.mutation;
  if (mutation !== undefined && !(typeof mutation === 'string' ? (BUILTIN_RATE_MODELS as readonly string[]).includes(mutation) : typeof mutation === 'object' && mutation !== null && !Array.isArray(mutation))) {
    issues.push(bad('mutation', `Mutation must be ${BUILTIN_RATE_MODELS.join(', ')} or settings per locus`, mutation));
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    topK: options.topK ?? DEFAULT_TOP_K,
    minLoci: options.minLoci ?? DEFAULT_MIN_LOCI,
    threshold: options.threshold ?? null,
    prior: options.prior ?? null,
    theta: options.theta ?? DEFAULT_THETA,
    blockTargets: options.blockTargets ?? DEFAULT_BLOCK_TARGETS,
  };
}

/** {@link validateSearchOptions} for the scan's own options (used by `scanRange`). @internal */
export function validateScanOptions(options: ScanOptions): Pick<ValidSearchOptions, 'topK' | 'minLoci' | 'threshold' | 'blockTargets'> & { readonly ignoreMetadata: boolean; readonly ageTolerance: number } {
  const issues = scanIssues(options);
  if (issues.length > 0) throw new ValidationError(issues);
  return { topK: options.topK ?? DEFAULT_TOP_K, minLoci: options.minLoci ?? DEFAULT_MIN_LOCI, threshold: options.threshold ?? null, blockTargets: options.blockTargets ?? DEFAULT_BLOCK_TARGETS, ignoreMetadata: options.ignoreMetadata ?? false, ageTolerance: options.ageTolerance ?? DEFAULT_AGE_TOLERANCE };
}

/** The prior of {@link finishSearch}: given (checked), or {@link defaultPrior}. @internal */
export function resolvePrior(prior: number | undefined, families: number): number {
  const issue = priorIssue(prior);
  if (issue !== undefined) throw new ValidationError(issue);
  return prior ?? defaultPrior(families);
}
