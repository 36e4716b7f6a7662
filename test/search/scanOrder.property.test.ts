/**
 * The scan visits targets in its own order (sorted by sex and years of birth)
 * and skips a block of targets when the metadata exclude all of them for a
 * child. Neither may change a result: every field of `scanRange`'s output
 * (top-K lists as sets, counts per rule, exact Σ LR limbs) equals a naive scan
 * that visits every pair in index order and sums its table entries, for every
 * block size. Worlds use few distinct sexes and years so that whole blocks are
 * often excluded; in dense worlds nobody has dropped loci, so that whole blocks
 * have enough loci with a child (the scan's shortcut for quiet pairs). Some families are copies of others under another id (equal
 * scores, ordered by id).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { BirthYears } from '../../src/profile/born.js';
import type { Profile, Sex } from '../../src/profile/Profile.js';
import { encodeChildren, type EncodedChildren } from '../../src/search/encodeChildren.js';
import { addLnTerm2, LN_GRID, normaliseLimbs, SUM_LIMBS } from '../../src/search/exactSum.js';
import type { Family } from '../../src/search/Family.js';
import { buildFamilyIndex, orderFamilies, type FamilyIndex } from '../../src/search/familyIndex.js';
import { planSearch } from '../../src/search/plan.js';
import { scanRange, type PartialScan } from '../../src/search/scan.js';
import { makeRng, randomProfile, simulateFamily, type Rng } from '../arbitraries/search.js';

const table = builtinTable('nist1036-cauc');
const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'D8S1179', 'CSF1PO'];
const SEXES: Sex[] = ['male', 'female', 'unknown'];
const MIN_LOCI = 4;
const TOL = 1;

const years = (rng: Rng): BirthYears | undefined => {
  if (rng() < 0.2) return undefined;
  const from = 2005 + Math.floor(rng() * 5);
  return { from, to: from + Math.floor(rng() * 2) };
};
const sexOf = (rng: Rng): Sex => (rng() < 0.15 ? 'unknown' : (SEXES[Math.floor(rng() * 2)] as Sex));

function world(seed: number, dense: boolean): { families: Family[]; children: Profile[] } {
  const rng = makeRng(seed);
  const dropout = dense ? 0 : 0.15;
  const families: Family[] = [];
  const children: Profile[] = [];
  for (let i = 0; i < 24; i++) {
    const sim = simulateFamily(rng, table, LOCI, `F${i}`, { dropout });
    const sex = sexOf(rng);
    const born = years(rng);
    families.push({ ...sim.family, pedigree: { persons: sim.family.pedigree.persons.map((p) => (p.id === 'M' ? { ...p, sex } : p)) }, ...(born === undefined ? {} : { born: { M: born } }) });
    if (i % 4 === 0) children.push({ ...sim.truth, sex: rng() < 0.7 ? sex : 'unknown', ...(born === undefined ? {} : { born }) });
  }
  // Copies of earlier families under new ids with their own metadata (a family registered twice):
  // equal tables, so equal scores, which the top-K lists must break by id whatever the scan order.
  for (let i = 0; i < 8; i++) {
    const twin = families[Math.floor(rng() * families.length)] as Family;
    const sex = sexOf(rng);
    const born = years(rng);
    const { born: _born, ...rest } = twin;
    families.push({ ...rest, id: `D${i}`, pedigree: { persons: twin.pedigree.persons.map((p) => (p.id === 'M' ? { ...p, sex } : p)) }, ...(born === undefined ? {} : { born: { M: born } }) });
  }
  for (let i = 0; i < 8; i++) {
    const born = years(rng);
    children.push({ ...randomProfile(rng, table, LOCI, `U${i}`, dropout), sex: sexOf(rng), ...(born === undefined ? {} : { born }) });
  }
  return { families, children };
}

interface Naive {
  readonly childList: string[][];
  readonly targetList: string[][];
  readonly childExcluded: number[];
  readonly childExcludedByAge: number[];
  readonly targetExcluded: number[];
  readonly targetExcludedByAge: number[];
  readonly childInsufficient: number[];
  readonly targetInsufficient: number[];
  readonly childSum: Float64Array;
  readonly targetSum: Float64Array;
}

const inc = (xs: number[], i: number): void => {
  xs[i] = (xs[i] as number) + 1;
};

/** Every pair in index order: the rules of ScanOptions (sex first, then years widened by TOL), the score as Σ of table entries in locus order. */
function naiveScan(index: FamilyIndex, enc: EncodedChildren, K: number): Naive {
  const C = enc.ids.length;
  const T = index.targets.length;
  const L = enc.loci;
  const S = index.layout.stride;
  const W = index.layout.maskWords;
  const childPairs: [number, number, number][][] = Array.from({ length: C }, () => []);
  const targetPairs: [number, number, number][][] = Array.from({ length: T }, () => []);
  const zeros = (n: number): number[] => new Array<number>(n).fill(0);
  const out = { childExcluded: zeros(C), childExcludedByAge: zeros(C), targetExcluded: zeros(T), targetExcludedByAge: zeros(T), childInsufficient: zeros(C), targetInsufficient: zeros(T) };
  const childSum = new Float64Array(C * SUM_LIMBS);
  const targetSum = new Float64Array(T * SUM_LIMBS);
  const code = (s: string | undefined): number => (s === 'male' ? 1 : s === 'female' ? 2 : 0);
  for (let c = 0; c < C; c++) {
    for (let f = 0; f < T; f++) {
      const t = index.targets[f];
      const cs = enc.sex?.[c] ?? 0;
      const ts = code(t?.sex);
      const clo = enc.bornFrom?.[c] ?? Number.NEGATIVE_INFINITY;
      const chi = enc.bornTo?.[c] ?? Number.POSITIVE_INFINITY;
      const bySex = cs !== 0 && ts !== 0 && cs !== ts;
      const byAge = t?.born !== undefined && (clo > t.born.to + TOL || t.born.from - TOL > chi);
      if (bySex || byAge) {
        inc(out.childExcluded, c);
        inc(out.targetExcluded, f);
        if (!bySex) {
          inc(out.childExcludedByAge, c);
          inc(out.targetExcludedByAge, f);
        }
        continue;
      }
      let s = 0;
      for (let l = 0; l < L; l++) s += index.tables[f * S + (enc.offsets[c * L + l] as number)] as number;
      if (s >= LN_GRID) {
        addLnTerm2(childSum, c * SUM_LIMBS, targetSum, f * SUM_LIMBS, s);
        normaliseLimbs(childSum, c * SUM_LIMBS);
        normaliseLimbs(targetSum, f * SUM_LIMBS);
      }
      let n = 0;
      for (let w = 0; w < W; w++) {
        let m = (enc.masks[c * W + w] as number) & (index.masks[f * W + w] as number);
        while (m !== 0) {
          n += m & 1;
          m >>>= 1;
        }
      }
      if (n < MIN_LOCI) {
        inc(out.childInsufficient, c);
        inc(out.targetInsufficient, f);
        continue;
      }
      childPairs[c]?.push([s, f, n]);
      targetPairs[f]?.push([s, c, n]);
    }
  }
  const top = (xs: [number, number, number][]): string[] =>
    xs
      .sort((a, b) => (b[0] !== a[0] ? b[0] - a[0] : a[1] - b[1]))
      .slice(0, K)
      .map((x) => `${x[0]}|${x[1]}|${x[2]}`);
  return { ...out, childList: childPairs.map(top), targetList: targetPairs.map(top), childSum, targetSum };
}

/** A scan's lists in canonical order, in the naive scan's shape. */
function lists(scan: PartialScan): { childList: string[][]; targetList: string[][] } {
  const read = (count: Int32Array, score: Float64Array, id: Int32Array, loci: Uint8Array, K: number): string[][] =>
    Array.from(count, (n, i) => {
      const xs: [number, number, number][] = [];
      for (let j = 0; j < n; j++) xs.push([score[i * K + j] as number, id[i * K + j] as number, loci[i * K + j] as number]);
      return xs.sort((a, b) => (b[0] !== a[0] ? b[0] - a[0] : a[1] - b[1])).map((x) => `${x[0]}|${x[1]}|${x[2]}`);
    });
  return { childList: read(scan.childCount, scan.childScore, scan.childTarget, scan.childLoci, scan.childK), targetList: read(scan.targetCount, scan.targetScore, scan.targetChild, scan.targetLoci, scan.targetK) };
}

describe('the scan order and whole-block exclusion', () => {
  it('give the naive scan of every pair in index order, for every block size', () => {
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), fc.constantFrom(1, 2, 3, 4, 5, 8, 64), fc.integer({ min: 1, max: 6 }), (seed, dense, blockTargets, K) => {
        const { families, children } = world(seed, dense);
        const plan = planSearch(families, children, { frequencies: table });
        const index = buildFamilyIndex(orderFamilies(families).ordered, { plan });
        const enc = encodeChildren(children, index);
        const scan = scanRange(index, enc, 0, index.targets.length, { topK: K, minLoci: MIN_LOCI, blockTargets, ageTolerance: TOL });
        const naive = naiveScan(index, enc, K);
        expect(lists(scan)).toStrictEqual({ childList: naive.childList, targetList: naive.targetList });
        expect(Array.from(scan.childExcluded)).toStrictEqual(naive.childExcluded);
        expect(Array.from(scan.childExcludedByAge)).toStrictEqual(naive.childExcludedByAge);
        expect(Array.from(scan.targetExcluded)).toStrictEqual(naive.targetExcluded);
        expect(Array.from(scan.targetExcludedByAge)).toStrictEqual(naive.targetExcludedByAge);
        expect(Array.from(scan.childInsufficient)).toStrictEqual(naive.childInsufficient);
        expect(Array.from(scan.targetInsufficient)).toStrictEqual(naive.targetInsufficient);
        expect(scan.childSum).toStrictEqual(naive.childSum);
        expect(scan.targetSum).toStrictEqual(naive.targetSum);
        // The worlds exercise the skipped blocks (both rules) on most seeds; the counts above prove them right.
        expect(naive.childExcluded.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });
});
