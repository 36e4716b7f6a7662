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
import { caseMarker, indexFamily, referencesAtLocus, type SearchPlan } from '../search/plan.js';
import { logSumExp } from '../likelihood/logSumExp.js';

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


/** Hardy-Weinberg genotype probabilities of a marker, in genotypeIndex order. */
function hardyWeinberg(freq: Float64Array): Float64Array {
  const n = freq.length;
  const out = new Float64Array((n * (n + 1)) / 2);
  let g = 0;
  for (let hi = 0; hi < n; hi++) {
    for (let lo = 0; lo <= hi; lo++, g++) out[g] = lo === hi ? (freq[hi] as number) ** 2 : 2 * (freq[hi] as number) * (freq[lo] as number);
  }
  return out;
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
  try {
    for (const locus of plan.loci) {
      const table = new Set(locus.tableAlleles);
      const { typed, extra, refused } = referencesAtLocus(refs, locus, table);
      for (const r of refused) reasons.push(r);
      if (typed.length === 0) continue;
      const marker = caseMarker(locus, extra);
      const index = new Map(marker.alleles.map((a, i) => [a, i]));
      const evidence: AlleleEvidence[] = new Array<AlleleEvidence>(ped.ids.length).fill(null);
      for (const [i, g] of typed) evidence[i] = [index.get(g[0]) as number, g[1] === null ? -1 : (index.get(g[1]) as number)];
      const oneLocus = targetLocus(ped, marker, evidence, plan.theta);
      missing.forEach((m, k) => {
        const d = oneLocus(personIndex.get(m) as number);
        if (d === null) reasons.push(`references are impossible under the family pedigree at this locus (locus = ${locus.name}, missing = ${m})`);
        else (perTarget[k] as LocusDistribution[]).push(d);
      });
    }
  } catch (e) {
    if (e instanceof StrkinError) return { ok: false, reasons: [...reasons, ...e.issues.map((i) => `likelihood engine: ${i.message}`)] };
    throw e;
  }
  if (reasons.length === 0 && (perTarget[0]?.length ?? 0) === 0) reasons.push('no reference is typed at any compared locus');
  if (reasons.length > 0) return { ok: false, reasons: [...new Set(reasons)] };
  return { ok: true, targets: missing.map((m, k) => ({ family: family.id, missing: m, loci: perTarget[k] as LocusDistribution[] })) };
}

/** The distributions of one locus for a query person, or null when the references are impossible. @internal */
export function targetLocus(ped: IndexedPedigree, marker: MarkerModel, evidence: readonly AlleleEvidence[], theta: number): (q: number) => LocusDistribution | null {
  let lnH2Shared: Float64Array | null = null;
  return (q) => {
    const ln1 = lnQueryLikelihoods({ father: ped.father, mother: ped.mother, marker, evidence, theta }, q);
    const shift1 = logSumExp(ln1);
    if (shift1 === Number.NEGATIVE_INFINITY) return null;
    let lnH2: Float64Array;
    if (theta === 0) lnH2 = lnH2Shared ??= hardyWeinberg(marker.frequencies).map(Math.log);
    else {
      const P = ped.father.length;
      lnH2 = lnQueryLikelihoods({ father: [...ped.father, -1], mother: [...ped.mother, -1], marker, evidence: [...evidence, null], theta }, P);
      const shift2 = logSumExp(lnH2);
      if (shift2 === Number.NEGATIVE_INFINITY) return null;
      for (let g = 0; g < lnH2.length; g++) lnH2[g] = (lnH2[g] as number) - shift2;
    }
    const noMutation = marker.female === null && marker.male === null;
    const ln0 = noMutation ? null : lnQueryLikelihoods({ father: ped.father, mother: ped.mother, marker: withoutMutation(marker), evidence, theta: 0 }, q);
    const G = ln1.length;
    const h1 = new Float64Array(G);
    const h2 = new Float64Array(G);
    const lnLR = new Float64Array(G);
    const inconsistent = new Uint8Array(G);
    for (let g = 0; g < G; g++) {
      const l1 = (ln1[g] as number) - shift1;
      h1[g] = Math.exp(l1);
      h2[g] = Math.exp(lnH2[g] as number);
      lnLR[g] = l1 === Number.NEGATIVE_INFINITY ? l1 : l1 - (lnH2[g] as number);
      inconsistent[g] = (ln0 === null ? l1 === Number.NEGATIVE_INFINITY : ln0[g] === Number.NEGATIVE_INFINITY) ? 1 : 0;
    }
    const S = silentIndex(marker);
    if (S >= 0) foldSilent(S, h1, h2, lnLR, inconsistent);
    return { locus: marker.name, marker, h1, h2, lnLR, inconsistent };
  };
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
