/**
 * The trustworthy-numbers invariant (domain.md §5) with X-chromosomal loci: every
 * pair a search reports equals familyLR of that pair alone (kinshipLR with the X
 * markers, on the pair's own allele space) to 1e-10 in log10, with its per-type
 * split; and adding other children and families changes no pair's LR by a bit.
 * X genotypes are gene-dropped by the X rules of test/arbitraries/xWorld.ts (a son one of his
 * mother's alleles, a daughter her father's one and one of her mother's); the X
 * frequencies are synthetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MutationModelName } from '../../src/mutation/mutationMatrix.js';
import { familyLR } from '../../src/search/familyLR.js';
import { searchFamilies, type Match, type SearchOptions } from '../../src/search/searchFamilies.js';
import { linkedTable, table, world, X, X_LINKED } from '../arbitraries/xWorld.js';
import type { XLinkageMode } from '../../src/search/xLinkage.js';

const modelArb = fc.constantFrom<MutationModelName>('none', 'equal', 'stepwise');
const key = (m: Match): string => `${m.child}\u0000${m.family}\u0000${m.missing}`;

describe('X loci: a pair’s LR is the pair’s alone', () => {
  let compared = 0;
  let withX = 0;
  it('every pair a search reports equals familyLR of that pair with the X markers (1e-10 in log10); X + autosomal = total', () => {
    fc.assert(
      fc.property(fc.integer(), modelArb, fc.constantFrom(0, 0.02), (seed, mutation, theta) => {
        const { families, children } = world(seed, '', 4, 3);
        const options: SearchOptions = { frequencies: table, mutation, theta, minLoci: 1, topK: 10 };
        const result = searchFamilies(children, families, options);
        for (const m of result.matches) {
          const family = families.find((f) => f.id === m.family)!;
          const child = children.find((c) => c.sample === m.child)!;
          const alone = familyLR(child, family, m.missing, options);
          expect(m.lociCompared).toBe(alone.markers.length);
          expect(m.lociInconsistent).toBe(alone.inconsistentLoci);
          if (alone.total.log10LR === null) expect(m.log10LR).toBeNull();
          else {
            compared++;
            expect(Math.abs((m.log10LR as number) - alone.total.log10LR)).toBeLessThan(1e-10);
            const xAlone = alone.markers.filter((r) => X.includes(r.name)).reduce((s, r) => s + (r.log10LR ?? Number.NaN), 0);
            if (alone.markers.some((r) => X.includes(r.name))) withX++;
            expect(Math.abs((m.byType?.X as number) - xAlone)).toBeLessThan(1e-10);
            expect(Math.abs((m.byType?.autosomal as number) + (m.byType?.X as number) - (m.log10LR as number))).toBeLessThan(1e-10);
          }
        }
      }),
      { numRuns: 12 },
    );
    expect(compared).toBeGreaterThan(20); // the property was not vacuous
    expect(withX).toBeGreaterThan(10);
  }, 300_000);

  it('adding children and families changes no pair’s LR by a bit', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), modelArb, (seed, otherSeed, mutation) => {
        const mine = world(seed, '', 3, 2);
        const others = world(otherSeed, 'x', 2, 3);
        const options: SearchOptions = { frequencies: table, mutation, minLoci: 1, topK: 10 };
        const alone = searchFamilies(mine.children, mine.families, options);
        const crowded = searchFamilies([...others.children, ...mine.children], [...mine.families, ...others.families], options);
        const byPair = new Map(crowded.matches.map((m) => [key(m), m]));
        for (const m of alone.matches) {
          const same = byPair.get(key(m));
          expect(same, key(m)).toBeDefined();
          expect(Object.is(same?.lnLR, m.lnLR), `${key(m)}: ${m.lnLR} vs ${same?.lnLR}`).toBe(true);
          expect(same?.lociCompared).toBe(m.lociCompared);
          expect(same?.byType).toEqual(m.byType);
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000);

  // Linked loci (two of Argus X-12 group I, three of group III, one in no group): with xLinkage 'safe' a family
  // whose pruned pedigree is not linkage-safe compares one locus per group; familyLR applies the same rule.
  it('with linked X loci, both modes: every pair equals familyLR, and other records change no pair by a bit', () => {
    let reduced = 0;
    let fullGroup = 0;
    fc.assert(
      fc.property(fc.integer(), fc.integer(), modelArb, fc.constantFrom<XLinkageMode>('safe', 'unlinked'), (seed, otherSeed, mutation, xLinkage) => {
        const mine = world(seed, '', 4, 2, X_LINKED);
        const others = world(otherSeed, 'x', 2, 2, X_LINKED);
        const options: SearchOptions = { frequencies: linkedTable, mutation, minLoci: 1, topK: 10, xLinkage };
        const alone = searchFamilies(mine.children, mine.families, options);
        const crowded = searchFamilies([...others.children, ...mine.children], [...mine.families, ...others.families], options);
        const byPair = new Map(crowded.matches.map((m) => [key(m), m]));
        for (const m of alone.matches) {
          const family = mine.families.find((f) => f.id === m.family)!;
          const child = mine.children.find((c) => c.sample === m.child)!;
          const single = familyLR(child, family, m.missing, options);
          expect(m.lociCompared).toBe(single.markers.length);
          if (single.total.log10LR === null) expect(m.log10LR).toBeNull();
          else expect(Math.abs((m.log10LR as number) - single.total.log10LR)).toBeLessThan(1e-10);
          const same = byPair.get(key(m));
          expect(same, key(m)).toBeDefined();
          expect(Object.is(same?.lnLR, m.lnLR)).toBe(true);
          // Group III loci compared for this pair, against those where both the child and a reference are typed.
          const used = single.markers.filter((r) => ['HPRTB', 'DXS10101', 'DXS10103'].includes(r.name)).length;
          const unlinked = familyLR(child, family, m.missing, { ...options, xLinkage: 'unlinked' });
          const possible = unlinked.markers.filter((r) => ['HPRTB', 'DXS10101', 'DXS10103'].includes(r.name)).length;
          if (xLinkage === 'unlinked') expect(used).toBe(possible);
          else {
            expect(used).toBeLessThanOrEqual(possible);
            if (used < possible) reduced++;
            if (used >= 2) fullGroup++;
          }
        }
      }),
      { numRuns: 16 },
    );
    expect(reduced).toBeGreaterThan(3); // some families were not linkage-safe
    expect(fullGroup).toBeGreaterThan(3); // and some were
  }, 300_000);
});
