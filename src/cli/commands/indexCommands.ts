/**
 * `strkin index build|add|remove|info` (a persistent family index,
 * docs/index-format.md) and `strkin merge` (the parts of a search run apart,
 * docs/scaling.md).
 */
import { readFileSync } from 'node:fs';
import { addToIndex, buildIndexShardFile, decodeSearchPart, indexManifestOf, type IndexShardEntry, planIndexBuild, identifyChildren, mergeSearchParts, modelOptions, parseFamilies, removeFromIndex, type Family, type IndexSearchPart, type IndexUpdate, type MutationModelName, type RareAlleleRule, type SilentFrequencyOption, validateSilentFrequencyOption, type XLinkageMode, StrkinError, writeDecisionsCsv, writeSearchCsv, writeSearchJson } from '../../index.js';
import { CliExit, EXIT, checkOutputs, loadFrequencies, printIssues, readText, runReporting, writeOutput, toJson } from '../files.js';
import { commitIndexDir, diskUse, lockIndexDir, openIndexDir, writeShard, type IndexDir } from '../indexDir.js';
import { resolveLoci } from './simulate.js';
import { checkUsage, mutationRatesOf, type MutationRateFlags } from '../options.js';
import { identificationSummary, readProfileFiles, searchSummary } from './search.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { runWorkerPool } from '../workerPool.js';
import type { IndexWorkerJob, IndexWorkerReply, IndexWorkerShared } from '../indexWorker.js';
import { join } from 'node:path';

export interface IndexBuildOptions extends MutationRateFlags {
  readonly families: string;
  /** `--silent-frequency`: every locus, or per locus (default none). */
  readonly silentFrequency?: SilentFrequencyOption;
  readonly profiles?: string[];
  readonly frequencies?: string;
  readonly rareAllele?: RareAlleleRule;
  readonly theta: number;
  readonly mutation: MutationModelName;
  readonly loci?: string;
  /** --x-linkage safe|unlinked (default safe). */
  readonly xLinkage?: XLinkageMode;
  readonly out: string;
  readonly shardFamilies?: number;
  /** Store tables as Float32 (half the size; log10 LR within the bound of docs/index-format.md). */
  readonly float32?: boolean;
  /** Worker threads building shards (default: all cores). */
  readonly threads?: number;
  /** The worker script; default `index-worker.js` beside this module (dist/). */
  readonly workerUrl?: URL | string;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

export interface IndexAddOptions {
  readonly index: string;
  readonly families: string;
  readonly profiles?: string[];
  readonly shardFamilies?: number;
  readonly quiet?: boolean;
}

/** Reads a families file with its reference profiles; problems of single families are reported and those families left out (as `search` does). */
function readFamilies(file: string, profiles: readonly string[] | undefined): Family[] {
  const references = readProfileFiles(profiles ?? []);
  const parsed = runReporting(() => parseFamilies(readText(file), { file, profiles: references }), file);
  printIssues(parsed.issues, file);
  return parsed.families;
}

function report(update: IndexUpdate, dir: string, seconds: number, written: number): string {
  const m = update.manifest;
  return `index ${dir}: generation ${m.generation}, ${m.families} families (${m.targets} missing persons) in ${m.shards.length} shards; added ${update.added.length}, replaced ${update.replaced.length}, unchanged ${update.unchanged.length}, removed ${update.removed.length}; shard files written ${written}; time ${seconds.toFixed(1)} s\n`;
}

/** Runs `body` holding the index's writer lock; StrkinErrors become issue lines and exit 1. */
function locked<T>(dir: string, body: () => T): T {
  const release = runReporting(() => lockIndexDir(dir));
  try {
    return runReporting(body);
  } finally {
    release();
  }
}

/** `strkin index build`: shards built in worker threads (each writes its file), then the manifest and the switch. */
export async function indexBuildCommand(options: IndexBuildOptions): Promise<void> {
  const started = performance.now();
  if (existsSync(join(options.out, 'CURRENT')) && options.force !== true) {
    printIssues([{ code: 'index-exists', path: [], file: options.out, message: 'An index is already there: use `strkin index add`, or --force to replace it' }]);
    throw new CliExit(EXIT.usage);
  }
  checkUsage('index build', { silentFrequency: '--silent-frequency' }, () => validateSilentFrequencyOption(options.silentFrequency));
  const mutationRates = mutationRatesOf('index build', options, options.mutation);
  const table = runReporting(() => loadFrequencies(options.frequencies), options.frequencies);
  const families = readFamilies(options.families, options.profiles);
  const build = runReporting(() =>
    planIndexBuild(families, {
      frequencies: table,
      ...(options.rareAllele !== undefined ? { frequencyOptions: { rareAllele: options.rareAllele } } : {}),
      theta: options.theta,
      mutation: options.mutation,
      ...(mutationRates !== undefined ? { mutationRates } : {}),
      ...(options.silentFrequency !== undefined ? { silentFrequency: options.silentFrequency } : {}),
      ...(options.loci !== undefined ? { loci: resolveLoci(options.loci) } : {}),
      ...(options.xLinkage !== undefined ? { xLinkage: options.xLinkage } : {}),
      ...(options.shardFamilies !== undefined ? { shardFamilies: options.shardFamilies } : {}),
      ...(options.float32 === true ? { tableBytes: 4 as const } : {}),
    }),
  );
  const release = runReporting(() => lockIndexDir(options.out));
  let update: IndexUpdate;
  try {
    const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), build.chunks.length));
    let entries: IndexShardEntry[];
    if (threads === 1) {
      entries = build.chunks.map((chunk) => {
        const { entry, bytes } = runReporting(() => buildIndexShardFile(chunk, build));
        writeShard(options.out, entry.file, bytes);
        return entry;
      });
    } else {
      const url = options.workerUrl ?? new URL('./index-worker.js', import.meta.url);
      const jobs: IndexWorkerJob[] = build.chunks.map((chunk, job) => ({ kind: 'build' as const, job, dir: options.out, chunk }));
      const shared: IndexWorkerShared = { build: { plan: build.plan, hashes: build.hashes, tableBytes: build.tableBytes } };
      const replies = await runWorkerPool<IndexWorkerJob, Extract<IndexWorkerReply, { ok: true; entry: IndexShardEntry }>>(url, jobs, threads, 'index build', { shared });
      entries = replies.map((r) => r.entry);
    }
    let generation = 0;
    try {
      generation = openIndexDir(options.out).manifest.generation;
    } catch {
      generation = 0;
    }
    update = { manifest: indexManifestOf(build, entries, generation + 1), files: [], added: build.chunks.flat().map((f) => f.id), replaced: [], unchanged: [], removed: [] };
    runReporting(() => commitIndexDir(options.out, update, table));
  } finally {
    release();
  }
  if (options.quiet !== true) process.stderr.write(report(update, options.out, (performance.now() - started) / 1000, update.manifest.shards.length));
}

/** `strkin index add`: new families built, changed ones (content hash) rebuilt, the rest kept. */
export function indexAddCommand(options: IndexAddOptions): void {
  const started = performance.now();
  const families = readFamilies(options.families, options.profiles);
  let written = 0;
  const update = locked(options.index, () => {
    const index = openIndexDir(options.index);
    const next = addToIndex(index.store, families, { ...modelOptions(index.manifest.model, index.table), onFile: (file, bytes) => {
        written++;
        writeShard(options.index, file, bytes);
      }, ...(options.shardFamilies !== undefined ? { shardFamilies: options.shardFamilies } : {}) });
    commitIndexDir(options.index, next, index.table);
    return next;
  });
  if (options.quiet !== true) process.stderr.write(report(update, options.index, (performance.now() - started) / 1000, written));
}

/** `strkin index remove`. Ids not in the index are reported (exit 1) after the others are removed. */
export function indexRemoveCommand(options: { readonly index: string; readonly family: string[]; readonly quiet?: boolean }): void {
  const started = performance.now();
  let written = 0;
  const update = locked(options.index, () => {
    const index = openIndexDir(options.index);
    const next = removeFromIndex(index.store, options.family, {
      ...modelOptions(index.manifest.model, index.table),
      onFile: (file, bytes) => {
        written++;
        writeShard(options.index, file, bytes);
      },
    });
    commitIndexDir(options.index, next, index.table);
    return next;
  });
  if (options.quiet !== true) process.stderr.write(report(update, options.index, (performance.now() - started) / 1000, written));
  const missing = options.family.filter((id) => !update.removed.includes(id));
  if (missing.length > 0) {
    printIssues(missing.map((id) => ({ code: 'family-not-in-index', path: ['family', id], message: `No family with this id in the index (family = ${id})` })));
    throw new CliExit(EXIT.invalidInput);
  }
}

/** What `index info` reports. */
function infoOf(index: IndexDir, verify: boolean): Record<string, unknown> {
  const m = index.manifest;
  if (verify) m.shards.forEach((_, i) => index.store.shard(i));
  const disk = diskUse(index);
  const largest = m.shards.reduce((n, s) => Math.max(n, s.bytes), 0);
  return {
    index: index.dir,
    manifest: index.manifestFile,
    format: `${m.format} ${m.version}`,
    strkinVersion: m.strkinVersion,
    generation: m.generation,
    families: m.families,
    missingPersons: m.targets,
    tableBytes: m.tableBytes,
    shards: m.shards.length,
    loci: m.loci.map((l) => l.name),
    model: { frequencies: m.model.frequencies, theta: m.model.theta, mutation: m.model.mutation, mutationRates: m.model.mutationRates, silentFrequencies: m.model.silentFrequencies, xLoci: m.model.xLoci, xLinkage: m.model.xLinkage, loci: m.model.loci },
    disk: { currentBytes: disk.current, directoryBytes: disk.directory },
    memory: { largestShardBytes: largest, searchHoldsOneShard: true, rssBytes: process.memoryUsage().rss },
    verified: verify,
  };
}

const mib = (b: number): string => `${(b / 1048576).toFixed(1)} MiB`;

/** `strkin index info DIR`. */
export function indexInfoCommand(dir: string, options: { readonly json?: boolean; readonly verify?: boolean }): void {
  const index = runReporting(() => openIndexDir(dir));
  const info = runReporting(() => infoOf(index, options.verify === true));
  if (options.json === true) {
    process.stdout.write(toJson(info));
    return;
  }
  const m = index.manifest;
  const disk = info.disk as { currentBytes: number; directoryBytes: number };
  const memory = info.memory as { largestShardBytes: number; rssBytes: number };
  process.stdout.write(
    [
      `index: ${dir} (${m.format} version ${m.version}, written by strkin ${m.strkinVersion}, generation ${m.generation}, ${index.manifestFile})`,
      `families: ${m.families} (${m.targets} missing persons) in ${m.shards.length} shards`,
      `model: frequencies ${m.model.frequencies.name} (${m.model.frequencies.checksum.slice(0, 12)}), ${m.model.frequencies.rareAlleleRule}, theta ${m.model.theta}, mutation ${typeof m.model.mutation === 'string' ? m.model.mutation : 'custom'}${m.model.mutationRates.female !== undefined || m.model.mutationRates.male !== undefined ? ` (rates female ${m.model.mutationRates.female ?? 'built-in'}, male ${m.model.mutationRates.male ?? 'built-in'})` : ''}, silent alleles ${Object.keys(m.model.silentFrequencies).length === 0 ? 'none' : Object.entries(m.model.silentFrequencies).map(([l, f]) => `${l} ${f}`).join(' ')}, X loci ${m.model.xLoci ? `compared (X linkage ${m.model.xLinkage})` : 'not compared'}, loci ${m.model.loci === null ? 'all typed' : m.model.loci.join(',')}`,
      `loci: ${m.loci.length} (${m.loci.map((l) => `${l.name} ${l.alleles.length}`).join(', ')} alleles)`,
      `tables: ${m.tableBytes === 8 ? 'Float64 (exact)' : 'Float32 (log10 LR within the bound of docs/index-format.md)'}`,
      `disk: ${mib(disk.currentBytes)} current state, ${mib(disk.directoryBytes)} directory`,
      `memory: a search holds one shard per thread at a time, largest ${mib(memory.largestShardBytes)}; this command ${mib(memory.rssBytes)} resident`,
      `checksums: ${options.verify === true ? 'every shard verified' : 'not verified (use --verify; a search verifies each shard it reads)'}`,
      '',
    ].join('\n'),
  );
}

export interface MergeOptions {
  readonly format: 'csv' | 'json';
  readonly out?: string;
  readonly decisions?: string;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

/** What the CLI keeps with a search part: the identification options and the children's input order. */
export interface PartExtra {
  readonly identify: { identify?: number; priorInDatabase?: number; oneToOne?: boolean };
  readonly order: readonly string[];
}

/** `strkin merge PARTS...`: the result of the one-machine search, from the parts of a search run apart. */
export function mergeCommand(files: readonly string[], options: MergeOptions): void {
  const started = performance.now();
  checkOutputs(
    [
      [options.out, '--out'],
      [options.decisions, '--decisions'],
    ],
    files,
    options.force,
  );
  const parts: IndexSearchPart[] = files.map((file) => runReporting(() => decodeSearchPart(readFileSync(file, 'utf8')), file));
  const result = runReporting(() => mergeSearchParts(parts));
  const extra = parts[0]?.extra as PartExtra | undefined;
  if (extra === undefined) {
    printIssues([{ code: 'bad-parts', path: [], message: 'Search parts without the settings of `strkin search --part` (written by another tool?)' }]);
    throw new CliExit(EXIT.invalidInput);
  }
  if (parts.some((p) => JSON.stringify(p.extra) !== JSON.stringify(extra))) {
    printIssues([{ code: 'bad-parts', path: [], message: 'Cannot merge: parts searched with different identification options' }]);
    throw new CliExit(EXIT.invalidInput);
  }
  const identification = runReporting(() => identifyChildren(result, { ...extra.identify, order: extra.order }));
  try {
    writeOutput(options.format === 'json' ? writeSearchJson(result, 2, identification) : writeSearchCsv(result), options.out);
    if (options.decisions !== undefined) writeOutput(writeDecisionsCsv(identification), options.decisions);
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
  if (options.quiet === true) return;
  process.stderr.write(`${searchSummary(result, (performance.now() - started) / 1000)}\n`);
  process.stderr.write(`${identificationSummary(identification)}\n`);
  process.stderr.write(`merged ${parts.length} parts of ${parts[0]?.shards ?? 0} shards\n`);
}
