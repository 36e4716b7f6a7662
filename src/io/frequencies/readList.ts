/**
 * List frequency files: a locus name line, then `allele<TAB>frequency` lines, a blank line between
 * loci (pedtools, forrel, norSTR, Familias databases); and the MERLIN variant `M locus` /
 * `A allele frequency`. Line-oriented, so read line by line rather than as a table.
 */
import type { IssueCollector } from '../../errors/StrkinError.js';
import { readAlleleCell } from '../../profile/allele.js';
import { stripBom } from '../text.js';
import { finishDraft, newDraft, quote, readNumberCell, type LocusDraft, type ReadFrequencies } from './cells.js';

function addAllele(draft: LocusDraft, alleleText: string, freqText: string, line: number, decimalComma: boolean, issues: IssueCollector): void {
  const allele = readAlleleCell(alleleText);
  if (allele.kind !== 'allele') {
    const reason = allele.kind === 'invalid' ? allele.reason : `${allele.kind} value`;
    issues.add({ code: 'bad-allele', message: `Unreadable allele at ${draft.locus}: ${reason} (allele = ${quote(alleleText)})`, path: ['loci', draft.locus], line, column: 1 });
    draft.incomplete = true;
    return;
  }
  const value = readNumberCell(freqText, decimalComma);
  if (value === undefined) {
    issues.add({ code: 'bad-frequency', message: `Frequency is not a number (${draft.locus} ${alleleText} frequency = ${quote(freqText)})`, path: ['loci', draft.locus, alleleText], line, column: 2 });
    draft.incomplete = true;
    return;
  }
  draft.alleles.push(alleleText);
  draft.frequencies.push(value);
  draft.lines.push(line);
  draft.columns.push(2);
}

/** Splits a line into fields: by tab when it has one, else by runs of white space; empty fields dropped. */
function fields(line: string): string[] {
  return (line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/)).map((f) => f.trim()).filter((f) => f !== '');
}

/** Reads the pedtools/norSTR list layout. @internal */
export function readListFrequencies(text: string, issues: IssueCollector): ReadFrequencies {
  const lines = stripBom(text).split(/\r\n|\r|\n/);
  const loci: LocusDraft[] = [];
  let current: LocusDraft | undefined;
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '') {
      current = undefined;
      return;
    }
    if (trimmed.startsWith('#')) return;
    const parts = fields(rawLine);
    // A data line has a tab, or is two space-separated tokens of which the second is a number;
    // anything else (`TH01`, `Penta D`) names a locus.
    const isData = parts.length >= 2 && (rawLine.includes('\t') || (parts.length === 2 && readNumberCell(parts[1] ?? '', false) !== undefined));
    if (!isData) {
      current = newDraft(trimmed, line);
      loci.push(current);
      return;
    }
    if (current === undefined) {
      issues.add({ code: 'bad-row', message: `Allele line without a locus name line before it (line = ${quote(trimmed)})`, path: [], line });
      return;
    }
    if (parts.length !== 2) {
      issues.add({ code: 'bad-row', message: `Expected allele<TAB>frequency (line = ${quote(trimmed)})`, path: ['loci', current.locus], line });
      current.incomplete = true;
      return;
    }
    addAllele(current, parts[0] ?? '', parts[1] ?? '', line, true, issues);
  });
  return { loci: loci.map(finishDraft) };
}

/** Reads the MERLIN layout (`M locus`, `A allele frequency`; `F` lines are not supported). @internal */
export function readMerlinFrequencies(text: string, issues: IssueCollector): ReadFrequencies {
  const lines = stripBom(text).split(/\r\n|\r|\n/);
  const loci: LocusDraft[] = [];
  let current: LocusDraft | undefined;
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const parts = trimmed.split(/\s+/);
    const tag = (parts[0] ?? '').toUpperCase();
    if (tag === 'M') {
      current = newDraft(trimmed.slice(1).trim(), line);
      loci.push(current);
    } else if (tag === 'A' && current !== undefined && parts.length === 3) {
      addAllele(current, parts[1] ?? '', parts[2] ?? '', line, false, issues);
    } else if (tag === 'F') {
      issues.add({ code: 'unsupported', message: `MERLIN F lines (frequencies of numbered alleles) are not supported; write A allele frequency (line = ${quote(trimmed)})`, path: [], line });
      if (current !== undefined) current.incomplete = true;
    } else {
      issues.add({ code: 'bad-row', message: `Expected M locus or A allele frequency (line = ${quote(trimmed)})`, path: [], line });
      if (current !== undefined) current.incomplete = true;
    }
  });
  return { loci: loci.map(finishDraft) };
}
