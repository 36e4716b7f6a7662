/**
 * Allele frequency tables: the types, the validating constructor and its rules
 * (domain.md §2): frequencies finite and in (0, 1], summing to 1 per locus within
 * {@link FREQUENCY_SUM_TOLERANCE}, no duplicated allele or locus, every problem
 * reported at once with file, line and locus.
 */
import { IssueCollector, ValidationError, type Issue } from '../errors/StrkinError.js';
import { compareAlleles, readAlleleCell } from '../profile/allele.js';
import { canonicalLocus, locusKind } from '../profile/loci.js';
import { frequencyTableChecksum } from './checksum.js';
import { dict } from '../util/dict.js';
import { checkObject } from '../util/args.js';

/**
 * How far a locus's frequencies may sum from 1 and still be accepted: 0.5e-3,
 * the tolerance of established tools (tables printed to 3-4 decimals rarely sum to 1 exactly).
 */
export const FREQUENCY_SUM_TOLERANCE = 0.5e-3;

/** The frequencies of one locus in one population. Arrays are parallel and sorted by {@link compareAlleles}. */
export interface LocusFrequencies {
  /** Canonical locus name (or the name as written, for a locus strkin does not know). */
  readonly locus: string;
  /** Canonical allele labels, sorted by {@link compareAlleles}, no duplicates. */
  readonly alleles: readonly string[];
  /** Frequency of each allele, finite and in (0, 1]. */
  readonly frequencies: readonly number[];
  /** Observed count of each allele, where the source gives counts. */
  readonly counts?: readonly number[];
  /** Number of allele observations (2N) at this locus, where known. */
  readonly nAlleles?: number;
  /** Minimum allele frequency stated by the source for this locus (a file's `FMIN` row), where given. */
  readonly fmin?: number;
}

/** A validated allele frequency table for one population. Build it with {@link makeFrequencyTable}. */
export interface FrequencyTable {
  /** Short name, e.g. `nist1036-cauc`. */
  readonly name: string;
  /** Population label as written by the source, e.g. `Cauc`. */
  readonly population?: string;
  /** Per-locus frequencies, keyed by canonical locus name. */
  readonly loci: Readonly<Record<string, LocusFrequencies>>;
  /** Number of individuals typed, where known. */
  readonly n?: number;
  /** Where the table came from (file name, URL). */
  readonly source?: string;
  /** How to cite the data. */
  readonly citation?: string;
  /**
   * SHA-256 (hex) of the table's contents (see {@link frequencyTableChecksum}): record it with every
   * result so that anyone can check that the same frequencies were used.
   */
  readonly checksum: string;
  /** Notes that did not stop the table being used, e.g. a locus name strkin does not know. */
  readonly warnings?: readonly Issue[];
}

/** One locus of a {@link FrequencyTableInput}, with optional positions for error messages. */
export interface LocusInput {
  /** Locus name as written; canonicalised by {@link canonicalLocus} where known. */
  readonly locus: string;
  /** Allele labels as written (`9.3`, `09.30`, `OL`, `<8`). */
  readonly alleles: readonly string[];
  /** Frequency per allele; if absent, computed as count / nAlleles (or count / sum of counts). */
  readonly frequencies?: readonly number[];
  /** Count per allele, where known. */
  readonly counts?: readonly number[];
  /** Allele observations (2N) at this locus; default: the sum of `counts` when counts are given. */
  readonly nAlleles?: number;
  /** Minimum frequency stated by the source. */
  readonly fmin?: number;
  /** Line of the locus name in the file. */
  readonly line?: number;
  /** Line of each allele in the file. */
  readonly lines?: readonly (number | undefined)[];
  /** Column of each allele's value in the file. */
  readonly columns?: readonly (number | undefined)[];
  /** Set by file readers when some values of this locus could not be read (already reported): the sum is then not checked. */
  readonly incomplete?: boolean;
}

/** What {@link makeFrequencyTable} accepts. */
export interface FrequencyTableInput {
  readonly name: string;
  readonly population?: string;
  readonly n?: number;
  readonly source?: string;
  readonly citation?: string;
  /**
   * The loci: either a list of {@link LocusInput} (what the file readers build), or a plain record
   * `locus -> allele -> frequency`.
   */
  readonly loci: readonly LocusInput[] | Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Options of {@link makeFrequencyTable}. */
export interface MakeFrequencyTableOptions {
  /** File name put on every issue. Default: none. */
  readonly file?: string;
  /** Accepted distance of a locus's frequency sum from 1. Default {@link FREQUENCY_SUM_TOLERANCE}. */
  readonly tolerance?: number;
}

/** Largest accepted difference between a stated frequency and count / nAlleles. */
const COUNT_FREQUENCY_TOLERANCE = 1e-6;

const show = (value: unknown): string => (typeof value === 'number' ? String(value) : JSON.stringify(value));

function toLocusInputs(loci: FrequencyTableInput['loci']): readonly LocusInput[] {
  if (Array.isArray(loci)) return loci as readonly LocusInput[];
  return Object.entries(loci as Readonly<Record<string, Readonly<Record<string, number>>>>).map(([locus, byAllele]) => ({
    locus,
    alleles: Object.keys(byAllele),
    frequencies: Object.values(byAllele),
  }));
}

/**
 * Validates an input into a table, adding every problem to `issues` (used by the file readers,
 * which report their own problems in the same list). Returns `undefined` if any error was found.
 * @internal
 */
export function collectFrequencyTable(input: FrequencyTableInput, issues: IssueCollector, tolerance: number = FREQUENCY_SUM_TOLERANCE): FrequencyTable | undefined {
  const before = issues.errors.length;
  const loci: Record<string, LocusFrequencies> = dict();
  const firstLine = new Map<string, number | undefined>();
  const warnings: Issue[] = [];
  const warn = (issue: Omit<Issue, 'file' | 'severity'>): void => {
    const full = { ...issue, severity: 'warning' as const, ...(issues.file !== undefined ? { file: issues.file } : {}) };
    warnings.push(full);
    issues.add(full);
  };
  if (typeof input.name !== 'string' || input.name.trim() === '') issues.add({ code: 'bad-name', message: `A frequency table needs a name (name = ${show(input.name)})`, path: ['name'] });
  if (input.n !== undefined && !(Number.isInteger(input.n) && input.n > 0)) issues.add({ code: 'bad-sample-size', message: `Sample size must be a positive integer (n = ${show(input.n)})`, path: ['n'] });
  const list = toLocusInputs(input.loci);
  if (list.length === 0) issues.add({ code: 'empty-table', message: 'The frequency table has no loci', path: ['loci'] });
  for (const entry of list) {
    const written = String(entry.locus).trim();
    const at = entry.line !== undefined ? { line: entry.line } : {};
    const kind = locusKind(written);
    // X-chromosomal loci are canonicalised too: X frequency tables are read like autosomal ones.
    const canonical = kind === 'autosomal' || kind === 'x' ? (canonicalLocus(written) ?? written) : written;
    if (written === '') {
      issues.add({ code: 'bad-locus', message: 'Empty locus name', path: ['loci'], ...at });
      continue;
    }
    if (kind !== 'autosomal' && kind !== 'x') {
      const what = kind === undefined ? 'Unknown locus name, kept as written' : `Not an autosomal STR (${kind}), kept as written`;
      warn({ code: 'unknown-locus', message: `${what} (locus = ${show(written)})`, path: ['loci', written], ...at });
    }
    if (firstLine.has(canonical)) {
      const prev = firstLine.get(canonical);
      issues.add({ code: 'duplicate-locus', message: `Locus appears twice${prev !== undefined ? ` (first at line ${prev})` : ''} (locus = ${show(written)})`, path: ['loci', canonical], ...at });
      continue;
    }
    firstLine.set(canonical, entry.line);
    const built = collectLocus(entry, canonical, issues, tolerance);
    if (built !== undefined) loci[canonical] = built;
  }
  if (issues.errors.length > before) return undefined;
  const content = {
    loci,
    ...(input.n !== undefined ? { n: input.n } : {}),
  };
  const table: FrequencyTable = {
    name: input.name.trim(),
    ...(input.population !== undefined ? { population: input.population } : {}),
    loci,
    ...(input.n !== undefined ? { n: input.n } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.citation !== undefined ? { citation: input.citation } : {}),
    checksum: frequencyTableChecksum(content),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
  return table;
}

function collectLocus(entry: LocusInput, locus: string, issues: IssueCollector, tolerance: number): LocusFrequencies | undefined {
  const before = issues.errors.length;
  const locusAt = entry.line !== undefined ? { line: entry.line } : {};
  const count = entry.alleles.length;
  if (count === 0) {
    if (entry.incomplete === true) return undefined; // its values were unreadable, already reported
    issues.add({ code: 'empty-locus', message: `Locus has no alleles (locus = ${show(locus)})`, path: ['loci', locus], ...locusAt });
    return undefined;
  }
  for (const [field, arr] of [['frequencies', entry.frequencies], ['counts', entry.counts]] as const) {
    if (arr !== undefined && arr.length !== count) {
      issues.add({ code: 'bad-length', message: `Locus ${locus} has ${count} alleles but ${arr.length} ${field} (${field} = ${arr.length})`, path: ['loci', locus, field], ...locusAt });
      return undefined;
    }
  }
  if (entry.frequencies === undefined && entry.counts === undefined) {
    issues.add({ code: 'bad-frequency', message: `Locus has neither frequencies nor counts (locus = ${show(locus)})`, path: ['loci', locus], ...locusAt });
    return undefined;
  }
  if (entry.nAlleles !== undefined && !(Number.isInteger(entry.nAlleles) && entry.nAlleles > 0)) {
    issues.add({ code: 'bad-sample-size', message: `Number of alleles at ${locus} must be a positive integer (nAlleles = ${show(entry.nAlleles)})`, path: ['loci', locus, 'nAlleles'], ...locusAt });
  }
  if (entry.fmin !== undefined && !(Number.isFinite(entry.fmin) && entry.fmin > 0 && entry.fmin <= 1)) {
    issues.add({ code: 'bad-fmin', message: `Minimum frequency at ${locus} must be in (0, 1] (fmin = ${show(entry.fmin)})`, path: ['loci', locus, 'fmin'], ...locusAt });
  }
  let countsOk = entry.counts !== undefined;
  let countSum = 0;
  if (entry.counts !== undefined) {
    entry.counts.forEach((c, i) => {
      if (!(Number.isInteger(c) && c >= 0)) {
        countsOk = false;
        issues.add({ code: 'bad-count', message: `Allele count must be a non-negative integer (${locus} ${entry.alleles[i] ?? ''} count = ${show(c)})`, path: ['loci', locus, entry.alleles[i] ?? i], ...where(entry, i) });
      } else countSum += c;
    });
  }
  const nAlleles = entry.nAlleles ?? (countsOk && countSum > 0 ? countSum : undefined);
  let countSumOk = true;
  if (countsOk && entry.nAlleles !== undefined && Number.isInteger(entry.nAlleles) && countSum !== entry.nAlleles) {
    countSumOk = false;
    issues.add({ code: 'count-sum', message: `Allele counts at ${locus} sum to ${countSum}, not to the number of alleles (nAlleles = ${entry.nAlleles})`, path: ['loci', locus, 'counts'], ...locusAt });
  }
  const rows: { allele: string; frequency: number; count: number | undefined; i: number }[] = [];
  const seen = new Map<string, number>();
  let frequenciesOk = true;
  for (let i = 0; i < count; i++) {
    const raw = entry.alleles[i] ?? '';
    const at = where(entry, i);
    const cell = readAlleleCell(String(raw));
    const c = entry.counts?.[i];
    let frequency = entry.frequencies?.[i];
    if (frequency === undefined && c !== undefined && nAlleles !== undefined && countsOk) frequency = c / nAlleles;
    if (cell.kind !== 'allele') {
      const reason = cell.kind === 'invalid' ? cell.reason : `${cell.kind} value`;
      issues.add({ code: 'bad-allele', message: `Unreadable allele at ${locus}: ${reason} (allele = ${show(raw)})`, path: ['loci', locus, i], ...at });
      continue;
    }
    const allele = cell.allele;
    const prev = seen.get(allele);
    if (prev !== undefined) {
      const prevLine = entry.lines?.[prev];
      issues.add({ code: 'duplicate-allele', message: `Allele appears twice at ${locus}${prevLine !== undefined ? ` (first at line ${prevLine})` : ''} (allele = ${show(raw)})`, path: ['loci', locus, allele], ...at });
      continue;
    }
    seen.set(allele, i);
    if (frequency === undefined && entry.frequencies === undefined && !countsOk) {
      frequenciesOk = false; // the bad count was reported above
      continue;
    }
    if (typeof frequency !== 'number' || !Number.isFinite(frequency)) {
      frequenciesOk = false;
      issues.add({ code: 'bad-frequency', message: `Frequency is not a finite number (${locus} ${allele} frequency = ${show(frequency ?? null)})`, path: ['loci', locus, allele], ...at });
      continue;
    }
    if (!(frequency > 0 && frequency <= 1)) {
      frequenciesOk = false;
      issues.add({ code: 'frequency-range', message: `Frequency must be in (0, 1] (${locus} ${allele} frequency = ${show(frequency)})`, path: ['loci', locus, allele], ...at });
      continue;
    }
    if (c !== undefined && countsOk && nAlleles !== undefined && entry.frequencies !== undefined && Math.abs(frequency - c / nAlleles) > COUNT_FREQUENCY_TOLERANCE) {
      issues.add({ code: 'count-mismatch', message: `Frequency differs from count / nAlleles = ${c}/${nAlleles} (${locus} ${allele} frequency = ${show(frequency)})`, path: ['loci', locus, allele], ...at });
      continue;
    }
    rows.push({ allele, frequency, count: c, i });
  }
  if (frequenciesOk && countSumOk && rows.length === count && entry.incomplete !== true) {
    const sum = rows.reduce((s, r) => s + r.frequency, 0);
    if (!(Math.abs(sum - 1) <= tolerance)) {
      issues.add({ code: 'frequency-sum', message: `Frequencies do not sum to 1 within ${tolerance} (${locus} sum = ${roundForMessage(sum)})`, path: ['loci', locus], ...locusAt });
    }
  }
  if (issues.errors.length > before) return undefined;
  rows.sort((a, b) => compareAlleles(a.allele, b.allele));
  return {
    locus,
    alleles: rows.map((r) => r.allele),
    frequencies: rows.map((r) => r.frequency),
    ...(countsOk ? { counts: rows.map((r) => r.count ?? 0) } : {}),
    ...(nAlleles !== undefined ? { nAlleles } : {}),
    ...(entry.fmin !== undefined ? { fmin: entry.fmin } : {}),
  };
}

function where(entry: LocusInput, i: number): { line?: number; column?: number } {
  const line = entry.lines?.[i] ?? entry.line;
  const column = entry.columns?.[i];
  return { ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
}

/** Rounds a sum for a message so that float noise (0.8000000000000002) does not show. */
function roundForMessage(x: number): string {
  return String(Number(x.toPrecision(10)));
}

/**
 * Builds a validated {@link FrequencyTable}: canonical locus and allele names, alleles sorted,
 * frequencies from counts where only counts are given, and a content checksum.
 *
 * Rules (domain.md §2): every frequency finite and in (0, 1] (`bad-frequency`, `frequency-range`);
 * each locus sums to 1 within `tolerance` (`frequency-sum`); an allele or locus given twice
 * (after canonicalisation, so `9.3`/`9.30` or `TH01`/`THO1`) is an error (`duplicate-allele`,
 * `duplicate-locus`); unreadable allele labels are errors (`bad-allele`); counts must be
 * non-negative integers summing to nAlleles (`bad-count`, `count-sum`). A locus name strkin does
 * not know is kept as written with an `unknown-locus` warning in `table.warnings` (frequency
 * tables often carry extra markers). Every problem is reported at once.
 *
 * Cost: O(A log A) for A alleles in all, plus one SHA-256 over the table.
 *
 * @throws {@link ValidationError} listing every problem, with file, line and locus where known.
 * @example
 * ```ts
 * const table = makeFrequencyTable({ name: 'demo', loci: { TH01: { '6': 0.25, '9.3': 0.75 } } });
 * table.loci['TH01']?.alleles; // => ['6', '9.3']
 * ```
 */
export function makeFrequencyTable(input: FrequencyTableInput, options: MakeFrequencyTableOptions = {}): FrequencyTable {
  checkObject(input, 'input');
  checkObject(options, 'options');
  if (typeof input.loci !== 'object' || input.loci === null) checkObject(input.loci, 'input.loci');
  const issues = new IssueCollector(options.file);
  const table = collectFrequencyTable(input, issues, options.tolerance ?? FREQUENCY_SUM_TOLERANCE);
  issues.throwIfAny(ValidationError);
  if (table === undefined) throw new ValidationError({ code: 'invalid', message: 'Invalid frequency table', path: [] });
  return table;
}
