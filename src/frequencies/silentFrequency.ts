/**
 * The silent (null) allele frequency option of the table-driven calls (search,
 * family tables, power, simulation, `familyLR`): one number for every locus or
 * one per locus (docs/statistics.md, "Silent alleles").
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { FrequencyTable } from './FrequencyTable.js';
import { findLocus } from './rareAllele.js';

/**
 * A silent allele frequency in [0, 1) for every locus, or per locus (any spelling of the
 * locus name; loci not listed get 0). 0, the default, means no silent allele.
 */
export type SilentFrequencyOption = number | Readonly<Record<string, number>>;

/** The silent allele frequency of each canonical locus that has one (> 0). */
export type SilentFrequencies = ReadonlyMap<string, number>;

const badValue = (value: unknown, locus: string | undefined): Issue => ({
  code: 'bad-silent-frequency',
  message: `Silent allele frequency must be a number in [0, 1) (${locus !== undefined ? `locus = ${locus}, ` : ''}silentFrequency = ${String(value)})`,
  path: locus !== undefined ? ['silentFrequency', locus] : ['silentFrequency'],
});
const valid = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value < 1;

/**
 * Checks the values of a silent frequency option (each in [0, 1)), without a table.
 *
 * @throws {@link ValidationError} `bad-silent-frequency`, one issue per bad value.
 * @example
 * ```ts
 * validateSilentFrequencyOption({ TH01: 0.01 }); // no error
 * ```
 */
export function validateSilentFrequencyOption(option: SilentFrequencyOption | undefined): void {
  if (option === undefined) return;
  if (typeof option !== 'object' || option === null) {
    if (!valid(option)) throw new ValidationError(badValue(option, undefined));
    return;
  }
  const issues = Object.entries(option).flatMap(([key, value]) => (valid(value) ? [] : [badValue(value, key)]));
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * Checks a silent frequency option against a table and resolves it per canonical locus.
 * A number applies to every locus of the table; a record names loci in any spelling.
 *
 * Cost: O(loci).
 *
 * @throws {@link ValidationError} `bad-silent-frequency` (a value outside [0, 1)), `locus-not-in-table`
 * (a record key the table lacks), every problem at once.
 * @example
 * ```ts
 * const t = makeFrequencyTable({ name: 't', loci: { TH01: { '6': 0.5, '7': 0.5 }, TPOX: { '8': 1 } } });
 * resolveSilentFrequencies({ THO1: 0.01 }, t).get('TH01'); // => 0.01
 * resolveSilentFrequencies(0.02, t).get('TPOX'); // => 0.02
 * resolveSilentFrequencies(undefined, t).size; // => 0
 * ```
 */
export function resolveSilentFrequencies(option: SilentFrequencyOption | undefined, table: FrequencyTable): SilentFrequencies {
  validateSilentFrequencyOption(option);
  const out = new Map<string, number>();
  if (option === undefined) return out;
  if (typeof option === 'number') {
    if (option > 0) for (const locus of Object.keys(table.loci)) out.set(locus, option);
    return out;
  }
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(option)) {
    const entry = findLocus(table, key);
    if (entry === undefined) {
      issues.push({ code: 'locus-not-in-table', message: `Silent allele frequency given for a locus frequency table ${table.name} lacks (locus = ${JSON.stringify(key)})`, path: ['silentFrequency', key] });
      continue;
    }
    if (value > 0) out.set(entry.locus, value);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

/**
 * A one-line description of resolved silent frequencies for provenance records; `'none'` when
 * no locus has one.
 *
 * @example
 * ```ts
 * describeSilentFrequencies(new Map([['TH01', 0.01], ['FGA', 0.002]])); // => 'FGA 0.002, TH01 0.01'
 * describeSilentFrequencies(new Map()); // => 'none'
 * ```
 */
export function describeSilentFrequencies(silent: SilentFrequencies): string {
  if (silent.size === 0) return 'none';
  return [...silent.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([l, s]) => `${l} ${s}`)
    .join(', ');
}
