/**
 * Equal scores at the edge of a top-K list are broken by id (the smaller id
 * stays), whatever order the scan visits targets in. The scan sorts a range's
 * targets by sex and years of birth, so copies of one family (equal tables)
 * whose years fall with their ids are visited largest id first; and once a
 * block's target lists are full, a child's pairs below every list are settled
 * by one comparison (the shortcut must let a tie with the child's K-th best
 * through).
 */
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { Profile } from '../../src/profile/Profile.js';
import { encodeChildren } from '../../src/search/encodeChildren.js';
import type { Family } from '../../src/search/Family.js';
import { buildFamilyIndex, orderFamilies } from '../../src/search/familyIndex.js';
import { planSearch } from '../../src/search/plan.js';
import { scanRange } from '../../src/search/scan.js';
import { makeRng, randomProfile, simulateFamily } from '../arbitraries/search.js';

const table = builtinTable('nist1036-cauc');
const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'D8S1179', 'CSF1PO', 'vWA', 'FGA'];

describe('top-K ties between copies of a family', () => {
  const rng = makeRng(20261201);
  const sim = simulateFamily(rng, table, LOCI, 'X', { dropout: 0 });
  // Eight copies X0..X7 (index order), born 2012 down to 2005: the scan visits X7 first.
  const families: Family[] = Array.from({ length: 8 }, (_, i) => ({ ...sim.family, id: `X${i}`, born: { M: { from: 2012 - i, to: 2012 - i } } }));
  // A: the missing person (fills every target's list with a high score); B: an unrelated child, after A.
  const children: Profile[] = [{ ...sim.truth, sample: 'A' }, randomProfile(rng, table, LOCI, 'B')];
  const plan = planSearch(families, children, { frequencies: table });
  const index = buildFamilyIndex(orderFamilies(families).ordered, { plan });
  const enc = encodeChildren(children, index);
  const ids = (scan: ReturnType<typeof scanRange>, c: number): string[] =>
    Array.from(scan.childTarget.subarray(c * scan.childK, c * scan.childK + (scan.childCount[c] as number)), (t) => index.targets[t]?.family as string).sort();

  for (const blockTargets of [1, 4, 8, 64]) {
    for (const K of [1, 2, 3]) {
      it(`keep the smallest ids (block ${blockTargets}, K ${K})`, () => {
        const scan = scanRange(index, enc, 0, index.targets.length, { topK: K, blockTargets, ageTolerance: 20, minLoci: 6 });
        const expected = ['X0', 'X1', 'X2'].slice(0, K);
        expect(ids(scan, 0)).toStrictEqual(expected);
        expect(ids(scan, 1)).toStrictEqual(expected);
        // Every copy scores the same for each child (equal tables), so these are ties.
        expect(new Set(Array.from(scan.childScore.subarray(scan.childK, scan.childK + K))).size).toBe(1);
      });
    }
  }
});
