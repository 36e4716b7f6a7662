// Properties of gene dropping over random pedigrees and markers (shared
// arbitraries), and one exact comparison with the peeling engine's marginals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { lnLikelihood, lnQueryLikelihoods, type AlleleEvidence } from '../../src/likelihood/peel.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';
import { makePedigree } from '../../src/pedigree/validatePedigree.js';
import { genotypeAlleles } from '../../src/profile/genotype.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateGenotypes } from '../../src/simulate/simulateGenotypes.js';
import { smallMarker, smallPedigree, type SmallPedigree } from '../arbitraries/pedigrees.js';
import { CHI2_999, chiSquare } from './helpers.js';

function toPedigree(p: SmallPedigree): Pedigree {
  return {
    persons: p.father.map((f, i) => ({ id: `P${i}`, sex: p.sex[i] ?? 'male', father: f < 0 ? null : `P${f}`, mother: (p.mother[i] ?? -1) < 0 ? null : `P${p.mother[i]}` })),
  };
}

describe('gene dropping: properties', () => {
  it('every simulated data set is possible under the pedigree and marker that generated it (loops, inbreeding, any mutation model)', () => {
    fc.assert(
      fc.property(smallPedigree(6), smallMarker(4, true), fc.integer({ min: 0, max: 0xffff_ffff }), (small, marker, seed) => {
        const ped = toPedigree(small);
        const { genotypes } = simulateGenotypes(ped, [marker], makeRandom(seed));
        const index = new Map(marker.alleles.map((a, i) => [a, i]));
        const evidence: AlleleEvidence[] = ped.persons.map((p) => {
          const g = genotypes[p.id]?.['M'];
          return g === undefined ? null : [index.get(g[0]) as number, index.get(g[1] as string) as number];
        });
        const ln = lnLikelihood({ father: small.father, mother: small.mother, marker, evidence, theta: 0 });
        expect(ln).toBeGreaterThan(Number.NEGATIVE_INFINITY);
      }),
      { numRuns: 60 },
    );
  });

  it('same seed, same genotypes, for any pedigree and marker', () => {
    fc.assert(
      fc.property(smallPedigree(6), smallMarker(4, true), fc.integer({ min: 0, max: 0xffff_ffff }), (small, marker, seed) => {
        const ped = toPedigree(small);
        expect(simulateGenotypes(ped, [marker], makeRandom(seed))).toEqual(simulateGenotypes(ped, [marker], makeRandom(seed)));
      }),
      { numRuns: 30 },
    );
  });
});

describe('gene dropping against the peeling engine', () => {
  it("the genotype of a first-cousin couple's child, with sex-specific stepwise mutation, follows the exact marginal", () => {
    // GF x GM -> S1 (male), S2 (female); S1 x W -> C1 (male); H x S2 -> C2 (female); C1 x C2 -> X
    const ped = makePedigree([
      { id: 'GF', sex: 'male', father: null, mother: null },
      { id: 'GM', sex: 'female', father: null, mother: null },
      { id: 'S1', sex: 'male', father: 'GF', mother: 'GM' },
      { id: 'S2', sex: 'female', father: 'GF', mother: 'GM' },
      { id: 'W', sex: 'female', father: null, mother: null },
      { id: 'H', sex: 'male', father: null, mother: null },
      { id: 'C1', sex: 'male', father: 'S1', mother: 'W' },
      { id: 'C2', sex: 'female', father: 'H', mother: 'S2' },
      { id: 'X', sex: 'unknown', father: 'C1', mother: 'C2' },
    ]);
    const marker = makeMarkerModel({
      name: 'M',
      alleles: ['8', '9', '10'],
      frequencies: [0.6, 0.3, 0.1],
      mutation: { female: { model: 'stepwise', rate: 0.05, range: 0.5, rate2: 0 }, male: { model: 'stepwise', rate: 0.2, range: 0.5, rate2: 0 } },
    });
    const ids = ped.persons.map((p) => p.id);
    const father = ped.persons.map((p) => (p.father === null ? -1 : ids.indexOf(p.father)));
    const mother = ped.persons.map((p) => (p.mother === null ? -1 : ids.indexOf(p.mother)));
    const exact = [...lnQueryLikelihoods({ father, mother, marker, evidence: ids.map(() => null), theta: 0 }, ids.indexOf('X'))].map(Math.exp);
    expect(exact.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    const runs = 6000;
    const counts = exact.map(() => 0);
    const random = makeRandom(31);
    const label = exact.map((_, g) => genotypeAlleles(g).map((i) => marker.alleles[i]).join('/'));
    for (let r = 0; r < runs; r++) {
      const g = simulateGenotypes(ped, [marker], random, { typed: ['X'] }).genotypes['X']?.['M'];
      const k = label.indexOf(`${g?.[0]}/${g?.[1]}`);
      counts[k] = (counts[k] as number) + 1;
    }
    expect(chiSquare(counts, exact.map((p) => p * runs))).toBeLessThan(CHI2_999[5] as number);
  });
});
