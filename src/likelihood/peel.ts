/**
 * The pedigree likelihood engine for one marker: its entry points. Variable
 * elimination (peeling generalised so that pedigrees with loops need no loop
 * breaker) in scaled arithmetic that reports natural logs.
 *
 * Model (validation/README.md conventions): founders in Hardy-Weinberg
 * proportions, or with theta > 0 all founder alleles of the pedigree drawn in
 * sequence from one Balding-Nichols urn; every parent-to-child transmission,
 * including from untyped founders, goes through the parent's mutation matrix
 * (male for fathers, female for mothers).
 *
 * The jobs, one file each: `buildProblem.ts` drops untyped people with no
 * typed descendants, lumps alleles seen in nobody into one when that is exact
 * and gives every person its genotype domain; `alleleElimination.ts` runs the
 * elimination over allele variables; `solveTheta.ts` enumerates founder
 * genotypes through the theta urn. A genotype-level reference engine, used
 * only to cross-check, lives with the tests (test/likelihood/referenceEngine.ts).
 * @internal
 */
import { ValidationError } from '../errors/StrkinError.js';
import { eliminateAlleles } from './alleleElimination.js';
import { buildProblem, type Problem, type Solution } from './buildProblem.js';
import { HI, LO } from './genotypeTables.js';
import type { MarkerModel } from './MarkerModel.js';
import { founderCombinations, solveTheta, THETA_ENUMERATION_LIMIT } from './solveTheta.js';
import { buildXProblem } from './xProblem.js';
import type { Sex } from '../profile/Profile.js';
import { lnLikelihoodX, lnQueryLikelihoodsX } from './xChromosome.js';

export { THETA_ENUMERATION_LIMIT };

/** Observed allele indices of one person: a complete pair, a partial `[a, -1]`, or `null` (untyped). */
export type AlleleEvidence = readonly [number, number] | null;

/** One marker's likelihood problem over a pedigree given by parent indices (-1 = founder). */
export interface PeelInput {
  readonly father: readonly number[];
  readonly mother: readonly number[];
  readonly marker: MarkerModel;
  readonly evidence: readonly AlleleEvidence[];
  /** Balding-Nichols theta (0 = Hardy-Weinberg founders). */
  readonly theta: number;
  /**
   * Sex by person index, read only for X markers (`marker.chromosome === 'X'`): there a
   * male carries one allele (evidence `[a, a]` or `[a, -1]`), and a father's or mother's
   * role gives the sex where it is `unknown` or absent.
   */
  readonly sex?: readonly Sex[];
}

/**
 * One elimination run over a problem with the given genotype domains; with
 * `priors` false the founders carry no prior (the theta enumeration fixes them).
 * @internal
 */
export type Eliminate = (pr: Problem, domains: Int32Array[], priors: boolean) => Solution;

/** The allele-level elimination (the engine every entry point uses). */
const alleleEngine: Eliminate = (pr, domains, priors) => eliminateAlleles(pr, domains, LO, HI, priors);

/** ln P(data) for one marker. −Infinity when the data are impossible. */
export function lnLikelihood(input: PeelInput): number {
  if (input.marker.chromosome === 'X') return lnLikelihoodX(input);
  return likelihoodWith(input, alleleEngine);
}

/**
 * ln P(query has genotype g, data) for every genotype index g of the marker's
 * full allele list (genotypeIndex order). The query person must be untyped.
 * At an X marker a male query's allele a sits at the index of a/a (every other entry −Infinity).
 */
export function lnQueryLikelihoods(input: PeelInput, query: number): Float64Array {
  if (input.marker.chromosome === 'X') return lnQueryLikelihoodsX(input, query);
  return queryWith(input, query, alleleEngine);
}

/**
 * The founder-genotype combinations the theta solver enumerates for
 * {@link lnQueryLikelihoods}`(input, query)` with theta > 0 (it refuses more than
 * {@link THETA_ENUMERATION_LIMIT}); builds the problem, solves nothing.
 * @internal
 */
export function thetaQueryCombinations(input: PeelInput, query: number): number {
  if (input.marker.chromosome === 'X') {
    const pr = buildXProblem(input, query);
    return pr === null ? 1 : founderCombinations(pr.domains, pr.mo);
  }
  const pr = buildProblem(input, query);
  return pr === null ? 1 : founderCombinations(pr.domains, pr.fa);
}

/** {@link lnLikelihood} with another elimination (the tests' genotype-level reference). @internal */
export function likelihoodWith(input: PeelInput, engine: Eliminate): number {
  const problem = buildProblem(input, -1);
  if (problem === null) return 0;
  return solve(problem, engine).ln;
}

/** {@link lnQueryLikelihoods} with another elimination. @internal */
export function queryWith(input: PeelInput, query: number, engine: Eliminate): Float64Array {
  if (input.evidence[query] != null) throw new ValidationError({ code: 'typed-query', message: `The person whose genotype is predicted must be untyped (person index = ${query})`, path: ['query'] });
  const problem = buildProblem(input, query) as Problem;
  return solve(problem, engine).query as Float64Array;
}

function solve(pr: Problem, engine: Eliminate): Solution {
  const run = (domains: Int32Array[], priors: boolean): Solution => engine(pr, domains, priors);
  if (pr.theta === 0) return run(pr.domains, true);
  return solveTheta(pr, run);
}
