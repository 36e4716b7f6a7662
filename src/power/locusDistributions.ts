/**
 * The exact per-locus distributions behind a family's power figures: for each
 * locus where a reference is typed, the missing person's genotype distribution
 * under H1 (the family's predictive distribution) and under H2 (an unrelated
 * person), the LR of every genotype, and whether it is impossible without
 * mutation.
 */
import { StrkinError } from '../errors/StrkinError.js';
import type { IndexedPedigree } from '../likelihood/kinshipLR.js';
import { silentIndex, withoutMutation, type MarkerModel } from '../likelihood/MarkerModel.js';
import { genotypeIndex } from '../profile/genotype.js';
import { lnQueryLikelihoods, type AlleleEvidence } from '../likelihood/peel.js';
import type { Family } from '../search/Family.js';
import { consistencyWithoutMutation, evidenceIn, SpaceMarkers } from '../search/caseSpaces.js';
import { indexFamily, referencesAtLocus, type SearchPlan } from '../search/plan.js';
import { logSumExp } from '../likelihood/logSumExp.js';
import { xSexes } from '../likelihood/xProblem.js';
import type { Sex } from '../profile/Profile.js';

/**
 * One locus of a family's power: distributions over the genotypes of the
 * family's allele space (`marker.alleles`: the table's alleles plus the
 * references' unseen alleles, frequencies divided by their sum), in
 * `genotypeIndex` order over those alleles.
 *
 * With a silent allele S (the last of `marker.alleles`) the entries are what a typing
 * shows: the a/a entry holds the apparent a/a (true a/a or a/S, probabilities summed,
 * LR of the sum), the a/S entries hold probability 0, and the S/S entry is a child showing
 * nothing at the locus (LR 1, never inconsistent).
 */
export interface LocusDistribution {
  /** Canonical locus name. */
  readonly locus: string;
  /** The marker of the family's space, with the plan's mutation model. */
  readonly marker: MarkerModel;
  /** P(M = g | references, H1), summing to 1. */
  readonly h1: Float64Array;
  /** P(g | references, H2): Hardy-Weinberg on the space when theta = 0, the urn after the references' founders otherwise. */
  readonly h2: Float64Array;
  /** ln LR of every genotype, ln(h1/h2); −Infinity where h1 is 0 (impossible under H1 with the model). */
  readonly lnLR: Float64Array;
  /** 1 where the genotype is impossible under H1 without mutation. */
  readonly inconsistent: Uint8Array;
}

/** The distributions of one (family, missing person). */
export interface TargetDistributions {
  readonly family: string;
  readonly missing: string;
  /** One entry per locus of the plan where some reference is typed, in plan order. */
  readonly loci: readonly LocusDistribution[];
}

/** The distributions of a family, or why it cannot be used. */
export type FamilyDistributions = { readonly ok: true; readonly targets: readonly TargetDistributions[] } | { readonly ok: false; readonly reasons: readonly string[] };

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);


/** Largest number of per-locus distributions kept per locus for reuse before that cache is emptied. */
const REUSE_LIMIT = 1024;

/**
 * What the families of one plan share: the case-space markers (with their
 * Hardy-Weinberg probabilities) and the per-locus distributions of families of
 * one pedigree structure whose references have the same genotypes at a locus
 * (the same computation, so reuse changes no bit of any figure).
 */
class DistributionCache {
  readonly spaces: SpaceMarkers;
  private readonly reused: Map<string, LocusDistribution | null>[];
  constructor(plan: SearchPlan) {
    this.spaces = new SpaceMarkers(plan);
    this.reused = plan.loci.map(() => new Map());
  }
  get(l: number, key: string): LocusDistribution | null | undefined {
    return this.reused[l]?.get(key);
  }
  set(l: number, key: string, d: LocusDistribution | null): void {
    const m = this.reused[l] as Map<string, LocusDistribution | null>;
    if (m.size >= REUSE_LIMIT) m.clear();
    m.set(key, d);
  }
}

const caches = new WeakMap<SearchPlan, DistributionCache>();

/** The case-space markers shared by every use of a plan in this thread. @internal */
export function planSpaces(plan: SearchPlan): SpaceMarkers {
  let cache = caches.get(plan);
  if (cache === undefined) caches.set(plan, (cache = new DistributionCache(plan)));
  return cache.spaces;
}

/**
 * The exact per-locus distributions of every missing person of a family, on
 * the loci of a plan ({@link planSearch} with the same options as a search):
 * one peeling pass per locus and hypothesis ({@link lnQueryLikelihoods}), plus
 * one without mutation for the consistency flags. The allele space of a locus
 * is the family's (table alleles plus the references' unseen alleles, divided
 * by their sum), so `lnLR[g]` is the LR a search reports for a child of
 * genotype g (a child drawn from that space). With two missing people, each
 * one's distribution is marginal over the other.
 *
 * A family is refused, with every reason, when its missing person is not in
 * the pedigree or typed, the pedigree is invalid, a reference carries an
 * allele the table lacks under the rare-allele rule `error`, the references
 * are impossible under the pedigree at a locus, or no reference is typed at
 * any locus of the plan.
 *
 * Cost: per family and missing person, three peeling passes per typed locus
 * (four with theta > 0); O(G) memory per locus for G genotypes.
 *
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const family = families[0]!;
 * const missing = family.missing[0]!;
 * const plan = planSearch([family], [], { frequencies: builtinTable(), mutation: 'none' });
 * const d = familyDistributions(family, plan);
 * d.ok; // => true
 * // d.targets[0].loci[0].h1: P(M = g | references) for every genotype g, summing to 1
 * ```
 */
export function familyDistributions(family: Family, plan: SearchPlan): FamilyDistributions {
  const indexed = indexFamily(family);
  if ('reasons' in indexed) return { ok: false, reasons: indexed.reasons };
  const ped = indexed.ped;
  const reasons: string[] = [];
  const personIndex = new Map(ped.ids.map((id, i) => [id, i]));
  const missing = [...family.missing].sort(byCodeUnit);
  const perTarget: LocusDistribution[][] = missing.map(() => []);
  const refs = Object.entries(family.references).map(([id, profile]) => [personIndex.get(id) as number, id, profile] as const);
  let cache = caches.get(plan);
  if (cache === undefined) caches.set(plan, (cache = new DistributionCache(plan)));
  const shape = `${ped.father.join(',')}|${ped.mother.join(',')}`;
  // Sexes by person index, for X loci (docs/lineage.md): a father or mother role fills an unknown sex in the engine.
  const sexOf = new Map(family.pedigree.persons.map((p) => [p.id, p.sex]));
  const xSex = ped.ids.map((id) => sexOf.get(id) ?? 'unknown');
  const roleSex = xSexes(ped.father, ped.mother, xSex);
  const sexKey = xSex.join(',');
  try {
    plan.loci.forEach((locus, l) => {
      const isX = locus.chromosome === 'X';
      const { typed, extra, refused } = referencesAtLocus(refs, locus, (cache as DistributionCache).spaces.tableAlleles[l] as ReadonlySet<string>);
      for (const r of refused) reasons.push(r);
      if (typed.length === 0) return;
      const typedKey = typed
        .map(([i, g]) => `${i}:${g[0]}/${g[1] ?? '-'}`)
        .sort()
        .join(';');
      let oneLocus: ((q: number) => LocusDistribution | null) | null = null;
      missing.forEach((m, k) => {
        const q = personIndex.get(m) as number;
        // At an X locus the distributions need the missing person's sex: unknown, the locus is not used for this target (as in the search).
        if (isX && roleSex[q] === 'unknown') return;
        const key = isX ? `${shape}|${q}|${typedKey}|${sexKey}` : `${shape}|${q}|${typedKey}`;
        let d = (cache as DistributionCache).get(l, key);
        if (d === undefined) {
          if (oneLocus === null) {
            const space = (cache as DistributionCache).spaces.get(l, extra);
            oneLocus = targetLocus(ped, space.marker, evidenceIn(typed, ped.ids.length, space.index), plan.theta, space.lnHW, isX ? xSex : undefined);
          }
          d = oneLocus(q);
          (cache as DistributionCache).set(l, key, d);
        }
        if (d === null) reasons.push(`references are impossible under the family pedigree at this locus (locus = ${locus.name}, missing = ${m})`);
        else (perTarget[k] as LocusDistribution[]).push(d);
      });
    });
  } catch (e) {
    if (e instanceof StrkinError) return { ok: false, reasons: [...reasons, ...e.issues.map((i) => `likelihood engine: ${i.message}`)] };
    throw e;
  }
  if (reasons.length === 0 && perTarget.some((t) => t.length === 0)) reasons.push('no reference is typed at any compared locus');
  if (reasons.length > 0) return { ok: false, reasons: [...new Set(reasons)] };
  return { ok: true, targets: missing.map((m, k) => ({ family: family.id, missing: m, loci: perTarget[k] as LocusDistribution[] })) };
}

/**
 * The distributions of one locus for a query person, or null when the references
 * are impossible. `lnHW`: ln Hardy-Weinberg genotype probabilities of the marker
 * (theta 0), or null to compute H2 by peeling (with theta). @internal
 */
export function targetLocus(ped: IndexedPedigree, marker: MarkerModel, evidence: readonly AlleleEvidence[], theta: number, lnHW: Float64Array | null, sex?: readonly Sex[]): (q: number) => LocusDistribution | null {
  // H2 with theta > 0 is peeled per sex of the query at X (a male is one draw from the urn, a female two).
  const lnH2Shared = new Map<string, Float64Array>();
  const sexField = sex !== undefined ? { sex } : {};
  return (q) => {
    const male = sex !== undefined && xSexes(ped.father, ped.mother, sex)[q] === 'male';
    const ln1 = lnQueryLikelihoods({ father: ped.father, mother: ped.mother, marker, evidence, theta, ...sexField }, q);
    const shift1 = logSumExp(ln1);
    if (shift1 === Number.NEGATIVE_INFINITY) return null;
    let lnH2: Float64Array;
    const h2Key = male ? 'male' : 'female';
    if (theta === 0 && lnHW !== null) lnH2 = male ? lnHemizygous(marker.frequencies) : lnHW;
    else if (lnH2Shared.has(h2Key)) lnH2 = lnH2Shared.get(h2Key) as Float64Array;
    else {
      const P = ped.father.length;
      const extra = sex !== undefined ? { sex: [...sex, male ? 'male' : 'female'] as Sex[] } : {};
      lnH2 = lnQueryLikelihoods({ father: [...ped.father, -1], mother: [...ped.mother, -1], marker, evidence: [...evidence, null], theta, ...extra }, P);
      const shift2 = logSumExp(lnH2);
      if (shift2 === Number.NEGATIVE_INFINITY) return null;
      for (let g = 0; g < lnH2.length; g++) lnH2[g] = (lnH2[g] as number) - shift2;
      lnH2Shared.set(h2Key, lnH2);
    }
    const G = ln1.length;
    const h1 = new Float64Array(G);
    const S = silentIndex(marker);
    // H2 by theta 0 is the same for every family on this space: exp(lnH2) once, shared (foldSilent rewrites it, so not with a silent allele).
    const sharedH2 = theta === 0 && lnHW !== null && S < 0 ? expOf(lnH2) : null;
    const h2 = sharedH2 ?? new Float64Array(G);
    const lnLR = new Float64Array(G);
    const inconsistent = new Uint8Array(G);
    const noMutation = marker.female === null && marker.male === null;
    // Zero-ness without mutation, on a lumped marker (the references' alleles plus one "other").
    if (!noMutation && S >= 0) {
      // With a silent allele a typed a/a may be a/S: zero-ness from the marker itself without mutation.
      const ln0 = lnQueryLikelihoods({ father: ped.father, mother: ped.mother, marker: withoutMutation(marker), evidence, theta: 0 }, q);
      for (let g = 0; g < G; g++) inconsistent[g] = ln0[g] === Number.NEGATIVE_INFINITY ? 1 : 0;
    } else if (!noMutation) lumpedConsistency(ped.father, ped.mother, marker.name, marker.alleles.length, evidence, q, inconsistent, sex);
    for (let g = 0; g < G; g++) {
      const l1 = (ln1[g] as number) - shift1;
      h1[g] = Math.exp(l1);
      if (sharedH2 === null) h2[g] = Math.exp(lnH2[g] as number);
      lnLR[g] = l1 === Number.NEGATIVE_INFINITY ? l1 : l1 - (lnH2[g] as number);
      if (noMutation) inconsistent[g] = l1 === Number.NEGATIVE_INFINITY ? 1 : 0;
    }
    if (S >= 0) foldSilent(S, h1, h2, lnLR, inconsistent);
    return { locus: marker.name, marker, h1, h2, lnLR, inconsistent };
  };
}

// The pedigree part of a lumped problem's key, by the father array (one per family pedigree, used at every locus).
const pedigreeKeys = new WeakMap<readonly number[], { readonly mother: readonly number[]; readonly key: string }>();
function pedigreeKey(father: readonly number[], mother: readonly number[]): string {
  const hit = pedigreeKeys.get(father);
  if (hit !== undefined && hit.mother === mother) return hit.key;
  const key = `${father.join(',')}|${mother.join(',')}`;
  pedigreeKeys.set(father, { mother, key });
  return key;
}

/** Lumped consistency flags by problem (see {@link lumpedConsistency}), emptied when full. */
const lumpedFlags = new Map<string, Uint8Array>();
const LUMPED_LIMIT = 4096;

/**
 * `consistencyWithoutMutation` (search/caseSpaces.ts), memoised: that pass lumps the
 * alleles no reference carries into one and numbers the others in order of first
 * appearance, so its result depends only on the pedigree, the query, the sexes (X)
 * and the evidence in those numbers. Problems equal in those terms (families of one
 * structure, a candidate relative's genotypes made of alleles nobody else carries)
 * share one pass; the flags are read back through each problem's own numbering. The
 * same flags, bit for bit, as the pass itself (it is the pass, run on the lumped
 * evidence, whose lumping is then the identity). @internal
 */
export function lumpedConsistency(father: readonly number[], mother: readonly number[], name: string, nA: number, evidence: readonly AlleleEvidence[], q: number, out: Uint8Array, sex?: readonly Sex[]): void {
  const reduced = new Int32Array(nA).fill(-1);
  let k = 0;
  for (const e of evidence) {
    if (e === null) continue;
    for (const a of e) if (a >= 0 && reduced[a] === -1) reduced[a] = k++;
  }
  const other = k < nA ? k : -1;
  const nR = k + (other >= 0 ? 1 : 0);
  for (let a = 0; a < nA; a++) if (reduced[a] === -1) reduced[a] = other;
  const ev = evidence.map((e): AlleleEvidence => (e === null ? null : [reduced[e[0]] as number, e[1] < 0 ? -1 : (reduced[e[1]] as number)]));
  const key = `${pedigreeKey(father, mother)}|${q}|${nR}|${sex === undefined ? '-' : sex.join(',')}|${ev.map((e) => (e === null ? '' : `${e[0]}/${e[1]}`)).join(';')}`;
  let flags = lumpedFlags.get(key);
  if (flags === undefined) {
    flags = new Uint8Array((nR * (nR + 1)) / 2);
    consistencyWithoutMutation(father, mother, name, nR, ev, q, flags, 0, false, sex);
    if (lumpedFlags.size >= LUMPED_LIMIT) lumpedFlags.clear();
    lumpedFlags.set(key, flags);
  }
  let g = 0;
  for (let hi = 0; hi < nA; hi++) {
    const rh = reduced[hi] as number;
    for (let lo = 0; lo <= hi; lo++, g++) out[g] = flags[genotypeIndex(reduced[lo] as number, rh)] as number;
  }
}

// exp of a space's ln H2 probabilities (theta 0), and a male's ln H2 at X, by the array they come from.
const expCache = new WeakMap<Float64Array, Float64Array>();
const hemizygousCache = new WeakMap<Float64Array, Float64Array>();

/** Math.exp of every entry of `ln` (an array that is never changed), computed once per array. */
function expOf(ln: Float64Array): Float64Array {
  let out = expCache.get(ln);
  if (out === undefined) {
    out = new Float64Array(ln.length);
    for (let g = 0; g < ln.length; g++) out[g] = Math.exp(ln[g] as number);
    expCache.set(ln, out);
  }
  return out;
}

/**
 * ln P(g) of a male's X genotype under H2 with theta 0: ln p_a at a/a (hemizygous a),
 * −Infinity at every heterozygous index (a male has one X allele); once per frequency array.
 */
function lnHemizygous(freq: Float64Array): Float64Array {
  const hit = hemizygousCache.get(freq);
  if (hit !== undefined) return hit;
  const n = freq.length;
  const out = new Float64Array((n * (n + 1)) / 2).fill(Number.NEGATIVE_INFINITY);
  for (let a = 0; a < n; a++) out[genotypeIndex(a, a)] = Math.log(freq[a] as number);
  hemizygousCache.set(freq, out);
  return out;
}

/**
 * Rewrites per-genotype distributions over true genotypes as what a typing shows when S is
 * the silent allele: a/a takes a/a + a/S, a/S entries are emptied, S/S shows nothing (LR 1).
 */
function foldSilent(S: number, h1: Float64Array, h2: Float64Array, lnLR: Float64Array, inconsistent: Uint8Array): void {
  for (let a = 0; a < S; a++) {
    const aa = genotypeIndex(a, a);
    const aS = genotypeIndex(a, S);
    const p1 = (h1[aa] as number) + (h1[aS] as number);
    const p2 = (h2[aa] as number) + (h2[aS] as number);
    h1[aa] = p1;
    h2[aa] = p2;
    lnLR[aa] = p1 > 0 ? Math.log(p1) - Math.log(p2) : Number.NEGATIVE_INFINITY;
    inconsistent[aa] = inconsistent[aa] === 1 && inconsistent[aS] === 1 ? 1 : 0;
    h1[aS] = 0;
    h2[aS] = 0;
    lnLR[aS] = 0;
    inconsistent[aS] = 0;
  }
  const SS = genotypeIndex(S, S);
  lnLR[SS] = 0;
  inconsistent[SS] = 0;
}
