/**
 * `strkin search`: every unidentified profile against every family, ranked,
 * with posteriors, exclusion counts and a full accounting (DESIGN.md).
 */
import { parseHaplotypeDatabase, type SearchLineage, type XLinkageMode } from '../../index.js';
import { SingleBar, Presets } from 'cli-progress';
import { describeFrequencyOptions, type SilentFrequencyOption, validateSilentFrequencyOption, identifyChildren, type Identification, type Issue, validateIdentifyOptions, writeDecisionsCsv, parseFamilies, parseProfiles, type Profile, type SearchResult, StrkinError, validateSearchOptions, writeSearchCsv, writeSearchJson, encodeSearchPart, type Family, type FrequencyOptions, type FrequencyTable, type RejectedFamily, mergeSearchParts } from '../../index.js';
import { runSearchParallel } from '../parallelSearch.js';
import { CliExit, EXIT, runReporting, checkOutputs, loadFrequencies, printIssues, readText, writeOutput } from '../files.js';
import { checkUsage, describeMutationSetting, mutationRatesOf, type ModelFlags, type MutationRateFlags } from '../options.js';
import { resolveLoci } from './simulate.js';
import { rejectedCsv, rejectedLines, rejectedRecords } from '../rejectedRecords.js';
import { checkReportDir, inputChecksums, loadVerbalScale, writeReportDir } from '../reportFiles.js';
import { searchReportFiles } from '../searchReportFiles.js';
import { openIndexDir } from '../indexDir.js';
import { searchIndexPartParallel } from '../parallelIndexSearch.js';

export interface SearchCommandOptions extends MutationRateFlags, ModelFlags {
  readonly unidentified: string[];
  /** Families file (or `--index`). */
  readonly families?: string;
  /** A persistent family index directory instead of --families/--profiles. */
  readonly index?: string;
  /** With --index: search only part I of N (`I/N`, 1-based) and write a search part for `strkin merge`. */
  readonly part?: string;
  readonly profiles?: string[];
  readonly top: number;
  readonly minLoci: number;
  readonly prior?: number;
  readonly loci?: string;
  /** CSV of every rejected, merged or unscored record (`kind,id,file,line,reason`). */
  readonly rejected?: string;
  readonly threads?: number;
  readonly progress?: boolean;
  /** Replace an existing `--out` / `--rejected` file (refused otherwise). */
  readonly force?: boolean;
  /** No summary on stderr. */
  readonly quiet?: boolean;
  /** Identification (docs/identification.md). */
  readonly identify?: number;
  readonly priorInDatabase?: number;
  readonly oneToOne?: boolean;
  readonly decisions?: string;
  /** Y-STR evidence: haplotype database file, match method, default mutation rate (docs/lineage.md). */
  readonly yDatabase?: string;
  /** N of the Y database's sample, for a file of frequencies without a sample-size column. */
  readonly yDatabaseSize?: number;
  readonly yMethod?: 'counting' | 'kappa';
  readonly yMutationRate?: number;
  /** --ignore-metadata. */
  readonly ignoreMetadata?: boolean;
  /** --x-linkage safe|unlinked: loci of one X linkage group (default safe; docs/lineage.md). */
  readonly xLinkage?: XLinkageMode;
  /** Folder for the search report (index.html and one page per listed pair). */
  readonly report?: string;
  /** Verbal scale file of the report pages. */
  readonly verbalScale?: string;
  /** `--silent-frequency`: every locus, or per locus (default none). */
  readonly silentFrequency?: SilentFrequencyOption;
  /** --age-tolerance YEARS. */
  readonly ageTolerance?: number;
}

/** Option names of the library and their flags, for usage errors. */
const SEARCH_FLAGS: Readonly<Record<string, string>> = { theta: '--theta', topK: '--top', minLoci: '--min-loci', threshold: '--threshold', prior: '--prior', identify: '--identify', priorInDatabase: '--prior-in-database', ageTolerance: '--age-tolerance' };

/** Reads profile files; warnings go to stderr; errors of every file are collected, then exit 1. */
export function readProfileFiles(files: readonly string[]): Profile[] {
  const profiles: Profile[] = [];
  const errors: Issue[] = [];
  for (const file of files) {
    try {
      const result = parseProfiles(readText(file), { file });
      printIssues(result.issues, file);
      for (const p of result.profiles) profiles.push(p); // a loop: push(...array) overflows the stack past ~125,000
    } catch (error) {
      if (!(error instanceof StrkinError)) throw error;
      for (const i of error.allIssues) errors.push({ ...i, file: i.file ?? file });
    }
  }
  if (errors.length > 0) {
    printIssues(errors);
    throw new CliExit(EXIT.invalidInput);
  }
  return profiles;
}

/** A short end-of-run summary for people (stderr). */
export function searchSummary(result: SearchResult, seconds: number, rejectedWhileReading = 0): string {
  const a = result.accounting;
  const scoredChildren = a.children.filter((c) => c.status === 'scored').length;
  const rejectedChildren = a.children.filter((c) => c.status === 'rejected').length;
  const excludedChildren = a.children.filter((c) => c.status === 'excluded-by-metadata').length;
  const scoredFamilies = a.families.filter((f) => f.status === 'scored').length;
  const rejectedFamilies = a.families.filter((f) => f.status === 'rejected').length;
  const threshold = result.settings.threshold;
  const above = threshold === null ? null : result.matches.filter((m) => m.LR >= threshold).length;
  return [
    `children: ${a.childrenIn} in, ${scoredChildren} scored, ${a.childrenIn - scoredChildren - rejectedChildren - excludedChildren} with insufficient data, ${excludedChildren} excluded by metadata, ${rejectedChildren} rejected`,
    `families: ${a.familiesIn + rejectedWhileReading} in, ${scoredFamilies} scored, ${a.familiesIn - scoredFamilies - rejectedFamilies} with insufficient data, ${rejectedFamilies + rejectedWhileReading} rejected${rejectedWhileReading > 0 ? ` (${rejectedWhileReading} while reading)` : ''}`,
    `pairs scored: ${a.pairsScored} (insufficient data: ${a.pairsInsufficient}; ${result.settings.ignoreMetadata ? 'excluded by metadata: none, metadata ignored' : `excluded by sex: ${a.pairsExcludedBySex}; excluded by year of birth: ${a.pairsExcludedByAge} (age tolerance ${result.settings.ageTolerance} years)`}); loci: ${result.loci.length}; top ${result.settings.topK} per child and per family`,
    threshold === null
      ? `rows written: ${result.matches.length} (no threshold: top K regardless of LR)`
      : `matches with LR >= ${threshold}: ${above}; expected chance matches at most ${(result.chanceMatchBound ?? 0).toPrecision(3)} (pairs / threshold)`,
    `prior ${result.settings.prior.toPrecision(3)}; time ${seconds.toFixed(1)} s`,
  ].join('\n');
}

/** The Y-STR settings of the command line (`--y-database`, `--y-method`, `--y-mutation-rate`); none without a database. */
function searchLineage(options: SearchCommandOptions): { lineage?: SearchLineage } {
  const file = options.yDatabase;
  if (file === undefined) return {};
  const database = runReporting(() => parseHaplotypeDatabase(readText(file), { file, ...(options.yDatabaseSize !== undefined ? { size: options.yDatabaseSize } : {}) }), file);
  return { lineage: { database, ...(options.yMethod !== undefined ? { method: options.yMethod } : {}), ...(options.yMutationRate !== undefined ? { mutation: { defaultRate: options.yMutationRate } } : {}) } };
}

/** The identification options of the command line. */
function identifyOptions(options: SearchCommandOptions): { identify?: number; priorInDatabase?: number; oneToOne?: boolean } {
  return {
    ...(options.identify !== undefined ? { identify: options.identify } : {}),
    ...(options.priorInDatabase !== undefined ? { priorInDatabase: options.priorInDatabase } : {}),
    ...(options.oneToOne !== undefined ? { oneToOne: options.oneToOne } : {}),
  };
}

/** The decisions part of the summary (stderr): counts per decision, expected false identifications, groups. */
export function identificationSummary(id: Identification): string {
  const s = id.settings;
  const c = id.counts;
  const g = id.groups;
  return [
    `decisions: ${c.identified} identified, ${c.candidates} candidates, ${c['no candidate']} no candidate, ${c['insufficient data']} insufficient data, ${c['excluded by metadata']} excluded by metadata (identify at posterior >= ${s.identify}; prior in database ${s.priorInDatabase})`,
    `expected false identifications: ${id.expectedFalseIdentifications.toPrecision(3)} (sum of 1 - posterior over the ${c.identified} identified)`,
    s.oneToOne
      ? `one-to-one: ${g.groups} groups of linked pairs (largest ${g.largestChildren} children x ${g.largestTargets} missing persons), ${g.exact} exact, ${g.approximate} approximate; ${g.split} too large for the exact method split at a higher link posterior`
      : 'one-to-one: off (a missing person may be given to several children)',
  ].join('\n');
}

/** Runs the command. */
export async function searchCommand(options: SearchCommandOptions): Promise<void> {
  const started = performance.now();
  // Bad option values are usage errors (exit 2), found before any file is read.
  checkUsage('search', SEARCH_FLAGS, () =>
    validateSearchOptions({
      theta: options.theta,
      topK: options.top,
      minLoci: options.minLoci,
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      ...(options.prior !== undefined ? { prior: options.prior } : {}),
      ...(options.ageTolerance !== undefined ? { ageTolerance: options.ageTolerance } : {}),
    }),
  );
  // A bad output path is a usage error, found before any work is done.
  checkOutputs(
    [
      [options.out, '--out'],
      [options.rejected, '--rejected'],
      [options.decisions, '--decisions'],
    ],
    [...options.unidentified, ...(options.profiles ?? []), options.families, options.frequencies, options.yDatabase],
    options.force,
  );
  checkUsage('search', SEARCH_FLAGS, () => validateIdentifyOptions(identifyOptions(options)));
  if (options.index !== undefined || options.families === undefined) {
    if (options.report !== undefined || options.yDatabase !== undefined) {
      printIssues([{ code: 'bad-option', path: [], message: '--report and --y-database are not available with --index yet: search from the families and profiles files' }]);
      throw new CliExit(EXIT.usage);
    }
    await searchIndexCommand(options, started);
    return;
  }
  const familiesFile = options.families;
  if (options.report !== undefined) checkReportDir(options.report, options.force);
  const scale = options.report !== undefined ? loadVerbalScale(options.verbalScale) : undefined;
  checkUsage('search', { silentFrequency: '--silent-frequency' }, () => validateSilentFrequencyOption(options.silentFrequency));
  const mutationRates = mutationRatesOf('search', options, options.mutation);
  const table = runReporting(() => loadFrequencies(options.frequencies), options.frequencies);
  const children = readProfileFiles(options.unidentified);
  const references = readProfileFiles(options.profiles ?? []);
  const parsed = runReporting(() => parseFamilies(readText(familiesFile), { file: familiesFile, profiles: references }), familiesFile);
  // Problems of single families are reported and those families left out; the rest are searched.
  printIssues(parsed.issues, familiesFile);
  const showProgress = options.progress ?? process.stderr.isTTY === true;
  const bar = showProgress ? new SingleBar({ format: 'search [{bar}] {percentage}% | {value}/{total} family ranges | {duration}s', stream: process.stderr }, Presets.shades_classic) : undefined;
  let barStarted = false;
  const frequencyOptions = options.rareAllele !== undefined ? { rareAllele: options.rareAllele } : {};
  let result: SearchResult;
  try {
    result = await runSearchParallel(children, parsed.families, {
      ...scoringOptions(options, table, frequencyOptions),
      ...(mutationRates !== undefined ? { mutationRates } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.silentFrequency !== undefined ? { silentFrequency: options.silentFrequency } : {}),
      ...searchLineage(options),
      onProgress: (done, total) => {
        if (bar === undefined) return;
        if (!barStarted) {
          bar.start(total, 0);
          barStarted = true;
        }
        bar.update(done);
      },
    });
  } catch (error) {
    bar?.stop();
    if (error instanceof StrkinError) {
      printIssues(error.allIssues);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
  bar?.stop();
  finishSearchCommand(options, result, children, parsed.families, parsed.rejected, table, frequencyOptions, started, scale);
}

/** The model and scoring options a search from the files and a search from an index share. */
function scoringOptions(options: SearchCommandOptions, table: FrequencyTable, frequencyOptions: FrequencyOptions) {
  return {
    frequencies: table,
    frequencyOptions,
    mutation: options.mutation,
    theta: options.theta,
    topK: options.top,
    minLoci: options.minLoci,
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.prior !== undefined ? { prior: options.prior } : {}),
    ...(options.loci !== undefined ? { loci: resolveLoci(options.loci) } : {}),
    ...(options.ignoreMetadata === true ? { ignoreMetadata: true } : {}),
    ...(options.ageTolerance !== undefined ? { ageTolerance: options.ageTolerance } : {}),
    ...(options.xLinkage !== undefined ? { xLinkage: options.xLinkage } : {}),
  };
}

/** Writes a search's outputs and summary (from raw files or from an index). */
function finishSearchCommand(options: SearchCommandOptions, result: SearchResult, children: readonly Profile[], families: readonly Family[], readerRejected: readonly RejectedFamily[], table: FrequencyTable, frequencyOptions: FrequencyOptions, started: number, scale?: ReturnType<typeof loadVerbalScale>): void {
  // Every record without a score is named with its reason, whatever the output format.
  const records = rejectedRecords(result, children, families, readerRejected);
  process.stderr.write(rejectedLines(records));
  const identification = identifyChildren(result, { ...identifyOptions(options), order: children.map((c) => c.sample) });
  writeOutput(options.format === 'json' ? writeSearchJson(result, 2, identification) : writeSearchCsv(result), options.out);
  if (options.decisions !== undefined) writeOutput(writeDecisionsCsv(identification), options.decisions);
  if (options.rejected !== undefined) writeOutput(rejectedCsv(records), options.rejected);
  if (options.report !== undefined && scale !== undefined) {
    const inputs = inputChecksums([...options.unidentified, ...(options.profiles ?? []), options.families, options.frequencies, options.verbalScale]);
    const files = searchReportFiles(result, identification, children, families, {
      frequencies: table,
      frequencyOptions,
      mutation: options.mutation,
      theta: options.theta,
      ...(options.loci !== undefined ? { loci: resolveLoci(options.loci) } : {}),
      scale,
      inputs,
      priorNote: options.prior !== undefined ? 'the search prior per pair, given with --prior' : 'the search prior per pair, 1/(families + 1) by default',
    });
    writeReportDir(options.report, files);
    if (options.quiet !== true) process.stderr.write(`report: ${options.report}/index.html and ${files.length - 2} files for ${result.matches.length} pairs\n`);
  }
  if (options.quiet === true) return;
  process.stderr.write(`${searchSummary(result, (performance.now() - started) / 1000, readerRejected.length)}\n`);
  process.stderr.write(`${identificationSummary(identification)}\n`);
  process.stderr.write(`frequencies ${table.name} (${table.checksum.slice(0, 12)}), ${describeFrequencyOptions(frequencyOptions)}; mutation ${describeMutationSetting(options.mutation, mutationRatesOf('search', options, options.mutation))}; theta ${options.theta}; families rejected while reading: ${readerRejected.length}\n`);
}

/** Awaits `body`; StrkinErrors become issue lines and exit 1 (as `runReporting`). */
async function reportingAsync<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
}

/** `strkin search --index DIR`: the same search over a persistent family index (docs/index-format.md), or one part of it (docs/scaling.md), its shards scanned in worker threads (`--threads`). */
async function searchIndexCommand(options: SearchCommandOptions, started: number): Promise<void> {
  if (options.index === undefined || options.families !== undefined || options.profiles !== undefined) {
    printIssues([{ code: 'bad-option', path: [], message: options.index === undefined ? 'Give --families (with --profiles) or --index' : '--index replaces --families and --profiles: give one or the other' }]);
    throw new CliExit(EXIT.usage);
  }
  let part: { part: number; parts: number } | undefined;
  if (options.part !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(options.part);
    const i = m === null ? NaN : Number(m[1]);
    const n = m === null ? NaN : Number(m[2]);
    if (!(Number.isInteger(i) && Number.isInteger(n) && n >= 1 && i >= 1 && i <= n)) {
      printIssues([{ code: 'bad-option', path: [], message: `--part must be I/N with 1 <= I <= N (part = ${JSON.stringify(options.part)})` }]);
      throw new CliExit(EXIT.usage);
    }
    part = { part: i - 1, parts: n };
  }
  const index = runReporting(() => openIndexDir(options.index as string));
  const table = options.frequencies === undefined ? index.table : runReporting(() => loadFrequencies(options.frequencies), options.frequencies);
  checkUsage('search', { silentFrequency: '--silent-frequency' }, () => validateSilentFrequencyOption(options.silentFrequency));
  const mutationRates = mutationRatesOf('search', options, options.mutation);
  const children = readProfileFiles(options.unidentified);
  const frequencyOptions = options.rareAllele !== undefined ? { rareAllele: options.rareAllele } : {};
  const searchOptions = {
    ...scoringOptions(options, table, frequencyOptions),
    ...(mutationRates !== undefined ? { mutationRates } : {}),
    ...(options.silentFrequency !== undefined ? { silentFrequency: options.silentFrequency } : {}),
  };
  // Shards scanned in worker threads; the part is the same, bit for bit, on any number of threads.
  const searched = await reportingAsync(() => searchIndexPartParallel(index, children, searchOptions, part?.part ?? 0, part?.parts ?? 1, options.threads !== undefined ? { threads: options.threads } : {}));
  if (part !== undefined) {
    const extra = { identify: identifyOptions(options), order: children.map((c) => c.sample) };
    const p = searched;
    writeOutput(encodeSearchPart({ ...p, extra }), options.out);
    if (options.quiet !== true) process.stderr.write(`part ${part.part + 1} of ${part.parts}: shards ${p.shardStart}-${p.shardEnd - 1} of ${p.shards}, ${p.targets.length} missing persons, ${p.children.ids.length} children; time ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return;
  }
  const result = runReporting(() => mergeSearchParts([searched]));
  if (index.manifest.tableBytes === 4 && options.quiet !== true) process.stderr.write('note: the index stores Float32 tables: each log10 LR is within the bound of docs/index-format.md of the exact value, and the output may differ in the last digits from a search of the raw files\n');
  finishSearchCommand(options, result, children, [], [], table, frequencyOptions, started);
}
