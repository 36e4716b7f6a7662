/**
 * Writers for frequency tables, in the layouts {@link parseFrequencies} reads. Numbers are written
 * in JavaScript's shortest round-trip form, so reading a written table gives the same numbers.
 */
import type { FrequencyTable, LocusFrequencies } from '../../frequencies/FrequencyTable.js';
import { compareAlleles } from '../../profile/allele.js';
import { writeDelimited, type Delimiter } from '../text.js';

const lociOf = (table: FrequencyTable): LocusFrequencies[] => Object.values(table.loci);

/**
 * Writes the ladder / wide layout: `Allele` then one column per locus, one row per allele seen at
 * any locus (empty cell = absent), then an `N` row (individuals = nAlleles / 2, which may end in
 * `.5`) where any locus has nAlleles, and an `FMIN` row where any locus has one. Counts, the table's
 * n and population are not carried by this layout.
 *
 * Cost: O(loci x alleles).
 *
 * @example
 * ```ts
 * writeFrequenciesWide(makeFrequencyTable({ name: 't', loci: { TH01: { '6': 0.5, '7': 0.5 } } }));
 * // => 'Allele,TH01\n6,0.5\n7,0.5\n'
 * ```
 */
export function writeFrequenciesWide(table: FrequencyTable, delimiter: Delimiter = ','): string {
  const loci = lociOf(table);
  const alleles = [...new Set(loci.flatMap((l) => l.alleles))].sort(compareAlleles);
  const index = loci.map((l) => new Map(l.alleles.map((a, i) => [a, i])));
  const rows: string[][] = [['Allele', ...loci.map((l) => l.locus)]];
  for (const allele of alleles) {
    rows.push([allele, ...loci.map((l, j) => {
      const i = index[j]?.get(allele);
      return i === undefined ? '' : String(l.frequencies[i]);
    })]);
  }
  if (loci.some((l) => l.nAlleles !== undefined)) rows.push(['N', ...loci.map((l) => (l.nAlleles !== undefined ? String(l.nAlleles / 2) : ''))]);
  if (loci.some((l) => l.fmin !== undefined)) rows.push(['FMIN', ...loci.map((l) => (l.fmin !== undefined ? String(l.fmin) : ''))]);
  return writeDelimited(rows, delimiter);
}

/**
 * Writes the long / tidy CSV layout: columns `population` (if the table has one), `locus`,
 * `allele`, `count` and `n_alleles` (if any locus has them), `frequency`. FMIN and the table's n
 * are not carried by this layout.
 *
 * Cost: O(alleles).
 *
 * @example
 * ```ts
 * writeFrequenciesLong(makeFrequencyTable({ name: 't', loci: { TH01: { '6': 0.5, '7': 0.5 } } }));
 * // => 'locus,allele,frequency\nTH01,6,0.5\nTH01,7,0.5\n'
 * ```
 */
export function writeFrequenciesLong(table: FrequencyTable): string {
  const loci = lociOf(table);
  const withPopulation = table.population !== undefined;
  const withCounts = loci.some((l) => l.counts !== undefined);
  const withN = loci.some((l) => l.nAlleles !== undefined);
  const header = [...(withPopulation ? ['population'] : []), 'locus', 'allele', ...(withCounts ? ['count'] : []), ...(withN ? ['n_alleles'] : []), 'frequency'];
  const rows: string[][] = [header];
  for (const l of loci) {
    l.alleles.forEach((allele, i) => {
      rows.push([
        ...(withPopulation ? [table.population ?? ''] : []),
        l.locus,
        allele,
        ...(withCounts ? [l.counts?.[i] !== undefined ? String(l.counts[i]) : ''] : []),
        ...(withN ? [l.nAlleles !== undefined ? String(l.nAlleles) : ''] : []),
        String(l.frequencies[i]),
      ]);
    });
  }
  return writeDelimited(rows, ',');
}

/**
 * Writes the list layout of pedtools / forrel / norSTR: the locus name, then `allele<TAB>frequency`
 * lines, a blank line between loci. Only alleles and frequencies are carried.
 *
 * Cost: O(alleles).
 *
 * @example
 * ```ts
 * writeFrequenciesList(makeFrequencyTable({ name: 't', loci: { TH01: { '6': 0.5, '7': 0.5 } } }));
 * // => 'TH01\n6\t0.5\n7\t0.5\n'
 * ```
 */
export function writeFrequenciesList(table: FrequencyTable): string {
  return lociOf(table)
    .map((l) => `${l.locus}\n${l.alleles.map((a, i) => `${a}\t${String(l.frequencies[i])}\n`).join('')}`)
    .join('\n');
}
