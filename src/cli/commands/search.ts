/**
 * `strkin search`: every unidentified profile against every family, ranked,
 * with posteriors, exclusion counts and a full accounting (DESIGN.md).
 */
import { parseHaplotypeDatabase, type SearchLineage } from '../../index.js';
import { SingleBar, Presets } from 'cli-progress';
import { describeFrequencyOptions, identifyChildren, type Identification, type Issue, validateIdentifyOptions, writeDecisionsCsv, type MutationModelName, parseFamilies, parseProfiles, type Profile, type RareAlleleRule, type SearchResult, StrkinError, validateSearchOptions, writeSearchCsv, writeSearchJson } from '../../index.js';
import { runSearchParallel } from '../parallelSearch.js';
import { CliExit, EXIT, runReporting, checkOutputs, loadFrequencies, printIssues, readText, writeOutput } from '../files.js';
import { checkUsage } from '../options.js';
import { resolveLoci } from './simulate.js';
import { rejectedCsv, rejectedLines, rejectedRecords } from '../rejectedRecords.js';

export interface SearchCommandOptions {
  readonly unidentified: string[];
  readonly families: string;
  readonly profiles?: string[];
  readonly frequencies?: string;
  readonly rareAllele?: RareAlleleRule;
  readonly theta: number;
  readonly mutation: MutationModelName;
  readonly threshold?: number;
  readonly top: number;
  readonly minLoci: number;
  readonly prior?: number;
  readonly loci?: string;
  readonly format: 'csv' | 'json';
  readonly out?: string;
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
  readonly yMethod?: 'counting' | 'kappa';
  readonly yMutationRate?: number;
  /** --ignore-metadata. */
  readonly ignoreMetadata?: boolean;
}

/** Option names of the library and their flags, for usage errors. */
const SEARCH_FLAGS: Readonly<Record<string, string>> = { theta: '--theta', topK: '--top', minLoci: '--min-loci', threshold: '--threshold', prior: '--prior', identify: '--identify', priorInDatabase: '--prior-in-database' };

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
    `pairs scored: ${a.pairsScored} (insufficient data: ${a.pairsInsufficient}; excluded by sex: ${result.settings.ignoreMetadata ? 'none, metadata ignored' : a.pairsExcludedBySex}); loci: ${result.loci.length}; top ${result.settings.topK} per child and per family`,
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
  const database = runReporting(() => parseHaplotypeDatabase(readText(file), { file }), file);
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
  const table = runReporting(() => loadFrequencies(options.frequencies), options.frequencies);
  const children = readProfileFiles(options.unidentified);
  const references = readProfileFiles(options.profiles ?? []);
  const parsed = runReporting(() => parseFamilies(readText(options.families), { file: options.families, profiles: references }), options.families);
  // Problems of single families are reported and those families left out; the rest are searched.
  printIssues(parsed.issues, options.families);
  const showProgress = options.progress ?? process.stderr.isTTY === true;
  const bar = showProgress ? new SingleBar({ format: 'search [{bar}] {percentage}% | {value}/{total} family ranges | {duration}s', stream: process.stderr }, Presets.shades_classic) : undefined;
  let barStarted = false;
  const frequencyOptions = options.rareAllele !== undefined ? { rareAllele: options.rareAllele } : {};
  let result: SearchResult;
  try {
    result = await runSearchParallel(children, parsed.families, {
      frequencies: table,
      frequencyOptions,
      mutation: options.mutation,
      theta: options.theta,
      topK: options.top,
      minLoci: options.minLoci,
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      ...(options.prior !== undefined ? { prior: options.prior } : {}),
      ...(options.loci !== undefined ? { loci: resolveLoci(options.loci) } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.ignoreMetadata === true ? { ignoreMetadata: true } : {}),
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
  // Every record without a score is named with its reason, whatever the output format.
  const records = rejectedRecords(result, children, parsed.families, parsed.rejected);
  process.stderr.write(rejectedLines(records));
  const identification = identifyChildren(result, { ...identifyOptions(options), order: children.map((c) => c.sample) });
  writeOutput(options.format === 'json' ? writeSearchJson(result, 2, identification) : writeSearchCsv(result), options.out);
  if (options.decisions !== undefined) writeOutput(writeDecisionsCsv(identification), options.decisions);
  if (options.rejected !== undefined) writeOutput(rejectedCsv(records), options.rejected);
  if (options.quiet === true) return;
  process.stderr.write(`${searchSummary(result, (performance.now() - started) / 1000, parsed.rejected.length)}\n`);
  process.stderr.write(`${identificationSummary(identification)}\n`);
  process.stderr.write(`frequencies ${table.name} (${table.checksum.slice(0, 12)}), ${describeFrequencyOptions(frequencyOptions)}; mutation ${options.mutation}; theta ${options.theta}; families rejected while reading: ${parsed.rejected.length}\n`);
}
