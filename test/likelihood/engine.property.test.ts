/**
 * Property tests of the pedigree likelihood engine (domain.md §5) on random
 * small pedigrees (loops and inbreeding included), markers and mutation
 * models: the allele-level engine agrees with the genotype-level reference
 * engine and with brute-force enumeration; genotype probabilities sum to 1;
 * the predictive distribution of an untyped person agrees with typing them.
 * The fast-check seed is chosen and printed once per run by test/globalSetup.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lnLikelihood, lnQueryLikelihoods, type AlleleEvidence } from '../../src/likelihood/peel.js';
import { lnLikelihoodReference, lnQueryLikelihoodsReference } from './referenceEngine.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { evidence, smallMarker, smallPedigree } from '../arbitraries/pedigrees.js';

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

/** Brute force: sum over every genotype of every person of founder priors × transmissions (theta 0). */
function bruteForce(father: number[], mother: number[], marker: MarkerModel, ev: readonly AlleleEvidence[]): number {
  const n = marker.alleles.length;
  const genotypes: [number, number][] = [];
  for (let b = 0; b < n; b++) for (let a = 0; a <= b; a++) genotypes.push([a, b]);
  const allowed = ev.map((e) => genotypes.map(([a, b]) => e === null || (e[1] >= 0 ? (a === e[0] && b === e[1]) || (a === e[1] && b === e[0]) : a === e[0] || b === e[0])));
  const p = marker.frequencies;
  const t = (m: Float64Array | null, [a, b]: [number, number], x: number): number => (m === null ? ((a === x ? 1 : 0) + (b === x ? 1 : 0)) / 2 : ((m[a * n + x] as number) + (m[b * n + x] as number)) / 2);
  const P = father.length;
  const choice = new Array<number>(P).fill(0);
  let total = 0;
  const visit = (i: number, prob: number): void => {
    if (prob === 0) return;
    if (i === P) {
      total += prob;
      return;
    }
    genotypes.forEach((g, k) => {
      if (!(allowed[i] as boolean[])[k]) return;
      choice[i] = k;
      let q: number;
      const f = father[i] as number;
      if (f < 0) q = g[0] === g[1] ? (p[g[0]] as number) ** 2 : 2 * (p[g[0]] as number) * (p[g[1]] as number);
      else {
        const gf = genotypes[choice[f] as number] as [number, number];
        const gm = genotypes[choice[mother[i] as number] as number] as [number, number];
        q = t(marker.male, gf, g[0]) * t(marker.female, gm, g[1]) + (g[0] !== g[1] ? t(marker.male, gf, g[1]) * t(marker.female, gm, g[0]) : 0);
      }
      visit(i + 1, prob * q);
    });
  };
  visit(0, 1);
  return Math.log(total);
}

const problem = (maxSize: number, maxAlleles: number, withMutation = true) =>
  fc.tuple(smallPedigree(maxSize), smallMarker(maxAlleles, withMutation)).chain(([ped, marker]) => fc.record({ ped: fc.constant(ped), marker: fc.constant(marker), ev: evidence(ped.father.length, marker.alleles.length) }));

describe('likelihood engine (property tests)', () => {
  it('allele-level engine equals brute-force enumeration (theta 0, loops included)', () => {
    fc.assert(
      fc.property(problem(5, 3), ({ ped, marker, ev }) => {
        const input = { father: ped.father, mother: ped.mother, marker, evidence: ev, theta: 0 };
        const brute = bruteForce(ped.father, ped.mother, marker, ev);
        expect(sameLn(lnLikelihood(input), brute), `engine ${lnLikelihood(input)} vs brute ${brute}`).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('allele-level and genotype-level engines agree (theta 0 and 0.03)', () => {
    fc.assert(
      fc.property(problem(6, 4), fc.constantFrom(0, 0.03), ({ ped, marker, ev }, theta) => {
        const input = { father: ped.father, mother: ped.mother, marker, evidence: ev, theta };
        expect(sameLn(lnLikelihood(input), lnLikelihoodReference(input))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('ln likelihoods and query distributions are within 1e-12 relative of the genotype-level engine (theta 0 and 0.03, mutation, partial profiles)', () => {
    // Tight bound for the allele engine's shortcuts (founder phase, a founder's first prior folded
    // into its direct transmission): |Δ ln| / max(1, |ln|) <= 1e-12, as for the family tables.
    const close = (a: number, b: number): boolean => (a === Number.NEGATIVE_INFINITY || b === Number.NEGATIVE_INFINITY ? a === b : Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)));
    fc.assert(
      fc.property(problem(7, 5), fc.nat(), fc.constantFrom(0, 0.03), ({ ped, marker, ev }, pick, theta) => {
        const input = { father: ped.father, mother: ped.mother, marker, evidence: ev, theta };
        expect(close(lnLikelihood(input), lnLikelihoodReference(input)), `${lnLikelihood(input)} vs ${lnLikelihoodReference(input)}`).toBe(true);
        const q = pick % ped.father.length;
        const evq = ev.slice();
        evq[q] = null;
        const queryInput = { ...input, evidence: evq };
        const query = lnQueryLikelihoods(queryInput, q);
        const reference = lnQueryLikelihoodsReference(queryInput, q);
        for (let g = 0; g < query.length; g++) expect(close(query[g] as number, reference[g] as number), `g=${g}: ${query[g]} vs ${reference[g]}`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the reference engine keeps the parents\' order when more than three factors meet (seed 1132521152): query with a partially typed mother in a half-sibling loop', () => {
    // 0 and 1 are parents of 2; 3 and 1 of the query 4; 2 and 4 of 5 (typed 10/10). Before the
    // fix, multiplyAndSum's pairing of more than three factors put the mother first and the
    // reference read the table the other way round; the allele engine and brute force agreed.
    const father = [-1, -1, 0, -1, 3, 2];
    const mother = [-1, -1, 1, -1, 1, 4];
    const marker = makeMarkerModel({ name: 'M', alleles: ['10', '11'], frequencies: [11 / 13, 2 / 13] });
    const ev: AlleleEvidence[] = [[0, -1], [0, -1], [0, 1], null, null, [0, 0]];
    const input = { father, mother, marker, evidence: ev, theta: 0 };
    const brute = [[0, 0], [0, 1], [1, 1]].map((g) => bruteForce(father, mother, marker, ev.map((e, i) => (i === 4 ? (g as [number, number]) : e))));
    const engine = Array.from(lnQueryLikelihoods(input, 4));
    const reference = Array.from(lnQueryLikelihoodsReference(input, 4));
    for (let g = 0; g < 3; g++) {
      expect(sameLn(engine[g] as number, brute[g] as number), `engine g=${g}`).toBe(true);
      expect(sameLn(reference[g] as number, brute[g] as number), `reference g=${g}`).toBe(true);
    }
  });

  it('genotype probabilities of two typed people sum to 1 over all their genotypes (theta 0 and 0.05)', () => {
    fc.assert(
      fc.property(smallPedigree(6), smallMarker(3), fc.nat(), fc.nat(), fc.constantFrom(0, 0.05), (ped, marker, i, j, theta) => {
        const size = ped.father.length;
        const a = i % size;
        const b = j % size;
        const n = marker.alleles.length;
        const lns: number[] = [];
        for (let x = 0; x < n; x++) for (let y = x; y < n; y++) for (let u = 0; u < n; u++) for (let v = u; v < n; v++) {
          if (a === b && (x !== u || y !== v)) continue;
          const ev: AlleleEvidence[] = ped.father.map(() => null);
          ev[a] = [x, y];
          ev[b] = [u, v];
          lns.push(lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: ev, theta }));
        }
        expect(Math.abs(Math.exp(logSumExp(lns)) - 1)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('the predictive distribution of an untyped person equals typing them, and both engines agree', () => {
    fc.assert(
      fc.property(problem(6, 4), fc.nat(), fc.constantFrom(0, 0.02), ({ ped, marker, ev }, pick, theta) => {
        const q = pick % ped.father.length;
        const evq = ev.slice();
        evq[q] = null;
        const input = { father: ped.father, mother: ped.mother, marker, evidence: evq, theta };
        const query = lnQueryLikelihoods(input, q);
        const reference = lnQueryLikelihoodsReference(input, q);
        const n = marker.alleles.length;
        let g = 0;
        for (let y = 0; y < n; y++) for (let x = 0; x <= y; x++, g++) {
          const typed = evq.slice();
          typed[q] = [x, y];
          const direct = lnLikelihood({ ...input, evidence: typed });
          expect(sameLn(query[g] as number, direct), `g=${x}/${y}: query ${query[g]} vs typed ${direct}`).toBe(true);
          expect(sameLn(query[g] as number, reference[g] as number)).toBe(true);
        }
        // Summing the query out gives the likelihood of the rest of the data.
        expect(sameLn(logSumExp(query), lnLikelihood(input))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('relabelling people does not change the likelihood', () => {
    fc.assert(
      fc.property(problem(6, 4), fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), ({ ped, marker, ev }, keys) => {
        const size = ped.father.length;
        const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => (keys[x] as number) - (keys[y] as number) || x - y);
        const newIndex = new Array<number>(size);
        order.forEach((old, k) => (newIndex[old] = k));
        const father = order.map((old) => ((ped.father[old] as number) < 0 ? -1 : (newIndex[ped.father[old] as number] as number)));
        const mother = order.map((old) => ((ped.mother[old] as number) < 0 ? -1 : (newIndex[ped.mother[old] as number] as number)));
        const ev2 = order.map((old) => ev[old] ?? null);
        const a = lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: ev, theta: 0 });
        const b = lnLikelihood({ father, mother, marker, evidence: ev2, theta: 0 });
        expect(sameLn(a, b)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
