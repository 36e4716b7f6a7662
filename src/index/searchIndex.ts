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
import { sha256Hex } from './indexFormat.js';
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

/**
 * Searches part `part` of `parts` of an index: the shards
 * [⌊part·N/parts⌋, ⌊(part+1)·N/parts⌋) of its N, one at a time (load, scan
 * every child, release). The plan is the plan of a search of all the index's
 * families from the raw files (it depends on the index's observed alleles and
 * the children only), so every part of a search uses the same plan. A shard laid
 * out for another plan (children with alleles the table lacks) has those loci
 * recomputed from its stored families.
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
  checkArray(children, 'children', true);
  checkObject(options, 'options');
  validateSearchOptions(options);
  checkIndexModel(store.manifest, options);
  if (!(Number.isInteger(parts) && parts >= 1 && Number.isInteger(part) && part >= 0 && part < parts)) {
    throw new ValidationError({ code: 'bad-option', path: ['part'], message: `A part must be an integer in [0, parts) (part = ${String(part)}, parts = ${String(parts)})` });
  }
  const plan = indexSearchPlan(store.manifest, children, options);
  const encoded = encodeChildren(children, plan);
  const N = store.manifest.shards.length;
  const shardStart = Math.floor((part * N) / parts);
  const shardEnd = Math.floor(((part + 1) * N) / parts);
  let offset = 0;
  for (let i = 0; i < shardStart; i++) offset += store.manifest.shards[i]?.targets ?? 0;
  const settings = scanSettings(options);
  // Merged after each shard, so that only one shard's tables and one running scan are held.
  let scan: PartialScan | undefined;
  const targets: SearchTarget[] = [];
  const rejected: RejectedFamily[] = [];
  let familyCount = 0;
  for (let i = shardStart; i < shardEnd; i++) {
    const index = shardIndex(store.shard(i), plan);
    const part = rebaseScan(scanRange(index, encoded, 0, index.targets.length, settings), offset);
    scan = scan === undefined ? part : mergeScans([scan, part]);
    for (const t of index.targets) targets.push(t);
    for (const r of index.rejected) rejected.push(r);
    familyCount += index.familyCount;
    offset += index.targets.length;
  }
  scan ??= rebaseScan(scanRange(emptyIndex(plan), encoded, 0, 0, settings), offset);
  rejected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    format: SEARCH_PART_FORMAT,
    version: SEARCH_PART_VERSION,
    index: indexIdentity(store),
    part,
    parts,
    shardStart,
    shardEnd,
    shards: N,
    familiesIn: store.manifest.families,
    settings,
    plan,
    children: { ids: encoded.ids, loci: encoded.loci, rejected: encoded.rejected, notes: encoded.notes },
    targets,
    familyCount,
    rejected,
    scan,
  };
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
