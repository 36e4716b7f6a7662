import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { Profile } from '../../src/profile/Profile.js';
import { encodeChildren } from '../../src/search/encodeChildren.js';
import type { Family } from '../../src/search/Family.js';
import { buildFamilyIndex, orderFamilies } from '../../src/search/familyIndex.js';
import { planSearch } from '../../src/search/plan.js';
import { mergeScans, rebaseScan, scanRange, type PartialScan } from '../../src/search/scan.js';
import { finishSearch, searchFamilies, type SearchOptions } from '../../src/search/searchFamilies.js';
import { runSearchParallel } from '../../src/cli/parallelSearch.js';
import { makeRng, randomProfile, simulateFamily, type Rng } from '../arbitraries/search.js';

const table = builtinTable('nist1036-cauc');
const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'D8S1179', 'CSF1PO'];
const base: SearchOptions = { frequencies: table, minLoci: 3, topK: 4 };

function scenario(seed: number, nFamilies: number, nUnrelated: number): { families: Family[]; children: Profile[]; rng: Rng } {
  const rng = makeRng(seed);
  const sims = Array.from({ length: nFamilies }, (_, i) => simulateFamily(rng, table, LOCI, `F${String(i).padStart(2, '0')}`, { dropout: 0.1 }));
  const children = [...sims.slice(0, Math.ceil(nFamilies / 2)).map((s) => s.truth), ...Array.from({ length: nUnrelated }, (_, i) => randomProfile(rng, table, LOCI, `U${i}`, 0.1))];
  return { families: sims.map((s) => s.family), children, rng };
}

function shuffle<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));
function expectSameScan(a: PartialScan, b: PartialScan): void {
  for (const k of Object.keys(a) as (keyof PartialScan)[]) {
    const x = a[k];
    const y = b[k];
    if (typeof x === 'number') expect(y).toBe(x);
    else if (x === undefined) expect(y).toBeUndefined();
    else expect(sameBits(x, y as ArrayLike<number>), k).toBe(true);
  }
}

// Every run builds family tables and searches.
describe('search properties', { timeout: 60_000 }, () => {
  it('shuffling the input order does not change the result', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { families, children, rng } = scenario(seed, 6, 4);
        const a = searchFamilies(children, families, base);
        const b = searchFamilies(shuffle(rng, children), shuffle(rng, families), base);
        expect(b).toStrictEqual(a);
      }),
      { numRuns: 8 },
    );
  });

  it('splitting the families in ranges (one index or one index per range, as threads do) is bit-identical', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 4 }), async (seed, cuts) => {
        const { families, children } = scenario(seed, 8, 3);
        const whole = searchFamilies(children, families, base);
        const plan = planSearch(families, children, base);
        const { ordered } = orderFamilies(families);
        const encoded = encodeChildren(children, plan);
        const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, ordered.length)), ordered.length])].sort((x, y) => x - y);
        // one index, scanned by target ranges
        const index = buildFamilyIndex(families, { ...base, children });
        const T = index.targets.length;
        const tb = [...new Set(bounds.map((b) => Math.min(b, T)))].sort((x, y) => x - y);
        const parts = tb.slice(1).map((e, i) => scanRange(index, encoded, tb[i], e, base));
        const fin = (scan: PartialScan) => finishSearch(index, encoded, scan, { ...base, familiesIn: families.length });
        expect(fin(mergeScans(parts.reverse()))).toStrictEqual(fin(scanRange(index, encoded, 0, T, base)));
        expect(fin(mergeScans([scanRange(index, encoded, 0, T, base)]))).toStrictEqual(whole);
        expectSameScan(mergeScans([scanRange(index, encoded, 0, T, base)]), scanRange(index, encoded, 0, T, base));
        // one index per family range, rebased (what the worker threads do)
        let offset = 0;
        const scans: PartialScan[] = [];
        const targets = [];
        let familyCount = 0;
        for (let i = 1; i < bounds.length; i++) {
          const sub = buildFamilyIndex(ordered.slice(bounds[i - 1], bounds[i]), { plan });
          scans.push(rebaseScan(scanRange(sub, encoded, 0, sub.targets.length, base), offset));
          targets.push(...sub.targets);
          familyCount += sub.familyCount;
          offset += sub.targets.length;
        }
        const split = finishSearch({ plan, targets, familyCount, rejected: [] }, encoded, mergeScans(scans), { ...base, familiesIn: families.length });
        expect(split).toStrictEqual(whole);
        expect(await runSearchParallel(children, families, { ...base, threads: 1 })).toStrictEqual(whole);
      }),
      { numRuns: 8 },
    );
  });

  it('ranks follow the LR: each child list is the top K of all families by (log10LR desc, id asc); a true family with the largest LR ranks first', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { families, children } = scenario(seed, 6, 2);
        const all = searchFamilies(children, families, { ...base, topK: 100 });
        const top = searchFamilies(children, families, { ...base, topK: 2 });
        for (const child of new Set(all.matches.map((m) => m.child))) {
          const list = all.matches.filter((m) => m.child === child && m.rankForChild !== null);
          for (let i = 1; i < list.length; i++) {
            const p = list[i - 1]!;
            const q = list[i]!;
            expect(p.lnLR > q.lnLR || (p.lnLR === q.lnLR && p.family < q.family)).toBe(true);
          }
          expect(top.matches.filter((m) => m.child === child && m.rankForChild !== null).map((m) => m.family)).toEqual(list.slice(0, 2).map((m) => m.family));
          if (child.startsWith('truth:')) {
            const truth = child.slice('truth:'.length);
            const mine = list.find((m) => m.family === truth);
            if (mine !== undefined && list.every((m) => m.family === truth || m.lnLR < mine.lnLR)) expect(mine.rankForChild).toBe(1);
          }
        }
      }),
      { numRuns: 8 },
    );
  });

  it('planted true relatives outrank unrelated candidates on 21-locus-like data (6 typed parents/siblings)', () => {
    const { families, children } = scenario(7, 6, 0);
    const r = searchFamilies(children, families, { ...base, topK: 1 });
    const firsts = r.matches.filter((m) => m.rankForChild === 1);
    const right = firsts.filter((m) => m.child === `truth:${m.family}`).length;
    expect(right).toBeGreaterThanOrEqual(Math.floor(firsts.length / 2));
  });

  it('accounting: children in = children out, families in = families out', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 8 }), (seed, minLoci) => {
        const { families, children } = scenario(seed, 5, 3);
        const extra = [...children, children[0] as Profile, { sample: 'blank', sex: 'unknown' as const, genotypes: {}, skipped: [] }];
        const r = searchFamilies(extra, [...families, families[0] as Family], { ...base, minLoci });
        expect(r.accounting.children.length).toBe(extra.length);
        expect(r.accounting.families.length).toBe(families.length + 1);
        expect(r.accounting.pairsScored + r.accounting.pairsInsufficient).toBe((extra.length - 2) * families.length);
        for (const c of r.accounting.children) expect(c.status === 'scored' ? c.reasons.length === 0 : c.reasons.length > 0).toBe(true);
      }),
      { numRuns: 10 },
    );
  });
});

describe('family tables reused between families of one structure', () => {
  it('an index of many families holds bit for bit the tables of each family built alone', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = makeRng(seed);
        // Few loci and one typed reference: many families share a structure and genotypes, so tables are reused.
        const loci = ['TPOX', 'TH01', 'D5S818'];
        const sims = Array.from({ length: 12 }, (_, i) => simulateFamily(rng, table, loci, `F${String(i).padStart(2, '0')}`, { typed: 1 }));
        const families = sims.map((s) => s.family);
        const plan = planSearch(families, [], base);
        const all = buildFamilyIndex(families, { plan });
        for (const f of families) {
          const alone = buildFamilyIndex([f], { plan });
          const at = all.targets.findIndex((t) => t.family === f.id);
          const S = all.layout.stride;
          expect(sameBits(all.tables.subarray(at * S, (at + alone.targets.length) * S), alone.tables)).toBe(true);
          expect(sameBits(all.inconsistent.subarray(at * S, (at + alone.targets.length) * S), alone.inconsistent)).toBe(true);
        }
      }),
      { numRuns: 5 },
    );
  });
});
