/**
 * The persistent family index (src/index): a search of the index equals the
 * search of the raw families (searchFamilies), bit for bit; build + add in
 * pieces equals a build at once; parts merge into the one-machine result;
 * damaged shards and other models are refused.
 */
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { locusSet } from '../../src/profile/loci.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { searchFamilies, type SearchOptions } from '../../src/search/searchFamilies.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import { buildFamilyIndexStore, openFamilyIndexStore, type FamilyIndexStore, type IndexUpdate } from '../../src/index/familyIndexStore.js';
import { addToIndex, removeFromIndex } from '../../src/index/updateIndex.js';
import { decodeSearchPart, encodeSearchPart, mergeSearchParts, searchIndex, searchIndexPart } from '../../src/index/searchIndex.js';
import { decodeIndexShard, encodeIndexManifest } from '../../src/index/indexFormat.js';

const table = builtinTable('nist1036-cauc');
const scenario = simulateSearchScenario({ table, seed: 11, loci: locusSet('identifiler')?.loci ?? [], families: 60, children: 40, related: 12 });

/** A store kept in a Map (the files of an index directory). */
function memoryStore(update: IndexUpdate, files = new Map<string, Uint8Array>()): { store: FamilyIndexStore; files: Map<string, Uint8Array> } {
  for (const f of update.files) files.set(f.file, f.bytes);
  return { store: openFamilyIndexStore(encodeIndexManifest(update.manifest), (file) => files.get(file) as Uint8Array), files };
}

/** The stored content of an index, family by family: hash and table rows under the manifest's layout. */
function content(store: FamilyIndexStore): unknown[] {
  const out: unknown[] = [];
  store.manifest.shards.forEach((_, i) => {
    const s = store.shard(i);
    let t = 0;
    for (const f of s.families) {
      out.push([f.family.id, f.hash, f.reasons, Array.from(s.tables.subarray(t * s.stride, (t + f.targets) * s.stride)), Array.from(s.inconsistent.subarray(t * s.stride, (t + f.targets) * s.stride)), s.loci]);
      t += f.targets;
    }
  });
  return out;
}

const options: SearchOptions = { frequencies: table, topK: 3 };

describe('persistent family index', () => {
  it('a search of the index is the search of the raw families, bit for bit', () => {
    const { store } = memoryStore(buildFamilyIndexStore(scenario.families, { frequencies: table, shardFamilies: 7 }));
    expect(store.manifest.shards.length).toBe(9);
    expect(searchIndex(store, scenario.children, options)).toEqual(searchFamilies(scenario.children, scenario.families, options));
  });

  it('children with alleles the table lacks: the loci concerned are recomputed and the result is still the raw search', () => {
    const rare = scenario.children.map((c, i): Profile => (i % 5 === 0 ? { ...c, genotypes: { ...c.genotypes, TH01: ['13.3', c.genotypes.TH01?.[1] ?? '6'] } } : c));
    const { store } = memoryStore(buildFamilyIndexStore(scenario.families, { frequencies: table, shardFamilies: 25 }));
    const fromIndex = searchIndex(store, rare, options);
    expect(fromIndex).toEqual(searchFamilies(rare, scenario.families, options));
    expect(fromIndex.childNotes.filter((n) => n.locus === 'TH01')).toEqual([]);
  });

  it('build + add in pieces = build at once (index content and search)', () => {
    const fams = scenario.families;
    // A reference allele the table lacks arrives with the second piece: every shard's TH01 is laid out again.
    const odd = fams.map((f, i): Family => {
      if (i !== 41) return f;
      const [person, p] = Object.entries(f.references)[0] as [string, Profile];
      return { ...f, references: { ...f.references, [person]: { ...p, genotypes: { ...p.genotypes, TH01: ['14.1', '6'] } } } };
    });
    const once = memoryStore(buildFamilyIndexStore(odd, { frequencies: table, shardFamilies: 10 }));
    const first = memoryStore(buildFamilyIndexStore(odd.filter((_, i) => i % 3 !== 0), { frequencies: table, shardFamilies: 10 }));
    const update = addToIndex(first.store, odd.filter((_, i) => i % 3 === 0), { frequencies: table, shardFamilies: 10 });
    expect(update.added.length).toBe(20);
    const pieces = memoryStore(update, first.files);
    expect(content(pieces.store)).toEqual(content(once.store));
    expect(searchIndex(pieces.store, scenario.children, options)).toEqual(searchFamilies(scenario.children, odd, options));
    // Adding the same families again changes nothing; a changed family is rebuilt.
    const again = addToIndex(pieces.store, odd.slice(0, 5), { frequencies: table });
    expect([again.added, again.replaced, again.unchanged.length]).toEqual([[], [], 5]);
    const changed = { ...odd[2], missing: (odd[2] as Family).missing, references: {} } as Family;
    const third = addToIndex(pieces.store, [changed], { frequencies: table });
    expect(third.replaced).toEqual([changed.id]);
  });

  it('remove takes families out', () => {
    const { store, files } = memoryStore(buildFamilyIndexStore(scenario.families, { frequencies: table, shardFamilies: 10 }));
    const gone = scenario.families.filter((_, i) => i % 4 === 1).map((f) => f.id);
    const update = removeFromIndex(store, [...gone, 'no such family'], { frequencies: table });
    expect(update.removed).toEqual([...gone].sort());
    const after = memoryStore(update, files);
    const kept = scenario.families.filter((f) => !gone.includes(f.id));
    expect(searchIndex(after.store, scenario.children, options)).toEqual(searchFamilies(scenario.children, kept, options));
  });

  it('parts searched apart and merged = one search (any order, through their JSON)', () => {
    const { store } = memoryStore(buildFamilyIndexStore(scenario.families, { frequencies: table, shardFamilies: 6 }));
    const parts = [2, 0, 3, 1].map((p) => decodeSearchPart(encodeSearchPart(searchIndexPart(store, scenario.children, options, p, 4))));
    expect(mergeSearchParts(parts)).toEqual(searchIndex(store, scenario.children, options));
    expect(() => mergeSearchParts(parts.slice(1))).toThrow(/are in no part/);
  });

  it('refuses a damaged shard, another model and a repeated family id', () => {
    const update = buildFamilyIndexStore(scenario.families.slice(0, 5), { frequencies: table });
    const bytes = (update.files[0]?.bytes as Uint8Array).slice();
    bytes[bytes.length - 9] = (bytes[bytes.length - 9] as number) ^ 1;
    const store = openFamilyIndexStore(encodeIndexManifest(update.manifest), () => bytes);
    expect(() => store.shard(0)).toThrow(/Index shard is damaged: its SHA-256 does not match the manifest \(file = shard-/);
    const good = memoryStore(update).store;
    expect(() => searchIndex(good, scenario.children, { ...options, theta: 0.01 })).toThrow(/The index was built with another model: theta \(index = 0, asked = 0.01\)/);
    expect(() => searchIndex(good, scenario.children, { ...options, frequencies: builtinTable('nist1036-afam') })).toThrow(/frequency table/);
    expect(() => buildFamilyIndexStore([...scenario.families.slice(0, 2), scenario.families[0] as Family], { frequencies: table })).toThrow(/A family id is given twice/);
    expect(() => decodeIndexShard(new Uint8Array(20))).toThrow(/Not a strkin index shard/);
  });

  it('Float32 tables: half the table bytes, every entry the Float32 rounding, log10 LR within 1e-5', () => {
    const exact = memoryStore(buildFamilyIndexStore(scenario.families, { frequencies: table, shardFamilies: 30 })).store;
    const small = memoryStore(buildFamilyIndexStore(scenario.families, { frequencies: table, shardFamilies: 30, tableBytes: 4 })).store;
    expect(small.manifest.tableBytes).toBe(4);
    const a = exact.shard(0);
    const b = small.shard(0);
    expect(Array.from(b.tables)).toEqual(Array.from(Float32Array.from(a.tables)));
    expect(small.manifest.shards[0]?.bytes).toBeLessThan(0.7 * (exact.manifest.shards[0]?.bytes as number));
    const x = searchIndex(exact, scenario.children, options).matches;
    const y = searchIndex(small, scenario.children, options).matches;
    expect(y.map((m) => [m.child, m.family])).toEqual(x.map((m) => [m.child, m.family]));
    y.forEach((m, i) => expect(Math.abs((m.log10LR ?? 0) - (x[i]?.log10LR ?? 0))).toBeLessThan(1e-5));
    // The Float32 index keeps its table type through an add.
    const added = addToIndex(small, scenario.families.slice(0, 3).map((f) => ({ ...f, id: `${f.id}-again` })), { frequencies: table });
    expect(added.manifest.tableBytes).toBe(4);
  });
});
