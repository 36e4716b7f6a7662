/**
 * Ladder / wide frequency files: first column `Allele`, one column per locus, empty cell = allele
 * absent; optional rows `N` (individuals per locus) and `FMIN` (minimum frequency per locus).
 */
import type { IssueCollector } from '../../errors/StrkinError.js';
import { readAlleleCell } from '../../profile/allele.js';
import { readDelimited } from '../text.js';
import { finishDraft, newDraft, quote, readNumberCell, type LocusDraft, type ReadFrequencies } from './cells.js';

/** Delimiters that, found in the allele cell, mean the header and the rows use different delimiters. */
const OTHER_DELIMITERS: Readonly<Record<string, RegExp>> = { ',': /[;\t]/, ';': /[,\t]/, '\t': /[;,]/ };

/** Reads a wide table, adding problems to `issues`. @internal */
export function readWideFrequencies(text: string, issues: IssueCollector): ReadFrequencies {
  const table = readDelimited(text, issues.file !== undefined ? { file: issues.file } : {});
  const decimalComma = table.delimiter !== ',';
  const header = table.header;
  if ((header[0] ?? '').toLowerCase() !== 'allele') {
    issues.add({ code: 'bad-header', message: `A wide frequency table starts with a column Allele (column 1 = ${quote(header[0] ?? '')})`, path: [], line: table.headerLine, column: 1 });
    return { loci: [] };
  }
  // Trailing empty header cells (a trailing delimiter) are ignored if their column is empty.
  let width = header.length;
  while (width > 1 && header[width - 1] === '' && table.rows.every((r) => (r.cells[width - 1] ?? '').trim() === '')) width--;
  const drafts: (LocusDraft | undefined)[] = [undefined];
  for (let c = 1; c < width; c++) {
    const name = header[c] ?? '';
    if (name === '') {
      issues.add({ code: 'bad-header', message: `Empty locus name in the header (column = ${c + 1})`, path: [], line: table.headerLine, column: c + 1 });
      drafts.push(undefined);
    } else drafts.push(newDraft(name, table.headerLine));
  }
  if (width < 2) issues.add({ code: 'bad-header', message: `No locus columns after Allele; wrong delimiter? (header = ${quote(header.join(table.delimiter))})`, path: [], line: table.headerLine });
  for (const row of table.rows) {
    const cells = row.cells;
    const markBad = (): void => drafts.forEach((d) => d !== undefined && (d.incomplete = true));
    const other = OTHER_DELIMITERS[table.delimiter];
    if ((cells.length === 1 && width > 1) || (other !== undefined && other.test(cells[0] ?? ''))) {
      issues.add({ code: 'bad-row', message: `Row does not split into the header's ${width} columns on ${quote(table.delimiter)}; wrong delimiter? (row = ${quote(cells.join(table.delimiter))})`, path: [], line: row.line });
      markBad();
      continue;
    }
    if (cells.slice(width).some((x) => x.trim() !== '')) {
      issues.add({ code: 'bad-row', message: `Row has more cells than the header (cells = ${cells.length})`, path: [], line: row.line });
      markBad();
      continue;
    }
    const label = (cells[0] ?? '').trim();
    const upper = label.toUpperCase();
    if (upper === 'N' || upper === 'FMIN') {
      for (let c = 1; c < width; c++) {
        const draft = drafts[c];
        const cell = (cells[c] ?? '').trim();
        if (draft === undefined || cell === '') continue;
        const value = readNumberCell(cell, decimalComma);
        if (upper === 'N') {
          // N = individuals; a half-integer N (odd 2N) is accepted so that every 2N can be written.
          if (value === undefined || !Number.isInteger(2 * value) || value <= 0) {
            issues.add({ code: 'bad-sample-size', message: `Sample size N must be a positive number of individuals (${draft.locus} N = ${quote(cell)})`, path: ['loci', draft.locus, 'N'], line: row.line, column: c + 1 });
          } else draft.nAlleles = 2 * value;
        } else if (value === undefined) {
          issues.add({ code: 'bad-fmin', message: `Minimum frequency is not a number (${draft.locus} FMIN = ${quote(cell)})`, path: ['loci', draft.locus, 'fmin'], line: row.line, column: c + 1 });
        } else draft.fmin = value;
      }
      continue;
    }
    const allele = readAlleleCell(label);
    if (allele.kind !== 'allele') {
      const reason = allele.kind === 'invalid' ? allele.reason : `${allele.kind} value`;
      issues.add({ code: 'bad-allele', message: `Unreadable allele: ${reason} (allele = ${quote(label)})`, path: [], line: row.line, column: 1 });
      for (let c = 1; c < width; c++) {
        const draft = drafts[c];
        if (draft !== undefined && (cells[c] ?? '').trim() !== '') draft.incomplete = true;
      }
      continue;
    }
    for (let c = 1; c < width; c++) {
      const draft = drafts[c];
      const cell = (cells[c] ?? '').trim();
      if (draft === undefined || cell === '') continue;
      const value = readNumberCell(cell, decimalComma);
      if (value === undefined) {
        issues.add({ code: 'bad-frequency', message: `Frequency is not a number (${draft.locus} ${label} frequency = ${quote(cell)})`, path: ['loci', draft.locus, label], line: row.line, column: c + 1 });
        draft.incomplete = true;
        continue;
      }
      draft.alleles.push(label);
      draft.frequencies.push(value);
      draft.lines.push(row.line);
      draft.columns.push(c + 1);
    }
  }
  return { loci: drafts.filter((d): d is LocusDraft => d !== undefined).map(finishDraft) };
}
