/**
 * The year-of-birth rule of the search (metadata, docs/identification.md §0):
 * a pair is excluded when both years of birth are known and more than
 * `ageTolerance` years apart; unknown never excludes; a true pair whose years
 * are compatible by construction is never removed; no kept pair's LR changes;
 * pairs removed are counted per rule (sex first, then years of birth); the
 * result does not depend on the input order or on the split between threads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { BirthYears } from '../../src/profile/born.js';
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
const SEXES: Sex[] = ['male', 'female', 'unknown'];

const years = (rng: Rng): BirthYears | undefined => {
  if (rng() < 0.25) return undefined;
  const from = 2000 + Math.floor(rng() * 16);
  return { from, to: from + Math.floor(rng() * 3) };
};

/**
 * Families with random sex and years of birth of the missing person; each true
 * child gets the same sex or unknown and years of birth within `tol` of the
 * missing person's (or unknown): compatible by construction. Unrelated children random.
 */
function world(seed: number, tol: number): { families: Family[]; children: Profile[] } {
  const rng = makeRng(seed);
  const families: Family[] = [];
  const children: Profile[] = [];
  for (let i = 0; i < 6; i++) {
    const sim = simulateFamily(rng, table, LOCI, `F${i}`, { dropout: 0.1 });
    const sex = SEXES[Math.floor(rng() * 3)] as Sex;
    const born = years(rng);
    families.push({ ...sim.family, pedigree: { persons: sim.family.pedigree.persons.map((p) => (p.id === 'M' ? { ...p, sex } : p)) }, ...(born === undefined ? {} : { born: { M: born } }) });
    if (i % 2 === 0) {
      // An estimate of the true years: shifted by at most tol (both directions), 0-2 years wide.
      const shift = Math.floor(rng() * (2 * Math.floor(tol) + 1)) - Math.floor(tol);
      const childBorn = born === undefined || rng() < 0.2 ? undefined : { from: born.from + shift - Math.floor(rng() * 2), to: born.to + shift + Math.floor(rng() * 2) };
      children.push({ ...sim.truth, sex: rng() < 0.5 ? sex : 'unknown', ...(childBorn === undefined ? {} : { born: childBorn }) });
    }
  }
  for (let i = 0; i < 5; i++) {
    const born = years(rng);
    children.push({ ...randomProfile(rng, table, LOCI, `U${i}`, 0.1), sex: SEXES[Math.floor(rng() * 3)] as Sex, ...(born === undefined ? {} : { born }) });
  }
  return { families, children };
}

const key = (child: string, family: string): string => `${child}\u0000${family}`;
const shuffle = <T>(xs: readonly T[], rng: Rng): T[] => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
};

describe('the year-of-birth rule', () => {
  it('excludes exactly the pairs of known years more than the tolerance apart (of compatible sex); keeps true pairs; changes no LR; counts per rule', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 3 }), (seed, tol) => {
        const { families, children } = world(seed, tol);
        const base: SearchOptions = { frequencies: table, minLoci: 3, topK: 20, ageTolerance: tol };
        const on = searchFamilies(children, families, base);
        const off = searchFamilies(children, families, { ...base, ignoreMetadata: true });
        const fam = new Map(families.map((f) => [f.id, { sex: f.pedigree.persons.find((p) => p.id === 'M')?.sex, born: f.born?.['M'] }]));
        const kid = new Map(children.map((c) => [c.sample, c]));
        const sexConflict = (c: string, f: string): boolean => {
          const a = kid.get(c)?.sex;
          const b = fam.get(f)?.sex;
          return a !== 'unknown' && b !== 'unknown' && a !== b;
        };
        const ageConflict = (c: string, f: string): boolean => {
          const a = kid.get(c)?.born;
          const b = fam.get(f)?.born;
          return a !== undefined && b !== undefined && (a.from - tol > b.to || b.from - tol > a.to);
        };
        const offPairs = new Map(off.matches.map((m) => [key(m.child, m.family), m]));
        for (const m of on.matches) {
          expect(sexConflict(m.child, m.family) || ageConflict(m.child, m.family)).toBe(false);
          expect(Object.is(offPairs.get(key(m.child, m.family))?.lnLR, m.lnLR)).toBe(true);
        }
        for (const c of children) if (c.sample.startsWith('truth:')) expect(on.matches.some((m) => m.child === c.sample && `truth:${m.family}` === c.sample)).toBe(true);
        let bySex = 0;
        let byAge = 0;
        for (const c of children) {
          for (const f of families) {
            if (sexConflict(c.sample, f.id)) bySex++;
            else if (ageConflict(c.sample, f.id)) byAge++;
          }
        }
        expect(on.accounting.pairsExcludedBySex).toBe(bySex);
        expect(on.accounting.pairsExcludedByAge).toBe(byAge);
        expect(off.accounting.pairsExcludedByAge + off.accounting.pairsExcludedBySex).toBe(0);
        expect(on.accounting.pairsScored + on.accounting.pairsInsufficient + bySex + byAge).toBe(children.length * families.length);
        for (const c of on.accounting.children) expect(c.pairsScored + c.pairsInsufficient + c.pairsExcluded).toBe(families.length);
        // Identification over the kept pairs only: posteriors of each child plus none sum to 1.
        const id = identifyChildren(on);
        for (const d of id.decisions) if (d.decision === 'identified') expect(ageConflict(d.child, d.family ?? '') || sexConflict(d.child, d.family ?? '')).toBe(false);
      }),
      { numRuns: 12 },
    );
  });

  it('does not depend on the input order or on the split of the families between threads', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }), (seed, cuts) => {
        const { families, children } = world(seed, 2);
        const base: SearchOptions = { frequencies: table, minLoci: 3, topK: 20 };
        const whole = searchFamilies(children, families, base);
        const rng = makeRng(seed ^ 0x5bd1e995);
        expect(searchFamilies(shuffle(children, rng), shuffle(families, rng), base)).toStrictEqual(whole);
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

  it('a child born far from every missing person is "excluded by metadata", with the rule named', () => {
    const rng = makeRng(5);
    const families = Array.from({ length: 3 }, (_, i) => ({ ...simulateFamily(rng, table, LOCI, `F${i}`).family, born: { M: { from: 2010, to: 2011 } } }));
    const child: Profile = { ...randomProfile(rng, table, LOCI, 'kid'), born: { from: 2014, to: 2015 } };
    const base: SearchOptions = { frequencies: table, minLoci: 3 };
    const result = searchFamilies([child], families, base);
    expect(result.accounting).toMatchObject({ pairsExcludedByAge: 3, pairsExcludedBySex: 0 });
    expect(result.accounting.children[0]).toMatchObject({ status: 'excluded-by-metadata', pairsExcluded: 3, pairsExcludedByAge: 3, reasons: ['every missing person was born more than the age tolerance apart'] });
    expect(identifyChildren(result).decisions[0]?.decision).toBe('excluded by metadata');
    // 2011 + 3 = 2014: compatible at tolerance 3, and with metadata ignored
    expect(searchFamilies([child], families, { ...base, ageTolerance: 3 }).accounting.pairsExcludedByAge).toBe(0);
    expect(searchFamilies([child], families, { ...base, ignoreMetadata: true }).accounting.children[0]?.status).toBe('scored');
  });

  it('rejects a bad ageTolerance', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => searchFamilies([], [], { frequencies: table, ageTolerance: bad })).toThrow(/ageTolerance/);
  });
});
