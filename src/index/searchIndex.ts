/**
 * Searching a persistent family index: shard by shard (one shard's tables in
 * memory at a time), in parts that separate machines can run, merged into
 * exactly the result of one search from the raw files.
 */
import { ValidationError } from '../errors/StrkinError.js';
import type { Profile } from '../profile/Profile.js';
import type { RejectedFamily } from '../search/Family.js';
import { type FamilyIndex, type SearchTarget, tableLayout } from '../search/familyIndex.js';
import { encodeChildren, type ChildLocusNote, type EncodedChildren, type RejectedChild } from '../search/encodeChildren.js';
import type { SearchPlan } from '../search/plan.js';
import { mergeScans, rebaseScan, scanRange, type PartialScan, type ScanOptions } from '../search/scan.js';
import { finishSearch, type SearchOptions, type SearchResult } from '../search/searchFamilies.js';
import { validateSearchOptions } from '../search/searchOptions.js';
import { checkArray, checkObject } from '../util/args.js';
import { checkIndexModel, indexSearchPlan, type FamilyIndexStore } from './familyIndexStore.js';
import { sha256Hex, type IndexShard } from './indexFormat.js';
import { shardIndex } from './shardTables.js';

/** The `format` of a search part. */
export const SEARCH_PART_FORMAT = 'strkin-search-part';
/** The version of the search part format. */
export const SEARCH_PART_VERSION = 1;

/**
 * The result of searching some shards of an index: the partial scan (top K per
 * child and per target, and the exact Σ LR accumulators of exactSum.ts, which are
 * integer sums and add up exactly), with what {@link mergeSearchParts} needs to
 * finish the search. Plain data (see {@link encodeSearchPart}).
 */
export interface IndexSearchPart {
  readonly format: typeof SEARCH_PART_FORMAT;
  readonly version: number;
  /** Identity of the index state searched (SHA-256 of its shard checksums). */
  readonly index: string;
  /** This part (0-based) of `parts`. */
  readonly part: number;
  readonly parts: number;
  /** Shards [shardStart, shardEnd) of the index. */
  readonly shardStart: number;
  readonly shardEnd: number;
  readonly shards: number;
  readonly familiesIn: number;
  /** Scan and prior settings, identical in every part of a search. */
  readonly settings: ScanOptions & { readonly prior?: number };
  readonly plan: SearchPlan;
  readonly children: Pick<EncodedChildren, 'ids' | 'loci' | 'rejected' | 'notes'>;
  readonly targets: readonly SearchTarget[];
  readonly familyCount: number;
  readonly rejected: readonly RejectedFamily[];
  /** Partial scan over the global target range of these shards. */
  readonly scan: PartialScan;
  /** Anything the caller keeps with the part (the CLI: output and decision settings). */
  readonly extra?: unknown;
}

/** The identity of an index state: SHA-256 of its manifest's shard checksums, in order. */
export function indexIdentity(store: FamilyIndexStore): string {
  return sha256Hex(new TextEncoder().encode(store.manifest.shards.map((s) => s.sha256).join('\n')));
}

function scanSettings(options: SearchOptions): ScanOptions & { readonly prior?: number } {
  return {
    ...(options.topK !== undefined ? { topK: options.topK } : {}),
    ...(options.minLoci !== undefined ? { minLoci: options.minLoci } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.blockTargets !== undefined ? { blockTargets: options.blockTargets } : {}),
    ...(options.ignoreMetadata !== undefined ? { ignoreMetadata: options.ignoreMetadata } : {}),
    ...(options.ageTolerance !== undefined ? { ageTolerance: options.ageTolerance } : {}),
    ...(options.prior !== undefined ? { prior: options.prior } : {}),
  };
}

function emptyIndex(plan: SearchPlan): FamilyIndex {
  const layout = tableLayout(plan);
  return { plan, layout, targets: [], tables: new Float64Array(0), inconsistent: new Uint8Array(0), masks: new Uint32Array(0), informative: new Uint8Array(0), familyCount: 0, rejected: [] };
}

/** What every shard scan of one search part shares: the plan, the encoded children and the scan settings. Plain data (structured-cloneable, so worker threads can receive it). */
export interface IndexSearchSetup {
  readonly plan: SearchPlan;
  readonly children: EncodedChildren;
  readonly settings: ScanOptions & { readonly prior?: number };
  /** This part (0-based) of `parts`, and its shards [shardStart, shardEnd) of the index. */
  readonly part: number;
  readonly parts: number;
  readonly shardStart: number;
  readonly shardEnd: number;
}

/** The scan of one shard of an index: its targets, accepted and rejected families, and the partial scan over its own targets (0-based, not yet placed in the index). */
export interface IndexShardScan {
  readonly targets: readonly SearchTarget[];
  readonly familyCount: number;
  readonly rejected: readonly RejectedFamily[];
  readonly scan: PartialScan;
}

/**
 * The first step of {@link searchIndexPart}: checks the options against the
 * index's model, makes the plan of the search (the plan of a search of all the
 * index's families from the raw files: it depends on the index's observed alleles
 * and the children only, so every part of a search uses the same plan), encodes
 * the children and picks the part's shards [⌊part·N/parts⌋, ⌊(part+1)·N/parts⌋)
 * of the index's N. Each shard can then be scanned anywhere (e.g. in worker
 * threads) by {@link scanIndexShard}, and the scans collected in shard order by
 * {@link collectIndexSearchPart}.
 *
 * Cost: O(children × L) plus the plan.
 *
 * @throws as {@link searchIndexPart}.
 * @example
 * ```ts
 * const frequencies = builtinTable('nist1036-cauc');
 * const { manifest, files } = buildFamilyIndexStore(families, { frequencies, shardFamilies: 2 });
 * const bytes = new Map(files.map((f) => [f.file, f.bytes]));
 * const store = openFamilyIndexStore(encodeIndexManifest(manifest), (file) => bytes.get(file)!);
 * const setup = planIndexSearchPart(store, children, { frequencies }, 1, 2);
 * [setup.shardStart, setup.shardEnd]; // => [1, 3]
 * const collector = collectIndexSearchPart(store, setup);
 * for (let i = setup.shardStart; i < setup.shardEnd; i++) collector.add(scanIndexShard(store.shard(i), setup));
 * collector.finish().shards; // => 3
 * ```
 */
export function planIndexSearchPart(store: FamilyIndexStore, children: readonly Profile[], options: SearchOptions, part = 0, parts = 1): IndexSearchSetup {
  checkArray(children, 'children', true);
  checkObject(options, 'options');
  validateSearchOptions(options);
  checkIndexModel(store.manifest, options);
  if (!(Number.isInteger(parts) && parts >= 1 && Number.isInteger(part) && part >= 0 && part < parts)) {
    throw new ValidationError({ code: 'bad-option', path: ['part'], message: `A part must be an integer in [0, parts) (part = ${String(part)}, parts = ${String(parts)})` });
  }
  const plan = indexSearchPlan(store.manifest, children, options);
  const N = store.manifest.shards.length;
  return { plan, children: encodeChildren(children, plan), settings: scanSettings(options), part, parts, shardStart: Math.floor((part * N) / parts), shardEnd: Math.floor(((part + 1) * N) / parts) };
}

/**
 * Scans one shard of an index against the children of a search: the shard's
 * tables laid out as the search plan (loci whose allele lists differ recomputed
 * from the shard's stored families), then every child against every target.
 *
 * Cost: O(targets × children × L) for the scan, plus the recomputation of stale loci.
 */
export function scanIndexShard(shard: IndexShard, setup: Pick<IndexSearchSetup, 'plan' | 'children' | 'settings'>): IndexShardScan {
  const index = shardIndex(shard, setup.plan);
  return { targets: index.targets, familyCount: index.familyCount, rejected: index.rejected, scan: scanRange(index, setup.children, 0, index.targets.length, setup.settings) };
}

/** Receives the shard scans of a search part in shard order, and gives the part (see {@link collectIndexSearchPart}). */
export interface IndexSearchCollector {
  /** Adds the scan of the next shard (shardStart, shardStart + 1, ...): merged at once with the runs before it, so that only log₂ shards merged runs are held. */
  readonly add: (scan: IndexShardScan) => void;
  /** The search part, once every shard of the part was added. */
  readonly finish: () => IndexSearchPart;
}

/**
 * Collects the scans of a part's shards, in shard order, into the search part:
 * each scan is placed at its shard's first target in the index and merged with
 * the scans before it as in a binary counter (at most log₂ shards merged runs are
 * held). The part is the same, bit for bit, whatever thread scanned which shard.
 *
 * Cost: O((children + targets) × (K + limbs) × log shards) over the part.
 *
 * @throws `RangeError` from `finish` when shards are missing, or from `add` when more are given.
 */
export function collectIndexSearchPart(store: FamilyIndexStore, setup: IndexSearchSetup): IndexSearchCollector {
  let offset = 0;
  for (let i = 0; i < setup.shardStart; i++) offset += store.manifest.shards[i]?.targets ?? 0;
  let next = setup.shardStart;
  // Merged runs as a binary counter (run sizes in shards strictly decreasing): two runs of the same
  // size are merged at once, so each target's lists are copied O(log shards) times, not once per
  // later shard. mergeScans's result depends only on the union of its inputs, so the bits are
  // those of one merge of every shard.
  const runs: { scan: PartialScan; shards: number }[] = [];
  const targets: SearchTarget[] = [];
  const rejected: RejectedFamily[] = [];
  let familyCount = 0;
  return {
    add: (s: IndexShardScan): void => {
      if (next >= setup.shardEnd) throw new RangeError(`Shard scan ${next} is beyond the part's shards ${setup.shardStart}-${setup.shardEnd - 1}`);
      let run = { scan: rebaseScan(s.scan, offset), shards: 1 };
      for (let last = runs.at(-1); last !== undefined && last.shards === run.shards; last = runs.at(-1)) {
        runs.pop();
        run = { scan: mergeScans([last.scan, run.scan]), shards: last.shards + run.shards };
      }
      runs.push(run);
      for (const t of s.targets) targets.push(t); // a loop: push(...array) overflows the stack past ~125,000
      for (const r of s.rejected) rejected.push(r);
      familyCount += s.familyCount;
      offset += s.targets.length;
      next++;
    },
    finish: (): IndexSearchPart => {
      if (next !== setup.shardEnd) throw new RangeError(`Shards ${next}-${setup.shardEnd - 1} of the part were not scanned`);
      const done = runs.length === 0 ? rebaseScan(scanRange(emptyIndex(setup.plan), setup.children, 0, 0, setup.settings), offset) : mergeScans(runs.map((r) => r.scan));
      rejected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const c = setup.children;
      return {
        format: SEARCH_PART_FORMAT,
        version: SEARCH_PART_VERSION,
        index: indexIdentity(store),
        part: setup.part,
        parts: setup.parts,
        shardStart: setup.shardStart,
        shardEnd: setup.shardEnd,
        shards: store.manifest.shards.length,
        familiesIn: store.manifest.families,
        settings: setup.settings,
        plan: setup.plan,
        children: { ids: c.ids, loci: c.loci, rejected: c.rejected, notes: c.notes },
        targets,
        familyCount,
        rejected,
        scan: done,
      };
    },
  };
}

/**
 * Searches part `part` of `parts` of an index: the shards
 * [⌊part·N/parts⌋, ⌊(part+1)·N/parts⌋) of its N, one at a time (load, scan
 * every child, release): {@link planIndexSearchPart}, {@link scanIndexShard}
 * per shard, {@link collectIndexSearchPart}. The plan is the plan of a search
 * of all the index's families from the raw files, so every part of a search uses
 * the same plan. A shard laid out for another plan (children with alleles the
 * table lacks) has those loci recomputed from its stored families.
 *
 * Cost: per shard, O(shard bytes) to read and check plus the scan, O(children ×
 * targets × L); memory: one shard's tables plus the partial scans.
 *
 * @throws `ValidationError` for bad options, `index-model-mismatch` when the options ask for another model than the index's.
 * @example
 * ```ts
 * const frequencies = builtinTable('nist1036-cauc');
 * const { manifest, files } = buildFamilyIndexStore(families, { frequencies, shardFamilies: 2 });
 * const bytes = new Map(files.map((f) => [f.file, f.bytes]));
 * const store = openFamilyIndexStore(encodeIndexManifest(manifest), (file) => bytes.get(file)!);
 * const part = searchIndexPart(store, children, { frequencies }, 1, 2);
 * [part.shardStart, part.shardEnd, part.shards]; // => [1, 3, 3]
 * ```
 */
export function searchIndexPart(store: FamilyIndexStore, children: readonly Profile[], options: SearchOptions, part = 0, parts = 1): IndexSearchPart {
  const setup = planIndexSearchPart(store, children, options, part, parts);
  const collector = collectIndexSearchPart(store, setup);
  for (let i = setup.shardStart; i < setup.shardEnd; i++) collector.add(scanIndexShard(store.shard(i), setup));
  return collector.finish();
}

/**
 * Merges the parts of a search of one index (any order in) into its result:
 * the result of {@link searchIndex}, bit for bit, which is the result of a search
 * of the same families from the raw files. The parts must cover every shard once
 * and agree on the index, the children and the settings.
 *
 * Cost: O(children × K × parts + targets × K log K).
 *
 * @throws `ValidationError` `bad-parts` naming what does not fit (another index, other settings or children, a missing or repeated part).
 * @example
 * ```ts
 * const frequencies = builtinTable('nist1036-cauc');
 * const { manifest, files } = buildFamilyIndexStore(families, { frequencies, shardFamilies: 2 });
 * const bytes = new Map(files.map((f) => [f.file, f.bytes]));
 * const store = openFamilyIndexStore(encodeIndexManifest(manifest), (file) => bytes.get(file)!);
 * const parts = [1, 0].map((p) => searchIndexPart(store, children, { frequencies }, p, 2));
 * mergeSearchParts(parts).matches; // => searchFamilies(children, families, { frequencies }).matches
 * ```
 */
export function mergeSearchParts(parts: readonly IndexSearchPart[]): SearchResult {
  checkArray(parts, 'parts', false);
  const problems: string[] = [];
  const sorted = [...parts].sort((a, b) => a.shardStart - b.shardStart || a.shardEnd - b.shardEnd);
  const first = sorted[0];
  if (first === undefined) throw new ValidationError({ code: 'bad-parts', path: ['parts'], message: 'No part to merge' });
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  let at = 0;
  for (const p of sorted) {
    if (p.format !== SEARCH_PART_FORMAT || p.version !== SEARCH_PART_VERSION) problems.push(`not a search part of this version (format = ${String(p.format)} ${String(p.version)})`);
    if (p.index !== first.index || p.shards !== first.shards) problems.push(`parts of different index states (index = ${p.index.slice(0, 12)}, ${first.index.slice(0, 12)})`);
    if (!same(p.settings, first.settings)) problems.push(`parts searched with different settings (${JSON.stringify(p.settings)}, ${JSON.stringify(first.settings)})`);
    if (!same(p.children.ids, first.children.ids) || !same(p.plan, first.plan)) problems.push(`parts searched different children (part ${p.part} of ${p.parts})`);
    if (p.shardStart !== at) problems.push(p.shardStart < at ? `shards ${p.shardStart}-${p.shardEnd - 1} are in two parts` : `shards ${at}-${p.shardStart - 1} are in no part`);
    at = Math.max(at, p.shardEnd);
  }
  if (at !== first.shards) problems.push(`shards ${at}-${first.shards - 1} are in no part`);
  if (problems.length > 0) throw new ValidationError([...new Set(problems)].map((message) => ({ code: 'bad-parts', path: ['parts'], message: `Cannot merge: ${message}` })));
  const targets: SearchTarget[] = [];
  const rejected: RejectedFamily[] = [];
  let familyCount = 0;
  for (const p of sorted) {
    for (const t of p.targets) targets.push(t);
    for (const r of p.rejected) rejected.push(r);
    familyCount += p.familyCount;
  }
  rejected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const scan = mergeScans(sorted.map((p) => p.scan));
  const children: EncodedChildren = { ...first.children, offsets: new Uint16Array(0), masks: new Uint32Array(0), typed: new Uint8Array(0), rejected: first.children.rejected as readonly RejectedChild[], notes: first.children.notes as readonly ChildLocusNote[] };
  return finishSearch({ plan: first.plan, targets, familyCount, rejected }, children, scan, { ...first.settings, familiesIn: first.familiesIn });
}

/**
 * Searches unidentified profiles against an index: {@link searchIndexPart} over
 * every shard, finished by {@link mergeSearchParts}. The result is the result of
 * `searchFamilies` over the index's families with the same options, bit for bit
 * (apart from nothing: the provenance is the same too).
 *
 * Cost: as {@link searchIndexPart} over all shards; no table is built unless
 * children carry alleles the index's allele lists lack (those loci are then
 * recomputed per shard).
 *
 * @example
 * ```ts
 * const frequencies = builtinTable('nist1036-cauc');
 * const { manifest, files } = buildFamilyIndexStore(families, { frequencies, shardFamilies: 2 });
 * const bytes = new Map(files.map((f) => [f.file, f.bytes]));
 * const store = openFamilyIndexStore(encodeIndexManifest(manifest), (file) => bytes.get(file)!);
 * const result = searchIndex(store, children, { frequencies, topK: 3 });
 * result.matches; // => searchFamilies(children, families, { frequencies, topK: 3 }).matches
 * ```
 */
export function searchIndex(store: FamilyIndexStore, children: readonly Profile[], options: SearchOptions): SearchResult {
  return mergeSearchParts([searchIndexPart(store, children, options, 0, 1)]);
}

const ARRAY_TYPES = { Float64Array, Int32Array, Uint8Array, Uint16Array, Uint32Array } as const;
type ArrayName = keyof typeof ARRAY_TYPES;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * A search part as JSON text: typed arrays as `{"$typed": name, "base64": ...}`
 * (exact bits: −Infinity scores and the Σ LR limbs survive), everything else as is.
 *
 * Cost: O(part size).
 */
export function encodeSearchPart(part: IndexSearchPart): string {
  return JSON.stringify(part, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name as ArrayName;
      return { $typed: name, base64: toBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    }
    return v;
  });
}

/**
 * Reads a search part written by {@link encodeSearchPart}.
 *
 * @throws `ValidationError` `bad-parts` for text that is not a search part.
 */
export function decodeSearchPart(text: string): IndexSearchPart {
  let part: IndexSearchPart;
  try {
    part = JSON.parse(text, (_k, v: unknown) => {
      if (typeof v === 'object' && v !== null && '$typed' in v && 'base64' in v) {
        const { $typed, base64 } = v as { $typed: ArrayName; base64: string };
        const Type = ARRAY_TYPES[$typed];
        const bytes = fromBase64(base64);
        return new Type(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Type.BYTES_PER_ELEMENT);
      }
      return v;
    }) as IndexSearchPart;
  } catch {
    throw new ValidationError({ code: 'bad-parts', path: ['part'], message: 'Not a strkin search part (not JSON)' });
  }
  if (part.format !== SEARCH_PART_FORMAT) throw new ValidationError({ code: 'bad-parts', path: ['part'], message: `Not a strkin search part (format = ${JSON.stringify(part.format)})` });
  return part;
}
