/**
 * Built-in per-locus mutation rates: the AABB 2003 annual report summary
 * (maternal / paternal meioses), as given in domain.md §3.4 (via NIST STRBase).
 * Loci not in that table get the mean rates of the others.
 */
import type { Issue } from '../errors/StrkinError.js';
import { canonicalLocus } from '../profile/loci.js';
import type { MutationModelName, MutationSpec, SexSpecificMutation } from './mutationMatrix.js';

/** Per-meiosis mutation rates of one locus. */
export interface LocusMutationRates {
  readonly female: number;
  readonly male: number;
}

/** AABB 2003 per-locus rates (maternal, paternal). Source: AABB Annual Report 2003, summarised on NIST STRBase. */
export const AABB_2003_RATES: Readonly<Record<string, LocusMutationRates>> = {
  CSF1PO: { female: 0.0003, male: 0.0015 },
  D3S1358: { female: 0.00015, male: 0.0013 },
  D5S818: { female: 0.00025, male: 0.0012 },
  D7S820: { female: 0.00013, male: 0.0012 },
  D8S1179: { female: 0.0002, male: 0.0016 },
  D13S317: { female: 0.0004, male: 0.0014 },
  D16S539: { female: 0.0003, male: 0.0011 },
  D18S51: { female: 0.0006, male: 0.0022 },
  D19S433: { female: 0.0005, male: 0.00075 },
  D21S11: { female: 0.0011, male: 0.0015 },
  D2S1338: { female: 0.00021, male: 0.001 },
  FGA: { female: 0.0005, male: 0.0032 },
  TH01: { female: 0.00009, male: 0.00009 },
  TPOX: { female: 0.00004, male: 0.00012 },
  vWA: { female: 0.0003, male: 0.0017 },
};

/** Rates used for loci without an AABB 2003 figure (the mean of other loci, domain.md §3.4). */
export const DEFAULT_OTHER_LOCUS_RATES: LocusMutationRates = { female: 0.00034, male: 0.00132 };

/** Default stepwise range (the Familias default). */
export const DEFAULT_STEPWISE_RANGE = 0.5;

/**
 * Default rate of a change between microvariant groups (e.g. 9.3 ↔ 10) for the
 * default stepwise model: small but not zero, so that such a transmission lowers
 * the LR instead of excluding outright.
 */
export const DEFAULT_STEPWISE_RATE2 = 1e-6;

/** The built-in rates of a locus (AABB 2003, else the mean). */
export function locusMutationRates(locus: string): LocusMutationRates {
  const key = canonicalLocus(locus) ?? locus;
  return (Object.hasOwn(AABB_2003_RATES, key) ? AABB_2003_RATES[key] : undefined) ?? DEFAULT_OTHER_LOCUS_RATES;
}

/** The mutation models {@link defaultMutation} fills with built-in per-locus rates (`custom` needs explicit settings). */
export const BUILTIN_RATE_MODELS: readonly MutationModelName[] = Object.freeze(['none', 'equal', 'proportional', 'stepwise', 'onestep'] as const);

/**
 * Mutation rates given for every locus (casework settings such as "equal, rate
 * 0.001"), per sex; a sex left out keeps the built-in per-locus rate.
 */
export interface MutationRates {
  /** Maternal transmissions: a probability in [0, 1]. */
  readonly female?: number;
  /** Paternal transmissions: a probability in [0, 1]. */
  readonly male?: number;
}

/**
 * Issues of {@link MutationRates}: each given rate a finite number in [0, 1]
 * (code `bad-option`, path `['mutationRates', sex]`).
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * mutationRatesIssues({ female: 0.001, male: 2 }).length; // => 1
 * ```
 */
export function mutationRatesIssues(rates: unknown): Issue[] {
  if (rates === undefined) return [];
  if (typeof rates !== 'object' || rates === null || Array.isArray(rates)) return [{ code: 'bad-option', path: ['mutationRates'], message: `Mutation rates must be {female?, male?} (mutationRates = ${JSON.stringify(rates)})` }];
  const issues: Issue[] = [];
  for (const sex of ['female', 'male'] as const) {
    const r: unknown = (rates as Record<string, unknown>)[sex];
    if (r !== undefined && !(typeof r === 'number' && Number.isFinite(r) && r >= 0 && r <= 1)) issues.push({ code: 'bad-option', path: ['mutationRates', sex], message: `A mutation rate is a probability in [0, 1] (mutationRates.${sex} = ${String(r)})` });
  }
  return issues;
}

/**
 * The default mutation settings of a locus for a model name: built-in per-locus
 * rates (or the `rates` given, per sex, for every locus), with stepwise range
 * 0.5 and rate2 1e-6.
 *
 * @example
 * ```ts
 * defaultMutation('FGA', 'stepwise').male; // => { model: 'stepwise', rate: 0.0032, range: 0.5, rate2: 1e-6 }
 * defaultMutation('FGA', 'equal', { female: 0.001, male: 0.001 }).male; // => { model: 'equal', rate: 0.001 }
 * ```
 */
export function defaultMutation(locus: string, model: MutationModelName = 'stepwise', given: MutationRates = {}): SexSpecificMutation {
  const builtin = locusMutationRates(locus);
  const rates = { female: given.female ?? builtin.female, male: given.male ?? builtin.male };
  const spec = (rate: number): MutationSpec => {
    switch (model) {
      case 'none':
      case 'custom':
        return { model: 'none' };
      case 'stepwise':
        return { model: 'stepwise', rate, range: DEFAULT_STEPWISE_RANGE, rate2: DEFAULT_STEPWISE_RATE2 };
      default:
        return { model, rate };
    }
  };
  return { female: spec(rates.female), male: spec(rates.male) };
}
