/**
 * Kinship likelihood ratios between pedigree hypotheses over the same typed
 * people, marker by marker, in log space.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { isNoMutation, describeMutation } from '../mutation/mutationMatrix.js';
import type { Pedigree } from '../pedigree/Pedigree.js';
import { validateHypotheses, validatePedigree } from '../pedigree/validatePedigree.js';
import type { Genotype } from '../profile/genotype.js';
import { STRKIN_VERSION } from '../version.js';
import { combineRatios, ratio, type LRResult, type MarkerRatio, type RatioValue } from './LRResult.js';
import { SILENT_ALLELE, silentIndex, withoutMutation, type MarkerModel } from './MarkerModel.js';
import { lnLikelihood, type AlleleEvidence } from './peel.js';
import { DEFAULT_THETA, thetaIssue } from './theta.js';
import { isXMarker, lrByEvidenceType, sexById, xGenotypeIssues, type EvidenceTypeLRs } from './xKinship.js';
import { canonicalLocus } from '../profile/loci.js';
import { linkedXLoci } from '../profile/xLoci.js';
import { linkageSafe } from '../pedigree/linkageSafe.js';

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

/** One marker's result of {@link kinshipLR}. */
export interface MarkerLR extends MarkerRatio {
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
  /** Silent allele frequency of each marker that has one; absent when none has. */
  readonly silentFrequencies?: readonly { readonly marker: string; readonly frequency: number }[];
}

/** The result of {@link kinshipLR}: the shared {@link LRResult} shape plus likelihoods, the no-mutation LR and provenance. */
export interface KinshipResult extends LRResult<MarkerLR> {
  /** ln P(all data | hypothesis), one per hypothesis (−Infinity when impossible). */
  readonly lnLikelihoods: readonly number[];
  /** The LR without mutation, beside the mutation LR; null when no marker has a mutation model. */
  readonly noMutation: RatioValue | null;
  /** Markers where H1 is impossible without mutation (analysts read this beside the LR). */
  readonly inconsistentLoci: number;
  readonly provenance: LRProvenance;
  /**
   * Present when some marker is X-chromosomal: the LR of the autosomal markers and of the X
   * markers apart. `total` is their product, which assumes the two kinds of evidence independent
   * given the pedigrees (they lie on different chromosomes).
   */
  readonly byEvidenceType?: EvidenceTypeLRs;
  /**
   * Notes on the result, present when there are any: when two X markers of one Argus X-12 linkage
   * group are both typed (their LRs are multiplied as if unlinked; docs/lineage.md),
   * `x-linked-markers-safe` when every hypothesis's pedigree is linkage-safe for them (the product is
   * then exact under linkage equilibrium), else `x-linked-markers`.
   */
  readonly warnings?: readonly Issue[];
}

/** A pedigree as parent index arrays over a list of person ids (typed people not in it become founders). */
export interface IndexedPedigree {
  readonly ids: readonly string[];
  readonly father: readonly number[];
  readonly mother: readonly number[];
}

/**
 * Indexes a pedigree, appending `extra` people as unrelated founders when
 * absent. The pedigree is checked by {@link validatePedigree} first (every
 * rule: ids, sexes, both parents or none, parents in the pedigree, parent
 * sexes, no cycle), and every problem is thrown at once as a
 * `ValidationError` (of `strkin`): this is the one door through which `kinshipLR`,
 * the search's family tables and the simulators reach a pedigree.
 *
 * Cost: O(persons + extra) with hash look-ups.
 *
 * @throws `ValidationError` (of `strkin`) with the codes of {@link validatePedigree}
 * (e.g. `cycle`, `parent-sex`).
 * @example
 * ```ts
 * const duo = indexPedigree(relationshipPedigree('parent-child', { a: 'AF', b: 'C' }), ['X']);
 * duo.ids; // ['AF', 'C.mother', 'C', 'X']
 * ```
 */
export function indexPedigree(pedigree: Pedigree, extra: readonly string[] = []): IndexedPedigree {
  const issues = validatePedigree(pedigree);
  if (issues.length > 0) throw new ValidationError(issues);
  return indexValidPedigree(pedigree, extra);
}

/** {@link indexPedigree} of a pedigree already checked by {@link validatePedigree}. */
function indexValidPedigree(pedigree: Pedigree, extra: readonly string[]): IndexedPedigree {
  const ids = pedigree.persons.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  for (const id of extra) {
    if (index.has(id)) continue;
    index.set(id, ids.length);
    ids.push(id);
  }
  const father = ids.map(() => -1);
  const mother = ids.map(() => -1);
  pedigree.persons.forEach((p, i) => {
    if (p.father !== null) father[i] = index.get(p.father) as number;
    if (p.mother !== null) mother[i] = index.get(p.mother) as number;
  });
  return { ids, father, mother };
}

/**
 * Converts genotype labels to allele indices of a marker; unknown alleles are reported.
 * The silent allele is not an observable allele: a genotype naming it is reported too
 * (a typed homozygote already stands for a/a or a/silent).
 */
export function evidenceFor(marker: MarkerModel, ids: readonly string[], genotypes: GenotypeData, issues: Issue[]): AlleleEvidence[] {
  const index = new Map(marker.alleles.map((a, i) => [a, i]));
  if (silentIndex(marker) >= 0) index.delete(SILENT_ALLELE);
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
 * including from untyped founders, goes through the mutation matrix. At a marker
 * with a silent allele (`makeMarkerModel` `silentFrequency`) a typed homozygote
 * a/a is read as a/a or a/silent (docs/statistics.md, "Silent alleles").
 *
 * Cost: per marker, one peeling pass per hypothesis, O(people × n³) for n alleles
 * in typical pedigrees (more with loops); theta enumerates untyped founders' genotypes.
 *
 * @throws {@link ValidationError} listing every problem at once: `bad-theta`,
 * `hypotheses` (fewer than two), each hypothesis's {@link validatePedigree}
 * issues with `path` starting `['hypotheses', k]` (e.g. `cycle` for someone
 * who is their own ancestor, `parent-sex` for a female father),
 * `duplicate-marker`, `allele-not-in-marker`.
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
  const badTheta = thetaIssue(input.theta);
  if (badTheta !== undefined) throw new ValidationError(badTheta);
  const theta = input.theta ?? DEFAULT_THETA;
  if (input.hypotheses.length < 2) throw new ValidationError({ code: 'hypotheses', message: `At least two hypotheses are needed (hypotheses = ${input.hypotheses.length})`, path: ['hypotheses'] });
  const typed = Object.keys(input.genotypes);
  // Every problem of every hypothesis, then of the markers and alleles, is thrown at once.
  const issues: Issue[] = validateHypotheses(input.hypotheses);
  const names = new Set<string>();
  for (const m of input.markers) {
    if (names.has(m.name)) issues.push({ code: 'duplicate-marker', message: `Marker listed twice (marker = ${m.name})`, path: ['markers', m.name] });
    names.add(m.name);
  }
  // Alleles are checked once (over the typed people), then mapped per hypothesis.
  for (const m of input.markers) evidenceFor(m, typed, input.genotypes, issues);
  // X markers: every typed person needs a sex (from any hypothesis), and a male one allele.
  const hasX = input.markers.some(isXMarker);
  const sex = hasX ? sexById(input.hypotheses, issues) : undefined;
  if (sex !== undefined) issues.push(...xGenotypeIssues(input.markers, input.genotypes, sex));
  if (issues.length > 0) throw new ValidationError(issues);
  const peds = input.hypotheses.map((h) => indexValidPedigree(h, typed));
  const sexes = peds.map((p) => (sex === undefined ? undefined : p.ids.map((id) => sex.get(id) ?? 'unknown')));
  const evidence = input.markers.map((m) => peds.map((p) => evidenceFor(m, p.ids, input.genotypes, [])));

  const markers: MarkerLR[] = input.markers.map((marker, k) => {
    const ev = evidence[k] as AlleleEvidence[][];
    if (ev.every((e) => e.every((x) => x === null))) {
      return { name: marker.name, lnLikelihoods: peds.map(() => 0), lnLR: 0, log10LR: 0, LR: 1, status: 'untyped' as const };
    }
    const lik = (m: MarkerModel): number[] =>
      peds.map((p, h) => {
        const sexOf = isXMarker(m) ? sexes[h] : undefined;
        return lnLikelihood({ father: p.father, mother: p.mother, marker: m, evidence: ev[h] as AlleleEvidence[], theta, ...(sexOf !== undefined ? { sex: sexOf } : {}) });
      });
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
  const warnings = hasX ? xLinkageWarnings(input.markers, markers, peds, input.genotypes) : [];
  const silentMarkers = input.markers.flatMap((m) => (m.silentFrequency !== undefined && m.silentFrequency > 0 ? [{ marker: m.name, frequency: m.silentFrequency }] : []));
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
      ...(silentMarkers.length > 0 ? { silentFrequencies: silentMarkers } : {}),
    },
    ...(hasX ? { byEvidenceType: lrByEvidenceType(input.markers, markers) } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * One note per Argus X-12 linkage group with two or more typed X markers: `x-linked-markers-safe`
 * when every hypothesis's pedigree is linkage-safe for the people typed at them ({@link linkageSafe}:
 * the product of their LRs is then exact under linkage equilibrium), else `x-linked-markers`.
 */
function xLinkageWarnings(models: readonly MarkerModel[], markers: readonly MarkerLR[], peds: readonly IndexedPedigree[], genotypes: GenotypeData): Issue[] {
  const typedX = models.filter((m, k) => isXMarker(m) && markers[k]?.status !== 'untyped').map((m) => m.name);
  const byCanonical = new Map(typedX.map((name) => [canonicalLocus(name) ?? name, name]));
  return linkedXLoci([...byCanonical.keys()]).map((g) => {
    const names = g.loci.map((l) => byCanonical.get(l) as string);
    const safe = peds.every((p) => {
      const relevant = p.ids.flatMap((id, i) => (Object.hasOwn(genotypes, id) && names.some((n) => (genotypes[id] as Record<string, Genotype | undefined>)[n] !== undefined) ? [i] : []));
      return linkageSafe(p.father, p.mother, relevant);
    });
    return safe
      ? {
          code: 'x-linked-markers-safe',
          severity: 'warning' as const,
          message: `X markers of one Argus X-12 linkage group are used together; every hypothesis's pedigree is linkage-safe for them (every woman with a child a founder with one child), so the product of their LRs is exact under linkage equilibrium (group = ${g.group}, markers = ${names.join(', ')})`,
          path: ['markers'],
        }
      : {
          code: 'x-linked-markers',
          severity: 'warning' as const,
          message: `X markers of one Argus X-12 linkage group are used together and treated as unlinked; their LRs are multiplied as if independent (group = ${g.group}, markers = ${names.join(', ')})`,
          path: ['markers'],
        };
  });
}
