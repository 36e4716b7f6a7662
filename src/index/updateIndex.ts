/**
 * Changing a persistent family index: adding families (only new or changed
 * ones built) and removing them, with every shard laid out under the new plan.
 */
import type { Family } from '../search/Family.js';
import { planSearch } from '../search/plan.js';
import { checkArray, checkObject } from '../util/args.js';
import { familyContentHash, encodeIndexShard, type IndexShard, type IndexShardEntry } from './indexFormat.js';
import { buildFamilyIndexStore, checkIndexModel, cut, distinct, entryOf, manifestOf, shardFamiliesOf, withXLoci, type FamilyIndexStore, type IndexStoreOptions, type IndexUpdate } from './familyIndexStore.js';
import { buildShard, joinShards, observedOf, observedStandIn, relayoutShard, unionObserved } from './shardTables.js';

/** What replaces a touched shard: the families kept from it (as stored) and the families to build. */
interface Rewrite {
  readonly kept: IndexShard;
  readonly fresh: readonly Family[];
}

/**
 * The new state after rewriting shards `rewrites` (shard index -> kept + fresh families):
 * the new plan comes from the observed alleles of the new state; fresh families are
 * built under it, and every shard whose layout it changes is laid out again.
 */
function commit(store: FamilyIndexStore, rewrites: ReadonlyMap<number, Rewrite>, hashes: ReadonlyMap<string, string>, options: IndexStoreOptions, ids: Omit<IndexUpdate, 'manifest' | 'files'>): IndexUpdate {
  const size = shardFamiliesOf(options);
  const old = store.manifest.shards;
  const observed = unionObserved([
    ...old.filter((_, i) => !rewrites.has(i)).map((e) => e.observed),
    ...[...rewrites.values()].map((r) => unionObserved([r.kept.observed, observedOf(r.fresh)])),
  ]);
  const plan = planSearch(observedStandIn(observed), [], withXLoci(options));
  const files: { file: string; bytes: Uint8Array }[] = [];
  const entries: IndexShardEntry[] = [];
  const tableBytes = store.manifest.tableBytes;
  const push = (laid: IndexShard): void => {
    if (laid.families.length === 0) return;
    const shard = { ...laid, tableBytes };
    const bytes = encodeIndexShard(shard);
    const entry = entryOf(shard, bytes);
    if (options.onFile !== undefined) options.onFile(entry.file, bytes);
    else if (!files.some((f) => f.file === entry.file)) files.push({ file: entry.file, bytes });
    entries.push(entry);
  };
  const planLoci = plan.loci.map((l) => ({ name: l.name, alleles: l.alleles }));
  const layoutChanged = JSON.stringify(planLoci) !== JSON.stringify(store.manifest.loci);
  old.forEach((e, i) => {
    const r = rewrites.get(i);
    if (r !== undefined) {
      const parts = [relayoutShard(r.kept, plan)];
      if (r.fresh.length > 0) parts.push(buildShard(r.fresh, plan, hashes));
      const joined = joinShards(parts);
      if (joined.families.length > 2 * size) {
        for (const chunk of cut(joined.families.map((f) => f.family.id), size)) {
          const keep = new Set(chunk);
          push(joinShards([joined], (f) => keep.has(f.family.id)));
        }
      } else push(joined);
    } else if (layoutChanged) push(relayoutShard(store.shard(i), plan));
    else entries.push(e);
  });
  return { manifest: manifestOf(store.manifest.model, store.manifest.generation + 1, plan, observed, entries, tableBytes), files, ...ids };
}

/** Index of the shard a family id belongs to: the one whose range holds it, else the one before the first shard starting after it. */
function shardFor(entries: readonly IndexShardEntry[], id: string): number {
  let lo = 0;
  let hi = entries.length - 1;
  let at = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((entries[mid] as IndexShardEntry).first <= id) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at;
}

/**
 * Adds families to an index: families with a new id are built, families whose
 * content hash changed are rebuilt, the others are left as they are (their
 * tables copied, not recomputed). When the new families bring alleles or loci
 * the index lacked, the loci concerned are recomputed in every shard (the
 * tables of the new state are those a build of all the families at once gives).
 *
 * Cost: the build of the new and changed families, plus, per locus whose allele
 * list changed, one peeling pass of that locus for every family; O(bytes) of the
 * shards touched to rewrite them.
 *
 * @throws `ValidationError` `index-model-mismatch` (options ask for another model), `duplicate-family`, `bad-option`.
 * @example
 * ```ts
 * const frequencies = builtinTable('nist1036-cauc');
 * const first = buildFamilyIndexStore([family], { frequencies });
 * const bytes = new Map(first.files.map((f) => [f.file, f.bytes]));
 * const store = openFamilyIndexStore(encodeIndexManifest(first.manifest), (file) => bytes.get(file)!);
 * addToIndex(store, [family], { frequencies }).unchanged; // => [family.id]
 * ```
 */
export function addToIndex(store: FamilyIndexStore, families: readonly Family[], options: IndexStoreOptions): IndexUpdate {
  checkArray(families, 'families', true);
  checkObject(options, 'options');
  checkIndexModel(store.manifest, options);
  shardFamiliesOf(options);
  const ordered = distinct(families);
  const model = store.manifest.model;
  const hashes = new Map(ordered.map((f) => [f.id, familyContentHash(f, model)]));
  const entries = store.manifest.shards;
  if (entries.length === 0) {
    const built = buildFamilyIndexStore(ordered, { ...options, tableBytes: store.manifest.tableBytes });
    return { ...built, manifest: { ...built.manifest, generation: store.manifest.generation + 1 } };
  }
  const byShard = new Map<number, Family[]>();
  for (const f of ordered) {
    const i = shardFor(entries, f.id);
    const list = byShard.get(i);
    if (list === undefined) byShard.set(i, [f]);
    else list.push(f);
  }
  const added: string[] = [];
  const replaced: string[] = [];
  const unchanged: string[] = [];
  const rewrites = new Map<number, Rewrite>();
  for (const [i, list] of byShard) {
    const shard = store.shard(i);
    const known = new Map(shard.families.map((f) => [f.family.id, f.hash]));
    const fresh = list.filter((f) => {
      const h = known.get(f.id);
      if (h === undefined) added.push(f.id);
      else if (h !== hashes.get(f.id)) replaced.push(f.id);
      else unchanged.push(f.id);
      return h !== hashes.get(f.id);
    });
    if (fresh.length === 0) continue;
    const freshIds = new Set(fresh.map((f) => f.id));
    rewrites.set(i, { kept: joinShards([shard], (f) => !freshIds.has(f.family.id)), fresh });
  }
  return commit(store, rewrites, hashes, options, { added: added.sort(), replaced: replaced.sort(), unchanged: unchanged.sort(), removed: [] });
}

/**
 * Removes families from an index by id. The shards holding them are rewritten
 * without them; when the removal takes alleles or loci out of the index's plan,
 * the loci concerned are recomputed in every shard.
 *
 * Cost: O(bytes) of the shards touched, plus the recomputation of changed loci.
 *
 * @example
 * ```ts
 * const frequencies = builtinTable('nist1036-cauc');
 * const first = buildFamilyIndexStore([family], { frequencies });
 * const bytes = new Map(first.files.map((f) => [f.file, f.bytes]));
 * const store = openFamilyIndexStore(encodeIndexManifest(first.manifest), (file) => bytes.get(file)!);
 * const update = removeFromIndex(store, [family.id, 'nobody'], { frequencies });
 * [update.removed, update.manifest.families]; // => [[family.id], 0]
 * ```
 */
export function removeFromIndex(store: FamilyIndexStore, ids: readonly string[], options: IndexStoreOptions): IndexUpdate {
  checkArray(ids, 'ids', false);
  checkIndexModel(store.manifest, options);
  const wanted = new Set(ids);
  const removed: string[] = [];
  const rewrites = new Map<number, Rewrite>();
  store.manifest.shards.forEach((e, i) => {
    if (![...wanted].some((id) => id >= e.first && id <= e.last)) return;
    const shard = store.shard(i);
    const hit = shard.families.filter((f) => wanted.has(f.family.id));
    if (hit.length === 0) return;
    for (const f of hit) removed.push(f.family.id);
    rewrites.set(i, { kept: joinShards([shard], (f) => !wanted.has(f.family.id)), fresh: [] });
  });
  return commit(store, rewrites, new Map(), options, { added: [], replaced: [], unchanged: [], removed: removed.sort() });
}
