/**
 * The family index with X-chromosomal loci and with the model options of a search
 * from files (mutation rates, silent allele frequencies): a search of the index is
 * `searchFamilies` with the same options, bit for bit, also after an add; other
 * settings are refused naming the difference. The scans of a part's shards,
 * made in any order and collected in shard order, give the part (what the CLI's
 * worker threads do). An index of format version 1 is refused with what to do.
 */
import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { locusSet } from '../../src/profile/loci.js';
import { searchFamilies, type SearchOptions } from '../../src/search/searchFamilies.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import { buildFamilyIndexStore, modelOptions, openFamilyIndexStore, type FamilyIndexStore, type IndexUpdate } from '../../src/index/familyIndexStore.js';
import { addToIndex } from '../../src/index/updateIndex.js';
import { collectIndexSearchPart, planIndexSearchPart, scanIndexShard, searchIndex, searchIndexPart } from '../../src/index/searchIndex.js';
import { decodeIndexManifest, encodeIndexManifest } from '../../src/index/indexFormat.js';
import { table as xTable, world, X } from '../arbitraries/xWorld.js';

/** A store kept in a Map (the files of an index directory). */
function memoryStore(update: IndexUpdate, files = new Map<string, Uint8Array>()): { store: FamilyIndexStore; files: Map<string, Uint8Array> } {
  for (const f of update.files) files.set(f.file, f.bytes);
  return { store: openFamilyIndexStore(encodeIndexManifest(update.manifest), (file) => files.get(file) as Uint8Array), files };
}

/** The messages of the `index-model-mismatch` issues `f` throws. */
function mismatches(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof StrkinError) return e.allIssues.filter((i) => i.code === 'index-model-mismatch').map((i) => i.message);
    throw e;
  }
  return [];
}

describe('family index: X loci', () => {
  const xw = world(5, '', 10, 6);
  const opts: SearchOptions = { frequencies: xTable, minLoci: 1, topK: 5 };
  const build = { frequencies: xTable, shardFamilies: 3 };

  it('stores X tables and searches them as the raw search does (missing persons and children of unknown sex included), also after an add', () => {
    // The world has what the unknown-sex rules act on.
    expect(xw.families.some((f) => f.pedigree.persons.find((p) => p.id === 'M')?.sex === 'unknown')).toBe(true);
    expect(xw.children.some((c) => c.sex === 'unknown')).toBe(true);
    const { store } = memoryStore(buildFamilyIndexStore(xw.families, build));
    expect(store.manifest.model.xLoci).toBe(true);
    expect(store.manifest.loci.map((l) => l.name)).toEqual(expect.arrayContaining(X));
    const raw = searchFamilies(xw.children, xw.families, opts);
    expect(raw.matches.filter((m) => (m.byType?.X ?? 0) !== 0).length).toBeGreaterThan(3); // X is compared
    expect(searchIndex(store, xw.children, opts)).toEqual(raw);
    const first = memoryStore(buildFamilyIndexStore(xw.families.slice(0, 6), build));
    const update = addToIndex(first.store, xw.families.slice(6), build);
    expect(searchIndex(memoryStore(update, first.files).store, xw.children, opts)).toEqual(raw);
  });

  it('an index built without X loci is searched without them only; asking otherwise is refused', () => {
    const { store } = memoryStore(buildFamilyIndexStore(xw.families, { ...build, xLoci: false }));
    expect(store.manifest.loci.map((l) => l.name).filter((l) => X.includes(l))).toEqual([]);
    expect(mismatches(() => searchIndex(store, xw.children, opts))).toEqual(['The index was built with another model: X loci (index = not compared, asked = compared)']);
    expect(searchIndex(store, xw.children, { ...opts, xLoci: false })).toEqual(searchFamilies(xw.children, xw.families, { ...opts, xLoci: false }));
  });
});

describe('family index: mutation rates and silent allele frequencies', () => {
  const table = builtinTable('nist1036-cauc');
  const scenario = simulateSearchScenario({ table, seed: 31, loci: locusSet('identifiler')?.loci ?? [], families: 40, children: 20, related: 8 });
  const model = { frequencies: table, mutation: 'equal' as const, mutationRates: { female: 0.002, male: 0.004 }, silentFrequency: { th01: 0.02, D8S1179: 0.01 } };
  const options: SearchOptions = { ...model, topK: 3 };
  const { store, files } = memoryStore(buildFamilyIndexStore(scenario.families.slice(0, 30), { ...model, shardFamilies: 8 }));

  it('are recorded in the model (silent frequencies per canonical locus) and a search with the same settings is the raw search, also after an add', () => {
    expect(store.manifest.model.mutationRates).toEqual({ female: 0.002, male: 0.004 });
    expect(store.manifest.model.silentFrequencies).toEqual({ D8S1179: 0.01, TH01: 0.02 });
    expect(searchIndex(store, scenario.children, options)).toEqual(searchFamilies(scenario.children, scenario.families.slice(0, 30), options));
    // `index add` takes the model from the index (modelOptions), as the CLI does.
    const added = memoryStore(addToIndex(store, scenario.families.slice(30), modelOptions(store.manifest.model, table)), files).store;
    expect(added.manifest.model).toEqual(store.manifest.model);
    expect(searchIndex(added, scenario.children, options)).toEqual(searchFamilies(scenario.children, scenario.families, options));
  });

  it('a search with other settings is refused, naming each difference', () => {
    const { mutationRates: _r, silentFrequency: _s, ...plain } = options;
    expect(mismatches(() => searchIndex(store, scenario.children, plain))).toEqual([
      'The index was built with another model: mutation rates (index = female 0.002, male 0.004, asked = built-in per-locus rates)',
      'The index was built with another model: silent allele frequencies (index = D8S1179 0.01, TH01 0.02, asked = none)',
    ]);
    expect(mismatches(() => searchIndex(store, scenario.children, { ...options, mutationRates: { female: 0.002 } }))).toEqual(['The index was built with another model: mutation rates (index = female 0.002, male 0.004, asked = female 0.002, male built-in)']);
    expect(mismatches(() => searchIndex(store, scenario.children, { ...options, silentFrequency: 0.01 }))[0]).toMatch(/^The index was built with another model: silent allele frequencies \(index = D8S1179 0.01, TH01 0.02, asked = CSF1PO 0.01, D10S1248 0.01, .*, vWA 0.01\)$/);
  });

  it('shard scans made in any order and collected in shard order give the part of one thread', () => {
    const setup = planIndexSearchPart(store, scenario.children, options, 0, 1);
    const scans = [3, 2, 1, 0].map((i) => ({ i, scan: scanIndexShard(store.shard(i), setup) })).sort((a, b) => a.i - b.i);
    const collector = collectIndexSearchPart(store, setup);
    for (const s of scans) collector.add(s.scan);
    expect(collector.finish()).toEqual(searchIndexPart(store, scenario.children, options));
    const short = collectIndexSearchPart(store, setup);
    short.add(scans[0]!.scan);
    expect(() => short.finish()).toThrow(/Shards 1-3 of the part were not scanned/);
  });
});

describe('family index format version', () => {
  it('an index of format version 1 is refused with what to do', () => {
    const manifest = buildFamilyIndexStore([], { frequencies: builtinTable('nist1036-cauc') }).manifest;
    const old = encodeIndexManifest({ ...manifest, version: 1 });
    expect(() => decodeIndexManifest(old)).toThrow('Index of another format version (version = 1; this strkin reads version 3): rebuild it from the families and profiles files with strkin index build --force');
  });
});
