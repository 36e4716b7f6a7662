/**
 * Minimum ("rare") allele frequencies for alleles a profile has but a table lacks (domain.md §2).
 */
import { ValidationError } from '../errors/StrkinError.js';
import { canonicalLocus } from '../profile/loci.js';
import type { FrequencyTable, LocusFrequencies } from './FrequencyTable.js';

/**
 * How an allele missing from the table is given a frequency. N is the number of individuals, so
 * 2N is the number of allele observations at the locus.
 *
 * - `5/2N`: 5/(2N), NRC II (1996) recommendation 4.x; the usual U.S. default.
 * - `1/(2N+1)`: the allele counted once in a sample enlarged by it.
 * - `1/2N`: the allele counted once.
 * - `fixed`: a fixed floor, e.g. 0.001 (norSTR, relMix).
 * - `error`: refuse (throws `rare-allele`), for analyses where an unseen allele must be checked by hand.
 */
export type RareAlleleRule =
  | { readonly rule: '5/2N' }
  | { readonly rule: '1/(2N+1)' }
  | { readonly rule: '1/2N' }
  | { readonly rule: 'fixed'; readonly value: number }
  | { readonly rule: 'error' };

/**
 * Options for turning a table into the frequencies of one marker. Record them with every result.
 * There is no renormalisation option: the frequencies of a case always sum to 1 (see `alleleSpace`).
 */
export interface FrequencyOptions {
  /**
   * Rule for alleles not in the table. Default: the locus's `FMIN` where the file gives one,
   * else `5/2N` where N is known (per-locus nAlleles, else the table's n), else fixed
   * {@link DEFAULT_MIN_FREQUENCY}.
   */
  readonly rareAllele?: RareAlleleRule;
}

/** The floor used by default when a table gives neither N nor FMIN: 0.001 (as norSTR, relMix). */
export const DEFAULT_MIN_FREQUENCY = 0.001;

/**
 * A one-line description of frequency options for provenance records.
 *
 * @example
 * ```ts
 * describeFrequencyOptions({ rareAllele: { rule: '5/2N' } }); // => 'rare alleles 5/(2N); frequencies of each case divided by their sum'
 * ```
 */
export function describeFrequencyOptions(options: FrequencyOptions = {}): string {
  const rule = options.rareAllele;
  let rare: string;
  if (rule === undefined) rare = `rare alleles FMIN where given, else 5/(2N) where N is known, else ${DEFAULT_MIN_FREQUENCY}`;
  else if (rule.rule === '5/2N') rare = 'rare alleles 5/(2N)';
  else if (rule.rule === '1/(2N+1)') rare = 'rare alleles 1/(2N+1)';
  else if (rule.rule === '1/2N') rare = 'rare alleles 1/(2N)';
  else if (rule.rule === 'fixed') rare = `rare alleles fixed ${rule.value}`;
  else rare = 'rare alleles rejected';
  return `${rare}; frequencies of each case divided by their sum`;
}

/** The table's entry for a locus, by canonical or as-written name; `undefined` if absent. @internal */
export function findLocus(table: FrequencyTable, locus: string): LocusFrequencies | undefined {
  const canonical = canonicalLocus(locus);
  return (canonical !== undefined && Object.hasOwn(table.loci, canonical) ? table.loci[canonical] : undefined) ?? (Object.hasOwn(table.loci, locus.trim()) ? table.loci[locus.trim()] : undefined);
}

/** Throws `locus-not-in-table`. @internal */
export function locusNotInTable(table: FrequencyTable, locus: string): never {
  throw new ValidationError({
    code: 'locus-not-in-table',
    message: `Frequency table ${table.name} has no frequencies for this locus (locus = ${JSON.stringify(locus)})`,
    path: ['loci', locus],
  });
}

/**
 * The frequency given to an allele of `locus` that the table lacks, by `rule` (default as in
 * {@link FrequencyOptions}). N comes from the locus's nAlleles (= 2N), else from the table's n.
 * Values above 1 (tiny N) are capped at 1. Returns `undefined` for rule `error`.
 *
 * Reference: NRC II (1996), The Evaluation of Forensic DNA Evidence, §4 (5/2N).
 * Cost: O(1).
 *
 * @throws {@link ValidationError} `locus-not-in-table`; `sample-size-unknown` when a 2N rule is
 * asked for and N is unknown; `bad-option` for a fixed value outside (0, 1].
 * @example
 * ```ts
 * // nist1036-cauc TH01 has 2N = 722 allele observations
 * minimumFrequency(builtinTable('nist1036-cauc'), 'TH01', { rule: '5/2N' });
 * ```
 */
export function minimumFrequency(table: FrequencyTable, locus: string, rule?: RareAlleleRule): number | undefined {
  const entry = findLocus(table, locus);
  if (entry === undefined) return locusNotInTable(table, locus);
  const twoN = entry.nAlleles ?? (table.n !== undefined ? 2 * table.n : undefined);
  if (rule === undefined) {
    if (entry.fmin !== undefined) return entry.fmin;
    return twoN !== undefined ? Math.min(1, 5 / twoN) : DEFAULT_MIN_FREQUENCY;
  }
  switch (rule.rule) {
    case 'error':
      return undefined;
    case 'fixed':
      if (!(Number.isFinite(rule.value) && rule.value > 0 && rule.value <= 1)) {
        throw new ValidationError({ code: 'bad-option', message: `A fixed minimum frequency must be in (0, 1] (rareAllele.value = ${String(rule.value)})`, path: ['rareAllele', 'value'] });
      }
      return rule.value;
    default: {
      if (twoN === undefined) {
        throw new ValidationError({
          code: 'sample-size-unknown',
          message: `Rule ${rule.rule} needs the sample size N, which table ${table.name} does not give for ${entry.locus}; use a fixed rule (locus = ${JSON.stringify(entry.locus)})`,
          path: ['loci', entry.locus],
        });
      }
      const value = rule.rule === '5/2N' ? 5 / twoN : rule.rule === '1/2N' ? 1 / twoN : 1 / (twoN + 1);
      return Math.min(1, value);
    }
  }
}
