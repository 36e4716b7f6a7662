/**
 * The theta (Balding-Nichols) solver: with theta > 0 all founder alleles of
 * the pedigree are drawn in sequence from one urn, so founders' genotypes are
 * enumerated jointly and the rest of the pedigree is peeled once per
 * combination.
 * @internal
 */
import { ModelError } from '../errors/StrkinError.js';
import type { Problem, Solution } from './buildProblem.js';
import { HI, LO } from './genotypeTables.js';

/** Upper bound on founder-genotype combinations enumerated for theta > 0. */
export const THETA_ENUMERATION_LIMIT = 200_000;

const LN2 = Math.LN2;

/** Founder-genotype combinations the theta enumeration visits: the product of the founders' domain sizes (`parent[v] < 0` marks a founder). */
export function founderCombinations(domains: readonly Int32Array[], parent: Int32Array): number {
  let combos = 1;
  for (let v = 0; v < parent.length; v++) if ((parent[v] as number) < 0) combos *= (domains[v] as Int32Array).length;
  return combos;
}

/** @throws ModelError `theta-too-costly` when `combos` exceeds {@link THETA_ENUMERATION_LIMIT}. */
export function checkThetaCost(combos: number, marker: string): void {
  if (combos > THETA_ENUMERATION_LIMIT) {
    throw new ModelError({
      code: 'theta-too-costly',
      message: `Theta correction needs ${combos.toExponential(2)} founder-genotype combinations at this marker, more than the limit of ${THETA_ENUMERATION_LIMIT} (marker = ${marker}); use theta = 0 or a pedigree with fewer untyped founders`,
      path: ['theta'],
    });
  }
}

/** Adds b to a in log space. */
function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * Theta > 0: founders' genotypes are enumerated jointly (typed founders are
 * fixed); each combination is weighted by the urn probability of all founder
 * alleles drawn in sequence, and the rest of the pedigree is peeled with the
 * founders fixed.
 */
export function solveTheta(pr: Problem, run: (domains: Int32Array[], priors: boolean) => Solution): Solution {
  const P = pr.fa.length;
  const founders: number[] = [];
  for (let v = 0; v < P; v++) if ((pr.fa[v] as number) < 0) founders.push(v);
  // Typed founders first (their alleles are fixed), then the enumerated ones.
  founders.sort((x, y) => (pr.domains[x] as Int32Array).length - (pr.domains[y] as Int32Array).length);
  checkThetaCost(founderCombinations(pr.domains, pr.fa), pr.name);
  const theta = pr.theta;
  const G = (pr.nA * (pr.nA + 1)) / 2;
  const domains = pr.domains.slice();
  const counts = new Float64Array(pr.nA);
  let total = Number.NEGATIVE_INFINITY;
  const query = pr.query >= 0 ? new Float64Array(G).fill(Number.NEGATIVE_INFINITY) : undefined;
  const draw = (a: number, drawn: number): number => Math.log(((counts[a] as number) * theta + (1 - theta) * (pr.freq[a] as number)) / (1 + (drawn - 1) * theta));
  const visit = (k: number, drawn: number, lnWeight: number): void => {
    if (k === founders.length) {
      const result = run(domains, false);
      if (query !== undefined && result.query !== undefined) {
        for (let g = 0; g < G; g++) query[g] = logAdd(query[g] as number, lnWeight + (result.query[g] as number));
      } else total = logAdd(total, lnWeight + result.ln);
      return;
    }
    const v = founders[k] as number;
    const domain = pr.domains[v] as Int32Array;
    for (let i = 0; i < domain.length; i++) {
      const g = domain[i] as number;
      const a = LO[g] as number;
      const b = HI[g] as number;
      let w = draw(a, drawn);
      counts[a] = (counts[a] as number) + 1;
      w += draw(b, drawn + 1);
      counts[b] = (counts[b] as number) + 1;
      if (a !== b) w += LN2;
      domains[v] = Int32Array.of(g);
      visit(k + 1, drawn + 2, lnWeight + w);
      counts[a] = (counts[a] as number) - 1;
      counts[b] = (counts[b] as number) - 1;
    }
    domains[v] = domain;
  };
  visit(0, 0, 0);
  return query !== undefined ? { ln: Number.NaN, query } : { ln: total };
}
