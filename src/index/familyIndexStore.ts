/**
 * A persistent family index as bytes: build it from families, open it, add and
 * remove families (only new or changed families are rebuilt), and search it.
 * Storage-neutral: the caller reads and writes the files (the CLI keeps them in
 * a directory with atomic switches; docs/index-format.md).
 */
import { ValidationError, StrkinError } from '../errors/StrkinError.js';
import { describeFrequencyOptions } from '../frequencies/rareAllele.js';
import { resolveSilentFrequencies } from '../frequencies/silentFrequency.js';
import type { Family } from '../search/Family.js';
import { orderFamilies } from '../search/familyIndex.js';
import { planSearch, type FamilyIndexOptions, type SearchPlan } from '../search/plan.js';
import { DEFAULT_X_LINKAGE } from '../search/xLinkage.js';
import { STRKIN_VERSION } from '../version.js';
import { checkArray, checkObject } from '../util/args.js';
import {
  decodeIndexManifest,
  decodeIndexShard,
  encodeIndexShard,
  familyContentHash,
  INDEX_FORMAT,
  INDEX_FORMAT_VERSION,
  sha256Hex,
  type IndexManifest,
  type IndexModel,
  type IndexShard,
  type IndexShardEntry,
} from './indexFormat.js';
import { buildShard, observedStandIn, unionObserved } from './shardTables.js';

/** Default families per shard. */
export const DEFAULT_SHARD_FAMILIES = 1000;

/** Options of {@link buildFamilyIndexStore} and `addToIndex`: the index options plus the shard size. */
export interface IndexStoreOptions extends FamilyIndexOptions {
  /** Families per shard (an integer ≥ 1; a shard grown past twice this by additions is split). Default {@link DEFAULT_SHARD_FAMILIES}. */
  readonly shardFamilies?: number;
  /**
   * Receives each new shard file as soon as it is made (write it under its name; the
   * manifest names it only once the update is done). With it, the update's `files` is
   * empty and no more than one new shard is held in memory. Default: files collected in `files`.
   */
  readonly onFile?: (file: string, bytes: Uint8Array) => void;
  /**
   * Bytes per stored table entry when building: 8 (Float64, default: a search of the index
   * equals the raw search bit for bit) or 4 (Float32: half the disk and memory; each log10 LR
   * within the bound measured in docs/index-format.md). `addToIndex` keeps the index's.
   */
  readonly tableBytes?: 8 | 4;
}

/** A new state of an index: its manifest and the shard files to write first (files of the old state not listed in it may be deleted after the switch). */
export interface IndexUpdate {
  readonly manifest: IndexManifest;
  /** New shard files: name (as in the manifest) and bytes. */
  readonly files: readonly { readonly file: string; readonly bytes: Uint8Array }[];
  /** Family ids by what happened to them. */
  readonly added: readonly string[];
  readonly replaced: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
}

/** Options of {@link openFamilyIndexStore}. */
export interface OpenIndexOptions {
  /** SHA-256 (hex) of bytes. Default: `@noble/hashes` (pure JavaScript, runs in browsers); Node's `crypto` is about 10 times faster on large shards. */
  readonly sha256?: (bytes: Uint8Array) => string;
}

/** An opened index: its manifest and a reader of its shards (checksums verified). */
export interface FamilyIndexStore {
  readonly manifest: IndexManifest;
  /** Shard i of the manifest, decoded after its SHA-256 is checked. */
  readonly shard: (i: number) => IndexShard;
}

/** The options with the index's default for X loci: compared (as `searchFamilies` compares them). @internal */
export function withXLoci<T extends FamilyIndexOptions>(options: T): T & { readonly xLoci: boolean } {
  return { ...options, xLoci: options.xLoci ?? true };
}

/** The model of an index built with these options (what {@link checkIndexModel} compares). */
export function indexModel(options: FamilyIndexOptions): IndexModel {
  const rates = options.mutationRates ?? {};
  const silent = resolveSilentFrequencies(options.silentFrequency, options.frequencies);
  return {
    frequencies: { name: options.frequencies.name, checksum: options.frequencies.checksum, rareAlleleRule: describeFrequencyOptions(options.frequencyOptions ?? {}) },
    frequencyOptions: options.frequencyOptions ?? {},
    theta: options.theta ?? 0,
    mutation: options.mutation ?? 'stepwise',
    mutationRates: { ...(rates.female !== undefined ? { female: rates.female } : {}), ...(rates.male !== undefined ? { male: rates.male } : {}) },
    silentFrequencies: Object.fromEntries([...silent].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    xLoci: options.xLoci ?? true,
    xLinkage: options.xLinkage ?? DEFAULT_X_LINKAGE,
    loci: options.loci === undefined ? null : [...options.loci],
  };
}

/** The index options of a model, given its frequency table (checked against the model's checksum). */
export function modelOptions(model: IndexModel, frequencies: FamilyIndexOptions['frequencies']): FamilyIndexOptions {
  return {
    frequencies,
    frequencyOptions: model.frequencyOptions,
    theta: model.theta,
    mutation: model.mutation,
    ...(Object.keys(model.mutationRates).length > 0 ? { mutationRates: model.mutationRates } : {}),
    ...(Object.keys(model.silentFrequencies).length > 0 ? { silentFrequency: model.silentFrequencies } : {}),
    xLoci: model.xLoci,
    xLinkage: model.xLinkage,
    ...(model.loci !== null ? { loci: model.loci } : {}),
  };
}

const describeRates = (r: IndexModel['mutationRates']): string => (r.female === undefined && r.male === undefined ? 'built-in per-locus rates' : `female ${r.female ?? 'built-in'}, male ${r.male ?? 'built-in'}`);
const describeSilent = (s: IndexModel['silentFrequencies']): string => (Object.keys(s).length === 0 ? 'none' : Object.entries(s).map(([l, f]) => `${l} ${f}`).join(', '));

/**
 * Checks that options ask for the model an index was built with: the frequency
 * table, rare-allele rule, theta, mutation model and rates, silent allele
 * frequencies, X loci, X linkage mode and loci (everything a table depends on).
 *
 * @throws `ValidationError` `index-model-mismatch` naming every difference (what the index has, what was asked).
 */
export function checkIndexModel(manifest: IndexManifest, options: FamilyIndexOptions): void {
  const want = indexModel(options);
  const has = manifest.model;
  const diffs: string[] = [];
  if (has.frequencies.checksum !== want.frequencies.checksum) diffs.push(`frequency table (index = ${has.frequencies.name} ${has.frequencies.checksum.slice(0, 12)}, asked = ${want.frequencies.name} ${want.frequencies.checksum.slice(0, 12)})`);
  if (has.frequencies.rareAlleleRule !== want.frequencies.rareAlleleRule) diffs.push(`rare-allele rule (index = ${has.frequencies.rareAlleleRule}, asked = ${want.frequencies.rareAlleleRule})`);
  if (has.theta !== want.theta) diffs.push(`theta (index = ${has.theta}, asked = ${want.theta})`);
  if (JSON.stringify(has.mutation) !== JSON.stringify(want.mutation)) diffs.push(`mutation (index = ${JSON.stringify(has.mutation)}, asked = ${JSON.stringify(want.mutation)})`);
  if (describeRates(has.mutationRates) !== describeRates(want.mutationRates)) diffs.push(`mutation rates (index = ${describeRates(has.mutationRates)}, asked = ${describeRates(want.mutationRates)})`);
  if (describeSilent(has.silentFrequencies) !== describeSilent(want.silentFrequencies)) diffs.push(`silent allele frequencies (index = ${describeSilent(has.silentFrequencies)}, asked = ${describeSilent(want.silentFrequencies)})`);
  if (has.xLoci !== want.xLoci) diffs.push(`X loci (index = ${has.xLoci ? 'compared' : 'not compared'}, asked = ${want.xLoci ? 'compared' : 'not compared'})`);
  if (has.xLinkage !== want.xLinkage) diffs.push(`X linkage (index = ${has.xLinkage}, asked = ${want.xLinkage})`);
  if (JSON.stringify(has.loci) !== JSON.stringify(want.loci)) diffs.push(`loci (index = ${has.loci === null ? 'all typed' : has.loci.join(',')}, asked = ${want.loci === null ? 'all typed' : want.loci.join(',')})`);
  if (diffs.length > 0) throw new ValidationError(diffs.map((d) => ({ code: 'index-model-mismatch', path: ['options'], message: `The index was built with another model: ${d}` })));
}

/** The plan of a search of the index: the plan a search of its families from the raw files makes. */
export function indexSearchPlan(manifest: IndexManifest, children: Parameters<typeof planSearch>[1], options: FamilyIndexOptions): SearchPlan {
  return planSearch(observedStandIn(manifest.observed), children, withXLoci(options));
}

/** @internal */
export function shardFamiliesOf(options: IndexStoreOptions): number {
  const n = options.shardFamilies ?? DEFAULT_SHARD_FAMILIES;
  if (!(Number.isInteger(n) && n >= 1)) throw new ValidationError({ code: 'bad-option', path: ['shardFamilies'], message: `Families per shard must be an integer >= 1 (shardFamilies = ${String(n)})` });
  return n;
}

/** Families with distinct ids in id order, or a ValidationError naming every repeated id. */
/** @internal */
export function distinct(families: readonly Family[]): Family[] {
  const { ordered, rejected } = orderFamilies(families);
  if (rejected.length > 0) {
    throw new ValidationError(
      rejected.map((r) => ({ code: 'duplicate-family', path: ['families', r.id], message: `A family id is given twice; an index holds one family per id (family = ${r.id})`, ...(r.source?.file !== undefined ? { file: r.source.file } : {}), ...(r.source?.line !== undefined ? { line: r.source.line } : {}) })),
    );
  }
  return ordered;
}

const fileOf = (sha: string): string => `shard-${sha.slice(0, 16)}.bin`;

/** @internal */
export function entryOf(shard: IndexShard, bytes: Uint8Array): IndexShardEntry {
  const sha = sha256Hex(bytes);
  return { file: fileOf(sha), sha256: sha, bytes: bytes.length, families: shard.families.length, targets: shard.targets.length, first: shard.families[0]?.family.id ?? '', last: shard.families[shard.families.length - 1]?.family.id ?? '', observed: shard.observed };
}

/** @internal */
export function manifestOf(model: IndexModel, generation: number, plan: SearchPlan, observed: IndexManifest['observed'], shards: readonly IndexShardEntry[], tableBytes: 8 | 4): IndexManifest {
  return {
    format: INDEX_FORMAT,
    version: INDEX_FORMAT_VERSION,
    strkinVersion: STRKIN_VERSION,
    generation,
    model,
    observed,
    loci: plan.loci.map((l) => ({ name: l.name, alleles: l.alleles })),
    families: shards.reduce((n, s) => n + s.families, 0),
    targets: shards.reduce((n, s) => n + s.targets, 0),
    tableBytes,
    shards,
  };
}

/** Cuts families in id order into shards of at most `size`. */
/** @internal */
export function cut<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What the build of an index needs before its shards are made (see {@link planIndexBuild}). */
export interface IndexBuildPlan {
  readonly plan: SearchPlan;
  readonly model: IndexModel;
  /** Content hash per family id. */
  readonly hashes: Readonly<Record<string, string>>;
  /** Families in id order, cut into shards. */
  readonly chunks: readonly (readonly Family[])[];
  readonly tableBytes: 8 | 4;
}

/**
 * The first step of {@link buildFamilyIndexStore}: checks the families and
 * options, orders the families, hashes them, makes the index plan and cuts the
 * families into shards. Each chunk can then be built anywhere (e.g. in worker
 * threads) by {@link buildIndexShardFile}, and the manifest made by {@link indexManifestOf}.
 *
 * Cost: O(size of the families).
 *
 * @throws as {@link buildFamilyIndexStore}.
 */
export function planIndexBuild(families: readonly Family[], options: IndexStoreOptions): IndexBuildPlan {
  checkArray(families, 'families', true);
  checkObject(options, 'options');
  const size = shardFamiliesOf(options);
  const tableBytes = options.tableBytes ?? 8;
  if (tableBytes !== 8 && tableBytes !== 4) throw new ValidationError({ code: 'bad-option', path: ['tableBytes'], message: `Table entries are 8 or 4 bytes (tableBytes = ${String(tableBytes)})` });
  const ordered = distinct(families);
  const model = indexModel(options);
  const hashes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const f of ordered) hashes[f.id] = familyContentHash(f, model);
  return { plan: planSearch(ordered, [], withXLoci(options)), model, hashes, chunks: cut(ordered, size), tableBytes };
}

/**
 * Builds one shard file of an index build: the chunk's family tables under the
 * build's plan, encoded, with its manifest entry.
 *
 * Cost: the index build of the chunk's families, plus O(bytes).
 */
export function buildIndexShardFile(chunk: readonly Family[], build: Pick<IndexBuildPlan, 'plan' | 'hashes' | 'tableBytes'>): { readonly entry: IndexShardEntry; readonly bytes: Uint8Array } {
  const shard = { ...buildShard(chunk, build.plan, new Map(Object.entries(build.hashes))), tableBytes: build.tableBytes };
  const bytes = encodeIndexShard(shard);
  return { entry: entryOf(shard, bytes), bytes };
}

/** The manifest of an index build once its shards are made (entries in chunk order). */
export function indexManifestOf(build: IndexBuildPlan, entries: readonly IndexShardEntry[], generation = 1): IndexManifest {
  return manifestOf(build.model, generation, build.plan, unionObserved(entries.map((e) => e.observed)), entries, build.tableBytes);
}

/**
 * Builds a persistent family index: the families' tables (the family tables of
 * a search, `buildFamilyIndex` of `strkin/engine`) cut into shards of whole
 * families in id order, each with its families (pedigree, references'
 * genotypes), their content hashes ({@link familyContentHash}) and a SHA-256,
 * and a manifest (format version, strkin version, model, per-locus allele
 * lists). Write the files, then the manifest (docs/index-format.md).
 *
 * Decisions: a family id given twice is refused (an index holds one family per
 * id); a family the search would reject is kept with its reasons, so that the
 * index accounts for it as the search does.
 *
 * Cost: the index build of a search (one peeling pass per family, missing person
 * and informative locus), plus O(bytes) to encode and hash.
 *
 * @throws `ValidationError` `duplicate-family` (every repeated id), `bad-option`, and the errors of `planSearch`.
 * @example
 * ```ts
 * const update = buildFamilyIndexStore([family], { frequencies: builtinTable('nist1036-cauc') });
 * update.manifest.families; // => 1
 * update.files.length; // => 1
 * ```
 */
export function buildFamilyIndexStore(families: readonly Family[], options: IndexStoreOptions): IndexUpdate {
  const build = planIndexBuild(families, options);
  const files: { file: string; bytes: Uint8Array }[] = [];
  const entries: IndexShardEntry[] = [];
  for (const chunk of build.chunks) {
    const { entry, bytes } = buildIndexShardFile(chunk, build);
    if (options.onFile !== undefined) options.onFile(entry.file, bytes);
    else files.push({ file: entry.file, bytes });
    entries.push(entry);
  }
  return { manifest: indexManifestOf(build, entries), files, added: build.chunks.flat().map((f) => f.id), replaced: [], unchanged: [], removed: [] };
}

/**
 * Opens an index from its manifest bytes and a reader of its shard files. Each
 * shard is read when asked for (one at a time: a search holds one shard's
 * tables at once) and its SHA-256 is checked against the manifest first.
 *
 * Cost: O(manifest size) to open; O(shard bytes) per shard read (the SHA-256 dominates: see docs/index-format.md).
 *
 * @throws `StrkinError` `index-format` (another format or version), and from `shard(i)`: `index-checksum` naming the file whose bytes do not match.
 * @example
 * ```ts
 * const { manifest, files } = buildFamilyIndexStore([family], { frequencies: builtinTable('nist1036-cauc') });
 * const bytes = new Map(files.map((f) => [f.file, f.bytes]));
 * const store = openFamilyIndexStore(encodeIndexManifest(manifest), (file) => bytes.get(file)!);
 * store.shard(0).families.length; // => 1
 * ```
 */
export function openFamilyIndexStore(manifestBytes: Uint8Array, readFile: (file: string) => Uint8Array, options: OpenIndexOptions = {}): FamilyIndexStore {
  const manifest = decodeIndexManifest(manifestBytes);
  const hash = options.sha256 ?? sha256Hex;
  return {
    manifest,
    shard: (i: number): IndexShard => {
      const entry = manifest.shards[i];
      if (entry === undefined) throw new RangeError(`No shard ${i} (the index has ${manifest.shards.length})`);
      const bytes = readFile(entry.file);
      const sha = hash(bytes);
      if (sha !== entry.sha256) throw new StrkinError({ code: 'index-checksum', path: [], file: entry.file, message: `Index shard is damaged: its SHA-256 does not match the manifest (file = ${entry.file}, sha256 = ${sha.slice(0, 16)}..., manifest = ${entry.sha256.slice(0, 16)}...)` });
      return decodeIndexShard(bytes, entry.file);
    },
  };
}
