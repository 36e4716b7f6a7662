/**
 * kinshipLR: invariants of domain.md §5 at the level of whole cases, statuses,
 * bad input, and extreme inputs that must stay finite in log space.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import { kinshipLR, type GenotypeData } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';
import { PAIRWISE_RELATIONSHIPS } from '../../src/likelihood/ibd.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import { makeGenotype } from '../../src/profile/genotype.js';
import { smallMarker, smallPedigree } from '../arbitraries/pedigrees.js';

const UNRELATED: Pedigree = { persons: [] };
const RELATIONSHIPS = PAIRWISE_RELATIONSHIPS.filter((r) => r !== 'unrelated' && r !== 'identical-twins');

function toPedigree(ped: { father: number[]; mother: number[]; sex: ('male' | 'female')[] }): Pedigree {
  return { persons: ped.father.map((f, i) => ({ id: `P${i}`, sex: ped.sex[i] as 'male' | 'female', father: f < 0 ? null : `P${f}`, mother: f < 0 ? null : `P${ped.mother[i]}` })) };
}

/** Random genotypes for two people on each marker (complete pairs). */
function genotypesFor(markers: readonly MarkerModel[], picks: number[], ids: [string, string]): GenotypeData {
  const data: Record<string, Record<string, readonly [string, string | null]>> = { [ids[0]]: {}, [ids[1]]: {} };
  markers.forEach((m, k) => {
    const n = m.alleles.length;
    const at = (i: number) => m.alleles[(picks[(4 * k + i) % picks.length] as number) % n] as string;
    (data[ids[0]] as Record<string, unknown>)[m.name] = makeGenotype(at(0), at(1));
    (data[ids[1]] as Record<string, unknown>)[m.name] = makeGenotype(at(2), at(3));
  });
  return data;
}

const markersArb = fc.array(smallMarker(4), { minLength: 1, maxLength: 4 }).map((ms) => ms.map((m, i) => ({ ...m, name: `M${i}` })));

describe('kinshipLR invariants (domain.md §5)', () => {
  it('LR(H, H) = 1 and LR(H1:H2) = 1 / LR(H2:H1); per-marker logs sum to the total; marker order is irrelevant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RELATIONSHIPS), markersArb, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), fc.constantFrom(0, 0.02), (rel, markers, picks, thetaIn) => {
        // Theta enumerates untyped founders' genotypes: keep it to the pedigrees with few founders so the suite stays fast.
        const theta = rel === 'double-first-cousins' || rel === 'half-first-cousins' || rel === 'first-cousins' ? 0 : thetaIn;
        const h1 = relationshipPedigree(rel, { a: 'A', b: 'B' });
        const genotypes = genotypesFor(markers, picks, ['A', 'B']);
        const same = kinshipLR({ hypotheses: [h1, h1], markers, genotypes, theta });
        for (const m of same.markers) if (m.status === 'ok') expect(Math.abs(m.lnLR)).toBeLessThan(1e-12);
        const forward = kinshipLR({ hypotheses: [h1, UNRELATED], markers, genotypes, theta });
        const backward = kinshipLR({ hypotheses: [UNRELATED, h1], markers, genotypes, theta });
        if (forward.total.status === 'ok') {
          expect(Math.abs(forward.total.lnLR + backward.total.lnLR)).toBeLessThan(1e-9);
          const sum = forward.markers.reduce((s, m) => s + m.lnLR, 0);
          expect(Math.abs(sum - forward.total.lnLR)).toBeLessThan(1e-9);
        } else {
          expect(forward.total.status).toBe('excluded');
          expect(backward.total.status).toBe('infinite');
        }
        const reversed = kinshipLR({ hypotheses: [h1, UNRELATED], markers: [...markers].reverse(), genotypes, theta });
        expect(reversed.total.status).toBe(forward.total.status);
        if (forward.total.status === 'ok') expect(Math.abs(reversed.total.lnLR - forward.total.lnLR)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('E[LR | H2] = 1 by exact enumeration of both genotypes on small markers (with mutation)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RELATIONSHIPS), smallMarker(3), (rel, marker) => {
        const h1 = relationshipPedigree(rel, { a: 'A', b: 'B' });
        const n = marker.alleles.length;
        let expectation = 0;
        for (let x = 0; x < n; x++) for (let y = x; y < n; y++) for (let u = 0; u < n; u++) for (let v = u; v < n; v++) {
          const al = marker.alleles;
          const genotypes: GenotypeData = { A: { M: makeGenotype(al[x] as string, al[y] as string) }, B: { M: makeGenotype(al[u] as string, al[v] as string) } };
          const r = kinshipLR({ hypotheses: [h1, UNRELATED], markers: [marker], genotypes });
          const pH2 = Math.exp(r.lnLikelihoods[1] as number);
          expectation += pH2 * r.total.LR;
        }
        expect(Math.abs(expectation - 1)).toBeLessThan(1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it('P(LR ≥ t | H2) ≤ 1/t by exact enumeration', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RELATIONSHIPS), smallMarker(4, false), fc.constantFrom(2, 5, 10), (rel, marker, t) => {
        const h1 = relationshipPedigree(rel, { a: 'A', b: 'B' });
        const al = marker.alleles;
        const n = al.length;
        let tail = 0;
        for (let x = 0; x < n; x++) for (let y = x; y < n; y++) for (let u = 0; u < n; u++) for (let v = u; v < n; v++) {
          const genotypes: GenotypeData = { A: { M: makeGenotype(al[x] as string, al[y] as string) }, B: { M: makeGenotype(al[u] as string, al[v] as string) } };
          const r = kinshipLR({ hypotheses: [h1, UNRELATED], markers: [{ ...marker, name: 'M' }], genotypes });
          if (r.total.LR >= t) tail += Math.exp(r.lnLikelihoods[1] as number);
        }
        expect(tail).toBeLessThanOrEqual(1 / t + 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('a marker nobody is typed at gives LR 1 with status untyped', () => {
    fc.assert(
      fc.property(smallPedigree(5), smallMarker(4), (ped, marker) => {
        const r = kinshipLR({ hypotheses: [toPedigree(ped), UNRELATED], markers: [marker], genotypes: {} });
        expect(r.markers[0]?.status).toBe('untyped');
        expect(r.total.LR).toBe(1);
      }),
      { numRuns: 30 },
    );
  });
});

describe('kinshipLR statuses and bad input', () => {
  const m = makeMarkerModel({ name: 'M', alleles: ['a', 'b', 'c'], frequencies: [0.2, 0.3, 0.5] });
  const duo = relationshipPedigree('parent-child', { a: 'AF', b: 'C' });
  it('excluded marker: LR 0, log10LR null; total excluded', () => {
    const r = kinshipLR({ hypotheses: [duo, UNRELATED], markers: [m], genotypes: { AF: { M: ['a', 'a'] }, C: { M: ['b', 'c'] } } });
    expect(r.markers[0]).toMatchObject({ status: 'excluded', LR: 0, log10LR: null });
    expect(r.total).toMatchObject({ status: 'excluded', LR: 0, log10LR: null });
    expect(r.inconsistentLoci).toBe(1);
  });
  it('impossible under both: undefined, never NaN', () => {
    const r = kinshipLR({ hypotheses: [duo, duo], markers: [m], genotypes: { AF: { M: ['a', 'a'] }, C: { M: ['b', 'c'] } } });
    expect(r.markers[0]?.status).toBe('undefined');
    expect(Number.isNaN(r.total.LR)).toBe(false);
    expect(r.total.log10LR).toBeNull();
  });
  it('rejects bad input with every issue listed', () => {
    expect(() => kinshipLR({ hypotheses: [duo], markers: [m], genotypes: {} })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: hypotheses: At least two hypotheses are needed (hypotheses = 1)]`);
    expect(() => kinshipLR({ hypotheses: [duo, UNRELATED], markers: [m], genotypes: {}, theta: 1 })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-theta: Theta must be in [0, 1) (theta = 1)]`);
    try {
      kinshipLR({ hypotheses: [duo, UNRELATED], markers: [m, m], genotypes: { AF: { M: ['a', 'x'] }, C: { M: ['y', 'a'] } } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.code)).toEqual(['duplicate-marker', 'allele-not-in-marker', 'allele-not-in-marker', 'allele-not-in-marker', 'allele-not-in-marker']);
    }
  });
});

describe('extreme inputs stay finite in log space', () => {
  it('40 loci with shared rare alleles (p = 1e-5), first cousins', () => {
    const markers = Array.from({ length: 40 }, (_, i) => makeMarkerModel({ name: `L${i}`, alleles: ['r', 's', 'o'], frequencies: [1e-5, 1e-5, 1 - 2e-5] }));
    const genotypes: GenotypeData = { A: Object.fromEntries(markers.map((m) => [m.name, ['r', 's'] as const])), B: Object.fromEntries(markers.map((m) => [m.name, ['r', 's'] as const])) };
    const r = kinshipLR({ hypotheses: [relationshipPedigree('full-siblings', { a: 'A', b: 'B' }), UNRELATED], markers, genotypes });
    expect(Number.isFinite(r.total.log10LR)).toBe(true);
    expect(r.total.log10LR as number).toBeGreaterThan(300); // the LR itself overflows a double; its log does not
  });
  it('theta 0.25, mutation rate 0.2, 50 alleles at a locus', () => {
    const alleles = Array.from({ length: 50 }, (_, i) => String(5 + i));
    const m = makeMarkerModel({ name: 'BIG', alleles, frequencies: alleles.map(() => 1 / 50), mutation: { female: { model: 'stepwise', rate: 0.2, range: 0.5, rate2: 0 }, male: { model: 'equal', rate: 0.2 } } });
    const r = kinshipLR({ hypotheses: [relationshipPedigree('parent-child', { a: 'A', b: 'B' }), UNRELATED], markers: [m], genotypes: { A: { BIG: ['5', '54'] }, B: { BIG: ['30', '31'] } }, theta: 0.25 });
    expect(Number.isFinite(r.total.log10LR)).toBe(true);
    expect(Number.isFinite(r.markers[0]?.lnLikelihoods[0])).toBe(true);
  });
});
