/**
 * Y haplotype database files (docs/lineage.md): a delimited table with one
 * column per Y locus and an optional `count` column. Without a count column
 * every row is one man (a list of typed individuals, as a YHRD-style export
 * of haplotypes); rows with equal haplotypes add up either way.
 */
import { IssueCollector, ValidationError } from '../../errors/StrkinError.js';
import { makeHaplotypeDatabase, type HaplotypeCount, type HaplotypeDatabase } from '../../lineage/haplotypeDatabase.js';
import { compareAlleles, readAlleleCell, type Allele } from '../../profile/allele.js';
import { Y_NULL_ALLELE } from '../../profile/yHaplotype.js';
import { canonicalYLocus, yLocusCopies } from '../../profile/yLoci.js';
import { csvTextCell } from '../../util/csv.js';
import { dict } from '../../util/dict.js';
import type { TextInput } from '../decodeText.js';
import { readDelimited } from '../text.js';

/** Count columns (compared lower case without spaces, `_`, `-`, `.`). */
const COUNT_KEYS: ReadonlySet<string> = new Set(['count', 'counts', 'observations', 'observed', 'matches']);
/** Frequency columns: fractions in (0, 1]; `%` or `percent` in the name: percentages. */
const FREQUENCY_KEYS: ReadonlySet<string> = new Set(['frequency', 'freq', 'haplotypefrequency', 'relativefrequency', 'frequency(%)', 'frequency%', 'freq(%)', 'freq%', 'percent', 'percentage', '%']);
/** Sample-size columns (the number of men N of the population sample; every row the same). */
const SIZE_KEYS: ReadonlySet<string> = new Set(['samplesize', 'size', 'total', 'totaln', 'populationsize']);
/** Columns ignored by the reader: identifiers and labels. */
const IGNORED_KEYS: ReadonlySet<string> = new Set(['id', 'sample', 'samplename', 'sampleid', 'haplotype', 'haplotypeid', 'population', 'pop', 'metapopulation', 'haplogroup', 'country', 'region', 'accession', 'comment', 'comments', 'note', 'notes']);

const key = (name: string): string => name.toLowerCase().replace(/[\s._-]/g, '');

/** Options of {@link parseHaplotypeDatabase}. */
export interface ParseHaplotypeDatabaseOptions {
  /** File name, used in messages and as the database name. */
  readonly file?: string;
  /** Database name for provenance. Default: `file`, else `haplotypes`. */
  readonly name?: string;
  /** N, the men of the population sample, for a file with a frequency column and no sample-size column. */
  readonly size?: number;
}

/** Decimals printed in a number cell (`0.0023` -> 4). */
const decimals = (text: string): number => {
  const m = /\.(\d+)/.exec(text);
  return m === null ? 0 : (m[1] as string).length;
};

/**
 * Reads a Y haplotype database, laboratory lists and YHRD-style exports alike
 * (docs/lineage.md, "Haplotype databases"): a header of Y locus names (any
 * spelling `canonicalYLocus` knows, e.g. `YGATAH4`, `DYS389 I`; a multi-copy
 * locus as one column `13,16` or one column per copy `DYS385a`, `DYS385b`) and
 * at most one of: a count column (`count`, `observations`, `observed`,
 * `matches`, or `N`), giving men per haplotype; a frequency column
 * (`frequency`, `freq`; `frequency (%)`, `percent` in percent) with the sample
 * size N from a sample-size column (`N`, `sample size`, `total`; the same on
 * every row) or the `size` option: each count is frequency × N, a whole number
 * up to the printed rounding of the frequency, and the counts must add up to N
 * (a list of the most common haplotypes only is refused); neither: each row is
 * one man. Columns `id`, `sample`, `haplotype`, `population`, `haplogroup`...
 * are ignored. Each row is a haplotype typed at every locus: an empty cell is
 * an error, `null` a null allele. Every problem is reported at once, with line
 * and column.
 *
 * Cost: O(size of the file).
 *
 * @throws `ParseError` with codes `y-database-column` (a column that is neither a
 * Y locus, a count nor an ignored label), `y-database-untyped`, `bad-allele`,
 * `y-database-count`, `y-database-size`, `y-database-empty`, and the text reader's codes.
 * @example
 * ```ts
 * const db = parseHaplotypeDatabase('DYS19,DYS385a,DYS385b,count\n14,13,16,3\n15,11,14,1\n');
 * db.size; // => 4
 * db.haplotypes[0]?.alleles['DYS385']; // => ['13', '16']
 * ```
 */
export function parseHaplotypeDatabase(input: TextInput, options: ParseHaplotypeDatabaseOptions = {}): HaplotypeDatabase {
  const issues = new IssueCollector(options.file);
  const table = readDelimited(input, options.file !== undefined ? { file: options.file } : {});
  let countColumn = -1;
  let freqColumn = -1;
  let percent = false;
  let sizeColumn = -1;
  // `N`: the sample size beside a frequency column, else a count column.
  let nColumn = -1;
  const columns: { readonly index: number; readonly locus: string; readonly copy: string }[] = [];
  table.header.forEach((name, index) => {
    const k = key(name);
    if (COUNT_KEYS.has(k) || FREQUENCY_KEYS.has(k)) {
      if (countColumn >= 0 || freqColumn >= 0) issues.add({ code: 'y-database-column', message: `Two count or frequency columns (column = ${JSON.stringify(name)})`, path: [], line: table.headerLine, column: index + 1 });
      else if (COUNT_KEYS.has(k)) countColumn = index;
      else {
        freqColumn = index;
        percent = k.includes('%') || k.startsWith('percent');
      }
      return;
    }
    if (SIZE_KEYS.has(k)) {
      sizeColumn = index;
      return;
    }
    if (k === 'n') {
      nColumn = index;
      return;
    }
    if (IGNORED_KEYS.has(k) || k === '') return;
    const y = canonicalYLocus(name);
    if (y === undefined) {
      issues.add({ code: 'y-database-column', message: `Column is neither a Y-STR locus nor a count (column = ${JSON.stringify(name)})`, path: [], line: table.headerLine, column: index + 1 });
      return;
    }
    const copy = y.copy ?? '';
    if (columns.some((c) => c.locus === y.locus && (c.copy === copy || c.copy === '' || copy === ''))) {
      issues.add({ code: 'y-database-column', message: `Two columns hold the same Y locus (column = ${JSON.stringify(name)}, locus = ${y.locus})`, path: [], line: table.headerLine, column: index + 1 });
      return;
    }
    columns.push({ index, locus: y.locus, copy });
  });
  if (nColumn >= 0) {
    if (freqColumn >= 0 && sizeColumn < 0) sizeColumn = nColumn;
    else if (countColumn < 0 && freqColumn < 0) countColumn = nColumn;
    else issues.add({ code: 'y-database-column', message: `Two count or frequency columns (column = ${JSON.stringify(table.header[nColumn])})`, path: [], line: table.headerLine, column: nColumn + 1 });
  }
  const loci = [...new Set(columns.map((c) => c.locus))];
  if (freqColumn >= 0 && sizeColumn < 0 && options.size === undefined) issues.add({ code: 'y-database-size', message: `A frequency column needs the sample size N to give counts: a sample-size column or the size option (--y-database-size) (column = ${JSON.stringify(table.header[freqColumn])})`, path: [], line: table.headerLine, column: freqColumn + 1 });
  if (options.size !== undefined && !(Number.isSafeInteger(options.size) && options.size >= 1)) issues.add({ code: 'y-database-size', message: `The sample size must be a positive integer (size = ${String(options.size)})`, path: ['size'] });
  let sizeSeen: { readonly n: number; readonly line: number } | undefined;
  if (loci.length === 0) issues.add({ code: 'y-database-column', message: `No Y-STR locus column (header = ${JSON.stringify(table.header.join(',').slice(0, 80))})`, path: [], line: table.headerLine });
  const haplotypes: HaplotypeCount[] = [];
  for (const row of table.rows) {
    const alleles: Record<string, Allele[]> = dict();
    let ok = true;
    for (const c of columns) {
      const cell = (row.cells[c.index] ?? '').trim();
      const parts = cell === '' ? [] : cell.split(/[,/;]|\s+|(?<=\d)-(?=\d)/).filter((x) => x !== '');
      const read: Allele[] = [];
      for (const part of parts) {
        if (part.toLowerCase() === Y_NULL_ALLELE) {
          read.push(Y_NULL_ALLELE);
          continue;
        }
        const a = readAlleleCell(part);
        if (a.kind === 'allele') read.push(a.allele);
        else if (a.kind === 'invalid') {
          issues.add({ code: 'bad-allele', message: `Unreadable allele ${JSON.stringify(part)}: ${a.reason} (locus = ${c.locus})`, path: [c.locus], line: row.line, column: c.index + 1 });
          ok = false;
        }
      }
      if (read.length === 0) {
        if (ok) issues.add({ code: 'y-database-untyped', message: `Every database haplotype must be typed at every locus; empty or missing cell (locus = ${c.locus}${c.copy !== '' ? `, copy = ${c.copy}` : ''})`, path: [c.locus], line: row.line, column: c.index + 1 });
        ok = false;
        continue;
      }
      (alleles[c.locus] ??= []).push(...read);
    }
    let count = 1;
    if (freqColumn >= 0 && (sizeColumn >= 0 || options.size !== undefined)) {
      const text = (row.cells[freqColumn] ?? '').trim().replace(/%$/, '');
      const sizeText = sizeColumn >= 0 ? (row.cells[sizeColumn] ?? '').trim() : String(options.size);
      const n = /^\d+$/.test(sizeText) ? Number(sizeText) : Number.NaN;
      if (sizeColumn >= 0 && !(Number.isSafeInteger(n) && n >= 1)) {
        issues.add({ code: 'y-database-size', message: `A sample size must be a positive integer (size = ${JSON.stringify(sizeText)})`, path: ['size'], line: row.line, column: sizeColumn + 1 });
        ok = false;
      } else if (sizeColumn >= 0 && sizeSeen !== undefined && sizeSeen.n !== n) {
        issues.add({ code: 'y-database-size', message: `Every row must give the same sample size (size = ${n}, line ${sizeSeen.line}: ${sizeSeen.n})`, path: ['size'], line: row.line, column: sizeColumn + 1 });
        ok = false;
      } else {
        sizeSeen ??= { n, line: row.line };
        const f = /^(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) / (percent ? 100 : 1) : Number.NaN;
        // The count the printed frequency stands for: exact up to the rounding of its printed decimals.
        const exact = f * n;
        const slack = Math.max(0.05, (0.5 * 10 ** -decimals(text) * n) / (percent ? 100 : 1));
        count = Math.round(exact);
        if (!(f > 0 && f <= 1) || count < 1 || Math.abs(exact - count) > slack) {
          issues.add({ code: 'y-database-count', message: `A frequency must be in (0, 1] (a percentage in (0, 100]) and times N give a whole number of men up to its printed rounding (frequency = ${JSON.stringify(text)}, N = ${n}, frequency x N = ${Number.isFinite(exact) ? exact.toPrecision(6) : 'not a number'})`, path: ['frequency'], line: row.line, column: freqColumn + 1 });
          ok = false;
        }
      }
    }
    if (countColumn >= 0) {
      const text = (row.cells[countColumn] ?? '').trim();
      count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isSafeInteger(count) || count < 1) {
        issues.add({ code: 'y-database-count', message: `A haplotype count must be a positive integer (count = ${JSON.stringify(text)})`, path: ['count'], line: row.line, column: countColumn + 1 });
        ok = false;
      }
    }
    if (!ok) continue;
    for (const locus of loci) {
      const list = alleles[locus] ?? [];
      const copies = yLocusCopies(locus);
      const kept = copies === 1 ? [...new Set(list)] : list.length === 1 && copies === 2 ? [list[0] as Allele, list[0] as Allele] : list;
      alleles[locus] = kept.sort(compareAlleles);
    }
    haplotypes.push({ alleles, count, line: row.line });
  }
  issues.throwIfAny();
  try {
    const db = makeHaplotypeDatabase(options.name ?? options.file ?? 'haplotypes', loci, haplotypes);
    const n = sizeSeen?.n;
    if (freqColumn >= 0 && n !== undefined && Math.abs(db.size - n) > Math.max(1, 1e-3 * n)) {
      issues.add({ code: 'y-database-size', message: `The counts from the frequencies add up to another sample size: the file is not the whole sample (N = ${n}, sum of counts = ${db.size})`, path: ['size'], line: table.headerLine });
      issues.throwIfAny();
    }
    return db;
  } catch (error) {
    if (error instanceof ValidationError) {
      for (const issue of error.issues) issues.add({ ...issue });
      issues.throwIfAny();
    }
    throw error;
  }
}

/**
 * Writes a database as the CSV that {@link parseHaplotypeDatabase} reads: one
 * column per locus (multi-copy alleles as `13,16`, quoted), then `count`.
 *
 * Cost: O(haplotypes × loci).
 *
 * @example
 * ```ts
 * writeHaplotypeDatabase(parseHaplotypeDatabase('DYS19,DYS385,count\n14,"13,16",3\n'));
 * // => 'DYS19,DYS385,count\n14,"13,16",3\n'
 * ```
 */
export function writeHaplotypeDatabase(db: HaplotypeDatabase): string {
  const lines = [[...db.loci, 'count'].map((x) => csvTextCell(x)).join(',')];
  for (const h of db.haplotypes) lines.push([...db.loci.map((l) => csvTextCell((h.alleles[l] ?? []).join(','))), String(h.count)].join(','));
  return `${lines.join('\n')}\n`;
}
