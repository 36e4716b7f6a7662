/**
 * The frequencies to use at one marker for a given set of observed alleles.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { compareAlleles, readAlleleCell } from '../profile/allele.js';
import type { FrequencyTable } from './FrequencyTable.js';
import { findLocus, locusNotInTable, minimumFrequency, type FrequencyOptions } from './rareAllele.js';

/** The frequencies of one marker, ready for a likelihood: the table's alleles plus rare ones. */
export interface MarkerFrequencies {
  /** Canonical locus name. */
  readonly locus: string;
  /** The table's alleles and the observed alleles it lacks, sorted by {@link compareAlleles}. */
  readonly alleles: string[];
  /** Frequency of each allele, in (0, 1], summing to 1 (see {@link alleleSpace}). */
  readonly frequencies: number[];
  /** Observed alleles not in the table, which got `minFrequency` before the division by the sum. */
  readonly rare: string[];
  /** The minimum frequency of the rule for this locus; `undefined` for rule `error`. */
  readonly minFrequency: number | undefined;
}

/**
 * The allele space of one case at one locus, strkin's single frequency convention
 * (docs/statistics.md, "Alleles and frequencies"): the table's alleles with their
 * frequencies, plus each of the case's own alleles that the table lacks at
 * `minFrequency`, all divided by their sum so that they sum to 1.
 *
 * Only the case's own alleles enter (the people of the pedigree being evaluated:
 * for a search, the child and that family's references), so a case's LR never
 * depends on other records. Dividing by the sum keeps every pedigree likelihood a
 * probability: untyped founders' alleles are summed over a distribution that sums
 * to exactly 1, which is what Familias and pedtools require of a locus
 * (frequencies must sum to 1) and what makes allele lumping exact.
 *
 * Cost: O(A log A) for A alleles.
 *
 * @param tableAlleles - The table's alleles at the locus, sorted by {@link compareAlleles}.
 * @param tableFrequencies - Their frequencies (as in the table; the sum need not be exactly 1).
 * @param minFrequency - The rare-allele frequency (see {@link minimumFrequency}).
 * @param extra - The case's alleles absent from the table (duplicates ignored).
 * @example
 * ```ts
 * alleleSpace(['6', '7'], [0.5, 0.5], 0.25, ['9.3']);
 * // { alleles: ['6', '7', '9.3'], frequencies: [0.4, 0.4, 0.2] }
 * ```
 */
export function alleleSpace(tableAlleles: readonly string[], tableFrequencies: ArrayLike<number>, minFrequency: number, extra: readonly string[]): { alleles: string[]; frequencies: number[] } {
  const known = new Set(tableAlleles);
  const added = [...new Set(extra)].filter((a) => !known.has(a));
  const pairs: [string, number][] = tableAlleles.map((a, i) => [a, tableFrequencies[i] ?? 0]);
  for (const allele of added) pairs.push([allele, minFrequency]);
  if (added.length > 0) pairs.sort((a, b) => compareAlleles(a[0], b[0]));
  let sum = 0;
  for (const p of pairs) sum += p[1];
  return { alleles: pairs.map((p) => p[0]), frequencies: pairs.map((p) => p[1] / sum) };
}

/**
 * The frequencies at `locus` for a case whose people carry `observedAlleles`: the
 * table's alleles plus every observed allele the table lacks (including off-ladder
 * `OL`, `<8`, `>24`) at the minimum frequency of the rare-allele rule (see
 * {@link minimumFrequency}), divided by their sum ({@link alleleSpace}). Pass the
 * alleles of the case only: that is what keeps an LR a function of its own data.
 *
 * Cost: O(A log A) for A alleles.
 *
 * @throws {@link ValidationError} `locus-not-in-table`; `rare-allele` (one issue per allele)
 * under rule `error`; `bad-allele` for an unreadable observed allele.
 * @example
 * ```ts
 * const t = makeFrequencyTable({ name: 't', n: 50, loci: { TH01: { '6': 0.5, '7': 0.5 } } });
 * markerFrequencies(t, 'TH01', ['7', '9.3']);
 * // => { locus: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.5 / 1.05, 0.5 / 1.05, 0.05 / 1.05], rare: ['9.3'], minFrequency: 0.05 }
 * ```
 */
export function markerFrequencies(table: FrequencyTable, locus: string, observedAlleles: readonly string[], options: FrequencyOptions = {}): MarkerFrequencies {
  const entry = findLocus(table, locus);
  if (entry === undefined) return locusNotInTable(table, locus);
  const known = new Set(entry.alleles);
  const rareSet = new Set<string>();
  const bad: Issue[] = [];
  for (const raw of observedAlleles) {
    const cell = readAlleleCell(raw);
    if (cell.kind !== 'allele') {
      bad.push({ code: 'bad-allele', message: `Unreadable observed allele at ${entry.locus} (allele = ${JSON.stringify(raw)})`, path: ['observedAlleles', raw] });
      continue;
    }
    if (!known.has(cell.allele)) rareSet.add(cell.allele);
  }
  if (bad.length > 0) throw new ValidationError(bad);
  const rare = [...rareSet].sort(compareAlleles);
  const minFrequency = minimumFrequency(table, entry.locus, options.rareAllele);
  if (rare.length > 0 && minFrequency === undefined) {
    throw new ValidationError(
      rare.map((allele) => ({
        code: 'rare-allele',
        message: `Allele not in frequency table ${table.name} and rare alleles are rejected (${entry.locus} allele = ${JSON.stringify(allele)})`,
        path: ['loci', entry.locus, allele],
      })),
    );
  }
  const space = alleleSpace(entry.alleles, entry.frequencies, minFrequency ?? 0, rare);
  return { locus: entry.locus, alleles: space.alleles, frequencies: space.frequencies, rare, minFrequency };
}
