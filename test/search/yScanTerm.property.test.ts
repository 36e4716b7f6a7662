/**
 * The scan's numeric Y term (makeYScanTerm) gives, for every (child, target)
 * pair, bit for bit `pairLineageLnLR(...) ?? 0` (makeYPairTerm: `pairLineageLnLR(...)`)
 * and, for a target with one reference or several on their tree,
 * `yLineageLR(...).total.lnLR` (0 where untyped or 0/0); and a pair's
 * value is the same whatever the other children and targets of the scan and
 * whatever order the pairs are asked in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHaplotypeDatabase } from '../../src/lineage/haplotypeDatabase.js';
import { yLineageLR, type YReference } from '../../src/lineage/yLineageLR.js';
import { pairLineageLnLR, type SearchLineage, type TargetLineage } from '../../src/search/lineageTerms.js';
import { makeYPairTerm, makeYScanTerm } from '../../src/search/yScanTerm.js';
import type { YHaplotype } from '../../src/profile/yHaplotype.js';

const SINGLE = ['DYS19', 'DYS390', 'DYS391', 'DYS392', 'DYS393'];
const LOCI = [...SINGLE, 'DYS385'];
// Close values (steps of 0 to 3 across meioses 0 to 4), microvariants and off-ladder alleles.
const alleleArb = fc.constantFrom('12', '13', '14', '15', '16', '13.2', '14.2', 'OL');
const dbAllele = fc.constantFrom('12', '13', '14', '15', '13.2');
const multiArb = fc.oneof(fc.tuple(dbAllele, dbAllele).map((t) => [...t].sort()), fc.tuple(dbAllele).map((t) => [...t]), fc.tuple(dbAllele, dbAllele, dbAllele).map((t) => [...t].sort()));
const hapArb = fc.record(Object.fromEntries([...SINGLE.map((l) => [l, fc.option(alleleArb, { nil: undefined, freq: 4 })]), ['DYS385', fc.option(multiArb, { nil: undefined })]])) as fc.Arbitrary<Record<string, string | string[] | undefined>>;
const toHap = (h: Record<string, string | string[] | undefined>): YHaplotype => ({
  loci: Object.fromEntries(Object.entries(h).flatMap(([l, a]) => (a === undefined ? [] : [[l, Array.isArray(a) ? a : [a]]]))),
  flags: [],
});
// A target: no Y, one reference (meioses 0..4, sometimes out of range), or two (no tree: the reference path, which may refuse).
const targetArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: fc.tuple(hapArb, fc.integer({ min: 0, max: 4 })).map(([h, m]): TargetLineage => ({ references: [{ id: 'R', haplotype: toHap(h), meioses: m }], refused: [] })), weight: 8 },
  { arbitrary: fc.constant<TargetLineage>({ references: [], refused: [{ id: 'Q', code: 'y-female-link' }] }), weight: 1 },
  { arbitrary: fc.tuple(hapArb, hapArb).map(([a, b]): TargetLineage => ({ references: [{ id: 'A', haplotype: toHap(a), meioses: 1 }, { id: 'B', haplotype: toHap(b), meioses: 2 }], refused: [] })), weight: 1 },
  { arbitrary: treeTargetArb(), weight: 8 },
);

/**
 * Several references on a paternal-line tree: the man X, his father F, grandfather G and
 * uncle U (meioses 1, 2, 3), sometimes a reference's meioses wrong for the tree (refused).
 */
function treeTargetArb(): fc.Arbitrary<TargetLineage> {
  const tree = { person: 'X', nodes: [{ id: 'G', father: null }, { id: 'F', father: 'G', meioses: 1 }, { id: 'U', father: 'G', meioses: 1 }, { id: 'X', father: 'F', meioses: 1 }] };
  const meioses: Record<string, number> = { F: 1, G: 2, U: 3 };
  return fc
    .tuple(fc.subarray(['F', 'G', 'U'], { minLength: 2 }), fc.array(hapArb, { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 19 }))
    .map(([ids, haps, wrong]): TargetLineage => ({
      // The second reference shares the first one's alleles where his own are untyped (closer haplotypes).
      references: ids.map((id, i) => ({ id, haplotype: toHap(i === 1 ? { ...haps[0], ...Object.fromEntries(Object.entries(haps[1] as object).filter(([, a]) => a !== undefined)) } : (haps[i] as Record<string, string | string[] | undefined>)), meioses: wrong === 0 && i === 0 ? (meioses[id] as number) + 1 : (meioses[id] as number) })),
      refused: [],
      tree,
    }));
}

/** The value or the thrown error's message, for comparing two ways of computing. */
const outcome = (f: () => number | null): number | null | string => {
  try {
    return f();
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
};

describe('makeYScanTerm', () => {
  it('equals pairLineageLnLR ?? 0 and yLineageLR for every pair, independently of the other records', () => {
    const seen = { finite: 0, excluded: 0, zero: 0, tree: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.record({ alleles: fc.tuple(dbAllele, dbAllele, dbAllele, dbAllele, dbAllele, multiArb), count: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.option(hapArb, { nil: null, freq: 6 }), { minLength: 1, maxLength: 6 }),
        fc.array(targetArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('counting' as const, 'kappa' as const),
        fc.constantFrom('zero', 'builtin', 'high'),
        fc.nat(),
        (rows, kids, targets, method, rateKind, orderSeed) => {
          const db = makeHaplotypeDatabase('t', LOCI, rows.map((r) => ({ alleles: Object.fromEntries(LOCI.map((l, i) => [l, Array.isArray(r.alleles[i]) ? (r.alleles[i] as string[]) : [r.alleles[i] as string]])), count: r.count })));
          const mutation = rateKind === 'zero' ? { rates: Object.fromEntries(LOCI.map((l) => [l, 0])) } : rateKind === 'high' ? { rates: Object.fromEntries(LOCI.map((l) => [l, 0.3])) } : { rates: { DYS385: 0.004 } };
          const lineage: SearchLineage = { database: db, method, mutation };
          // Beside the random children, a copy of each target's first reference (pairs that match).
          const children = [...kids.map((h) => (h === null ? null : toHap(h))), ...targets.flatMap((t) => (t !== undefined && t.references.length > 0 ? [(t.references[0] as YReference).haplotype] : []))];
          const term = makeYScanTerm(lineage, children, targets);
          const pairTerm = makeYPairTerm(lineage, children, targets);
          // Pairs in a shuffled order (the term remembers per child: the order must not matter).
          const pairs = children.flatMap((_, c) => targets.map((_, f) => [c, f] as const));
          let state = orderSeed;
          for (let i = pairs.length - 1; i > 0; i--) {
            state = (Math.imul(state, 1103515245) + 12345) >>> 0;
            const j = state % (i + 1);
            [pairs[i], pairs[j]] = [pairs[j] as readonly [number, number], pairs[i] as readonly [number, number]];
          }
          for (const [c, f] of pairs) {
            const child = children[c] ?? null;
            const target = targets[f];
            const got = outcome(() => term(c, f));
            expect(got).toBe(outcome(() => pairLineageLnLR(lineage, child, target) ?? 0));
            // With null where Y does not apply (the reported pairs' per-type columns).
            expect(outcome(() => pairTerm(c, f))).toBe(outcome(() => pairLineageLnLR(lineage, child, target)));
            // The pair alone (no other child or target in the scan) gives the same bits.
            expect(outcome(() => makeYScanTerm(lineage, [child], [target])(0, 0))).toBe(got);
            if (child !== null && target !== undefined && (target.references.length === 1 || (target.references.length > 1 && target.tree !== undefined))) {
              // (yLineageLR refuses a degenerate kappa database even for an excluded pair, whose LR is 0 whatever the match probability.)
              const full = outcome(() => {
                const r = yLineageLR(child, target.references as YReference[], { database: db, method, mutation, ...(target.tree !== undefined ? { tree: target.tree } : {}) });
                return r.total.status === 'untyped' || r.total.status === 'undefined' ? 0 : r.total.lnLR;
              });
              if (typeof full === 'number' || got !== Number.NEGATIVE_INFINITY) expect(got).toBe(full);
            }
            if (typeof got === 'number') {
              if (target !== undefined && target.references.length > 1 && target.tree !== undefined && Number.isFinite(got) && got !== 0) seen.tree++;
              if (got === 0) seen.zero++;
              else if (Number.isFinite(got)) seen.finite++;
              else seen.excluded++;
            }
          }
        },
      ),
      { numRuns: 200 },
    );
    // The runs reach every kind of outcome.
    expect(seen.finite).toBeGreaterThan(50);
    expect(seen.excluded).toBeGreaterThan(50);
    expect(seen.zero).toBeGreaterThan(10);
    expect(seen.tree).toBeGreaterThan(20);
  });
});
