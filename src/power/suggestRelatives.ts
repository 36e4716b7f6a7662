/**
 * Which relative to type next: for each candidate relative of a missing
 * person, the power figures if that relative were typed, averaged over the
 * relative's genotype given the family's references (exact per locus).
 */
import { ValidationError } from '../errors/StrkinError.js';
import { indexPedigree } from '../likelihood/kinshipLR.js';
import { lnQueryLikelihoods } from '../likelihood/peel.js';
import { xSexes } from '../likelihood/xProblem.js';
import { silentIndex } from '../likelihood/MarkerModel.js';
import { genotypeIndex } from '../profile/genotype.js';
import type { Pedigree, Person } from '../pedigree/Pedigree.js';
import { genotypeAlleles } from '../profile/genotype.js';
import type { Family } from '../search/Family.js';
import { evidenceIn } from '../search/caseSpaces.js';
import { planSearch, referencesAtLocus, type LocusPlan, type SearchPlan } from '../search/plan.js';
import { familyDistributions, planSpaces, targetLocus, type LocusDistribution, type TargetDistributions } from './locusDistributions.js';
import { identificationFigures, powerFigures, validatePowerOptions, type FamilyPower, type PowerOptions, type RelativeSuggestion, type ValidPowerSettings } from './powerFigures.js';

/** A relative who could be typed next: who, and the pedigree with that person in place. */
export interface CandidateRelative {
  /** How the person is related to the missing person (`father`, `full-sibling`, `grandmother-maternal`, ...) or `untyped <id>`. */
  readonly relative: string;
  /** Person id of the candidate in `pedigree`. */
  readonly person: string;
  /** The family's pedigree with the candidate (and any untyped people needed to connect them) added. */
  readonly pedigree: Pedigree;
}

const fresh = (ids: Set<string>, base: string): string => {
  let id = base;
  for (let k = 2; ids.has(id); k++) id = `${base}~${k}`;
  ids.add(id);
  return id;
};

/**
 * The default candidates for one missing person: every untyped member of the
 * pedigree other than the missing people (named by relation when it is a
 * parent or grandparent), plus, where they can be added, the father, the
 * mother, a full sibling, the four grandparents (parents of a parent who
 * is a founder) and an aunt or uncle on each side (`aunt-uncle-paternal`,
 * `aunt-uncle-maternal`: a full sibling of the parent, with the grandparents
 * added as untyped founders where the parent has none). Added people are
 * untyped; a missing person without parents gets two untyped parents first.
 * Other missing persons of the family are never candidates.
 *
 * Cost: O(persons).
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const family = families[0]!;
 * const missing = family.missing[0]!;
 * candidateRelatives(family, missing).some((c) => c.relative === 'mother'); // => true
 * ```
 */
export function candidateRelatives(family: Family, missing: string): CandidateRelative[] {
  const persons = new Map(family.pedigree.persons.map((p) => [p.id, p]));
  const m = persons.get(missing);
  if (m === undefined) throw new ValidationError({ code: 'unknown-missing', message: `Not a person of family ${family.id} (missing = ${JSON.stringify(missing)})`, path: ['missing'] });
  const typed = new Set(Object.keys(family.references));
  const missingSet = new Set(family.missing);
  const ids = new Set(persons.keys());
  const out: CandidateRelative[] = [];
  const named = new Map<string, string>();
  const fatherOf = (p: Person | undefined) => (p?.father === null || p === undefined ? undefined : persons.get(p.father));
  const motherOf = (p: Person | undefined) => (p?.mother === null || p === undefined ? undefined : persons.get(p.mother));
  const f = fatherOf(m);
  const mo = motherOf(m);
  if (f !== undefined) named.set(f.id, 'father');
  if (mo !== undefined) named.set(mo.id, 'mother');
  for (const [side, parent] of [['paternal', f], ['maternal', mo]] as const) {
    const gf = fatherOf(parent);
    const gm = motherOf(parent);
    if (gf !== undefined) named.set(gf.id, `grandfather-${side}`);
    if (gm !== undefined) named.set(gm.id, `grandmother-${side}`);
  }
  for (const p of family.pedigree.persons) {
    if (typed.has(p.id) || missingSet.has(p.id)) continue;
    out.push({ relative: named.get(p.id) ?? `untyped ${p.id}`, person: p.id, pedigree: family.pedigree });
  }
  // M's parents, added when M is a founder.
  let base: Person[] = [...family.pedigree.persons];
  let fId = f?.id;
  let moId = mo?.id;
  if (fId === undefined || moId === undefined) {
    fId = fresh(ids, `${missing}.father`);
    moId = fresh(ids, `${missing}.mother`);
    const fid = fId;
    const mid = moId;
    base = [...base.map((p) => (p.id === missing ? { ...p, father: fid, mother: mid } : p)), { id: fid, sex: 'male', father: null, mother: null }, { id: mid, sex: 'female', father: null, mother: null }];
    out.push({ relative: 'father', person: fid, pedigree: { persons: base } });
    out.push({ relative: 'mother', person: mid, pedigree: { persons: base } });
  }
  const sib = fresh(ids, `${missing}.full-sibling`);
  out.push({ relative: 'full-sibling', person: sib, pedigree: { persons: [...base, { id: sib, sex: 'unknown', father: fId, mother: moId }] } });
  for (const [side, parentId] of [['paternal', fId], ['maternal', moId]] as const) {
    const parent = base.find((p) => p.id === parentId) as Person;
    // The grandparents on this side: those of the pedigree, or two untyped founders added (also candidates).
    let side0 = base;
    let gfId = parent.father;
    let gmId = parent.mother;
    if (gfId === null || gmId === null) {
      const gf = fresh(ids, `${missing}.grandfather-${side}`);
      const gm = fresh(ids, `${missing}.grandmother-${side}`);
      side0 = [...base.map((p) => (p.id === parentId ? { ...p, father: gf, mother: gm } : p)), { id: gf, sex: 'male' as const, father: null, mother: null }, { id: gm, sex: 'female' as const, father: null, mother: null }];
      out.push({ relative: `grandfather-${side}`, person: gf, pedigree: { persons: side0 } });
      out.push({ relative: `grandmother-${side}`, person: gm, pedigree: { persons: side0 } });
      gfId = gf;
      gmId = gm;
    }
    // An aunt or uncle: a full sibling of this parent (the same figures whatever their sex).
    const au = fresh(ids, `${missing}.aunt-uncle-${side}`);
    out.push({ relative: `aunt-uncle-${side}`, person: au, pedigree: { persons: [...side0, { id: au, sex: 'unknown', father: gfId, mother: gmId }] } });
  }
  return out;
}

/**
 * The candidate genotypes of one locus to average over, with their weights
 * (summing to 1): every genotype of positive probability when there are at most
 * 3·`strata` of them (exact), else `strata` equal strata of the cumulative
 * distribution (genotypes by decreasing probability), each represented by the
 * genotype at its midpoint; a genotype that several strata pick gets their weights.
 * Deterministic: no random numbers.
 */
function candidateGenotypes(lnC: Float64Array, strata: number): { readonly genotypes: number[]; readonly weights: number[]; readonly exact: boolean } {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of lnC) if (x > max) max = x;
  const w = new Float64Array(lnC.length);
  let z = 0;
  for (let c = 0; c < lnC.length; c++) z += w[c] = Math.exp((lnC[c] as number) - max);
  const positive: number[] = [];
  for (let c = 0; c < w.length; c++) if ((w[c] as number) > 0) positive.push(c);
  if (positive.length <= 3 * strata) return { genotypes: positive, weights: positive.map((c) => (w[c] as number) / z), exact: true };
  positive.sort((x, y) => (w[y] as number) - (w[x] as number) || x - y);
  const picked = new Map<number, number>();
  let cum = 0;
  let k = 0;
  for (const c of positive) {
    cum += (w[c] as number) / z;
    while (k < strata && (k + 0.5) / strata <= cum) {
      picked.set(c, (picked.get(c) ?? 0) + 1 / strata);
      k++;
    }
  }
  // Rounding can leave the last strata unassigned: they go to the last genotype.
  if (k < strata) picked.set(positive[positive.length - 1] as number, (picked.get(positive[positive.length - 1] as number) ?? 0) + (strata - k) / strata);
  return { genotypes: [...picked.keys()], weights: [...picked.values()], exact: false };
}

/**
 * The power figures of (family, missing) if `candidate` were typed at every
 * locus of the plan, averaged over the candidate's genotype c given the
 * references: per locus, P(c | references) from one peeling pass, then for
 * each c the exact distributions of the missing person's genotype with c
 * added ({@link familyDistributions}' rules, on the family's allele space).
 * Loci are independent given everything typed, so the averaged LR
 * distribution is the convolution over loci of the per-locus mixtures, and
 * exclusion power and expected log10 LR average per locus.
 *
 * The average is exact at a locus with at most 3·`suggestionStrata` candidate
 * genotypes of positive probability; at larger loci (SE33 has 780 genotypes) it
 * is a deterministic stratified average: `suggestionStrata` equal-probability
 * strata of the candidate's genotype distribution, each represented by its
 * midpoint genotype.
 *
 * Cost: per locus, one pass plus two or three per candidate genotype used (at most 3·strata).
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const family = families[0]!;
 * const missing = family.missing[0]!;
 * const plan = planSearch([family], [], { frequencies: builtinTable(), mutation: 'none' });
 * const c = candidateRelatives(family, missing).find((x) => x.relative === 'mother')!;
 * const withMother = candidatePower(family, missing, c, plan, validatePowerOptions({}));
 * (withMother?.expectedLog10LR ?? 0) > 0; // => true
 * ```
 */
export function candidatePower(family: Family, missing: string, candidate: CandidateRelative, plan: SearchPlan, settings: ValidPowerSettings): FamilyPower | null {
  const target = candidateTarget(family, missing, candidate, plan, settings);
  return target === null ? null : powerFigures(target, settings);
}

/** The per-locus distributions behind {@link candidatePower} (each locus a mixture over the candidate's genotypes), or null. */
function candidateTarget(family: Family, missing: string, candidate: CandidateRelative, plan: SearchPlan, settings: ValidPowerSettings): TargetDistributions | null {
  const ped = indexPedigree(candidate.pedigree, []);
  const index = new Map(ped.ids.map((id, i) => [id, i]));
  const q = index.get(missing) as number;
  const r = index.get(candidate.person) as number;
  const P = ped.ids.length;
  const spaces = planSpaces(plan);
  const refs = Object.entries(family.references).map(([id, profile]) => [index.get(id) as number, id, profile] as const);
  const loci: LocusDistribution[] = [];
  // X loci (docs/lineage.md): sexes by person; not used for a missing person of unknown sex (as in
  // familyDistributions), and a candidate of unknown sex (a full sibling, an aunt or uncle) counts as untyped there.
  const sexOf = new Map(candidate.pedigree.persons.map((p) => [p.id, p.sex]));
  const xSex = ped.ids.map((id) => sexOf.get(id) ?? 'unknown');
  const roleSex = xSexes(ped.father, ped.mother, xSex);
  for (let l = 0; l < plan.loci.length; l++) {
    const locus = plan.loci[l] as LocusPlan;
    const isX = locus.chromosome === 'X';
    if (isX && roleSex[q] === 'unknown') continue;
    const sex = isX ? { sex: xSex } : {};
    const { typed, extra, refused } = referencesAtLocus(refs, locus, spaces.tableAlleles[l] as ReadonlySet<string>);
    if (refused.length > 0) return null;
    const space = spaces.get(l, extra);
    const { marker } = space;
    const evidence = evidenceIn(typed, P, space.index);
    if (isX && roleSex[r] === 'unknown') {
      if (typed.length === 0) continue;
      const d = targetLocus(ped, marker, evidence, plan.theta, space.lnHW, xSex)(q);
      if (d === null) return null;
      loci.push(d);
      continue;
    }
    const lnC = lnQueryLikelihoods({ father: ped.father, mother: ped.mother, marker, evidence, theta: plan.theta, ...sex }, r);
    const { genotypes, weights } = candidateGenotypes(foldSilentCandidate(lnC, silentIndex(marker)), settings.suggestionStrata);
    if (genotypes.length === 0) return null;
    const parts: LocusDistribution[] = [];
    // With a silent allele S the candidate is typed with what a typing shows: a/a for true
    // a/a or a/S (weights summed before the candidates are chosen), nothing for S/S (then the
    // LR is computed with the candidate untyped, as an analyst would, while the child's
    // distribution is given the true S/S).
    const S = silentIndex(marker);
    const used: number[] = [];
    genotypes.forEach((c, k) => {
      const [lo, hi] = genotypeAlleles(c);
      const ev = [...evidence];
      ev[r] = [lo, hi];
      let d = targetLocus(ped, marker, ev, plan.theta, space.lnHW, isX ? xSex : undefined)(q);
      if (d === null) return;
      if (S >= 0 && lo === S) {
        ev[r] = null;
        const shown = targetLocus(ped, marker, ev, plan.theta, space.lnHW, isX ? xSex : undefined)(q);
        if (shown === null) return;
        d = { ...d, lnLR: shown.lnLR, inconsistent: shown.inconsistent };
      }
      parts.push(d);
      used.push(weights[k] as number);
    });
    const G = parts[0]?.h1.length ?? 0;
    const total = parts.length * G;
    const h1 = new Float64Array(total);
    const h2 = new Float64Array(total);
    const lnLR = new Float64Array(total);
    const inconsistent = new Uint8Array(total);
    parts.forEach((d, k) => {
      const w = used[k] as number;
      for (let g = 0; g < G; g++) {
        h1[k * G + g] = w * (d.h1[g] as number);
        h2[k * G + g] = w * (d.h2[g] as number);
        lnLR[k * G + g] = d.lnLR[g] as number;
        inconsistent[k * G + g] = d.inconsistent[g] as number;
      }
    });
    loci.push({ locus: locus.name, marker, h1, h2, lnLR, inconsistent });
  }
  return { family: family.id, missing, loci };
}

/**
 * Which relative to type next for one missing person of a family: the
 * figures with each candidate ({@link candidateRelatives} by default, or those
 * named in `candidates`, matched on `relative`) typed at every locus of the
 * plan, averaged over the candidate's genotype given the family, ranked by gain
 * in pIdentified, then in expected log10 LR.
 *
 * Cost: per candidate and locus, about G peeling passes (G genotypes on the
 * family's allele space): seconds per family on a full kit, so not for every
 * family of a national run at once.
 *
 * @throws {@link ValidationError} for bad options or an unknown missing person.
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const family = families[0]!;
 * const missing = family.missing[0]!;
 * const suggestions = suggestRelatives(family, missing, { frequencies: builtinTable(), mutation: 'none' });
 * suggestions.length > 0; // => true
 * ```
 */
export function suggestRelatives(family: Family, missing: string, options: PowerOptions): RelativeSuggestion[] {
  const settings = validatePowerOptions(options);
  if (!family.missing.includes(missing)) throw new ValidationError({ code: 'unknown-missing', message: `Not a missing person of family ${family.id} (missing = ${JSON.stringify(missing)})`, path: ['missing'] });
  const plan = planSearch([family], [], { ...options, xLoci: options.xLoci ?? true });
  const d = familyDistributions(family, plan);
  if (!d.ok) throw new ValidationError(d.reasons.map((reason) => ({ code: 'family-rejected', message: `${reason} (family = ${family.id})`, path: ['family'] })));
  const now = powerFigures(d.targets.find((t) => t.missing === missing) as NonNullable<(typeof d.targets)[number]>, settings);
  return suggestionsFor(family, missing, plan, settings, now);
}

/** The suggestions for one row, given its current figures, best first. @internal */
export function suggestionsFor(family: Family, missing: string, plan: SearchPlan, settings: ValidPowerSettings, now: FamilyPower): RelativeSuggestion[] {
  const wanted = settings.candidates === null ? null : new Set(settings.candidates);
  const out: RelativeSuggestion[] = [];
  for (const c of candidateRelatives(family, missing)) {
    if (wanted !== null && !wanted.has(c.relative)) continue;
    const target = candidateTarget(family, missing, c, plan, settings);
    if (target === null) continue;
    const f = identificationFigures(target, settings);
    out.push({ relative: c.relative, person: c.person, exclusionPower: f.exclusionPower, expectedLog10LR: f.expectedLog10LR, pIdentified: f.pIdentified, gain: f.pIdentified - now.pIdentified, expectedLog10LRGain: f.expectedLog10LR - now.expectedLog10LR });
  }
  out.sort((a, b) => b.gain - a.gain || b.expectedLog10LRGain - a.expectedLog10LRGain || (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return out;
}

/** A candidate's true-genotype log-probabilities folded onto what a typing shows when S is the silent allele (a/S counted as a/a); unchanged without one. */
function foldSilentCandidate(lnC: Float64Array, S: number): Float64Array {
  if (S < 0) return lnC;
  const out = Float64Array.from(lnC);
  for (let a = 0; a < S; a++) {
    const aa = genotypeIndex(a, a);
    const aS = genotypeIndex(a, S);
    const x = out[aa] as number;
    const y = out[aS] as number;
    const m = Math.max(x, y);
    out[aa] = m === Number.NEGATIVE_INFINITY ? m : m + Math.log(Math.exp(x - m) + Math.exp(y - m));
    out[aS] = Number.NEGATIVE_INFINITY;
  }
  return out;
}
