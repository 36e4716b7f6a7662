// domain.md §5: "Pairwise IBD LR equals the pedigree engine's LR for the same relationship."
// Cross-checks pairwiseMarkerLR against kinshipLR (Elston-Stewart peeling) on the
// pedigrees built by relationshipPedigree, with and without theta.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IBD_COEFFICIENTS } from '../../src/likelihood/ibd.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import type { RatioValue } from '../../src/likelihood/LRResult.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { pairwiseLR, pairwiseMarkerLR } from '../../src/likelihood/pairwiseLR.js';
import { RELATIONSHIPS, relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import { makeGenotype } from '../../src/profile/genotype.js';

const ALLELES = ['10', '11', '12', '13'];
const P = [0.1, 0.2, 0.3, 0.4];
const marker = makeMarkerModel({ name: 'TH01', alleles: ALLELES, frequencies: P });
const unrelated = relationshipPedigree('unrelated');
const alleleArb = fc.constantFrom(...ALLELES);
// With theta the engine enumerates untyped founders' alleles jointly: keep the
// cousin pedigrees (6-8 untyped founders) to a few runs so the suite stays fast.
const HEAVY = new Set(['first-cousins', 'half-first-cousins', 'double-first-cousins']);

describe('pairwise LR = pedigree likelihood engine LR (domain.md §5)', () => {
  it.each(RELATIONSHIPS.map((r) => [r]))('%s, theta in {0, .01, .05}', (relationship) => {
    const ped = relationshipPedigree(relationship);
    fc.assert(
      fc.property(alleleArb, alleleArb, alleleArb, alleleArb, fc.constantFrom(0, 0.01, 0.05), (a1, b1, a2, b2, theta) => {
        const g1 = makeGenotype(a1, b1) as readonly [string, string];
        const g2 = makeGenotype(a2, b2) as readonly [string, string];
        const engine = kinshipLR({ hypotheses: [ped, unrelated], markers: [marker], genotypes: { A: { TH01: g1 }, B: { TH01: g2 } }, theta });
        const pairwise = pairwiseMarkerLR(g1, g2, (x) => P[ALLELES.indexOf(x)] ?? 0, IBD_COEFFICIENTS[relationship], theta);
        expect(engine.total.LR).toBeCloseTo(pairwise, 9);
      }),
      { numRuns: HEAVY.has(relationship) ? 6 : 40 },
    );
  });
});

describe('pairwiseLR and kinshipLR share one result shape', () => {
  const vWA = makeMarkerModel({ name: 'vWA', alleles: ALLELES, frequencies: P });
  const duo = relationshipPedigree('parent-child');
  const near = (x: number): unknown => (Number.isFinite(x) ? expect.closeTo(x, 12) : x);
  const expected = (r: RatioValue): unknown => ({ lnLR: near(r.lnLR), log10LR: r.log10LR === null ? null : near(r.log10LR), LR: near(r.LR), status: r.status });
  const fields = (r: RatioValue): RatioValue => ({ lnLR: r.lnLR, log10LR: r.log10LR, LR: r.LR, status: r.status });
  it.each([
    ['ok', { TH01: ['10', '11'], vWA: ['12', '12'] }, { TH01: ['10', '13'], vWA: ['12', '13'] }],
    ['excluded', { TH01: ['10', '11'], vWA: ['12', '12'] }, { TH01: ['12', '13'], vWA: ['12', '13'] }],
    ['ok, nobody typed at vWA', { TH01: ['10', '11'] }, { TH01: ['10', '13'] }],
  ] as const)('%s: same total, marker names, logs and statuses', (_label, a, b) => {
    const pedigree = kinshipLR({ hypotheses: [duo, unrelated], markers: [marker, vWA], genotypes: { A: a, B: b } });
    const pairwise = pairwiseLR({ relationship: 'parent-child', genotypes1: a, genotypes2: b, frequencies: (_locus, x) => P[ALLELES.indexOf(x)] ?? 0, loci: ['TH01', 'vWA'] });
    expect(fields(pairwise.total)).toEqual(expected(pedigree.total));
    expect(pairwise.markers.map((m) => ({ name: m.name, ...fields(m) }))).toEqual(pedigree.markers.map((m) => ({ name: m.name, ...(expected(m) as object) })));
  });
});
