/**
 * Y-STR mutation rates: the built-in per-locus table and the user's rates.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { canonicalYLocus } from '../profile/yLoci.js';
import { checkRate } from './stepwise.js';

/** The source of the built-in Y mutation rates. */
export const Y_RATES_SOURCE: string =
  'Table 1 of "Characterizing Y-STRs in the Evaluation of Population Differentiation Using the Mean of Allele Frequency Difference between Populations", Genes 2020, 11(5):566, doi:10.3390/genes11050566 (CC BY 4.0); rates from YHRD release 61 (June 2019)';

/**
 * Built-in per-locus Y-STR mutation rates (mutations per meiosis), copied from
 * Table 1 (column "Mutation Rates") of Genes 2020, 11(5):566 ({@link Y_RATES_SOURCE}),
 * which takes them from YHRD release 61. 23 loci; DYS385, DYF387S1, DYS527,
 * DYS459, DYS549 and DYS643 have no rate there: give one (`rates` or `defaultRate`).
 */
export const BUILTIN_Y_MUTATION_RATES: Readonly<Record<string, number>> = Object.freeze({
  DYS392: 4.96e-4,
  DYS438: 3.51e-4,
  DYS635: 4.21e-3,
  DYS481: 4.88e-3,
  DYS449: 9.44e-3,
  DYS448: 1.39e-3,
  DYS533: 3.68e-3,
  DYS19: 2.2e-3,
  DYS393: 1.07e-3,
  DYS518: 1.46e-2,
  DYS627: 1.32e-2,
  DYS390: 2.08e-3,
  DYS389I: 2.72e-3,
  DYS570: 1.14e-2,
  DYS458: 6.17e-3,
  DYS460: 5.82e-3,
  DYS437: 1.32e-3,
  DYS439: 5.46e-3,
  DYS576: 1.26e-2,
  DYS389II: 4.33e-3,
  DYS456: 4.41e-3,
  DYS391: 2.53e-3,
  'Y-GATA-H4': 3.01e-3,
});

/** The user's Y mutation rates. */
export interface YMutationRates {
  /** Rates by Y locus (any spelling `canonicalYLocus` knows); they replace the built-in rate of the locus. */
  readonly rates?: Readonly<Record<string, number>>;
  /** The rate of every locus without a rate of its own (neither in `rates` nor built in). Default: none (such a locus is an error). */
  readonly defaultRate?: number;
  /** Use the built-in table ({@link BUILTIN_Y_MUTATION_RATES}). Default true. */
  readonly builtin?: boolean;
}

/** A locus's rate and where it came from. */
export interface YLocusRate {
  readonly locus: string;
  readonly rate: number;
  readonly source: 'user' | 'builtin' | 'default';
}

/**
 * Resolves the rate of each locus: the user's rate for the locus, else the
 * built-in rate, else `defaultRate`; every locus without any is an error listed at once.
 *
 * Cost: O(loci + user rates).
 *
 * @throws `ValidationError` with codes `bad-mutation-rate`, `y-unknown-locus` (a user rate for a name that is not a Y-STR),
 * `y-no-mutation-rate`.
 * @example
 * ```ts
 * resolveYRates(['DYS19', 'DYS385'], { defaultRate: 0.002 }).map((r) => r.source); // => ['builtin', 'default']
 * resolveYRates(['DYS19'], { rates: { dys19: 0.003 } })[0]?.rate; // => 0.003
 * ```
 */
export function resolveYRates(loci: readonly string[], options: YMutationRates = {}): YLocusRate[] {
  const issues: Issue[] = [];
  const user = new Map<string, number>();
  for (const [name, rate] of Object.entries(options.rates ?? {})) {
    const locus = canonicalYLocus(name)?.locus;
    if (locus === undefined) {
      issues.push({ code: 'y-unknown-locus', message: `Mutation rate for a name that is not a Y-STR locus (locus = ${JSON.stringify(name)})`, path: ['rates', name] });
      continue;
    }
    try {
      checkRate(rate, name);
      user.set(locus, rate);
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues);
      else throw error;
    }
  }
  if (options.defaultRate !== undefined) {
    try {
      checkRate(options.defaultRate);
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues);
      else throw error;
    }
  }
  const out: YLocusRate[] = [];
  for (const locus of loci) {
    const own = user.get(locus);
    const builtin = options.builtin === false ? undefined : (Object.hasOwn(BUILTIN_Y_MUTATION_RATES, locus) ? BUILTIN_Y_MUTATION_RATES[locus] : undefined);
    if (own !== undefined) out.push({ locus, rate: own, source: 'user' });
    else if (builtin !== undefined) out.push({ locus, rate: builtin, source: 'builtin' });
    else if (options.defaultRate !== undefined) out.push({ locus, rate: options.defaultRate, source: 'default' });
    else issues.push({ code: 'y-no-mutation-rate', message: `No mutation rate for a Y locus: give one (rates) or a default rate (locus = ${locus})`, path: ['rates', locus] });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}
