/**
 * Family tables (DESIGN.md "The core idea for speed"): for each family and
 * missing person, per locus and genotype g, ln P(g | family, H1) − ln P(g | H2),
 * laid out so that a search is gather-and-add over typed arrays.
 */
import { StrkinError, ValidationError } from '../errors/StrkinError.js';
import { indexPedigree } from '../likelihood/kinshipLR.js';
import { makeMarkerModel, type MarkerModel } from '../likelihood/MarkerModel.js';
import { lnQueryLikelihoods, type AlleleEvidence } from '../likelihood/peel.js';
import type { Profile } from '../profile/Profile.js';
import type { Family, FamilySource, RejectedFamily } from './Family.js';
import { planMarkers, planSearch, type FamilyIndexOptions, type SearchPlan } from './plan.js';

/** One column of the index: a family and one of its missing people. */
export interface SearchTarget {
  /** Family id. */
  readonly family: string;
  /** Person id of the missing person (in the family's pedigree). */
  readonly missing: string;
  readonly source?: FamilySource;
}

/** Where each locus's block sits in a family table. */
export interface TableLayout {
  /** Start of locus l's block: Σ_{k<l} (G_k + 1). */
  readonly blockStart: Uint32Array;
  /** G_l: genotypes of locus l; entry `blockStart[l] + G_l` is the "child untyped" entry (always 0). */
  readonly genotypes: Uint32Array;
  /** Entries per target table: Σ (G_l + 1). */
  readonly stride: number;
  /** 32-bit words per locus bitmask: ceil(L / 32). */
  readonly maskWords: number;
}

/**
 * The family tables of a search. Target t's table is
 * `tables.subarray(t·stride, (t+1)·stride)`; its no-mutation consistency table
 * (1 = genotype impossible without mutation) is the same range of `inconsistent`.
 */
export interface FamilyIndex {
  readonly plan: SearchPlan;
  readonly layout: TableLayout;
  /** Targets in (family id, missing id) order (code-unit order). */
  readonly targets: readonly SearchTarget[];
  /** ln LR entries, targets.length × stride. */
  readonly tables: Float64Array;
  /** 0/1 per entry: the genotype is impossible under H1 without mutation. */
  readonly inconsistent: Uint8Array;
  /** Informative-locus bitmask per target (bit l: some reference is typed at locus l), targets.length × maskWords. */
  readonly masks: Uint32Array;
  /** Number of informative loci per target. */
  readonly informative: Uint8Array;
  /** Families accepted (a family with two missing people gives two targets). */
  readonly familyCount: number;
  /** Families that could not be used, with every reason. */
  readonly rejected: readonly RejectedFamily[];
}

/**
 * Options of {@link buildFamilyIndex}: the index options (plus the children whose
 * alleles must be in the allele lists), or a plan made beforehand by
 * {@link planSearch} (e.g. shared by worker threads).
 */
export type BuildFamilyIndexOptions = (FamilyIndexOptions & { readonly children?: readonly Profile[] }) | { readonly plan: SearchPlan };

/** The layout of a plan's tables. @internal */
export function tableLayout(plan: SearchPlan): TableLayout {
  const L = plan.loci.length;
  const blockStart = new Uint32Array(L);
  const genotypes = new Uint32Array(L);
  let s = 0;
  plan.loci.forEach((l, i) => {
    blockStart[i] = s;
    genotypes[i] = l.genotypes;
    s += l.genotypes + 1;
  });
  return { blockStart, genotypes, stride: s, maskWords: Math.max(1, Math.ceil(L / 32)) };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Families in id order with duplicates (and families without an id) rejected; the
 * order every search uses so that results do not depend on input order. @internal
 */
export function orderFamilies(families: readonly Family[]): { readonly ordered: Family[]; readonly rejected: RejectedFamily[] } {
  const seen = new Set<string>();
  const ordered: Family[] = [];
  const rejected: RejectedFamily[] = [];
  for (const f of families) {
    const src = f.source !== undefined ? { source: f.source } : {};
    if (seen.has(f.id)) rejected.push({ id: f.id, reasons: [`family id given twice; the first one is used (family = ${f.id})`], ...src });
    else {
      seen.add(f.id);
      ordered.push(f);
    }
  }
  ordered.sort((a, b) => byCodeUnit(a.id, b.id));
  return { ordered, rejected };
}

/**
 * Builds the family tables of a search (DESIGN.md "family tables"; domain.md §4).
 * For every family and missing person M, per locus and genotype g:
 * `table[l][g] = ln P(M = g | references, H1) − ln P(g | references, H2)`, where
 * H2 makes the child an unrelated founder: Hardy-Weinberg when theta = 0, and with
 * theta > 0 an extra founder of the same pedigree (its alleles drawn from the urn
 * after the references'). Mutation applies to every transmission (default
 * stepwise with the built-in per-locus rates).
 *
 * Decisions: a locus where no reference of the family is typed carries no
 * information: its block is all zeros and it is not counted as compared. A
 * family is rejected (with every reason) when it has no missing person, a
 * missing person that is typed or absent, an invalid pedigree, no typed
 * reference at any compared locus, references that are impossible under its
 * own pedigree at some locus, or an engine failure (e.g. theta enumeration limit).
 *
 * Cost: per family and missing person, one peeling pass per informative locus
 * (two with theta > 0, one more without mutation for the consistency table);
 * memory 9·Σ(G_l + 1) bytes per target (about 20 KB on GlobalFiler).
 *
 * @example
 * ```ts
 * const index = buildFamilyIndex([family], { frequencies: builtinTable('nist1036-cauc') });
 * index.targets; // [{ family: 'F1', missing: 'M' }]
 * ```
 */
export function buildFamilyIndex(families: readonly Family[], options: BuildFamilyIndexOptions): FamilyIndex {
  const plan = 'plan' in options ? options.plan : planSearch(families, options.children ?? [], options);
  const { ordered, rejected } = orderFamilies(families);
  return buildOrderedIndex(ordered, rejected, plan);
}

/** Builds an index over families already in search order (see {@link orderFamilies}). @internal */
export function buildOrderedIndex(ordered: readonly Family[], rejectedBefore: readonly RejectedFamily[], plan: SearchPlan): FamilyIndex {
  const layout = tableLayout(plan);
  const { markers } = planMarkers(plan);
  const maxTargets = ordered.reduce((s, f) => s + Math.max(1, f.missing.length), 0);
  const S = layout.stride;
  const W = layout.maskWords;
  const tables = new Float64Array(maxTargets * S);
  const inconsistent = new Uint8Array(maxTargets * S);
  const masks = new Uint32Array(maxTargets * W);
  const informative = new Uint8Array(maxTargets);
  const targets: SearchTarget[] = [];
  const rejected: RejectedFamily[] = [...rejectedBefore];
  let familyCount = 0;
  for (const family of ordered) {
    const start = targets.length;
    const reasons = buildFamily(family, plan, markers, layout, tables, inconsistent, masks, informative, start);
    if (typeof reasons === 'number') {
      for (const m of [...family.missing].sort(byCodeUnit)) targets.push({ family: family.id, missing: m, ...(family.source !== undefined ? { source: family.source } : {}) });
      familyCount++;
    } else {
      // Clear anything written for this family.
      tables.fill(0, start * S, (start + Math.max(1, family.missing.length)) * S);
      inconsistent.fill(0, start * S, (start + Math.max(1, family.missing.length)) * S);
      masks.fill(0, start * W, (start + Math.max(1, family.missing.length)) * W);
      rejected.push({ id: family.id, reasons, ...(family.source !== undefined ? { source: family.source } : {}) });
    }
  }
  const T = targets.length;
  rejected.sort((a, b) => byCodeUnit(a.id, b.id));
  return {
    plan,
    layout,
    targets,
    tables: tables.subarray(0, T * S),
    inconsistent: inconsistent.subarray(0, T * S),
    masks: masks.subarray(0, T * W),
    informative: informative.subarray(0, T),
    familyCount,
    rejected,
  };
}

function lnHardyWeinberg(freq: Float64Array, G: number): Float64Array {
  const out = new Float64Array(G);
  let g = 0;
  for (let hi = 0; g < G; hi++) {
    const lh = Math.log(freq[hi] as number);
    for (let lo = 0; lo <= hi; lo++, g++) out[g] = lo === hi ? 2 * lh : Math.LN2 + lh + Math.log(freq[lo] as number);
  }
  return out;
}

function logSumExp(x: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) > max) max = x[i] as number;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp((x[i] as number) - max);
  return max + Math.log(s);
}

/** Fills the tables of one family at targets start.. ; returns the number of targets, or the reasons for rejecting it. */
function buildFamily(
  family: Family,
  plan: SearchPlan,
  markers: readonly MarkerModel[],
  layout: TableLayout,
  tables: Float64Array,
  inconsistent: Uint8Array,
  masks: Uint32Array,
  informative: Uint8Array,
  start: number,
): number | string[] {
  const reasons: string[] = [];
  const ids = new Set(family.pedigree.persons.map((p) => p.id));
  if (family.missing.length === 0) reasons.push('no missing person is marked');
  if (new Set(family.missing).size !== family.missing.length) reasons.push(`a missing person is listed twice (missing = ${family.missing.join(', ')})`);
  for (const m of family.missing) {
    if (!ids.has(m)) reasons.push(`missing person is not in the pedigree (missing = ${m})`);
    if (Object.hasOwn(family.references, m)) reasons.push(`missing person has a reference profile (missing = ${m})`);
  }
  for (const r of Object.keys(family.references)) if (!ids.has(r)) reasons.push(`reference is not in the pedigree (reference = ${r})`);
  if (reasons.length > 0) return reasons;
  let ped;
  try {
    ped = indexPedigree(family.pedigree, []);
  } catch (e) {
    return e instanceof StrkinError ? e.issues.map((i) => `invalid pedigree: ${i.message}`) : [`invalid pedigree: ${String(e)}`];
  }
  const P = ped.ids.length;
  const fatherH2 = [...ped.father, -1];
  const motherH2 = [...ped.mother, -1];
  const theta = plan.theta;
  const S = layout.stride;
  const W = layout.maskWords;
  const missingSorted = [...family.missing].sort(byCodeUnit);
  const queries = missingSorted.map((m) => ped.ids.indexOf(m));
  const refs = Object.entries(family.references);
  const anyTyped = new Array<boolean>(plan.loci.length).fill(false);
  try {
    plan.loci.forEach((locus, l) => {
      const marker = markers[l] as MarkerModel;
      const alleleIndex = new Map(locus.alleles.map((a, i) => [a, i]));
      const evidence: AlleleEvidence[] = new Array<AlleleEvidence>(P).fill(null);
      let typed = false;
      for (const [id, profile] of refs) {
        const g = Object.hasOwn(profile.genotypes, locus.name) ? profile.genotypes[locus.name] : undefined;
        if (g === undefined) continue;
        const a = alleleIndex.get(g[0]);
        const b = g[1] === null ? -1 : alleleIndex.get(g[1]);
        if (a === undefined || b === undefined) {
          reasons.push(`reference allele is not in the frequency table and rare alleles are rejected (reference = ${id}, locus = ${locus.name}, genotype = ${g[0]}/${g[1] ?? '-'})`);
          continue;
        }
        evidence[ped.ids.indexOf(id)] = [a, b];
        typed = true;
      }
      if (!typed) return;
      anyTyped[l] = true;
      const G = locus.genotypes;
      const off = layout.blockStart[l] as number;
      const hw = theta === 0 ? lnHardyWeinberg(marker.frequencies, G) : null;
      queries.forEach((q, k) => {
        const t = (start + k) * S + off;
        const lnQ1 = lnQueryLikelihoods({ father: ped.father, mother: ped.mother, marker, evidence, theta }, q);
        let lnQ2: Float64Array;
        let shift = 0;
        if (hw !== null) {
          lnQ2 = hw;
          shift = logSumExp(lnQ1);
        } else {
          lnQ2 = lnQueryLikelihoods({ father: fatherH2, mother: motherH2, marker, evidence: [...evidence, null], theta }, P);
        }
        if (shift === Number.NEGATIVE_INFINITY || (hw === null && logSumExp(lnQ2) === Number.NEGATIVE_INFINITY)) {
          reasons.push(`references are impossible under the family pedigree at this locus (locus = ${locus.name})`);
          return;
        }
        for (let g = 0; g < G; g++) tables[t + g] = (lnQ1[g] as number) - shift - (lnQ2[g] as number);
        if (!plan.hasMutation) {
          for (let g = 0; g < G; g++) inconsistent[t + g] = lnQ1[g] === Number.NEGATIVE_INFINITY ? 1 : 0;
        } else {
          consistencyWithoutMutation(ped.father, ped.mother, marker, evidence, q, inconsistent, t);
        }
        masks[(start + k) * W + (l >>> 5)] = ((masks[(start + k) * W + (l >>> 5)] as number) | (1 << (l & 31))) >>> 0;
      });
    });
  } catch (e) {
    if (e instanceof StrkinError) return [...reasons, ...e.issues.map((i) => `likelihood engine: ${i.message}`)];
    if (e instanceof ValidationError) return [...reasons, e.message];
    return [...reasons, `likelihood engine: ${e instanceof Error ? e.message : String(e)}`];
  }
  if (!anyTyped.some((x) => x)) reasons.push('no reference is typed at any compared locus');
  if (reasons.length > 0) return reasons;
  const n = anyTyped.filter((x) => x).length;
  queries.forEach((_, k) => {
    informative[start + k] = n;
  });
  return queries.length;
}

/**
 * Writes 1 where M's genotype is impossible without mutation. Zero-ness does not
 * depend on the (positive) frequencies or on theta, and without mutation alleles
 * seen in no reference are interchangeable, so the pass runs on a lumped marker:
 * the references' alleles plus one "other" allele, theta 0 (a few dozen genotypes
 * instead of up to ~800 at SE33).
 */
function consistencyWithoutMutation(father: readonly number[], mother: readonly number[], marker: MarkerModel, evidence: readonly AlleleEvidence[], q: number, out: Uint8Array, at: number): void {
  const nA = marker.alleles.length;
  const reduced = new Int32Array(nA).fill(-1);
  const keep: number[] = [];
  for (const e of evidence) {
    if (e === null) continue;
    for (const a of e) if (a >= 0 && reduced[a] === -1) {
      reduced[a] = keep.length;
      keep.push(a);
    }
  }
  const other = keep.length < nA ? keep.length : -1;
  const nR = keep.length + (other >= 0 ? 1 : 0);
  const alleles = keep.map((a) => marker.alleles[a] as string);
  const freqs = keep.map(() => 1 / nR);
  if (other >= 0) {
    alleles.push('\u0000other');
    freqs.push(1 / nR);
  }
  for (let a = 0; a < nA; a++) if (reduced[a] === -1) reduced[a] = other;
  const lumped = makeMarkerModel({ name: marker.name, alleles, frequencies: freqs });
  const ev = evidence.map((e): AlleleEvidence => (e === null ? null : [reduced[e[0]] as number, e[1] < 0 ? -1 : (reduced[e[1]] as number)]));
  const lnQ0 = lnQueryLikelihoods({ father, mother, marker: lumped, evidence: ev, theta: 0 }, q);
  let g = 0;
  for (let hi = 0; hi < nA; hi++) {
    const rh = reduced[hi] as number;
    for (let lo = 0; lo <= hi; lo++, g++) {
      const rl = reduced[lo] as number;
      const r = rl < rh ? (rh * (rh + 1)) / 2 + rl : (rl * (rl + 1)) / 2 + rh;
      out[at + g] = lnQ0[r] === Number.NEGATIVE_INFINITY ? 1 : 0;
    }
  }
}
