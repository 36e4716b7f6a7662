/**
 * Mutation models: M[i][j] = P(a parent with allele i transmits allele j).
 * Names and parameters follow Familias / pedmut (domain.md §3.4) so results can
 * be reproduced there. Matrices are row-major `Float64Array`s of n·n entries;
 * `null` stands for "no mutation" (the identity), which the engine exploits.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { alleleRepeat, microvariantGroup } from '../profile/allele.js';

/** A mutation model for one sex at one locus. */
export type MutationSpec =
  | { readonly model: 'none' }
  /** M[i][i] = 1 − rate, M[i][j] = rate/(n−1). */
  | { readonly model: 'equal'; readonly rate: number }
  /** M = (1−a)I + a·1·pᵀ with a = rate / Σ p_k(1−p_k): stationary, overall rate exactly `rate`. */
  | { readonly model: 'proportional'; readonly rate: number }
  /**
   * Within a microvariant group, M[i][j] ∝ range^|x_i − x_j| scaled so that the row's within-group
   * off-diagonal sum is `rate`; into another group `rate2` spread evenly. Off-ladder alleles form
   * groups of their own (rate2 only). Familias' "extended stepwise" when rate2 > 0.
   */
  | { readonly model: 'stepwise'; readonly rate: number; readonly range: number; readonly rate2?: number }
  /** Only ±1 repeat steps (within a microvariant group), `rate` split equally among the neighbours that exist. */
  | { readonly model: 'onestep'; readonly rate: number }
  /** A user matrix over the marker's alleles, rows summing to 1. */
  | { readonly model: 'custom'; readonly matrix: readonly (readonly number[])[] };

/** Names of the mutation models. */
export type MutationModelName = MutationSpec['model'];

/** Mutation settings of one locus: female and male matrices differ (paternal rates are 4-6x maternal). */
export interface SexSpecificMutation {
  readonly female: MutationSpec;
  readonly male: MutationSpec;
}

/** Tolerance for rows of a mutation matrix summing to 1. */
export const MUTATION_ROW_TOLERANCE = 1e-9;

/** No mutation for either sex. */
export const NO_MUTATION: SexSpecificMutation = { female: { model: 'none' }, male: { model: 'none' } };

/** Problems of a spec's parameters (empty when valid). */
export function validateMutationSpec(spec: MutationSpec, path: readonly (string | number)[] = []): Issue[] {
  const issues: Issue[] = [];
  const rateOk = (name: string, value: unknown): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      issues.push({ code: 'bad-mutation-rate', message: `Mutation ${name} must be a number in [0, 1] (${name} = ${String(value)})`, path: [...path, name] });
    }
  };
  switch (spec.model) {
    case 'none':
      break;
    case 'equal':
    case 'proportional':
    case 'onestep':
      rateOk('rate', spec.rate);
      break;
    case 'stepwise':
      rateOk('rate', spec.rate);
      rateOk('rate2', spec.rate2 ?? 0);
      if (typeof spec.range !== 'number' || !(spec.range > 0) || !(spec.range < 1)) {
        issues.push({ code: 'bad-mutation-range', message: `Stepwise range must be in (0, 1) (range = ${String(spec.range)})`, path: [...path, 'range'] });
      }
      if (issues.length === 0 && spec.rate + (spec.rate2 ?? 0) > 1) {
        issues.push({ code: 'bad-mutation-rate', message: `rate + rate2 must not exceed 1 (rate + rate2 = ${spec.rate + (spec.rate2 ?? 0)})`, path });
      }
      break;
    case 'custom':
      if (!Array.isArray(spec.matrix)) issues.push({ code: 'bad-mutation-matrix', message: 'Custom mutation matrix must be an array of rows', path: [...path, 'matrix'] });
      break;
    default:
      issues.push({ code: 'unknown-mutation-model', message: `Unknown mutation model (model = ${JSON.stringify((spec as { model: unknown }).model)}); use none, equal, proportional, stepwise, onestep or custom`, path: [...path, 'model'] });
  }
  return issues;
}

/** True when the spec can never change an allele (model `none`, or a zero rate). */
export function isNoMutation(spec: MutationSpec): boolean {
  if (spec.model === 'none') return true;
  if (spec.model === 'custom') return false;
  if (spec.model === 'stepwise') return spec.rate === 0 && (spec.rate2 ?? 0) === 0;
  return spec.rate === 0;
}

/**
 * Builds the n×n mutation matrix of a spec over a marker's alleles and frequencies,
 * or `null` when the model cannot change an allele. Throws {@link ValidationError}
 * for invalid parameters or a matrix with a negative entry or a row not summing to 1.
 *
 * Cost: O(n²).
 *
 * @example
 * ```ts
 * const m = mutationMatrix({ model: 'equal', rate: 0.002 }, ['8', '9', '10'], [0.2, 0.3, 0.5]);
 * m?.[1]; // => 0.001 // 8 -> 9
 * ```
 */
export function mutationMatrix(spec: MutationSpec, alleles: readonly string[], frequencies: ArrayLike<number>): Float64Array | null {
  const issues = validateMutationSpec(spec);
  if (issues.length > 0) throw new ValidationError(issues);
  const n = alleles.length;
  if (isNoMutation(spec) || n === 0) return null;
  const m = new Float64Array(n * n);
  switch (spec.model) {
    case 'none':
      return null;
    case 'equal':
      if (n === 1) return null;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = i === j ? 1 - spec.rate : spec.rate / (n - 1);
      break;
    case 'proportional': {
      let het = 0;
      for (let k = 0; k < n; k++) het += (frequencies[k] ?? 0) * (1 - (frequencies[k] ?? 0));
      if (het === 0) return null;
      const a = spec.rate / het;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = (i === j ? 1 - a : 0) + a * (frequencies[j] ?? 0);
      break;
    }
    case 'onestep': {
      const repeats = alleles.map((x) => alleleRepeat(x));
      for (let i = 0; i < n; i++) {
        const ri = repeats[i];
        const neighbours: number[] = [];
        if (ri !== undefined) {
          for (let j = 0; j < n; j++) {
            const rj = repeats[j];
            if (j !== i && rj !== undefined && Math.abs(Math.abs(rj - ri) - 1) < 1e-9) neighbours.push(j);
          }
        }
        m[i * n + i] = neighbours.length === 0 ? 1 : 1 - spec.rate;
        for (const j of neighbours) m[i * n + j] = spec.rate / neighbours.length;
      }
      break;
    }
    case 'stepwise':
      fillStepwise(m, alleles, spec.rate, spec.range, spec.rate2 ?? 0);
      break;
    case 'custom':
      return customMatrix(spec.matrix, n);
  }
  checkMatrix(m, n, alleles);
  return m;
}

function fillStepwise(m: Float64Array, alleles: readonly string[], rate: number, range: number, rate2: number): void {
  const n = alleles.length;
  const repeats = alleles.map((x) => alleleRepeat(x));
  // Off-ladder alleles: each its own group (a unique negative key), never a stepwise distance.
  const groups = alleles.map((x, i) => microvariantGroup(x) ?? -1 - i);
  for (let i = 0; i < n; i++) {
    const gi = groups[i];
    let sameSize = 0;
    let weightSum = 0;
    for (let j = 0; j < n; j++) {
      if (groups[j] !== gi) continue;
      sameSize++;
      if (j !== i) weightSum += range ** Math.abs((repeats[j] ?? 0) - (repeats[i] ?? 0));
    }
    const others = n - sameSize;
    const within = sameSize > 1 ? rate : 0;
    const between = others > 0 ? rate2 : 0;
    for (let j = 0; j < n; j++) {
      if (j === i) m[i * n + j] = 1 - within - between;
      else if (groups[j] === gi) m[i * n + j] = (rate * range ** Math.abs((repeats[j] ?? 0) - (repeats[i] ?? 0))) / weightSum;
      else m[i * n + j] = rate2 / others;
    }
  }
}

function customMatrix(matrix: readonly (readonly number[])[], n: number): Float64Array {
  if (matrix.length !== n || matrix.some((row) => !Array.isArray(row) || row.length !== n)) {
    throw new ValidationError({ code: 'bad-mutation-matrix', message: `Custom mutation matrix must be ${n}×${n}, one row and column per allele (rows = ${matrix.length})`, path: ['matrix'] });
  }
  const m = new Float64Array(n * n);
  matrix.forEach((row, i) => row.forEach((x, j) => (m[i * n + j] = x)));
  checkMatrix(m, n, undefined);
  return m;
}

function checkMatrix(m: Float64Array, n: number, alleles: readonly string[] | undefined): void {
  const issues: Issue[] = [];
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const x = m[i * n + j] ?? 0;
      if (!(x >= 0) || !Number.isFinite(x)) {
        issues.push({ code: 'bad-mutation-matrix', message: `Mutation matrix entry must be a finite number ≥ 0 (row = ${alleles?.[i] ?? i}, column = ${alleles?.[j] ?? j}, value = ${x})`, path: ['matrix', i, j] });
      }
      sum += x;
    }
    if (Math.abs(sum - 1) > MUTATION_ROW_TOLERANCE) {
      issues.push({ code: 'bad-mutation-matrix', message: `Mutation matrix row must sum to 1 (row = ${alleles?.[i] ?? i}, sum = ${sum})`, path: ['matrix', i] });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/** A short text for provenance records, e.g. `stepwise(rate=0.0012, range=0.5, rate2=1e-6)`. */
export function describeMutation(spec: MutationSpec): string {
  switch (spec.model) {
    case 'none':
      return 'none';
    case 'custom':
      return 'custom matrix';
    case 'stepwise':
      return `stepwise(rate=${spec.rate}, range=${spec.range}, rate2=${spec.rate2 ?? 0})`;
    default:
      return `${spec.model}(rate=${spec.rate})`;
  }
}
