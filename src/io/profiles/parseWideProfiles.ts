/**
 * Wide profile tables: one row per sample (formats.md §4.2), including the
 * NIST 1036 genotype layout and reference-family tables.
 */
import { IssueCollector } from '../../errors/StrkinError.js';
import { ProfileBuilder, type Profile } from '../../profile/Profile.js';
import { canonicalLocus, locusKey, locusKind } from '../../profile/loci.js';
import { eachDelimitedRow } from '../text.js';
import { FAMILY_KEYS, NON_LOCUS_KEYS, RELATIONSHIP_KEYS, SAMPLE_KEYS, checkDelimiter, checkRowWidth, columnKey, findColumn, finish } from './columns.js';
import type { DelimitedProfileOptions, ProfileParseResult } from './types.js';
import { applyMetaCells, metaColumns, type MetaColumns } from './metaColumns.js';
import { decodeText, optionsObject, type TextInput } from '../decodeText.js';

/** The columns of one locus: a single `14/15` column, or numbered allele columns. */
interface LocusColumns {
  /** The locus name as it will be given to the builder (canonical when known). */
  readonly name: string;
  single: number;
  /** Allele number -> column index. */
  readonly numbered: Map<number, number>;
  /** Column indices in allele order, filled once the header is read. */
  order: number[];
}

/** The layout of a wide table, from its header. */
interface WideLayout {
  readonly sample: number;
  readonly family: number;
  readonly relationship: number;
  readonly meta: MetaColumns;
  readonly loci: readonly LocusColumns[];
}

/**
 * Splits a header cell into a locus and an allele number: `D3S1358 1`,
 * `D3S1358_2`, `Penta D.1` -> [`D3S1358`, 1]. A name that is itself a locus
 * (`D3S1358`, `DYS391`) is never split, so names ending in digits stay whole.
 */
function splitLocusColumn(name: string): [string, number | undefined] {
  // `DXS10135.1`: the whole is an X-like name (`DXS…`), but the base is a known locus.
  const split = /^(.+?)[\s._-]+([1-9])$/.exec(name);
  if (split !== null && canonicalLocus(name) === undefined && canonicalLocus(split[1] ?? '') !== undefined && locusKind(split[1] ?? '') === 'x') return [split[1] ?? name, Number(split[2])];
  if (locusKind(name) !== undefined) return [name, undefined];
  const m = /^(.+?)[\s._-]+([1-9])$/.exec(name);
  if (m === null) return [name, undefined];
  return [m[1] ?? name, Number(m[2])];
}

function wideLayout(header: readonly string[], line: number, issues: IssueCollector): WideLayout | undefined {
  const sample = findColumn(header, SAMPLE_KEYS);
  if (sample < 0) {
    issues.add({ code: 'missing-column', message: `Wide profile table lacks a sample column: name one of Sample, Sample Name, Sample ID, ID (header = ${JSON.stringify(header.join(',').slice(0, 80))})`, path: [], line });
    return undefined;
  }
  const family = findColumn(header, FAMILY_KEYS);
  const relationship = findColumn(header, RELATIONSHIP_KEYS);
  const meta = metaColumns(header);
  const byKey = new Map<string, LocusColumns>();
  let ok = true;
  header.forEach((cell, index) => {
    if (index === sample || index === family || index === relationship || index === meta.sex || index === meta.born || cell === '' || NON_LOCUS_KEYS.has(columnKey(cell))) return;
    const [base, allele] = splitLocusColumn(cell);
    const key = canonicalLocus(base) ?? locusKey(base);
    let locus = byKey.get(key);
    if (locus === undefined) {
      locus = { name: canonicalLocus(base) ?? base, single: -1, numbered: new Map(), order: [] };
      byKey.set(key, locus);
    }
    const clash = allele === undefined ? (locus.single >= 0 ? locus.single : locus.numbered.size > 0 ? [...locus.numbered.values()][0] : undefined) : (locus.numbered.get(allele) ?? (locus.single >= 0 ? locus.single : undefined));
    if (clash !== undefined) {
      ok = false;
      issues.add({ code: 'duplicate-column', message: `Two columns hold the same locus (locus = ${locus.name}, columns = ${JSON.stringify(header[clash])} and ${JSON.stringify(cell)})`, path: [], line, column: index + 1 });
      return;
    }
    if (allele === undefined) locus.single = index;
    else locus.numbered.set(allele, index);
  });
  if (!ok) return undefined;
  const loci = [...byKey.values()];
  if (loci.length === 0) {
    issues.add({ code: 'missing-column', message: `Wide profile table has no locus column (header = ${JSON.stringify(header.join(',').slice(0, 80))})`, path: [], line });
    return undefined;
  }
  for (const locus of loci) locus.order = [...locus.numbered.entries()].sort((a, b) => a[0] - b[0]).map(([, index]) => index);
  return { sample, family, relationship, meta, loci };
}

/** Splits a one-column genotype cell: `14,15`, `14/15`, `12/-`, `X,Y`. */
function splitGenotypeCell(cell: string): string[] {
  return cell.includes('/') || cell.includes(',') ? cell.split(/[/,]/) : [cell];
}

/**
 * Reads a wide profile table (one row per sample; tab, comma or semicolon
 * separated). The sample column is the first of `Sample Name`, `Sample`,
 * `Sample ID`, `ID` (names match ignoring case, spaces, `.`, `_`, `-`).
 * Each locus is either two (or more) numbered columns (`D3S1358 1`/`D3S1358 2`,
 * `_1`/`_2`, `.1`/`.2`) or one column holding `14,15` or `14/15`. `Family` /
 * `Family ID` and `Relationship` / `Kinship` columns fill the profile's
 * `family` and `relationship`; optional `Sex` / `Gender` (`male`/`M`/`1`,
 * `female`/`F`/`2`, `unknown`) and `Born` / `Birth Year` / `Year of Birth`
 * (a year `2014` or a range `2012-2015`, empty when unknown) columns, in any
 * position, give the profile's `sex` and `born`; a sex that contradicts the
 * amelogenin column is the error `sex-conflict`.
 *
 * Column rule: a column is the sample, family or relationship column; or a
 * known non-locus column (`Population`, `Sex`, `Comment`, `Kit`, ... see
 * `NON_LOCUS_KEYS` in the source), which is ignored; or a locus. A locus column
 * whose name strkin does not know (not autosomal, amelogenin, Y or X) is set
 * aside per sample with an `unknown-locus` warning by {@link ProfileBuilder},
 * so no column is dropped silently.
 *
 * Throws {@link ParseError} listing every error: `empty-file`,
 * `wrong-delimiter`, `missing-column`, `duplicate-column`, `missing-value`
 * (empty sample cell), `duplicate-sample`, `extra-cells`, `bad-allele`,
 * `bad-value` (sex or born), `sex-conflict`.
 *
 * Cost: O(length of text).
 *
 * @example
 * ```ts
 * const { profiles } = parseWideProfiles('Sample,Population,TH01.1,TH01.2,FGA\nGT1,Cauc,6,9.3,21/22\n');
 * profiles[0]?.genotypes; // => { TH01: ['6', '9.3'], FGA: ['21', '22'] }
 * ```
 */
export function parseWideProfiles(input: TextInput, optionsIn: DelimitedProfileOptions = {}): ProfileParseResult {
  const options = optionsObject<DelimitedProfileOptions>(optionsIn);
  const text = decodeText(input, options.file === undefined ? {} : { file: options.file });
  const issues = new IssueCollector(options.file);
  const profiles: Profile[] = [];
  const firstLine = new Map<string, number>();
  const source = { ...(options.file === undefined ? {} : { file: options.file }), format: 'wide' };
  eachDelimitedRow(text, options, (head) => {
    if (checkDelimiter(head, issues)) return undefined;
    const layout = wideLayout(head.header, head.headerLine, issues);
    if (layout === undefined) return undefined;
    const width = head.header.length;
    return (cells, line) => {
      if (!checkRowWidth(cells, width, line, issues)) return;
      const sample = (cells[layout.sample] ?? '').trim();
      if (sample === '') {
        issues.add({ code: 'missing-value', message: `Row without a sample name; row set aside (row = ${JSON.stringify(cells.join('|').slice(0, 60))})`, path: [], line });
        return;
      }
      const first = firstLine.get(sample);
      if (first !== undefined) {
        issues.add({ code: 'duplicate-sample', message: `Sample given on two rows (first on line ${first}) (sample = ${JSON.stringify(sample)})`, path: [sample], line });
        return;
      }
      firstLine.set(sample, line);
      const family = (cells[layout.family] ?? '').trim();
      const relationship = (cells[layout.relationship] ?? '').trim();
      const extra = { ...(family === '' ? {} : { family }), ...(relationship === '' ? {} : { relationship }) };
      const builder = new ProfileBuilder(sample, issues, options, { ...source, line }, extra);
      for (const locus of layout.loci) {
        const alleles = locus.single >= 0 ? splitGenotypeCell(cells[locus.single] ?? '') : locus.order.map((index) => cells[index] ?? '');
        builder.addLocus(locus.name, alleles, line);
      }
      applyMetaCells(builder, layout.meta, cells, line, issues);
      profiles.push(builder.build());
    };
  });
  return finish(profiles, issues);
}
