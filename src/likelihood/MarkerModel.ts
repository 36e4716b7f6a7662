/**
 * A marker ready for likelihood computation: its alleles (in a fixed order, so
 * that alleles and genotypes are integer indices), their frequencies, and the
 * female and male mutation matrices.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { FREQUENCY_SUM_TOLERANCE } from '../frequencies/FrequencyTable.js';
import { mutationMatrix, validateMutationSpec, type SexSpecificMutation, NO_MUTATION } from '../mutation/mutationMatrix.js';

/**
 * Where a marker lies: `autosomal` (the default) or `X` (X-chromosomal: males carry one
 * allele, a father passes his X to his daughters only; docs/lineage.md).
 */
export type Chromosome = 'autosomal' | 'X';

/** A marker with allele order, frequencies and mutation matrices (null = none). */
export interface MarkerModel {
  readonly name: string;
  /** `X` for an X-chromosomal marker; absent (or `autosomal`) for an autosomal one. */
  readonly chromosome?: Chromosome;
  readonly alleles: readonly string[];
  /**
   * Frequencies in allele order, summing to 1: the input as given when it sums to 1 within
   * {@link FREQUENCY_ROUNDING_TOLERANCE}, else divided by its sum (which must be within
   * {@link FREQUENCY_SUM_TOLERANCE} of 1).
   */
  readonly frequencies: Float64Array;
  /** Female (maternal) transmission matrix, row-major n·n, or null for no mutation. */
  readonly female: Float64Array | null;
  /** Male (paternal) transmission matrix, or null. */
  readonly male: Float64Array | null;
  /** The settings the matrices came from (for provenance). */
  readonly mutation: SexSpecificMutation;
}

/**
 * A marker whose frequencies sum to 1 within 1e-6 (the rounding of a table printed to six or more
 * decimals) is used as given, as pedprobr/forrel do (the lumped "other" allele then takes
 * 1 − Σ(observed)); a larger deviation, up to {@link FREQUENCY_SUM_TOLERANCE}, is divided out.
 * Frequencies strkin derives from a table (`alleleSpace`) already sum to 1 to double precision.
 */
export const FREQUENCY_ROUNDING_TOLERANCE = 1e-6;

/** Input of {@link makeMarkerModel}. */
export interface MarkerInput {
  readonly name: string;
  readonly alleles: readonly string[];
  readonly frequencies: ArrayLike<number>;
  /** Default: no mutation. */
  readonly mutation?: SexSpecificMutation;
  /** Default `autosomal`; `X` for an X-chromosomal marker. */
  readonly chromosome?: Chromosome;
}

/**
 * Validates a marker and builds its matrices. Frequencies must be finite and in
 * (0, 1] and sum to 1 within {@link FREQUENCY_SUM_TOLERANCE} (`frequency-sum`; the
 * rule frequency files follow); beyond {@link FREQUENCY_ROUNDING_TOLERANCE} they are
 * divided by their sum, so every likelihood sums untyped founders' alleles over 1
 * (docs/statistics.md, "Alleles and frequencies"). Alleles distinct. Throws {@link ValidationError}
 * listing every problem.
 *
 * Cost: O(n²) for n alleles.
 */
export function makeMarkerModel(input: MarkerInput): MarkerModel {
  const issues: Issue[] = [];
  const path = ['markers', input.name];
  const { alleles, frequencies } = input;
  if (alleles.length === 0) issues.push({ code: 'empty-marker', message: `Marker has no alleles (marker = ${input.name})`, path });
  if (alleles.length !== frequencies.length) {
    issues.push({ code: 'frequency-count', message: `Marker needs one frequency per allele (marker = ${input.name}, alleles = ${alleles.length}, frequencies = ${frequencies.length})`, path });
  }
  const seen = new Set<string>();
  alleles.forEach((a, i) => {
    if (seen.has(a)) issues.push({ code: 'duplicate-allele', message: `Allele listed twice (marker = ${input.name}, allele = ${a})`, path: [...path, i] });
    seen.add(a);
    const p = frequencies[i];
    if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0 || p > 1) {
      issues.push({ code: 'frequency-range', message: `Allele frequency must be in (0, 1] (marker = ${input.name}, allele = ${a}, frequency = ${String(p)})`, path: [...path, i] });
    }
  });
  if (issues.length === 0 && alleles.length > 0) {
    let sum = 0;
    for (let i = 0; i < frequencies.length; i++) sum += frequencies[i] as number;
    if (!(Math.abs(sum - 1) <= FREQUENCY_SUM_TOLERANCE)) {
      issues.push({ code: 'frequency-sum', message: `Allele frequencies must sum to 1 within ${FREQUENCY_SUM_TOLERANCE} (marker = ${input.name}, sum = ${String(Number(sum.toPrecision(10)))})`, path: [...path, 'frequencies'] });
    }
  }
  if (input.chromosome !== undefined && input.chromosome !== 'autosomal' && input.chromosome !== 'X') {
    issues.push({ code: 'bad-chromosome', message: `Chromosome must be "autosomal" or "X" (marker = ${input.name}, chromosome = ${JSON.stringify(input.chromosome)})`, path: [...path, 'chromosome'] });
  }
  const mutation = input.mutation ?? NO_MUTATION;
  issues.push(...validateMutationSpec(mutation.female, [...path, 'mutation', 'female']), ...validateMutationSpec(mutation.male, [...path, 'mutation', 'male']));
  if (issues.length > 0) throw new ValidationError(issues);
  const freqs = Float64Array.from(frequencies as ArrayLike<number>);
  let total = 0;
  for (let i = 0; i < freqs.length; i++) total += freqs[i] as number;
  if (Math.abs(total - 1) > FREQUENCY_ROUNDING_TOLERANCE) for (let i = 0; i < freqs.length; i++) freqs[i] = (freqs[i] as number) / total;
  return {
    name: input.name,
    ...(input.chromosome === 'X' ? { chromosome: 'X' as const } : {}),
    alleles: [...alleles],
    frequencies: freqs,
    female: mutationMatrix(mutation.female, alleles, freqs),
    male: mutationMatrix(mutation.male, alleles, freqs),
    mutation,
  };
}

/** The same marker without mutation (for the no-mutation LR shown beside the mutation LR). */
export function withoutMutation(marker: MarkerModel): MarkerModel {
  return { ...marker, female: null, male: null, mutation: NO_MUTATION };
}
