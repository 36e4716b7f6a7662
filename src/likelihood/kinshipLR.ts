/**
 * Kinship likelihood ratios between pedigree hypotheses over the same typed
 * people, marker by marker, in log space.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { isNoMutation, describeMutation } from '../mutation/mutationMatrix.js';
import type { Pedigree } from '../pedigree/Pedigree.js';
import type { Genotype } from '../profile/genotype.js';
import { STRKIN_VERSION } from '../version.js';
import { withoutMutation, type MarkerModel } from './MarkerModel.js';
import { lnLikelihood, type AlleleEvidence } from './peel.js';

/** Per-marker outcome: `excluded` = impossible under H1 only (LR 0); `undefined` = impossible under both (0/0); `infinite` = impossible under H2 only; `untyped` = nobody typed (LR 1). */
export type MarkerStatus = 'ok' | 'excluded' | 'undefined' | 'infinite' | 'untyped';

/** Genotypes by person id, then by marker name. */
export type GenotypeData = Readonly<Record<string, Readonly<Record<string, Genotype>>>>;

/** A kinship question: hypotheses (pedigrees) over typed people, markers, genotypes, theta. */
export interface KinshipCase {
  /** H1, H2 (and more): pedigrees over the same typed people. A typed person absent from a pedigree is an unrelated founder there. */
  readonly hypotheses: readonly Pedigree[];
  readonly markers: readonly MarkerModel[];
  readonly genotypes: GenotypeData;
  /** Balding-Nichols theta; default 0. */
  readonly theta?: number;
  /** Frequency table provenance, recorded in the result when given. */
  readonly frequencySource?: { readonly name: string; readonly checksum?: string; readonly rareAlleleRule?: string };
}

/** A ratio with its logs: `log10LR` is null when the LR is 0 or undefined. */
export interface RatioValue {
  readonly lnLR: number;
  readonly log10LR: number | null;
  /** The LR (0 when excluded; Infinity when H2 is impossible; NaN never: undefined ratios have status `undefined` and LR 0). */
  readonly LR: number;
  readonly status: MarkerStatus;
}

/** One marker's result. */
export interface MarkerLR extends RatioValue {
  readonly name: string;
  /** ln P(data at this marker | hypothesis), one per hypothesis. */
  readonly lnLikelihoods: readonly number[];
  /** The same marker without mutation (present when the marker has a mutation model). */
  readonly noMutation?: RatioValue;
}

/** Provenance recorded with every result. */
export interface LRProvenance {
  readonly strkinVersion: string;
  readonly theta: number;
  readonly mutation: readonly { readonly marker: string; readonly female: string; readonly male: string }[];
  readonly frequencies?: { readonly name: string; readonly checksum?: string; readonly rareAlleleRule?: string };
  readonly convention: string;
}

/** The result of {@link kinshipLR}. */
export interface KinshipResult {
  /** H1 vs H2 over all markers. */
  readonly total: RatioValue;
  readonly markers: readonly MarkerLR[];
  /** ln P(all data | hypothesis), one per hypothesis (−Infinity when impossible). */
  readonly lnLikelihoods: readonly number[];
  /** The LR without mutation, beside the mutation LR; null when no marker has a mutation model. */
  readonly noMutation: RatioValue | null;
  /** Markers where H1 is impossible without mutation (analysts read this beside the LR). */
  readonly inconsistentLoci: number;
  readonly provenance: LRProvenance;
}

const LN10 = Math.LN10;

/** Builds a ratio from two log likelihoods, with the status rules of {@link MarkerStatus}. */
export function ratio(ln1: number, ln2: number): RatioValue {
  const impossible1 = ln1 === Number.NEGATIVE_INFINITY;
  const impossible2 = ln2 === Number.NEGATIVE_INFINITY;
  if (impossible1 && impossible2) return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'undefined' };
  if (impossible1) return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'excluded' };
  if (impossible2) return { lnLR: Number.POSITIVE_INFINITY, log10LR: null, LR: Number.POSITIVE_INFINITY, status: 'infinite' };
  const lnLR = ln1 - ln2;
  return { lnLR, log10LR: lnLR / LN10, LR: Math.exp(lnLR), status: 'ok' };
}

/** Combines per-marker ratios into a total: any `undefined` (or `excluded` with `infinite`) makes it undefined. */
export function combineRatios(parts: readonly RatioValue[]): RatioValue {
  let lnLR = 0;
  let excluded = false;
  let infinite = false;
  for (const p of parts) {
    if (p.status === 'undefined') return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'undefined' };
    if (p.status === 'excluded') excluded = true;
    else if (p.status === 'infinite') infinite = true;
    else lnLR += p.lnLR;
  }
  if (excluded && infinite) return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'undefined' };
  if (excluded) return { lnLR: Number.NEGATIVE_INFINITY, log10LR: null, LR: 0, status: 'excluded' };
  if (infinite) return { lnLR: Number.POSITIVE_INFINITY, log10LR: null, LR: Number.POSITIVE_INFINITY, status: 'infinite' };
  return { lnLR, log10LR: lnLR / LN10, LR: Math.exp(lnLR), status: 'ok' };
}

/** A pedigree as parent index arrays over a list of person ids (typed people not in it become founders). */
export interface IndexedPedigree {
  readonly ids: readonly string[];
  readonly father: readonly number[];
  readonly mother: readonly number[];
}

/** Indexes a pedigree, appending `extra` people as unrelated founders when absent. */
export function indexPedigree(pedigree: Pedigree, extra: readonly string[] = []): IndexedPedigree {
  const ids = pedigree.persons.map((p) => p.id);
  for (const id of extra) if (!ids.includes(id)) ids.push(id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const father = ids.map(() => -1);
  const mother = ids.map(() => -1);
  const issues: Issue[] = [];
  pedigree.persons.forEach((p, i) => {
    if ((p.father === null) !== (p.mother === null)) issues.push({ code: 'one-parent', message: `A person needs both parents or none (person = ${p.id})`, path: ['persons', i] });
    if (p.father !== null) {
      const f = index.get(p.father);
      if (f === undefined) issues.push({ code: 'unknown-parent', message: `Father is not in the pedigree (person = ${p.id}, father = ${p.father})`, path: ['persons', i, 'father'] });
      else father[i] = f;
    }
    if (p.mother !== null) {
      const m = index.get(p.mother);
      if (m === undefined) issues.push({ code: 'unknown-parent', message: `Mother is not in the pedigree (person = ${p.id}, mother = ${p.mother})`, path: ['persons', i, 'mother'] });
      else mother[i] = m;
    }
  });
  if (index.size !== ids.length) issues.push({ code: 'duplicate-id', message: 'A person id is listed twice', path: ['persons'] });
  if (issues.length > 0) throw new ValidationError(issues);
  return { ids, father, mother };
}

/** Converts genotype labels to allele indices of a marker; unknown alleles are reported. */
export function evidenceFor(marker: MarkerModel, ids: readonly string[], genotypes: GenotypeData, issues: Issue[]): AlleleEvidence[] {
  const index = new Map(marker.alleles.map((a, i) => [a, i]));
  return ids.map((id) => {
    const g = genotypes[id]?.[marker.name];
    if (g === undefined) return null;
    const a = index.get(g[0]);
    const b = g[1] === null ? -1 : index.get(g[1]);
    if (a === undefined || b === undefined) {
      const missing = a === undefined ? g[0] : g[1];
      issues.push({ code: 'allele-not-in-marker', message: `Allele is not in the marker's frequency list (person = ${id}, marker = ${marker.name}, allele = ${String(missing)})`, path: ['genotypes', id, marker.name] });
      return null;
    }
    return [a, b] as const;
  });
}

/**
 * The likelihood ratio of H1 (`hypotheses[0]`) against H2 (`hypotheses[1]`),
 * per marker and in total, with the no-mutation LR and the count of loci
 * inconsistent without mutation beside it. Every parent-to-child transmission,
 * including from untyped founders, goes through the mutation matrix.
 *
 * Cost: per marker, one peeling pass per hypothesis, O(people × n³) for n alleles
 * in typical pedigrees (more with loops); theta enumerates untyped founders' genotypes.
 *
 * @example
 * ```ts
 * const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b'], frequencies: [0.1, 0.9] });
 * const result = kinshipLR({
 *   hypotheses: [
 *     { persons: [{ id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'C', sex: 'unknown', father: 'AF', mother: 'MO' }] },
 *     { persons: [] },
 *   ],
 *   markers: [marker],
 *   genotypes: { AF: { M: ['a', 'a'] }, C: { M: ['a', 'a'] } },
 * });
 * result.total.LR; // => 10 // 1/pa
 * ```
 */
export function kinshipLR(input: KinshipCase): KinshipResult {
  const theta = input.theta ?? 0;
  if (!(theta >= 0 && theta < 1)) throw new ValidationError({ code: 'bad-theta', message: `Theta must be in [0, 1) (theta = ${String(theta)})`, path: ['theta'] });
  if (input.hypotheses.length < 2) throw new ValidationError({ code: 'hypotheses', message: `At least two hypotheses are needed (hypotheses = ${input.hypotheses.length})`, path: ['hypotheses'] });
  const typed = Object.keys(input.genotypes);
  const peds = input.hypotheses.map((h) => indexPedigree(h, typed));
  const issues: Issue[] = [];
  const names = new Set<string>();
  for (const m of input.markers) {
    if (names.has(m.name)) issues.push({ code: 'duplicate-marker', message: `Marker listed twice (marker = ${m.name})`, path: ['markers', m.name] });
    names.add(m.name);
  }
  // Alleles are checked once (over the typed people), then mapped per hypothesis.
  for (const m of input.markers) evidenceFor(m, typed, input.genotypes, issues);
  if (issues.length > 0) throw new ValidationError(issues);
  const evidence = input.markers.map((m) => peds.map((p) => evidenceFor(m, p.ids, input.genotypes, [])));

  const markers: MarkerLR[] = input.markers.map((marker, k) => {
    const ev = evidence[k] as AlleleEvidence[][];
    if (ev.every((e) => e.every((x) => x === null))) {
      return { name: marker.name, lnLikelihoods: peds.map(() => 0), lnLR: 0, log10LR: 0, LR: 1, status: 'untyped' as const };
    }
    const lik = (m: MarkerModel): number[] => peds.map((p, h) => lnLikelihood({ father: p.father, mother: p.mother, marker: m, evidence: ev[h] as AlleleEvidence[], theta }));
    const lnLikelihoods = lik(marker);
    const result: MarkerLR = { name: marker.name, lnLikelihoods, ...ratio(lnLikelihoods[0] as number, lnLikelihoods[1] as number) };
    if (marker.female === null && marker.male === null) return result;
    const plain = lik(withoutMutation(marker));
    return { ...result, noMutation: ratio(plain[0] as number, plain[1] as number) };
  });

  const hasMutation = input.markers.some((m) => !isNoMutation(m.mutation.female) || !isNoMutation(m.mutation.male));
  const plainParts = markers.map((m) => m.noMutation ?? m);
  const inconsistentLoci = plainParts.filter((m) => m.status === 'excluded' || m.status === 'undefined').length;
  const lnLikelihoods = peds.map((_, h) => markers.reduce((s, m) => s + (m.lnLikelihoods[h] as number), 0));
  return {
    total: combineRatios(markers),
    markers,
    lnLikelihoods,
    noMutation: hasMutation ? combineRatios(plainParts) : null,
    inconsistentLoci,
    provenance: {
      strkinVersion: STRKIN_VERSION,
      theta,
      mutation: input.markers.map((m) => ({ marker: m.name, female: describeMutation(m.mutation.female), male: describeMutation(m.mutation.male) })),
      ...(input.frequencySource !== undefined ? { frequencies: input.frequencySource } : {}),
      convention: 'every transmission, including from untyped founders, goes through the mutation matrix; theta draws all founder alleles of a hypothesis from one urn',
    },
  };
}
