/**
 * One entry point for frequency files: format detection, reading, validation.
 */
import { IssueCollector, ParseError, safely, type Result } from '../../errors/StrkinError.js';
import { collectFrequencyTable, type FrequencyTable } from '../../frequencies/FrequencyTable.js';
import { detectDelimiter, stripBom } from '../text.js';
import type { ReadFrequencies } from './cells.js';
import { readListFrequencies, readMerlinFrequencies } from './readList.js';
import { isLongHeader, readLongFrequencies } from './readLong.js';
import { readStriderFrequencies } from './readStrider.js';
import { readWideFrequencies } from './readWide.js';
import { decodeText, optionsObject, type TextInput } from '../decodeText.js';


/**
 * Frequency file layouts strkin reads (formats.md §5):
 * - `wide`: ladder table, first column `Allele`, one column per locus, optional `N` and `FMIN` rows;
 * - `list`: locus name line, `allele<TAB>frequency` lines, blank line between loci (pedtools, norSTR);
 * - `merlin`: `M locus` / `A allele frequency` lines;
 * - `long`: one row per allele, columns `population,locus,allele,count,n_alleles,frequency` (any subset
 *   with locus, allele and frequency or count);
 * - `strider-xml`: STRidER XML export.
 */
export type FrequencyFormat = 'wide' | 'list' | 'merlin' | 'long' | 'strider-xml';

/** All {@link FrequencyFormat} values. */
export const FREQUENCY_FORMATS: readonly FrequencyFormat[] = ['wide', 'list', 'merlin', 'long', 'strider-xml'];

/** Options of {@link parseFrequencies}. */
export interface ParseFrequenciesOptions {
  /** Layout of the text. Default: detected by {@link detectFrequencyFormat}. */
  readonly format?: FrequencyFormat;
  /** File name, used in issues, as the table's `source`, and for the default name. Default: none. */
  readonly file?: string;
  /** Table name. Default: the file name without folder and extension, else the population, else `frequencies`. */
  readonly name?: string;
  /**
   * Population to read from a file with several (long, STRidER XML); required when there are several.
   * For layouts without populations it only labels the table. Default: the file's only population.
   */
  readonly population?: string;
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/**
 * Guesses the layout of a frequency file from its first non-blank line (and the file name's
 * `.xml` extension): XML, MERLIN `M` lines, a header starting with `Allele` (wide), a header naming
 * locus and allele columns (long), or a bare locus name (list). `undefined` when none fits.
 *
 * Cost: O(length of the first lines).
 *
 * @example
 * ```ts
 * detectFrequencyFormat('Allele,TH01\n6,0.2\n'); // => 'wide'
 * detectFrequencyFormat('TH01\n6\t0.2\n'); // => 'list'
 * ```
 */
export function detectFrequencyFormat(input: TextInput, fileName?: string): FrequencyFormat | undefined {
  const text = decodeText(input, fileName === undefined ? {} : { file: fileName });
  const body = stripBom(text);
  const lines = body.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const first = lines[0];
  if (first === undefined) return undefined;
  if (first.startsWith('<') || (fileName !== undefined && /\.xml$/i.test(fileName))) return 'strider-xml';
  if (/^M\s+\S/.test(first) && lines.some((l) => /^A\s+\S+\s+\S+/.test(l))) return 'merlin';
  const cells = first.split(detectDelimiter(first)).map(unquote);
  if ((cells[0] ?? '').toLowerCase() === 'allele' && cells.length > 1) return 'wide';
  if (isLongHeader(cells)) return 'long';
  // A list starts with a bare locus name followed by an `allele<TAB>frequency` (or `allele frequency`) line.
  const second = lines[1];
  if (!/[\t,;]/.test(first) && (second === undefined || /^[^\t]+\t+[^\t]+$/.test(second) || /^\S+\s+[-+\d.,eE]+$/.test(second))) return 'list';
  return undefined;
}

/** Throws the collected issues, if any error is among them, in line order (stable). */
function throwSorted(issues: IssueCollector): void {
  if (issues.errors.length === 0) return;
  const sorted = issues.issues.map((issue, i) => ({ issue, i })).sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.i - b.i).map((x) => x.issue);
  throw new ParseError(sorted);
}

function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

/**
 * Reads a frequency file of any {@link FrequencyFormat} into a validated {@link FrequencyTable}
 * (see {@link makeFrequencyTable} for the rules). Accepts a UTF-8 byte-order mark and CRLF line
 * ends; a decimal comma (`0,123`) where the delimiter is `;` or tab.
 *
 * `input` is the text, or the file's bytes (`fs.readFileSync(file)`): decoded as strict UTF-8
 * (UTF-16 with a byte-order mark), `bad-encoding` with the line for invalid bytes; see {@link decodeText}.
 *
 * Cost: O(length of text) plus O(A log A) for A alleles.
 *
 * @throws {@link ParseError} listing every problem (file, line, locus): `empty-file`,
 * `unknown-format`, `bad-header`, `bad-row`, `bad-allele`, `bad-frequency`, `frequency-range`,
 * `frequency-sum`, `duplicate-allele`, `duplicate-locus`, `unknown-population`,
 * `ambiguous-population`, `bad-xml`, ...
 * @example
 * ```ts
 * const table = parseFrequencies('Allele;TH01\n6;0,25\n9.3;0,75\nN;100\n', { name: 'demo' });
 * table.loci['TH01']?.frequencies; // => [0.25, 0.75]
 * table.loci['TH01']?.nAlleles; // => 200
 * ```
 */
export function parseFrequencies(input: TextInput, optionsIn: ParseFrequenciesOptions = {}): FrequencyTable {
  const options = optionsObject<ParseFrequenciesOptions>(optionsIn);
  const text = decodeText(input, options.file === undefined ? {} : { file: options.file });
  const issues = new IssueCollector(options.file);
  const at = options.file !== undefined ? { file: options.file } : {};
  if (stripBom(text).trim() === '') throw new ParseError({ code: 'empty-file', message: 'The file is empty (length = 0)', path: [], ...at });
  const format = options.format ?? detectFrequencyFormat(text, options.file);
  if (format === undefined) {
    const first = stripBom(text).split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
    throw new ParseError({
      code: 'unknown-format',
      message: `Cannot tell the layout of this frequency file (${FREQUENCY_FORMATS.join(', ')}); give the format option (first line = ${JSON.stringify(first.slice(0, 80))})`,
      path: [],
      line: 1,
      ...at,
    });
  }
  let read: ReadFrequencies;
  switch (format) {
    case 'wide':
      read = readWideFrequencies(text, issues);
      break;
    case 'list':
      read = readListFrequencies(text, issues);
      break;
    case 'merlin':
      read = readMerlinFrequencies(text, issues);
      break;
    case 'long':
      read = readLongFrequencies(text, issues, options.population);
      break;
    case 'strider-xml':
      read = readStriderFrequencies(text, issues, options.population);
      break;
    default:
      throw new ParseError({ code: 'unknown-format', message: `Unknown frequency format (format = ${JSON.stringify(format)})`, path: ['format'], ...at });
  }
  if (read.loci.length === 0 && issues.errors.length > 0) throwSorted(issues);
  const population = read.population ?? options.population;
  const name = options.name ?? (options.file !== undefined ? baseName(options.file) : undefined) ?? population ?? 'frequencies';
  const table = collectFrequencyTable(
    {
      name: name.trim() === '' ? 'frequencies' : name,
      ...(population !== undefined ? { population } : {}),
      ...(options.file !== undefined ? { source: options.file } : {}),
      loci: read.loci,
    },
    issues,
  );
  throwSorted(issues);
  if (table === undefined) throw new ParseError({ code: 'invalid', message: 'Invalid frequency file', path: [], ...at });
  return table;
}

/**
 * {@link parseFrequencies} without throwing: `{ ok: true, value }` or `{ ok: false, error }`.
 *
 * @example
 * ```ts
 * const result = safeParseFrequencies('Allele,TH01\n6,0.5\n');
 * if (!result.ok) result.error.issues.map((i) => i.code); // => ['frequency-sum']
 * ```
 */
export function safeParseFrequencies(input: TextInput, options: ParseFrequenciesOptions = {}): Result<FrequencyTable> {
  return safely(() => parseFrequencies(input, options));
}
