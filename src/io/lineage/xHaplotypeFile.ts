/**
 * X-STR haplotype frequency files (docs/lineage.md, "Haplotype frequencies per
 * linkage group"): one row per haplotype of a linkage group, with a count or a
 * frequency.
 */
import { IssueCollector } from '../../errors/StrkinError.js';
import type { XHaplotypeGroup } from '../../lineage/xHaplotypes.js';
import { readAlleleCell, type Allele } from '../../profile/allele.js';
import { canonicalLocus } from '../../profile/loci.js';
import { X_LOCI } from '../../profile/xLoci.js';
import type { TextInput } from '../decodeText.js';
import { readDelimited } from '../text.js';

const key = (name: string): string => name.toLowerCase().replace(/[\s._-]/g, '');

/** Options of {@link parseXHaplotypeFrequencies}. */
export interface ParseXHaplotypeOptions {
  /** File name, for messages. */
  readonly file?: string;
}

/**
 * Reads X haplotype frequencies per linkage group: a delimited table with an
 * optional `group` column (default: one group named `1`), one column per X locus
 * (canonical names; a row leaves the loci of other groups empty) and either a
 * `count` column (chromosomes carrying the haplotype; `n` also) or a `frequency`
 * column (`freq`). A group's loci are the columns filled on its rows: every row of
 * a group must fill the same ones. Frequencies of a group must sum to 1 within
 * 0.5e-3. A haplotype listed twice in a group is an error. Every problem is
 * reported at once with its line and column.
 *
 * Cost: O(size of the file).
 *
 * @throws `ParseError` with codes `x-haplotype-column`, `x-haplotype-loci`, `bad-allele`,
 * `x-haplotype-count`, `x-haplotype-duplicate`, `x-haplotype-sum`, `x-haplotype-empty`.
 * @example
 * ```ts
 * const groups = parseXHaplotypeFrequencies('group,DXS10148,DXS10135,count\nI,18,22,3\nI,18,23,1\n');
 * groups[0]?.loci; // => ['DXS10148', 'DXS10135']
 * groups[0]?.haplotypes[1]; // => { alleles: ['18', '23'], count: 1 }
 * ```
 */
export function parseXHaplotypeFrequencies(input: TextInput, options: ParseXHaplotypeOptions = {}): XHaplotypeGroup[] {
  const issues = new IssueCollector(options.file);
  const table = readDelimited(input, options.file !== undefined ? { file: options.file } : {});
  let groupColumn = -1;
  let countColumn = -1;
  let freqColumn = -1;
  const loci: { readonly index: number; readonly locus: string }[] = [];
  const xKeys = new Map(X_LOCI.map((l) => [key(l), l]));
  table.header.forEach((name, index) => {
    const k = key(name);
    const at = { path: [], line: table.headerLine, column: index + 1 };
    if (k === 'group' || k === 'linkagegroup') groupColumn = index;
    else if (k === 'count' || k === 'n' || k === 'counts') {
      if (countColumn >= 0) issues.add({ code: 'x-haplotype-column', message: `Two count columns (column = ${JSON.stringify(name)})`, ...at });
      countColumn = index;
    } else if (k === 'frequency' || k === 'freq') freqColumn = index;
    else {
      const locus = canonicalLocus(name) ?? xKeys.get(k) ?? (/^dxs\d+$/i.test(name.trim()) ? name.trim().toUpperCase() : undefined);
      if (locus === undefined || !(X_LOCI.includes(locus) || /^DXS\d+$/.test(locus))) issues.add({ code: 'x-haplotype-column', message: `Column is neither an X-STR locus, group, count nor frequency (column = ${JSON.stringify(name)})`, ...at });
      else if (loci.some((l) => l.locus === locus)) issues.add({ code: 'x-haplotype-column', message: `Two columns hold the same locus (column = ${JSON.stringify(name)}, locus = ${locus})`, ...at });
      else loci.push({ index, locus });
    }
  });
  if ((countColumn >= 0) === (freqColumn >= 0)) issues.add({ code: 'x-haplotype-column', message: 'Give either a count or a frequency column (one of them)', path: [], line: table.headerLine });
  if (loci.length === 0) issues.add({ code: 'x-haplotype-column', message: 'No X-STR locus column', path: [], line: table.headerLine });
  issues.throwIfAny();
  const groups = new Map<string, { loci: string[]; line: number; haplotypes: { alleles: Allele[]; count?: number; frequency?: number }[]; seen: Set<string> }>();
  for (const row of table.rows) {
    const name = groupColumn >= 0 ? (row.cells[groupColumn] ?? '').trim() : '1';
    if (name === '') {
      issues.add({ code: 'x-haplotype-loci', message: 'Empty group cell', path: [], line: row.line, column: groupColumn + 1 });
      continue;
    }
    const filled = loci.filter((l) => (row.cells[l.index] ?? '').trim() !== '');
    const alleles: Allele[] = [];
    let ok = true;
    for (const l of filled) {
      const text = (row.cells[l.index] ?? '').trim();
      const a = readAlleleCell(text);
      if (a.kind !== 'allele') {
        issues.add({ code: 'bad-allele', message: `Unreadable allele (locus = ${l.locus}, allele = ${JSON.stringify(text)})`, path: [l.locus], line: row.line, column: l.index + 1 });
        ok = false;
      } else alleles.push(a.allele);
    }
    const wCol = countColumn >= 0 ? countColumn : freqColumn;
    const wText = (row.cells[wCol] ?? '').trim();
    const w = countColumn >= 0 ? (/^\d+$/.test(wText) ? Number(wText) : Number.NaN) : /^(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(wText) ? Number(wText) : Number.NaN;
    if (!(Number.isFinite(w) && w > 0 && (countColumn < 0 || Number.isSafeInteger(w)) && (countColumn >= 0 || w <= 1))) {
      issues.add({ code: 'x-haplotype-count', message: `${countColumn >= 0 ? 'A count must be a positive integer' : 'A frequency must be a number in (0, 1]'} (value = ${JSON.stringify(wText)})`, path: [], line: row.line, column: wCol + 1 });
      ok = false;
    }
    const names = filled.map((l) => l.locus);
    let g = groups.get(name);
    if (g === undefined) groups.set(name, (g = { loci: names, line: row.line, haplotypes: [], seen: new Set() }));
    else if (g.loci.join(',') !== names.join(',')) {
      issues.add({ code: 'x-haplotype-loci', message: `Every row of a group must give the same loci (group = ${name}, loci = ${names.join('+') || 'none'}, first row at line ${g.line}: ${g.loci.join('+')})`, path: [], line: row.line });
      continue;
    }
    if (names.length === 0) {
      issues.add({ code: 'x-haplotype-loci', message: `A row gives no allele (group = ${name})`, path: [], line: row.line });
      continue;
    }
    if (!ok) continue;
    const k = alleles.join('-');
    if (g.seen.has(k)) {
      issues.add({ code: 'x-haplotype-duplicate', message: `A haplotype is listed twice in a group (group = ${name}, haplotype = ${k})`, path: [], line: row.line });
      continue;
    }
    g.seen.add(k);
    g.haplotypes.push(countColumn >= 0 ? { alleles, count: w } : { alleles, frequency: w });
  }
  if (groups.size === 0) issues.add({ code: 'x-haplotype-empty', message: 'No haplotype rows', path: [], line: table.headerLine });
  for (const [name, g] of groups) {
    if (freqColumn < 0 || g.haplotypes.length === 0) continue;
    const sum = g.haplotypes.reduce((s, h) => s + (h.frequency ?? 0), 0);
    if (Math.abs(sum - 1) > 0.5e-3) issues.add({ code: 'x-haplotype-sum', message: `A group's frequencies must sum to 1 within 0.5e-3 (group = ${name}, sum = ${sum.toFixed(6)})`, path: [], line: g.line });
  }
  issues.throwIfAny();
  return [...groups].map(([name, g]) => ({ name, loci: g.loci, haplotypes: g.haplotypes }));
}
