/**
 * Property tests of the X-chromosomal engine on random small pedigrees (loops and
 * inbreeding included) with random markers and mutation models: it agrees with
 * brute-force enumeration of every person's X genotype (test/likelihood/referenceX.ts)
 * with and without theta and mutation; genotype probabilities sum to 1; the
 * predictive distribution of an untyped person equals typing them.
 * The fast-check seed is chosen and printed once per run by test/globalSetup.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { lnLikelihood, lnQueryLikelihoods, type AlleleEvidence } from '../../src/likelihood/peel.js';
import { gIndex } from '../../src/likelihood/genotypeTables.js';
import { evidence, smallMarker, smallPedigree, type SmallPedigree } from '../arbitraries/pedigrees.js';
import { lnLikelihoodXBruteForce } from './referenceX.js';

const TOL = 1e-9;
function sameLn(a: number, b: number): boolean {
  if (a === Number.NEGATIVE_INFINITY || b === Number.NEGATIVE_INFINITY) return a === b;
  return Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a));
}
function logSumExp(xs: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < xs.length; i++) max = Math.max(max, xs[i] as number);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.exp((xs[i] as number) - max);
  return max + Math.log(s);
}

const asX = (marker: MarkerModel): MarkerModel => ({ ...marker, chromosome: 'X' });

/** Evidence made X-valid: a male's genotype becomes his first allele (`[a, a]`, or `[a, -1]` half the time). */
function xEvidence(ped: SmallPedigree, ev: readonly AlleleEvidence[], partialMale: boolean): AlleleEvidence[] {
  return ev.map((e, i) => (e === null || ped.sex[i] === 'female' ? e : partialMale ? [e[0], -1] : [e[0], e[0]]));
}

const problem = (maxSize: number, maxAlleles: number, withMutation = true) =>
  fc.tuple(smallPedigree(maxSize), smallMarker(maxAlleles, withMutation)).chain(([ped, marker]) =>
    fc.record({ ped: fc.constant(ped), marker: fc.constant(asX(marker)), ev: evidence(ped.father.length, marker.alleles.length), partialMale: fc.boolean() }),
  );

describe('X-chromosomal engine (property tests)', () => {
  it('equals brute-force enumeration (theta 0, 0.02 and 0.1; every mutation model; loops included)', () => {
    fc.assert(
      fc.property(problem(5, 3), fc.constantFrom(0, 0.02, 0.1), ({ ped, marker, ev, partialMale }, theta) => {
        const x = xEvidence(ped, ev, partialMale);
        const engine = lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: x, theta, sex: ped.sex });
        const brute = lnLikelihoodXBruteForce(ped.father, ped.mother, ped.sex.map((s) => s === 'male'), marker, x, theta);
        expect(sameLn(engine, brute), `engine ${engine} vs brute ${brute}`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('equals brute-force enumeration on larger pedigrees without mutation (theta 0 and 0.03)', () => {
    fc.assert(
      fc.property(problem(7, 3, false), fc.constantFrom(0, 0.03), ({ ped, marker, ev, partialMale }, theta) => {
        const x = xEvidence(ped, ev, partialMale);
        const engine = lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: x, theta, sex: ped.sex });
        const brute = lnLikelihoodXBruteForce(ped.father, ped.mother, ped.sex.map((s) => s === 'male'), marker, x, theta);
        expect(sameLn(engine, brute), `engine ${engine} vs brute ${brute}`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('X genotype probabilities of two typed people sum to 1 (theta 0 and 0.05)', () => {
    fc.assert(
      fc.property(smallPedigree(6), smallMarker(3), fc.nat(), fc.nat(), fc.constantFrom(0, 0.05), (ped, marker0, i, j, theta) => {
        const marker = asX(marker0);
        const size = ped.father.length;
        const a = i % size;
        const b = j % size;
        const n = marker.alleles.length;
        const genotypes = (person: number): [number, number][] => {
          const out: [number, number][] = [];
          for (let y = 0; y < n; y++) for (let x = 0; x <= y; x++) if (ped.sex[person] === 'female' || x === y) out.push([x, y]);
          return out;
        };
        const lns: number[] = [];
        for (const ga of genotypes(a)) for (const gb of genotypes(b)) {
          if (a === b && (ga[0] !== gb[0] || ga[1] !== gb[1])) continue;
          const ev: AlleleEvidence[] = ped.father.map(() => null);
          ev[a] = ga;
          ev[b] = gb;
          lns.push(lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: ev, theta, sex: ped.sex }));
        }
        expect(Math.abs(Math.exp(logSumExp(lns)) - 1)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('the predictive distribution of an untyped person equals typing them (a male only on a/a indices)', () => {
    fc.assert(
      fc.property(problem(6, 4), fc.nat(), fc.constantFrom(0, 0.02), ({ ped, marker, ev, partialMale }, pick, theta) => {
        const q = pick % ped.father.length;
        const evq = xEvidence(ped, ev, partialMale);
        evq[q] = null;
        const input = { father: ped.father, mother: ped.mother, marker, evidence: evq, theta, sex: ped.sex };
        const query = lnQueryLikelihoods(input, q);
        const n = marker.alleles.length;
        for (let y = 0; y < n; y++) for (let x = 0; x <= y; x++) {
          const g = gIndex(x, y);
          if (ped.sex[q] === 'male' && x !== y) {
            expect(query[g]).toBe(Number.NEGATIVE_INFINITY);
            continue;
          }
          const typed = evq.slice();
          typed[q] = [x, y];
          const direct = lnLikelihood({ ...input, evidence: typed });
          expect(sameLn(query[g] as number, direct), `g=${x}/${y}: query ${query[g]} vs typed ${direct}`).toBe(true);
        }
        expect(sameLn(logSumExp(query), lnLikelihood(input))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('relabelling people does not change the X likelihood (theta 0 and 0.02)', () => {
    fc.assert(
      fc.property(problem(6, 4), fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), fc.constantFrom(0, 0.02), ({ ped, marker, ev, partialMale }, keys, theta) => {
        const x = xEvidence(ped, ev, partialMale);
        const size = ped.father.length;
        const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
        const newIndex = new Array<number>(size);
        order.forEach((old, k) => (newIndex[old] = k));
        const father = order.map((old) => ((ped.father[old] as number) < 0 ? -1 : (newIndex[ped.father[old] as number] as number)));
        const mother = order.map((old) => ((ped.mother[old] as number) < 0 ? -1 : (newIndex[ped.mother[old] as number] as number)));
        const a = lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: x, theta, sex: ped.sex });
        const b = lnLikelihood({ father, mother, marker, evidence: order.map((old) => x[old] ?? null), theta, sex: order.map((old) => ped.sex[old] as 'male' | 'female') });
        expect(sameLn(a, b)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('the X markers of a father and his son say nothing: LR 1 against unrelated for any alleles (no mutation, theta 0)', () => {
    fc.assert(
      fc.property(smallMarker(4, false), fc.nat(), fc.nat(), (marker0, i, j) => {
        const marker = asX(marker0);
        const n = marker.alleles.length;
        const ev: AlleleEvidence[] = [[i % n, i % n], null, [j % n, j % n]];
        const h1 = lnLikelihood({ father: [-1, -1, 0], mother: [-1, -1, 1], marker, evidence: ev, theta: 0, sex: ['male', 'female', 'male'] });
        const h2 = lnLikelihood({ father: [-1, -1, -1], mother: [-1, -1, -1], marker, evidence: ev, theta: 0, sex: ['male', 'female', 'male'] });
        expect(sameLn(h1, h2), `H1 ${h1} vs H2 ${h2}`).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
