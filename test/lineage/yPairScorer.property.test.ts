/**
 * makeYPairScorer gives yLineageLR's total ln LR bit for bit (null where untyped):
 * random haplotypes with untyped loci, off-ladder alleles, microvariants,
 * multi-copy loci, several references, rates 0 and built-in, both methods.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHaplotypeDatabase } from '../../src/lineage/haplotypeDatabase.js';
import { yLineageLR, type YReference } from '../../src/lineage/yLineageLR.js';
import { makeYPairScorer } from '../../src/lineage/yPairScorer.js';
import type { YHaplotype } from '../../src/profile/yHaplotype.js';

const SINGLE = ['DYS19', 'DYS390', 'DYS391'];
const LOCI = [...SINGLE, 'DYS385'];
const alleleArb = fc.constantFrom('12', '13', '14', '15', '13.2', 'OL');
const dbAllele = fc.constantFrom('12', '13', '14', '15');
const hapArb = fc.record({
  DYS19: fc.option(alleleArb, { nil: undefined }),
  DYS390: fc.option(alleleArb, { nil: undefined }),
  DYS391: fc.option(alleleArb, { nil: undefined }),
  DYS385: fc.option(fc.oneof(fc.tuple(dbAllele, dbAllele).map((t) => [...t].sort()), fc.tuple(dbAllele).map((t) => [...t])), { nil: undefined }),
});
const toHap = (h: Record<string, string | string[] | undefined>): YHaplotype => ({
  loci: Object.fromEntries(Object.entries(h).flatMap(([l, a]) => (a === undefined ? [] : [[l, Array.isArray(a) ? a : [a]]]))),
  flags: [],
});

describe('makeYPairScorer', () => {
  it('equals yLineageLR(...).total.lnLR for every pair', () => {
    const seen = { finite: 0, excluded: 0, untyped: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.record({ DYS19: dbAllele, DYS390: dbAllele, DYS391: dbAllele, DYS385: fc.tuple(dbAllele, dbAllele).map((t) => [...t].sort()) }), { minLength: 2, maxLength: 8 }),
        hapArb,
        fc.array(fc.tuple(hapArb, fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('counting' as const, 'kappa' as const),
        fc.boolean(),
        (rows, c, refs, method, zero) => {
          const db = makeHaplotypeDatabase('t', LOCI, rows.map((r, i) => ({ alleles: { DYS19: [r.DYS19], DYS390: [r.DYS390], DYS391: [r.DYS391], DYS385: r.DYS385 }, count: 1 + (i % 2) })));
          const mutation = zero ? { rates: { DYS19: 0, DYS390: 0, DYS391: 0, DYS385: 0 } } : { rates: { DYS385: 0.004 } };
          const child = toHap(c);
          const references: YReference[] = refs.map(([h, meioses], i) => ({ id: `R${i}`, haplotype: toHap(h), meioses }));
          let expected: number | null;
          try {
            const r = yLineageLR(child, references, { database: db, method, mutation });
            expected = r.total.status === 'untyped' ? null : r.total.lnLR;
          } catch {
            expect(() => makeYPairScorer(db, method, mutation)(child, references)).toThrow();
            return;
          }
          expect(makeYPairScorer(db, method, mutation)(child, references)).toBe(expected);
          if (expected === null) seen.untyped++;
          else if (Number.isFinite(expected)) seen.finite++;
          else seen.excluded++;
        },
      ),
      { numRuns: 300 },
    );
    // The runs reach every kind of outcome.
    expect(seen.finite).toBeGreaterThan(10);
    expect(seen.excluded).toBeGreaterThan(10);
    expect(seen.untyped).toBeGreaterThan(0);
  });
});
