/**
 * Family tables (DESIGN.md "The core idea for speed"): for each family and
 * missing person, per locus and genotype g, ln P(g | family, H1) − ln P(g | H2),
 * laid out so that a search is gather-and-add over typed arrays.
 */
import { StrkinError } from '../errors/StrkinError.js';
import { compareAlleles } from '../profile/allele.js';
import { genotypeAlleles } from '../profile/genotype.js';
import type { Profile, Sex } from '../profile/Profile.js';
import type { BirthYears } from '../profile/born.js';
import { THETA_ENUMERATION_LIMIT } from '../likelihood/peel.js';
import { consistencyWithoutMutation, evidenceIn, lnRatios, SpaceMarkers, thetaCombinations, writeSpace } from './caseSpaces.js';
import type { Family, FamilySource, RejectedFamily } from './Family.js';
import { checkTargetLineage, targetLineage, type TargetLineage } from './lineageTerms.js';
import { indexFamily, planSearch, referencesAtLocus, type FamilyIndexOptions, type SearchPlan } from './plan.js';
import { prunedCase } from './prunedCase.js';
import { xLociLeftOut, type XLocusData } from './xLinkage.js';

/** One column of the index: a family and one of its missing people. */
export interface SearchTarget {
  /** Family id. */
  readonly family: string;
  /** Person id of the missing person (in the family's pedigree). */
  readonly missing: string;
  /** Sex of the missing person in the family's pedigree (`unknown` when not given). */
  readonly sex?: Sex;
  /** Year(s) of birth of the missing person (the family's `born`); absent when unknown. */
  readonly born?: BirthYears;
  readonly source?: FamilySource;
  /** The missing person's Y references, when the search adds Y evidence (see `targetLineage`). */
  readonly y?: TargetLineage;
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

/** `{ born }` of a missing person when the family gives it (own property only). */
function bornOf(family: Family, missing: string): { born?: BirthYears } {
  const born = family.born !== undefined && Object.hasOwn(family.born, missing) ? family.born[missing] : undefined;
  return born === undefined ? {} : { born };
}

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

/**
 * The case-space markers and locus-table cache of a plan, kept while the plan lives: a build in
 * several pieces with one plan (a worker's family ranges, `index add`) reuses the tables the
 * earlier pieces computed. A cached table is the bits its computation gives, so what was built
 * before never changes a table.
 */
const SPACES = new WeakMap<SearchPlan, SpaceMarkers>();
function spacesOf(plan: SearchPlan): SpaceMarkers {
  let spaces = SPACES.get(plan);
  if (spaces === undefined) SPACES.set(plan, (spaces = new SpaceMarkers(plan)));
  return spaces;
}

/** Builds an index over families already in search order (see {@link orderFamilies}). @internal */
export function buildOrderedIndex(ordered: readonly Family[], rejectedBefore: readonly RejectedFamily[], plan: SearchPlan): FamilyIndex {
  const layout = tableLayout(plan);
  const spaces = spacesOf(plan);
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
    const reasons = buildFamily(family, plan, spaces, layout, tables, inconsistent, masks, informative, start);
    if (typeof reasons === 'number') {
      for (const m of [...family.missing].sort(byCodeUnit)) targets.push({ family: family.id, missing: m, sex: family.pedigree.persons.find((p) => p.id === m)?.sex ?? 'unknown', ...bornOf(family, m), ...(family.source !== undefined ? { source: family.source } : {}), ...yOf(plan, family, m) });
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

/** The target's Y references when the plan adds Y evidence (lineageTerms.ts). */
function yOf(plan: SearchPlan, family: Family, missing: string): { y?: TargetLineage } {
  const y = plan.lineage === undefined ? undefined : checkTargetLineage(plan.lineage, targetLineage(family, missing));
  return y === undefined ? {} : { y };
}

/**
 * Fills the tables of one family at targets start.. ; returns the number of
 * targets, or the reasons for rejecting it. Only {@link StrkinError}s become
 * reasons: anything else is a bug and propagates.
 */
function buildFamily(
  family: Family,
  plan: SearchPlan,
  spaces: SpaceMarkers,
  layout: TableLayout,
  tables: Float64Array,
  inconsistent: Uint8Array,
  masks: Uint32Array,
  informative: Uint8Array,
  start: number,
): number | string[] {
  const indexed = indexFamily(family);
  if ('reasons' in indexed) return indexed.reasons;
  const ped = indexed.ped;
  const reasons: string[] = [];
  const personIndex = new Map(ped.ids.map((id, i) => [id, i]));
  const theta = plan.theta;
  const S = layout.stride;
  const W = layout.maskWords;
  const queries = [...family.missing].sort(byCodeUnit).map((m) => personIndex.get(m) as number);
  const refs = Object.entries(family.references).map(([id, profile]) => [personIndex.get(id) as number, id, profile] as const);
  let compared = 0;
  const sexOf = new Map(family.pedigree.persons.map((p) => [p.id, p.sex]));
  // X loci of a linkage group left out per target (xLinkage 'safe'; xLinkage.ts): decided from the family alone.
  const xLeftOut = xLeftOutPerTarget(plan, spaces, refs, ped, queries);
  try {
    plan.loci.forEach((locus, l) => {
      const table = spaces.tableAlleles[l] as ReadonlySet<string>;
      const planIndex = spaces.planIndex[l] as ReadonlyMap<string, number>;
      const { typed, extra, refused } = referencesAtLocus(refs, locus, table);
      for (const r of refused) reasons.push(r);
      if (typed.length === 0) return;
      const base = spaces.get(l, extra);
      const G = locus.genotypes;
      const off = layout.blockStart[l] as number;
      const isX = locus.chromosome === 'X';
      // Child genotypes with alleles outside this family's space, grouped by those alleles.
      const groups = new Map<string, { extra: string[]; genotypes: number[] }>();
      for (const g of locus.childRareGenotypes) {
        const [lo, hi] = genotypeAlleles(g);
        const foreign = [...new Set([locus.alleles[lo] as string, locus.alleles[hi] as string])].filter((a) => !base.index.has(a));
        if (foreign.length === 0) continue;
        const key = foreign.join('\u0000');
        let group = groups.get(key);
        if (group === undefined) groups.set(key, (group = { extra: [...extra, ...foreign].sort(compareAlleles), genotypes: [] }));
        group.genotypes.push(g);
      }
      for (let k = 0; k < queries.length; k++) {
        const t = (start + k) * S + off;
        // At an X locus the table needs the missing person's sex: unknown, the locus is not compared for this target.
        if (isX && (sexOf.get(ped.ids[queries[k] as number] as string) ?? 'unknown') === 'unknown') continue;
        // A locus of a linkage group left out for this target carries no evidence (as an untyped locus).
        if (isX && xLeftOut[k]?.has(locus.name) === true) continue;
        // The table depends only on the query, the typed references and their ancestors: families of
        // any structure whose pruned cases are the same share it (computed once, reused bit for bit).
        const pruned = prunedCase(ped.ids, ped.father, ped.mother, typed, queries[k] as number, planIndex);
        const xSex = isX ? pruned.ped.ids.map((id) => sexOf.get(id) ?? 'unknown') : undefined;
        const key = xSex !== undefined ? `${pruned.key}|${xSex.join(',')}` : pruned.key;
        const reused = spaces.reuse(l, key, tables, inconsistent, t);
        if (reused !== undefined) {
          if (reused === null) {
            reasons.push(`references are impossible under the family pedigree at this locus (locus = ${locus.name})`);
            return;
          }
          masks[(start + k) * W + (l >>> 5)] = ((masks[(start + k) * W + (l >>> 5)] as number) | (1 << (l & 31))) >>> 0;
          continue;
        }
        const Q = pruned.ped.father.length;
        if (theta > 0) {
          // Admission by the family alone: a child's alleles the table lacks (at most two) widen
          // the space, and with them the enumeration; the family is searched only if it fits
          // for any child, so whether it is searched never depends on the other records of a run.
          const wide = spaces.get(l, [...extra, ...standInAlleles(base.marker.alleles)].sort(compareAlleles));
          const combos = thetaCombinations(pruned.ped, wide.marker, evidenceIn(pruned.typed, Q, wide.index), 0, theta, xSex);
          if (combos > THETA_ENUMERATION_LIMIT) {
            reasons.push(`theta correction for a child with two alleles the table lacks would need ${combos.toExponential(2)} founder-genotype combinations, more than the limit of ${THETA_ENUMERATION_LIMIT}; use theta = 0 or type more references (locus = ${locus.name})`);
            return;
          }
        }
        // Entries no space writes stay NaN (none when the family's space holds every plan allele).
        if (!base.covers) tables.fill(Number.NaN, t, t + G);
        const evidence = evidenceIn(pruned.typed, Q, base.index);
        const lnLR = lnRatios(pruned.ped, base, evidence, 0, theta, xSex);
        if (lnLR === null) {
          spaces.remember(l, key, null, null, 0);
          reasons.push(`references are impossible under the family pedigree at this locus (locus = ${locus.name})`);
          return;
        }
        writeSpace(base, lnLR, tables, t, null);
        for (const group of groups.values()) {
          const space = spaces.get(l, group.extra);
          const ext = lnRatios(pruned.ped, space, evidenceIn(pruned.typed, Q, space.index), 0, theta, xSex);
          if (ext === null) {
            reasons.push(`references are impossible under the family pedigree at this locus (locus = ${locus.name})`);
            return;
          }
          writeSpace(space, ext, tables, t, group.genotypes);
        }
        // On the plan's alleles in order the space's evidence is the plan's (read only by both passes).
        const planEvidence = base.identity ? evidence : evidenceIn(pruned.typed, Q, planIndex);
        consistencyWithoutMutation(pruned.ped.father, pruned.ped.mother, locus.name, locus.alleles.length, planEvidence, 0, inconsistent, t, locus.silentFrequency !== undefined, xSex);
        spaces.remember(l, key, tables, inconsistent, t);
        masks[(start + k) * W + (l >>> 5)] = ((masks[(start + k) * W + (l >>> 5)] as number) | (1 << (l & 31))) >>> 0;
      }
      compared++;
    });
  } catch (e) {
    if (e instanceof StrkinError) return [...reasons, ...e.issues.map((i) => `likelihood engine: ${i.message}`)];
    throw e;
  }
  if (compared === 0 && reasons.length === 0) reasons.push('no reference is typed at any compared locus');
  if (reasons.length > 0) return reasons;
  // Loci compared per target: its mask bits (an X locus is not compared for a missing person of unknown sex).
  for (let k = 0; k < queries.length; k++) {
    let n = 0;
    for (let w = 0; w < W; w++) n += bitCount(masks[(start + k) * W + w] as number);
    informative[start + k] = n;
  }
  return queries.length;
}

/**
 * Per target (query k), the X loci of a linkage group it leaves out under the plan's
 * `xLinkage` ({@link xLociLeftOut}): from the references typed at each X locus, as the
 * tables see them. Empty sets when the plan has no X locus or the mode is 'unlinked'.
 */
function xLeftOutPerTarget(plan: SearchPlan, spaces: SpaceMarkers, refs: readonly (readonly [number, string, Profile])[], ped: { readonly father: readonly number[]; readonly mother: readonly number[] }, queries: readonly number[]): readonly ReadonlySet<string>[] {
  if (plan.xLinkage === 'unlinked' || !plan.loci.some((l) => l.chromosome === 'X')) return queries.map(() => NONE);
  const xData: XLocusData[] = [];
  plan.loci.forEach((locus, l) => {
    if (locus.chromosome !== 'X') return;
    const { typed } = referencesAtLocus(refs, locus, spaces.tableAlleles[l] as ReadonlySet<string>);
    xData.push({ name: locus.name, frequencies: locus.tableFrequencies, typed: typed.map(([i]) => i) });
  });
  return queries.map((q) => xLociLeftOut(plan.xLinkage, ped.father, ped.mother, q, xData));
}

const NONE: ReadonlySet<string> = new Set();

/** Two allele labels outside a space (numeric, above its largest numeric allele): stand-ins for a child's two alleles the table lacks. */
function standInAlleles(alleles: readonly string[]): [string, string] {
  let max = 0;
  for (const a of alleles) {
    const x = Number(a);
    if (Number.isFinite(x) && x > max) max = x;
  }
  const top = Math.floor(max) + 1000;
  return [String(top), String(top + 1)];
}

function bitCount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v = (v & (v - 1)) >>> 0) n++;
  return n;
}
