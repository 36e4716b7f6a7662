/**
 * X-chromosomal markers, the entry points that `lnLikelihood` and
 * `lnQueryLikelihoods` (peel.ts) call for a marker with `chromosome: 'X'`.
 * The transmission rules (xProblem.ts, xElimination.ts): males hemizygous; a
 * father passes his X to every daughter and to no son; a mother passes one of
 * her two X alleles to every child; mutation through the parent's matrix
 * (male for fathers, female for mothers); founders from the Balding-Nichols
 * urn, one draw for a male and two for a female.
 * @internal
 */
import { ValidationError } from '../errors/StrkinError.js';
import type { PeelInput } from './peel.js';
import { solveX } from './xElimination.js';
import { buildXProblem, type XProblem } from './xProblem.js';

/** ln P(data) for one X marker; −Infinity when the data are impossible. */
export function lnLikelihoodX(input: PeelInput): number {
  const problem = buildXProblem(input, -1);
  if (problem === null) return 0;
  return solveX(problem).ln;
}

/** ln P(query = g, data) for one X marker, over genotype indices (a male query's allele a at the index of a/a). */
export function lnQueryLikelihoodsX(input: PeelInput, query: number): Float64Array {
  if (input.evidence[query] != null) throw new ValidationError({ code: 'typed-query', message: `The person whose genotype is predicted must be untyped (person index = ${query})`, path: ['query'] });
  // Never null: the query itself is kept.
  const problem = buildXProblem(input, query) as XProblem;
  return solveX(problem).query as Float64Array;
}
