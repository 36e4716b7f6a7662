/**
 * Property: an index built from any split of the families into a build and
 * several adds (in any order, with removals of families added back) searches
 * exactly as the raw families, and holds the same content as a build at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import { buildFamilyIndexStore, openFamilyIndexStore, type FamilyIndexStore, type IndexUpdate } from '../../src/index/familyIndexStore.js';
import { addToIndex, removeFromIndex } from '../../src/index/updateIndex.js';
import { encodeIndexManifest } from '../../src/index/indexFormat.js';
import { searchIndex } from '../../src/index/searchIndex.js';

const table = builtinTable('nist1036-cauc');
const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'CSF1PO', 'vWA', 'FGA', 'D8S1179', 'D21S11', 'D18S51'];
const scenario = simulateSearchScenario({ table, seed: 3, loci: LOCI, families: 24, children: 12, related: 4 });
/** Alleles the table lacks, given to a few references and children so that allele lists change between pieces. */
const RARE = ['13.3', '4.2', 'OL'];

function withRare(p: Profile, k: number): Profile {
  const locus = LOCI[k % 4] as string;
  const g = p.genotypes[locus];
  return g === undefined ? p : { ...p, genotypes: { ...p.genotypes, [locus]: [RARE[k % RARE.length] as string, g[1]] } };
}

const files = new Map<string, Uint8Array>();
const open = (u: IndexUpdate): FamilyIndexStore => {
  for (const f of u.files) files.set(f.file, f.bytes);
  return openFamilyIndexStore(encodeIndexManifest(u.manifest), (file) => files.get(file) as Uint8Array);
};
const content = (store: FamilyIndexStore): unknown[] =>
  store.manifest.shards.flatMap((_, i) => {
    const s = store.shard(i);
    let t = 0;
    return s.families.map((f) => {
      const rows = Array.from(s.tables.subarray(t * s.stride, (t += f.targets) * s.stride));
      return [f.family.id, f.hash, s.loci, rows.map((x) => (Number.isNaN(x) ? 'NaN' : x))];
    });
  });

describe('index built in pieces', () => {
  it('equals the build at once and searches as the raw families', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: scenario.families.length, maxLength: scenario.families.length }),
        fc.array(fc.boolean(), { minLength: scenario.families.length, maxLength: scenario.families.length }),
        fc.integer({ min: 1, max: 9 }),
        fc.subarray([0, 3, 5, 8]),
        (piece, rare, shardFamilies, rareChildren) => {
          const families: Family[] = scenario.families.map((f, i) => {
            if (!rare[i]) return f;
            const [person, p] = Object.entries(f.references)[0] as [string, Profile];
            return { ...f, references: { ...f.references, [person]: withRare(p, i) } };
          });
          const children = scenario.children.map((c, i) => (rareChildren.includes(i) ? withRare(c, i + 1) : c));
          const options = { frequencies: table, shardFamilies };
          let store = open(buildFamilyIndexStore(families.filter((_, i) => piece[i] === 0), options));
          for (const k of [3, 1, 2]) store = open(addToIndex(store, families.filter((_, i) => piece[i] === k), options));
          // Remove a few and add them back.
          const some = families.filter((_, i) => i % 5 === 0);
          store = open(removeFromIndex(store, some.map((f) => f.id), options));
          store = open(addToIndex(store, some, options));
          const once = open(buildFamilyIndexStore(families, options));
          expect(content(store)).toEqual(content(once));
          expect(searchIndex(store, children, { frequencies: table, topK: 2, minLoci: 6 })).toEqual(searchFamilies(children, families, { frequencies: table, topK: 2, minLoci: 6 }));
        },
      ),
      { numRuns: 4 },
    );
  }, 300_000);
});
