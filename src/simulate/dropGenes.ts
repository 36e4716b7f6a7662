/**
 * Internal gene-dropping engine over an indexed pedigree: founders' alleles
 * from the frequencies (Hardy-Weinberg, or the Balding-Nichols urn for
 * theta > 0), then parent-to-child transmission through the marker's female
 * and male mutation matrices. Conditional simulation (some genotypes fixed)
 * goes through the peeling engine. Not part of the public surface.
 */
import { ModelError, ValidationError, type Issue } from '../errors/StrkinError.js';
import { silentIndex, type MarkerModel } from '../likelihood/MarkerModel.js';
import { indexPedigree } from '../likelihood/kinshipLR.js';
import { lnQueryLikelihoods, type AlleleEvidence } from '../likelihood/peel.js';
import { DEFAULT_THETA, thetaIssue } from '../likelihood/theta.js';
import type { Pedigree } from '../pedigree/Pedigree.js';
import { genotypeAlleles, genotypeIndex, makeGenotype, type Genotype } from '../profile/genotype.js';
import type { Random } from './random.js';
import { cumulative, mutate, searchCdf } from './sampling.js';
import type { Sex } from '../profile/Profile.js';
import { xSexes } from '../likelihood/xProblem.js';
import { dropMarkerX } from './dropGenesX.js';

/** A pedigree prepared for gene dropping. */
export interface DropPlan {
  /** Person ids; index = position. */
  readonly ids: readonly string[];
  readonly father: readonly number[];
  readonly mother: readonly number[];
  /** Indices of the people whose genotypes are wanted. */
  readonly typed: readonly number[];
  /** The typed people and their ancestors, parents before children. */
  readonly order: Int32Array;
  /** How many of `order` are founders (they come first). */
  readonly founderCount: number;
  /** Each person's sex (declared, else by role: a father male, a mother female), read at X markers. */
  readonly sex: readonly Sex[];
}

/**
 * Indexes a pedigree through {@link indexPedigree} (every rule of
 * `validatePedigree`; typed people not in it become unrelated founders) and
 * orders the typed people and their ancestors parents-first. Only those
 * people are simulated: the likelihood engine also prunes everyone else, and
 * with theta > 0 the founder urn must hold the same founders in both.
 */
export function makeDropPlan(pedigree: Pedigree, typed: readonly string[]): DropPlan {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  typed.forEach((id, i) => {
    if (seen.has(id)) issues.push({ code: 'duplicate-typed', message: `Person listed twice among the typed people (id = ${JSON.stringify(id)})`, path: ['typed', i] });
    seen.add(id);
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const inPedigree = new Set(pedigree.persons.map((p) => p.id));
  const { ids, father, mother } = indexPedigree(pedigree, typed.filter((id) => !inPedigree.has(id)));
  const index = new Map(ids.map((id, i) => [id, i]));
  const typedIdx = typed.map((id) => index.get(id) as number);
  // ancestors of typed people
  const keep = new Uint8Array(ids.length);
  const stack = [...typedIdx];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (keep[i] === 1) continue;
    keep[i] = 1;
    const f = father[i] as number;
    const m = mother[i] as number;
    if (f >= 0) stack.push(f);
    if (m >= 0) stack.push(m);
  }
  // parents-first order (Kahn-like, by repeated passes; pedigrees are small)
  const state = new Uint8Array(ids.length); // 0 pending, 1 placed
  const order: number[] = [];
  for (let i = 0; i < ids.length; i++) if (keep[i] === 1 && (father[i] as number) < 0) {
    order.push(i);
    state[i] = 1;
  }
  const founderCount = order.length;
  let progress = true;
  while (progress) {
    progress = false;
    for (let i = 0; i < ids.length; i++) {
      if (keep[i] !== 1 || state[i] === 1) continue;
      if (state[father[i] as number] === 1 && state[mother[i] as number] === 1) {
        order.push(i);
        state[i] = 1;
        progress = true;
      }
    }
  }
  // indexPedigree refused cycles and half-known parents, so everyone kept is placed
  const stuck = ids.filter((_, i) => keep[i] === 1 && state[i] !== 1);
  if (stuck.length > 0) throw new Error(`internal: people not placed in parents-first order (ids = ${stuck.join(', ')})`);
  const declared = new Map(pedigree.persons.map((p) => [p.id, p.sex]));
  const sex = xSexes(father, mother, ids.map((id) => declared.get(id) ?? 'unknown'));
  return { ids, father, mother, typed: typedIdx, order: Int32Array.from(order), founderCount, sex };
}

/**
 * Drops genes at one marker: fills `alleles[2i]` (from the mother) and
 * `alleles[2i + 1]` (from the father) with allele indices for every person in
 * `plan.order`. Founders: two independent draws from the frequencies, or the
 * Balding-Nichols urn (with probability n·θ/(1+(n−1)θ) a copy of one of the n
 * founder alleles drawn so far, else a fresh draw), which gives exactly the
 * urn probabilities (x·θ + (1−θ)p)/(1 + (n−1)θ) of domain.md §3.2.
 */
export function dropMarker(plan: DropPlan, marker: MarkerModel, random: Random, theta: number, alleles: Int32Array): void {
  if (marker.chromosome === 'X') return dropMarkerX(plan, marker, random, theta, alleles);
  const n = marker.alleles.length;
  const cdf = cumulative(marker.frequencies);
  const { order, founderCount, father, mother } = plan;
  if (theta === 0) {
    for (let k = 0; k < founderCount; k++) {
      const i = order[k] as number;
      alleles[2 * i] = searchCdf(cdf, 0, n, random.float());
      alleles[2 * i + 1] = searchCdf(cdf, 0, n, random.float());
    }
  } else {
    const drawn = new Int32Array(2 * founderCount);
    let count = 0;
    for (let k = 0; k < founderCount; k++) {
      const i = order[k] as number;
      for (let s = 0; s < 2; s++) {
        let allele: number;
        if (count > 0 && random.float() < (count * theta) / (1 + (count - 1) * theta)) allele = drawn[random.int(0, count)] as number;
        else allele = searchCdf(cdf, 0, n, random.float());
        drawn[count++] = allele;
        alleles[2 * i + s] = allele;
      }
    }
  }
  for (let k = founderCount; k < order.length; k++) {
    const i = order[k] as number;
    const m = mother[i] as number;
    const f = father[i] as number;
    const fromMother = alleles[2 * m + (random.float() < 0.5 ? 0 : 1)] as number;
    const fromFather = alleles[2 * f + (random.float() < 0.5 ? 0 : 1)] as number;
    alleles[2 * i] = mutate(marker.female, n, fromMother, random);
    alleles[2 * i + 1] = mutate(marker.male, n, fromFather, random);
  }
}

/**
 * Draws the genotypes of `targets` at one marker given the evidence already in
 * `evidence` (fixed genotypes), one person at a time from
 * P(g | evidence so far) (chain rule), each by one peeling pass. Writes the
 * draws into `evidence`. Throws a ModelError when the fixed genotypes are
 * impossible under the pedigree.
 */
export function dropMarkerConditional(plan: DropPlan, marker: MarkerModel, random: Random, theta: number, evidence: AlleleEvidence[], targets: readonly number[]): void {
  for (const t of targets) {
    const weights = predictive(plan, marker, theta, evidence, t);
    const g = drawFromWeights(weights, random);
    const [a, b] = genotypeAlleles(g);
    evidence[t] = shownEvidence(marker, a, b);
  }
}

/** P(person t has genotype g | evidence), as unnormalised weights over genotype indices. One peeling pass. */
export function predictive(plan: DropPlan, marker: MarkerModel, theta: number, evidence: readonly AlleleEvidence[], t: number): Float64Array {
  const ln = lnQueryLikelihoods({ father: plan.father, mother: plan.mother, marker, evidence, theta, ...(marker.chromosome === 'X' ? { sex: plan.sex } : {}) }, t);
  let max = Number.NEGATIVE_INFINITY;
  for (let g = 0; g < ln.length; g++) if ((ln[g] as number) > max) max = ln[g] as number;
  if (max === Number.NEGATIVE_INFINITY) {
    throw new ModelError({
      code: 'impossible-condition',
      message: `The fixed genotypes are impossible under the simulated pedigree (marker = ${marker.name}, person = ${String(plan.ids[t])})`,
      path: ['conditionOn', marker.name],
    });
  }
  const w = new Float64Array(ln.length);
  for (let g = 0; g < ln.length; g++) w[g] = Math.exp((ln[g] as number) - max);
  return w;
}

/** An index drawn proportionally to non-negative weights (linear scan; weights change per call). */
export function drawFromWeights(weights: Float64Array, random: Random): number {
  let total = 0;
  for (let g = 0; g < weights.length; g++) total += weights[g] as number;
  let u = random.float() * total;
  let last = -1;
  for (let g = 0; g < weights.length; g++) {
    const w = weights[g] as number;
    if (w <= 0) continue;
    last = g;
    if (u < w) return g;
    u -= w;
  }
  return last; // rounding at the end of the scan
}

/** Checks theta and returns it (default 0). */
export function checkTheta(theta: number | undefined): number {
  const issue = thetaIssue(theta);
  if (issue !== undefined) throw new ValidationError(issue);
  return theta ?? DEFAULT_THETA;
}

/** Checks that marker names are distinct. */
export function checkMarkers(markers: readonly MarkerModel[]): void {
  const issues = markerIssues(markers);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Markers listed twice (`duplicate-marker`), as issues. */
export function markerIssues(markers: readonly MarkerModel[]): Issue[] {
  const issues: Issue[] = [];
  const names = new Set<string>();
  for (const m of markers) {
    if (names.has(m.name)) issues.push({ code: 'duplicate-marker', message: `Marker listed twice (marker = ${m.name})`, path: ['markers', m.name] });
    names.add(m.name);
  }
  return issues;
}

const labelCache = new WeakMap<MarkerModel, (Genotype | undefined)[]>();

/**
 * What a typing shows of the true genotype a/b, in canonical order, or null for nothing.
 * With a silent allele S (docs/statistics.md, "Silent alleles") a/S shows as a/a and S/S
 * shows nothing: the simulated person is untyped at that marker. The tuples are shared
 * (one per genotype index and marker; genotypes are read-only), which saves both the
 * allele comparison and the allocation in large simulations.
 */
export function labelGenotype(marker: MarkerModel, a: number, b: number): Genotype | null {
  return shownLabel(marker, labelsOf(marker), silentIndex(marker), a, b);
}

/**
 * {@link labelGenotype} for one marker, with its cache and silent allele looked up
 * once (the same shared tuples), for loops over many people at one marker.
 */
export function genotypeLabeler(marker: MarkerModel): (a: number, b: number) => Genotype | null {
  const labels = labelsOf(marker);
  const S = silentIndex(marker);
  return (a, b) => shownLabel(marker, labels, S, a, b);
}

function labelsOf(marker: MarkerModel): (Genotype | undefined)[] {
  let cache = labelCache.get(marker);
  if (cache === undefined) {
    cache = [];
    labelCache.set(marker, cache);
  }
  return cache;
}

function shownLabel(marker: MarkerModel, cache: (Genotype | undefined)[], S: number, a: number, b: number): Genotype | null {
  if (S >= 0) {
    if (a === S && b === S) return null;
    if (a === S) a = b;
    else if (b === S) b = a;
  }
  const g = genotypeIndex(a, b);
  let label = cache[g];
  if (label === undefined) {
    label = Object.freeze(makeGenotype(marker.alleles[a] as string, marker.alleles[b] as string)) as Genotype;
    cache[g] = label;
  }
  return label;
}

/** Writes what a typing shows of a/b into a person's genotypes (nothing when it shows nothing; see {@link labelGenotype}). */
export function writeShown(row: Record<string, Genotype> | undefined, marker: MarkerModel, a: number, b: number): void {
  const label = labelGenotype(marker, a, b);
  if (label !== null && row !== undefined) row[marker.name] = label;
}

/**
 * The evidence a drawn true genotype a/b leaves for the next draws of a chain: what a
 * typing shows (a/S as the apparent a/a; S/S, shown as nothing, as the exact S/S), so that
 * successive draws follow the joint distribution of what typings show.
 */
export function shownEvidence(marker: MarkerModel, a: number, b: number): readonly [number, number] {
  const S = silentIndex(marker);
  if (S < 0 || (a === S && b === S)) return [a, b];
  if (a === S) return [b, b];
  if (b === S) return [a, a];
  return [a, b];
}
