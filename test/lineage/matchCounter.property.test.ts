/**
 * makeMatchCounter gives matchProbability's value for any haplotype and loci list
 * (counting; kappa passed through), and yLineageLR with it equals yLineageLR without.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHaplotypeDatabase, matchProbability } from '../../src/lineage/haplotypeDatabase.js';
import { makeMatchCounter } from '../../src/lineage/matchCounter.js';
import { yLineageLR } from '../../src/lineage/yLineageLR.js';
import type { YHaplotype } from '../../src/profile/yHaplotype.js';

const LOCI = ['DYS19', 'DYS390', 'DYS391', 'DYS392'];
const alleleArb = fc.constantFrom('10', '11', '12');
const haplotypeArb = fc.record({ DYS19: alleleArb, DYS390: alleleArb, DYS391: alleleArb, DYS392: alleleArb });
const toHap = (h: Record<string, string>, typed: readonly string[] = LOCI): YHaplotype => ({ loci: Object.fromEntries(typed.map((l) => [l, [h[l] as string]])), flags: [] });

describe('makeMatchCounter', () => {
  it('equals matchProbability for every haplotype and loci subset, asked once or twice', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(haplotypeArb, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 12 }), haplotypeArb, fc.subarray(LOCI), fc.constantFrom('counting' as const, 'kappa' as const), (rows, h, loci, method) => {
        const db = makeHaplotypeDatabase('t', LOCI, rows.map(([a, count]) => ({ alleles: toHap(a).loci, count })));
        const counter = makeMatchCounter(db);
        const hap = toHap(h);
        let expected;
        try {
          expected = matchProbability(hap, db, { method, loci });
        } catch {
          expect(() => counter(hap, loci, method)).toThrow();
          return;
        }
        expect(counter(hap, loci, method)).toEqual(expected);
        expect(counter(hap, loci, method)).toEqual(expected);
      }),
    );
  });
  it('makes yLineageLR give the same result', () => {
    fc.assert(
      fc.property(fc.array(haplotypeArb, { minLength: 1, maxLength: 10 }), haplotypeArb, haplotypeArb, fc.subarray(LOCI, { minLength: 1 }), fc.integer({ min: 1, max: 4 }), (rows, c, r, typed, meioses) => {
        const db = makeHaplotypeDatabase('t', LOCI, rows.map((a) => ({ alleles: toHap(a).loci, count: 1 })));
        const child = toHap(c, typed);
        const refs = [{ id: 'R', haplotype: toHap(r), meioses }];
        expect(yLineageLR(child, refs, { database: db, matchCounter: makeMatchCounter(db) })).toEqual(yLineageLR(child, refs, { database: db }));
      }),
    );
  });
});
