/**
 * GeneMapper ID-X exports: one row per sample x marker (formats.md §4.1).
 */
import { IssueCollector } from '../../errors/StrkinError.js';
import { ProfileBuilder, type Profile } from '../../profile/Profile.js';
import { eachDelimitedRow } from '../text.js';
import { FAMILY_KEYS, RELATIONSHIP_KEYS, SAMPLE_KEYS, checkDelimiter, checkRowWidth, columnKey, findColumn, finish } from './columns.js';
import type { DelimitedProfileOptions, ProfileParseResult } from './types.js';
import { applyMetaCells, metaColumns, type MetaColumns } from './metaColumns.js';
import { decodeText, optionsObject, type TextInput } from '../decodeText.js';

/** Where the columns a GeneMapper reader needs are, by index. */
interface GeneMapperColumns {
  readonly sample: number;
  readonly marker: number;
  /** `Allele 1` ... `Allele N`, in allele order. */
  readonly alleles: readonly number[];
  readonly family: number;
  readonly relationship: number;
  /** Optional `Sex` and `Born` columns. */
  readonly meta: MetaColumns;
}

/** A sample being read: its builder and the family / relationship seen so far. */
interface SampleState {
  family: string | undefined;
  relationship: string | undefined;
  readonly builder: ProfileBuilder;
}

/**
 * Finds the sample, marker and allele columns of a GeneMapper header, or
 * reports `missing-column`. Allele columns match `Allele n` tolerantly
 * (`Allele.1`, `allele_1`, `ALLELE 1`), in any number and order.
 */
function geneMapperColumns(header: readonly string[], line: number, issues: IssueCollector): GeneMapperColumns | undefined {
  const sample = findColumn(header, SAMPLE_KEYS);
  const marker = findColumn(header, ['marker', 'locus', 'markername', 'locusname']);
  const numbered: [number, number][] = [];
  header.forEach((name, index) => {
    const m = /^allele(\d+)$/.exec(columnKey(name));
    if (m !== null) numbered.push([Number(m[1]), index]);
  });
  numbered.sort((a, b) => a[0] - b[0]);
  const missing = [sample < 0 ? '"Sample Name"' : '', marker < 0 ? '"Marker"' : '', numbered.length === 0 ? '"Allele 1"' : ''].filter((x) => x !== '');
  if (missing.length > 0) {
    issues.add({ code: 'missing-column', message: `GeneMapper export lacks a required column (column = ${missing.join(', ')})`, path: [], line });
    return undefined;
  }
  return { sample, marker, alleles: numbered.map(([, index]) => index), family: findColumn(header, FAMILY_KEYS), relationship: findColumn(header, RELATIONSHIP_KEYS), meta: metaColumns(header) };
}

/**
 * Reads a GeneMapper ID-X export (tab or comma separated; one row per sample
 * x marker): columns `Sample Name`, `Marker`, `Allele 1` ... `Allele N`;
 * `Sample File`, `Panel`, `Dye`, `Size n`, `Height n` and quality columns are
 * ignored. Rows of a sample need not be contiguous. Optional `Family` and
 * `Relationship` columns are kept (one value per sample), and so are optional
 * `Sex` (`male`/`M`/`1`, `female`/`F`/`2`, `unknown`) and `Born` (a year
 * `2014` or a range `2012-2015`) columns, in any position, on any row of the
 * sample (a sex that contradicts amelogenin is the error `sex-conflict`). Every per-locus rule
 * (aliases, amelogenin, Y markers, homozygotes, tri-allelic loci, bad alleles,
 * duplicate sample + marker) is applied by {@link ProfileBuilder}.
 *
 * Throws {@link ParseError} listing every error: `empty-file`,
 * `wrong-delimiter`, `missing-column`, `missing-value` (empty sample or
 * marker cell), `extra-cells`, `conflicting-value`, `bad-allele`,
 * `duplicate-locus`, `bad-value` (sex or born), `sex-conflict`. Warnings (loci set aside) are returned in `issues`.
 *
 * Cost: O(length of text); one row in memory at a time.
 *
 * @example
 * ```ts
 * const { profiles } = parseGeneMapper('Sample Name\tMarker\tAllele 1\tAllele 2\nS1\tTH01\t9.3\t\nS1\tAMEL\tX\tY\n');
 * profiles[0]?.genotypes['TH01']; // => ['9.3', '9.3']
 * profiles[0]?.sex; // => 'male'
 * ```
 */
export function parseGeneMapper(input: TextInput, optionsIn: DelimitedProfileOptions = {}): ProfileParseResult {
  const options = optionsObject<DelimitedProfileOptions>(optionsIn);
  const text = decodeText(input, options.file === undefined ? {} : { file: options.file });
  const issues = new IssueCollector(options.file);
  const samples = new Map<string, SampleState>();
  const source = { ...(options.file === undefined ? {} : { file: options.file }), format: 'genemapper' };
  eachDelimitedRow(text, options, (head) => {
    if (checkDelimiter(head, issues)) return undefined;
    const columns = geneMapperColumns(head.header, head.headerLine, issues);
    if (columns === undefined) return undefined;
    const width = head.header.length;
    const alleleColumns = columns.alleles;
    return (cells, line) => {
      if (!checkRowWidth(cells, width, line, issues)) return;
      const sample = (cells[columns.sample] ?? '').trim();
      const marker = (cells[columns.marker] ?? '').trim();
      if (sample === '' || marker === '') {
        const what = sample === '' ? 'Sample Name' : 'Marker';
        issues.add({ code: 'missing-value', message: `Row without a ${what}; row set aside (row = ${JSON.stringify(cells.join('|').slice(0, 60))})`, path: [], line });
        return;
      }
      let state = samples.get(sample);
      if (state === undefined) {
        state = { family: undefined, relationship: undefined, builder: new ProfileBuilder(sample, issues, options, { ...source, line }) };
        samples.set(sample, state);
      }
      if (columns.family >= 0) state.family = keepOne(state.family, cells[columns.family], 'Family', sample, line, issues);
      if (columns.relationship >= 0) state.relationship = keepOne(state.relationship, cells[columns.relationship], 'Relationship', sample, line, issues);
      applyMetaCells(state.builder, columns.meta, cells, line, issues);
      // Trailing empty allele cells (Allele 3 ... N of a heterozygote) carry nothing: leave them out.
      let n = alleleColumns.length;
      while (n > 1 && (cells[alleleColumns[n - 1] ?? 0] ?? '') === '') n--;
      const alleles = new Array<string>(n);
      for (let i = 0; i < n; i++) alleles[i] = cells[alleleColumns[i] ?? 0] ?? '';
      state.builder.addLocus(marker, alleles, line);
    };
  });
  const profiles: Profile[] = [];
  for (const state of samples.values()) {
    const built = state.builder.build();
    profiles.push({ ...built, ...(state.family === undefined ? {} : { family: state.family }), ...(state.relationship === undefined ? {} : { relationship: state.relationship }) });
  }
  return finish(profiles, issues);
}

/** Keeps the first non-empty value of a per-sample column; a different later value is `conflicting-value`. */
function keepOne(kept: string | undefined, cell: string | undefined, column: string, sample: string, line: number, issues: IssueCollector): string | undefined {
  const value = (cell ?? '').trim();
  if (value === '') return kept;
  if (kept === undefined) return value;
  if (kept !== value) {
    issues.add({ code: 'conflicting-value', message: `Sample has two different ${column} values (sample = ${JSON.stringify(sample)}, ${column} = ${JSON.stringify(kept)} / ${JSON.stringify(value)})`, path: [sample, column], line });
  }
  return kept;
}
