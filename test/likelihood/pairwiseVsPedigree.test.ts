// domain.md §5: "Pairwise IBD LR equals the pedigree engine's LR for the same relationship."
// Cross-checks pairwiseMarkerLR against kinshipLR (Elston-Stewart peeling) on the
// pedigrees built by relationshipPedigree, with and without theta.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IBD_COEFFICIENTS } from '../../src/likelihood/ibd.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { pairwiseMarkerLR } from '../../src/likelihood/pairwiseLR.js';
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
