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
  /** Frequency of each allele, in (0, 1]; summing to 1 if renormalised. */
  readonly frequencies: number[];
  /** Observed alleles not in the table, which got `minFrequency` (before renormalisation). */
  readonly rare: string[];
  /** The minimum frequency of the rule for this locus; `undefined` for rule `error`. */
  readonly minFrequency: number | undefined;
}

/**
 * The frequencies at `locus`: the table's alleles plus every observed allele the table lacks
 * (including off-ladder `OL`, `<8`, `>24`), which gets the minimum frequency of the rare-allele
 * rule (see {@link minimumFrequency}); divided by their sum only if `renormalise` is set.
 *
 * Cost: O(A log A) for A alleles.
 *
 * @throws {@link ValidationError} `locus-not-in-table`; `rare-allele` (one issue per allele)
 * under rule `error`; `bad-allele` for an unreadable observed allele.
 * @example
 * ```ts
 * const t = makeFrequencyTable({ name: 't', n: 50, loci: { TH01: { '6': 0.5, '7': 0.5 } } });
 * markerFrequencies(t, 'TH01', ['7', '9.3']);
 * // => { locus: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.5, 0.5, 0.05], rare: ['9.3'], minFrequency: 0.05 }
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
  const pairs: [string, number][] = entry.alleles.map((a, i) => [a, entry.frequencies[i] ?? 0]);
  for (const allele of rare) pairs.push([allele, minFrequency ?? 0]);
  pairs.sort((a, b) => compareAlleles(a[0], b[0]));
  let frequencies = pairs.map((p) => p[1]);
  if (options.renormalise === true) {
    const sum = frequencies.reduce((s, f) => s + f, 0);
    frequencies = frequencies.map((f) => Math.min(1, f / sum));
  }
  return { locus: entry.locus, alleles: pairs.map((p) => p[0]), frequencies, rare, minFrequency };
}
