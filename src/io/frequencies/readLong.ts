/**
 * Long ("tidy") frequency files: one row per (population,) locus and allele, e.g.
 * `population,locus,allele,count,n_alleles,frequency` or `locus,allele,frequency`.
 */
import type { IssueCollector } from '../../errors/StrkinError.js';
import type { LocusInput } from '../../frequencies/FrequencyTable.js';
import { readAlleleCell } from '../../profile/allele.js';
import { readDelimited } from '../text.js';
import { quote, readNumberCell, type ReadFrequencies } from './cells.js';

const COLUMN_NAMES: Readonly<Record<string, readonly string[]>> = {
  population: ['population', 'pop', 'origin', 'group'],
  locus: ['locus', 'marker'],
  allele: ['allele'],
  count: ['count', 'counts'],
  nAlleles: ['n_alleles', 'nalleles', '2n'],
  frequency: ['frequency', 'freq'],
};

/** Column key of a header cell: lower case, spaces and dashes as `_`. */
const columnKey = (cell: string): string => cell.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** True if a header line names the columns of a long table (a locus and an allele column). @internal */
export function isLongHeader(cells: readonly string[]): boolean {
  const keys = cells.map(columnKey);
  return keys.some((k) => COLUMN_NAMES['locus']?.includes(k)) && keys.includes('allele');
}

interface Draft {
  locus: string;
  line: number;
  alleles: string[];
  frequencies: (number | undefined)[];
  counts: (number | undefined)[];
  lines: number[];
  nAlleles?: number;
  incomplete: boolean;
}

/**
 * Picks the population to read: the one asked for, the only one present, or an error listing them.
 * @internal
 */
export function choosePopulation(available: readonly string[], wanted: string | undefined, issues: IssueCollector, line?: number): string | undefined {
  const at = line !== undefined ? { line } : {};
  const list = available.map(quote).join(', ');
  if (wanted !== undefined) {
    const found = available.find((p) => p === wanted) ?? available.find((p) => p.toLowerCase() === wanted.trim().toLowerCase());
    if (found === undefined) issues.add({ code: 'unknown-population', message: `Population not in the file; available: ${list} (population = ${quote(wanted)})`, path: ['population'], ...at });
    return found;
  }
  if (available.length > 1) {
    issues.add({ code: 'ambiguous-population', message: `The file has ${available.length} populations; choose one with the population option: ${list} (populations = ${available.length})`, path: ['population'], ...at });
    return undefined;
  }
  return available[0];
}

/** Reads a long table, adding problems to `issues`. @internal */
export function readLongFrequencies(text: string, issues: IssueCollector, population?: string): ReadFrequencies {
  const table = readDelimited(text, issues.file !== undefined ? { file: issues.file } : {});
  const decimalComma = table.delimiter !== ',';
  const keys = table.header.map(columnKey);
  const col = (name: string): number | undefined => {
    const i = keys.findIndex((k) => COLUMN_NAMES[name]?.includes(k));
    return i < 0 ? undefined : i;
  };
  const [pCol, lCol, aCol, cCol, nCol, fCol] = ['population', 'locus', 'allele', 'count', 'nAlleles', 'frequency'].map(col);
  if (lCol === undefined || aCol === undefined || (fCol === undefined && cCol === undefined)) {
    issues.add({ code: 'bad-header', message: `A long frequency table needs columns locus, allele and frequency or count; wrong delimiter? (header = ${quote(table.header.join(table.delimiter))})`, path: [], line: table.headerLine });
    return { loci: [] };
  }
  let chosen: string | undefined;
  if (pCol !== undefined) {
    const available = [...new Set(table.rows.map((r) => (r.cells[pCol] ?? '').trim()).filter((p) => p !== ''))];
    chosen = choosePopulation(available, population, issues, table.headerLine);
    if (chosen === undefined) return { loci: [] };
  }
  const drafts = new Map<string, Draft>();
  for (const row of table.rows) {
    const cells = row.cells;
    if (cells.length === 1 && table.header.length > 1) {
      issues.add({ code: 'bad-row', message: `Row does not split into the header's ${table.header.length} columns on ${quote(table.delimiter)}; wrong delimiter? (row = ${quote(cells[0] ?? '')})`, path: [], line: row.line });
      for (const d of drafts.values()) d.incomplete = true;
      continue;
    }
    if (pCol !== undefined && (cells[pCol] ?? '').trim() !== chosen) continue;
    const locus = (cells[lCol] ?? '').trim();
    if (locus === '') {
      issues.add({ code: 'bad-row', message: `Empty locus name (row = ${quote(cells.join(table.delimiter))})`, path: [], line: row.line, column: lCol + 1 });
      continue;
    }
    let draft = drafts.get(locus);
    if (draft === undefined) {
      draft = { locus, line: row.line, alleles: [], frequencies: [], counts: [], lines: [], incomplete: false };
      drafts.set(locus, draft);
    }
    const alleleText = (cells[aCol] ?? '').trim();
    const allele = readAlleleCell(alleleText);
    if (allele.kind !== 'allele') {
      const reason = allele.kind === 'invalid' ? allele.reason : `${allele.kind} value`;
      issues.add({ code: 'bad-allele', message: `Unreadable allele at ${locus}: ${reason} (allele = ${quote(alleleText)})`, path: ['loci', locus], line: row.line, column: aCol + 1 });
      draft.incomplete = true;
      continue;
    }
    const cellAt = (c: number | undefined): string => (c === undefined ? '' : (cells[c] ?? '').trim());
    let ok = true;
    const freqText = cellAt(fCol);
    const frequency = freqText === '' ? undefined : readNumberCell(freqText, decimalComma);
    if (freqText !== '' && frequency === undefined) {
      issues.add({ code: 'bad-frequency', message: `Frequency is not a number (${locus} ${alleleText} frequency = ${quote(freqText)})`, path: ['loci', locus, alleleText], line: row.line, column: (fCol ?? 0) + 1 });
      ok = false;
    }
    const countText = cellAt(cCol);
    const count = countText === '' ? undefined : readNumberCell(countText, decimalComma);
    if (countText !== '' && count === undefined) {
      issues.add({ code: 'bad-count', message: `Count is not a number (${locus} ${alleleText} count = ${quote(countText)})`, path: ['loci', locus, alleleText], line: row.line, column: (cCol ?? 0) + 1 });
      ok = false;
    }
    const nText = cellAt(nCol);
    if (nText !== '') {
      const n = readNumberCell(nText, decimalComma);
      if (n === undefined || !Number.isInteger(n) || n <= 0) {
        issues.add({ code: 'bad-sample-size', message: `n_alleles must be a positive integer (${locus} n_alleles = ${quote(nText)})`, path: ['loci', locus, 'nAlleles'], line: row.line, column: (nCol ?? 0) + 1 });
      } else if (draft.nAlleles !== undefined && draft.nAlleles !== n) {
        issues.add({ code: 'inconsistent-n', message: `n_alleles differs between rows of ${locus} (${draft.nAlleles} before) (n_alleles = ${quote(nText)})`, path: ['loci', locus, 'nAlleles'], line: row.line, column: (nCol ?? 0) + 1 });
      } else draft.nAlleles = n;
    }
    if (frequency === undefined && count === undefined && ok) {
      issues.add({ code: 'bad-frequency', message: `Row has neither a frequency nor a count (${locus} allele = ${quote(alleleText)})`, path: ['loci', locus, alleleText], line: row.line });
      ok = false;
    }
    if (!ok) {
      draft.incomplete = true;
      continue;
    }
    draft.alleles.push(alleleText);
    draft.frequencies.push(frequency);
    draft.counts.push(count);
    draft.lines.push(row.line);
  }
  const loci: LocusInput[] = [];
  for (const d of drafts.values()) {
    const allCounts = d.counts.length > 0 && d.counts.every((c) => c !== undefined);
    const noFrequencies = d.frequencies.every((f) => f === undefined);
    if (!noFrequencies && !allCounts && d.frequencies.some((f) => f === undefined)) {
      d.frequencies.forEach((f, i) => {
        if (f === undefined) issues.add({ code: 'bad-frequency', message: `Empty frequency (${d.locus} allele = ${quote(d.alleles[i] ?? '')})`, path: ['loci', d.locus, d.alleles[i] ?? i], line: d.lines[i] ?? d.line });
      });
      continue;
    }
    const frequencies = noFrequencies ? undefined : d.frequencies.map((f, i) => f ?? (d.counts[i] ?? 0) / (d.nAlleles ?? d.counts.reduce<number>((s, c) => s + (c ?? 0), 0)));
    loci.push({
      locus: d.locus,
      line: d.line,
      alleles: d.alleles,
      ...(frequencies !== undefined ? { frequencies } : {}),
      ...(allCounts ? { counts: d.counts as number[] } : {}),
      ...(d.nAlleles !== undefined ? { nAlleles: d.nAlleles } : {}),
      lines: d.lines,
      ...(d.incomplete ? { incomplete: true } : {}),
    });
  }
  return { loci, ...(chosen !== undefined ? { population: chosen } : {}) };
}
