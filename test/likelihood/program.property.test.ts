/**
 * Compiled elimination programs (src/likelihood/program.ts) give the bits of
 * the step-by-step elimination: ln P(data) and every entry of the query
 * distribution, on random small pedigrees (loops, inbreeding), markers with
 * and without mutation, partial profiles, theta 0 and 0.03 (the theta
 * enumeration runs the engine without priors), every query person. Each case
 * runs twice compiled (the second run reuses the cached program).
 * The fast-check seed is chosen and printed once per run by test/globalSetup.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eliminateAlleles } from '../../src/likelihood/alleleElimination.js';
import { HI, LO } from '../../src/likelihood/genotypeTables.js';
import { likelihoodWith, queryWith, type Eliminate } from '../../src/likelihood/peel.js';
import { evidence, smallMarker, smallPedigree } from '../arbitraries/pedigrees.js';

const compiled: Eliminate = (pr, domains, priors) => eliminateAlleles(pr, domains, LO, HI, priors, true);
const stepwise: Eliminate = (pr, domains, priors) => eliminateAlleles(pr, domains, LO, HI, priors, false);

const problem = fc.tuple(smallPedigree(7), smallMarker(5, true)).chain(([ped, marker]) => fc.record({ ped: fc.constant(ped), marker: fc.constant(marker), ev: evidence(ped.father.length, marker.alleles.length) }));

describe('compiled elimination programs (property tests)', () => {
  it('give the same bits as the step-by-step elimination (ln P(data) and query distributions)', () => {
    fc.assert(
      fc.property(problem, fc.constantFrom(0, 0.03), ({ ped, marker, ev }, theta) => {
        const input = { father: ped.father, mother: ped.mother, marker, evidence: ev, theta };
        const ln = likelihoodWith(input, stepwise);
        expect(Object.is(likelihoodWith(input, compiled), ln)).toBe(true);
        expect(Object.is(likelihoodWith(input, compiled), ln)).toBe(true);
        for (let q = 0; q < ped.father.length; q++) {
          const evq = ev.slice();
          evq[q] = null;
          const queryInput = { ...input, evidence: evq };
          const expected = queryWith(queryInput, q, stepwise);
          for (const run of [1, 2]) {
            const got = queryWith(queryInput, q, compiled);
            expect(got.length).toBe(expected.length);
            for (let g = 0; g < got.length; g++) expect(Object.is(got[g], expected[g]), `run ${run}, q=${q}, g=${g}: ${got[g]} vs ${expected[g]}`).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
