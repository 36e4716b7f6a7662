/**
 * The sex filter of the search (metadata): a pair whose child and missing
 * person have known, different sexes is excluded (counted, not scored, not in
 * Σ LR); an unknown sex never excludes; no pair's LR changes; the result does
 * not depend on the thread split; `ignoreMetadata` turns it off.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { Profile, Sex } from '../../src/profile/Profile.js';
import { identifyChildren } from '../../src/search/decide/identifyChildren.js';
import { encodeChildren } from '../../src/search/encodeChildren.js';
import type { Family } from '../../src/search/Family.js';
import { buildFamilyIndex, orderFamilies } from '../../src/search/familyIndex.js';
import { planSearch } from '../../src/search/plan.js';
import { mergeScans, rebaseScan, scanRange, type PartialScan } from '../../src/search/scan.js';
import { finishSearch, searchFamilies, type SearchOptions } from '../../src/search/searchFamilies.js';
import { makeRng, randomProfile, simulateFamily, type Rng } from '../arbitraries/search.js';

const table = builtinTable('nist1036-cauc');
const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'D8S1179', 'CSF1PO'];
const base: SearchOptions = { frequencies: table, minLoci: 3, topK: 20 };
const SEXES: Sex[] = ['male', 'female', 'unknown'];

/** Families whose missing person has a random sex; the true child carries the same sex or unknown (compatible by construction); unrelated children random sexes. */
function world(seed: number): { families: Family[]; children: Profile[]; rng: Rng } {
  const rng = makeRng(seed);
  const families: Family[] = [];
  const children: Profile[] = [];
  for (let i = 0; i < 6; i++) {
    const sim = simulateFamily(rng, table, LOCI, `F${i}`, { dropout: 0.1 });
    const sex = SEXES[Math.floor(rng() * 3)] as Sex;
    families.push({ ...sim.family, pedigree: { persons: sim.family.pedigree.persons.map((p) => (p.id === 'M' ? { ...p, sex } : p)) } });
    if (i % 2 === 0) children.push({ ...sim.truth, sex: rng() < 0.5 ? sex : 'unknown' });
  }
  for (let i = 0; i < 4; i++) children.push({ ...randomProfile(rng, table, LOCI, `U${i}`, 0.1), sex: SEXES[Math.floor(rng() * 3)] as Sex });
  return { families, children, rng };
}

const key = (child: string, family: string): string => `${child}\u0000${family}`;

describe('the sex filter', () => {
  it('excludes exactly the pairs of known, different sexes; keeps every true pair; changes no LR; counts add up', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { families, children } = world(seed);
        const on = searchFamilies(children, families, base);
        const off = searchFamilies(children, families, { ...base, ignoreMetadata: true });
        const sexOf = new Map(families.map((f) => [f.id, f.pedigree.persons.find((p) => p.id === 'M')?.sex]));
        const childSex = new Map(children.map((c) => [c.sample, c.sex]));
        const conflict = (child: string, family: string): boolean => {
          const a = childSex.get(child);
          const b = sexOf.get(family);
          return a !== 'unknown' && b !== 'unknown' && a !== b;
        };
        const offPairs = new Map(off.matches.map((m) => [key(m.child, m.family), m]));
        for (const m of on.matches) {
          expect(conflict(m.child, m.family)).toBe(false);
          expect(Object.is(offPairs.get(key(m.child, m.family))?.lnLR, m.lnLR)).toBe(true);
        }
        for (const m of off.matches) if (!conflict(m.child, m.family) && m.rankForChild !== null) expect(on.matches.some((x) => x.child === m.child && x.family === m.family)).toBe(true);
        // true pairs are compatible by construction and never removed
        for (const c of children) if (c.sample.startsWith('truth:')) expect(on.matches.some((m) => m.child === c.sample && `truth:${m.family}` === c.sample)).toBe(true);
        let expected = 0;
        for (const c of children) for (const f of families) if (conflict(c.sample, f.id)) expected++;
        expect(on.accounting.pairsExcludedBySex).toBe(expected);
        expect(off.accounting.pairsExcludedBySex).toBe(0);
        expect(on.accounting.pairsScored + on.accounting.pairsInsufficient + expected).toBe(children.length * families.length);
        for (const c of on.accounting.children) expect(c.pairsScored + c.pairsInsufficient + c.pairsExcluded).toBe(families.length);
      }),
      { numRuns: 10 },
    );
  });

  it('is independent of the split of the families in ranges', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }), (seed, cuts) => {
        const { families, children } = world(seed);
        const whole = searchFamilies(children, families, base);
        const plan = planSearch(families, children, base);
        const { ordered } = orderFamilies(families);
        const encoded = encodeChildren(children, plan);
        const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, ordered.length)), ordered.length])].sort((x, y) => x - y);
        let offset = 0;
        const scans: PartialScan[] = [];
        const targets = [];
        let familyCount = 0;
        for (let i = 1; i < bounds.length; i++) {
          const sub = buildFamilyIndex(ordered.slice(bounds[i - 1], bounds[i]), { plan });
          scans.push(rebaseScan(scanRange(sub, encoded, 0, sub.targets.length, { ...base, blockTargets: 1 + (i % 4) }), offset));
          targets.push(...sub.targets);
          familyCount += sub.familyCount;
          offset += sub.targets.length;
        }
        expect(finishSearch({ plan, targets, familyCount, rejected: [] }, encoded, mergeScans(scans), { ...base, familiesIn: families.length })).toStrictEqual(whole);
      }),
      { numRuns: 8 },
    );
  });

  it('a child of the other sex than every missing person is "excluded by metadata"', () => {
    const rng = makeRng(4);
    const families = Array.from({ length: 3 }, (_, i) => {
      const f = simulateFamily(rng, table, LOCI, `F${i}`).family;
      return { ...f, pedigree: { persons: f.pedigree.persons.map((p) => (p.id === 'M' ? { ...p, sex: 'female' as const } : p)) } };
    });
    const boy = { ...randomProfile(rng, table, LOCI, 'boy'), sex: 'male' as const };
    const result = searchFamilies([boy], families, base);
    expect(result.accounting.children[0]).toMatchObject({ status: 'excluded-by-metadata', pairsExcluded: 3, pairsScored: 0 });
    expect(identifyChildren(result).decisions[0]?.decision).toBe('excluded by metadata');
    expect(result.accounting.children[0]?.reasons).toEqual(['every missing person is of the other sex']);
    for (const f of result.accounting.families) expect(f).toMatchObject({ status: 'excluded-by-metadata', pairsExcluded: 1, reasons: ['every child is of the other sex'] });
    expect(identifyChildren(searchFamilies([boy], families, { ...base, ignoreMetadata: true })).decisions[0]?.decision).not.toBe('excluded by metadata');
  });
});
