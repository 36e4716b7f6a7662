/**
 * Property test of the no-mutation consistency pass (caseSpaces.ts
 * `consistencyWithoutMutation`), whose lumped computation is shared between
 * families and loci with the same pedigree, query and allele pattern: on random
 * small pedigrees (loops included), markers and evidence (partial profiles
 * included), the bytes it writes equal the zero-ness of the query's predictive
 * distribution on the full marker without mutation, whether or not the pattern
 * was met before under other allele labels. The fast-check seed is chosen and
 * printed once per run by test/globalSetup.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyWithoutMutation } from '../../src/search/caseSpaces.js';
import { lnQueryLikelihoods, type AlleleEvidence } from '../../src/likelihood/peel.js';
import { withoutMutation } from '../../src/likelihood/MarkerModel.js';
import { evidence, smallMarker, smallPedigree } from '../arbitraries/pedigrees.js';

/** 1 where the query's genotype is impossible without mutation, on the full marker. */
function direct(father: number[], mother: number[], ev: readonly AlleleEvidence[], q: number, marker: Parameters<typeof withoutMutation>[0]): Uint8Array {
  const ln = lnQueryLikelihoods({ father, mother, marker: withoutMutation(marker), evidence: ev, theta: 0 }, q);
  return Uint8Array.from(ln, (x) => (x === Number.NEGATIVE_INFINITY ? 1 : 0));
}

describe('consistencyWithoutMutation', () => {
  it('equals the full no-mutation pass, before and after the same pattern under other labels', () => {
    fc.assert(
      fc.property(
        smallPedigree(5)
          .chain((ped) => fc.tuple(fc.constant(ped), smallMarker(5, true), fc.integer({ min: 0, max: ped.father.length - 1 })))
          .chain(([ped, marker, q]) => fc.tuple(fc.constant(ped), fc.constant(marker), fc.constant(q), evidence(ped.father.length, marker.alleles.length), fc.shuffledSubarray([...marker.alleles.keys()], { minLength: marker.alleles.length }))),
        ([ped, marker, q, ev0, permutation]) => {
          const ev = ev0.map((e, i) => (i === q ? null : e));
          const n = marker.alleles.length;
          const G = (n * (n + 1)) / 2;
          // The same pattern under other allele labels: alleles permuted.
          const relabelled = ev.map((e): AlleleEvidence => (e === null ? null : [permutation[e[0]] as number, e[1] < 0 ? -1 : (permutation[e[1]] as number)]));
          const permuted = { ...marker, frequencies: Float64Array.from(marker.frequencies.keys(), (a) => marker.frequencies[permutation.indexOf(a)] as number) };
          // The pattern under other labels first, then the evidence itself, then the evidence with one person untyped each.
          const cases: [AlleleEvidence[], typeof marker][] = [[relabelled, permuted], [ev, marker], ...ev.map((_, i): [AlleleEvidence[], typeof marker] => [ev.map((e, j) => (j === i ? null : e)), marker])];
          for (const [e, m] of cases) {
            const out = new Uint8Array(G + 2).fill(7);
            consistencyWithoutMutation(ped.father, ped.mother, m.name, n, e, q, out, 1);
            expect([...out.subarray(1, G + 1)]).toEqual([...direct(ped.father, ped.mother, e, q, m)]);
            expect([out[0], out[G + 1]]).toEqual([7, 7]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
