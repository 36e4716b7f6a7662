/**
 * A marker ready for likelihood computation: its alleles (in a fixed order, so
 * that alleles and genotypes are integer indices), their frequencies, and the
 * female and male mutation matrices.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { FREQUENCY_SUM_TOLERANCE } from '../frequencies/FrequencyTable.js';
import { mutationMatrix, validateMutationSpec, type MutationSpec, type SexSpecificMutation, NO_MUTATION } from '../mutation/mutationMatrix.js';

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
  /**
   * Frequency s of the silent (null) allele, present only when s > 0: the last entry of
   * `alleles` is then {@link SILENT_ALLELE} with frequency s, the other frequencies are
   * scaled by 1 − s, and a typed homozygote a/a stands for the true genotypes a/a and
   * a/silent (docs/statistics.md, "Silent alleles").
   */
  readonly silentFrequency?: number;
}

/**
 * The label of the silent (null) allele, last in a marker's allele list when the marker has
 * a silent allele frequency (the name Familias gives it). It is not an allele designation
 * (`readAlleleCell` refuses it), so no typed genotype can name it.
 */
export const SILENT_ALLELE = 'silent';

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
  /**
   * Frequency of a silent (null) allele in [0, 1); default 0 (none). When positive the
   * marker gains the allele {@link SILENT_ALLELE} with this frequency and the given
   * frequencies are scaled by 1 − s (docs/statistics.md, "Silent alleles").
   */
  readonly silentFrequency?: number;
}

/**
 * Validates a marker and builds its matrices. Frequencies must be finite and in
 * (0, 1] and sum to 1 within {@link FREQUENCY_SUM_TOLERANCE} (`frequency-sum`; the
 * rule frequency files follow); beyond {@link FREQUENCY_ROUNDING_TOLERANCE} they are
 * divided by their sum, so every likelihood sums untyped founders' alleles over 1
 * (docs/statistics.md, "Alleles and frequencies"). Alleles distinct. Throws {@link ValidationError}
 * listing every problem.
 *
 * With a silent allele frequency s > 0 (`silentFrequency`, code `bad-silent-frequency` outside
 * [0, 1)) the marker gains the last allele {@link SILENT_ALLELE} with frequency s, and the
 * frequencies above (summing to 1) are multiplied by 1 − s. The mutation matrices are those of
 * the observed alleles, with the silent allele never mutating to or from them (its row and
 * column are the identity's), as in Familias (`FamiliasLocus`, R package Familias), which
 * also divides the `proportional` rate by 1 − s so that the mean rate over the whole space,
 * silent allele included, is `rate`. With s = 0 the marker is exactly the one without the option.
 *
 * Cost: O(n²) for n alleles.
 *
 * @example
 * ```ts
 * const m = makeMarkerModel({ name: 'TH01', alleles: ['6', '7'], frequencies: [0.4, 0.6], silentFrequency: 0.01 });
 * m.alleles; // => ['6', '7', 'silent']
 * Array.from(m.frequencies); // => [0.4 * (1 - 0.01), 0.6 * (1 - 0.01), 0.01]
 * ```
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
  const silent = input.silentFrequency ?? 0;
  if (typeof silent !== 'number' || !(silent >= 0 && silent < 1)) {
    issues.push({ code: 'bad-silent-frequency', message: `Silent allele frequency must be a number in [0, 1) (marker = ${input.name}, silentFrequency = ${String(silent)})`, path: [...path, 'silentFrequency'] });
  } else if (silent > 0 && input.chromosome === 'X') {
    issues.push({ code: 'x-silent-unsupported', message: `Silent alleles are not modelled on X-chromosomal markers (marker = ${input.name}); give silentFrequency 0`, path: [...path, 'silentFrequency'] });
  } else if (silent > 0 && seen.has(SILENT_ALLELE)) {
    issues.push({ code: 'duplicate-allele', message: `Allele listed twice (marker = ${input.name}, allele = ${SILENT_ALLELE}): the silent allele is added by silentFrequency`, path });
  }
  const mutation = input.mutation ?? NO_MUTATION;
  issues.push(...validateMutationSpec(mutation.female, [...path, 'mutation', 'female']), ...validateMutationSpec(mutation.male, [...path, 'mutation', 'male']));
  if (issues.length > 0) throw new ValidationError(issues);
  const freqs = Float64Array.from(frequencies as ArrayLike<number>);
  let total = 0;
  for (let i = 0; i < freqs.length; i++) total += freqs[i] as number;
  if (Math.abs(total - 1) > FREQUENCY_ROUNDING_TOLERANCE) for (let i = 0; i < freqs.length; i++) freqs[i] = (freqs[i] as number) / total;
  const chromosomeField = input.chromosome === 'X' ? { chromosome: 'X' as const } : {};
  const female = mutationMatrix(silentSpec(mutation.female, silent), alleles, freqs);
  const male = mutationMatrix(silentSpec(mutation.male, silent), alleles, freqs);
  if (silent > 0) {
    const n = alleles.length;
    const scaled = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) scaled[i] = (freqs[i] as number) * (1 - silent);
    scaled[n] = silent;
    return { name: input.name, ...chromosomeField, alleles: [...alleles, SILENT_ALLELE], frequencies: scaled, female: withSilentRow(female, n), male: withSilentRow(male, n), mutation, silentFrequency: silent };
  }
  return { name: input.name, ...chromosomeField, alleles: [...alleles], frequencies: freqs, female, male, mutation };
}

/** Familias divides the `proportional` rate by 1 − s (the silent allele never mutates), so that the mean rate over the space is `rate`. */
function silentSpec(spec: MutationSpec, silent: number): MutationSpec {
  return silent > 0 && spec.model === 'proportional' ? { model: 'proportional', rate: spec.rate / (1 - silent) } : spec;
}

/** An n·n matrix embedded in (n+1)·(n+1) with the last (silent) allele never mutating to or from the others. */
function withSilentRow(m: Float64Array | null, n: number): Float64Array | null {
  if (m === null) return null;
  const N = n + 1;
  const out = new Float64Array(N * N);
  for (let i = 0; i < n; i++) out.set(m.subarray(i * n, (i + 1) * n), i * N);
  out[N * N - 1] = 1;
  return out;
}

/**
 * The index of a marker's silent allele (the last one), or −1 when it has none.
 *
 * @example
 * ```ts
 * silentIndex(makeMarkerModel({ name: 'M', alleles: ['6', '7'], frequencies: [0.5, 0.5], silentFrequency: 0.02 })); // => 2
 * ```
 */
export function silentIndex(marker: MarkerModel): number {
  return (marker.silentFrequency ?? 0) > 0 ? marker.alleles.length - 1 : -1;
}

/** The same marker without mutation (for the no-mutation LR shown beside the mutation LR). */
export function withoutMutation(marker: MarkerModel): MarkerModel {
  return { ...marker, female: null, male: null, mutation: NO_MUTATION };
}
