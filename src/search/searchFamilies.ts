/**
 * One call doing a whole search: plan, family tables, child encoding, scan, and
 * the ranked, accounted result.
 */
import type { Profile } from '../profile/Profile.js';
import type { Family, RejectedFamily } from './Family.js';
import { buildOrderedIndex, orderFamilies, type SearchTarget } from './familyIndex.js';
import { encodeChildren, type ChildLocusNote, type EncodedChildren, type RejectedChild } from './encodeChildren.js';
import { planSearch, type FamilyIndexOptions, type SearchPlan, type SearchProvenance, type UnusedLocus } from './plan.js';
import { posteriorFromLnLR } from './posterior.js';
import { scanRange, type PartialScan, type ScanOptions } from './scan.js';
import { lnOfLimbs, SUM_LIMBS } from './exactSum.js';
import { DEFAULT_AGE_TOLERANCE, DEFAULT_MIN_LOCI, resolvePrior, validateSearchOptions } from './searchOptions.js';
import { checkArray, checkObject } from '../util/args.js';
import { makeYPairTerm } from './yScanTerm.js';

/** The per-type logs of a reported pair: the Y term recomputed for the pair alone, the autosomal part the rest of the total. */
function byType(lnTotal: number, lnY: number | null): { readonly autosomal: number | null; readonly Y: number | null } {
  const log10 = (x: number): number | null => (Number.isFinite(x) ? x / LN10 : null);
  if (lnY === null) return { autosomal: log10(lnTotal), Y: null };
  return { autosomal: Number.isFinite(lnY) ? log10(lnTotal - lnY) : null, Y: log10(lnY) };
}

/**
 * The per-type logs with X loci in the plan: `lnX` the pair's X part (its X table entries),
 * `lnY` as in {@link byType} (undefined without Y evidence); autosomal = total − X − Y.
 * A part is null when it is not finite (an LR of 0 through that type, or through another).
 */
function byTypeX(lnTotal: number, lnX: number, lnY: number | null | undefined): { readonly autosomal: number | null; readonly X: number | null; readonly Y?: number | null } {
  const log10 = (x: number): number | null => (Number.isFinite(x) ? x / LN10 : null);
  const y = lnY ?? 0;
  const autosomal = Number.isFinite(lnX) && Number.isFinite(y) ? log10(lnTotal - lnX - y) : null;
  return { autosomal, X: log10(lnX), ...(lnY !== undefined ? { Y: lnY === null ? null : log10(lnY) } : {}) };
}

/** Options of {@link searchFamilies}: the index options, the scan options and the prior (rules and defaults: {@link validateSearchOptions}). */
export interface SearchOptions extends FamilyIndexOptions, ScanOptions {
  /** Prior probability that a given child is a given family's missing person, in (0, 1). Default {@link defaultPrior}: 1/(families + 1), families counting those accepted (at least 1). */
  readonly prior?: number;
}

/** One reported (child, family) pair. */
export interface Match {
  readonly child: string;
  readonly family: string;
  /** The missing person of the family the child is compared with. */
  readonly missing: string;
  /** 1-based rank of the family among the child's matches, or null when the pair is reported only as one of the family's top children. */
  readonly rankForChild: number | null;
  /** 1-based rank of the child among the family's matches, or null when the pair is not in the family's top K. */
  readonly rankForFamily: number | null;
  /** Natural-log LR (−Infinity when excluded). */
  readonly lnLR: number;
  /** log10 LR; null when the LR is 0. */
  readonly log10LR: number | null;
  readonly LR: number;
  /** P(H1 | data) under the search's prior. */
  readonly posterior: number;
  /** Loci typed in the child and informative in the family. */
  readonly lociCompared: number;
  /** Compared loci where the child's genotype is impossible without mutation. */
  readonly lociInconsistent: number;
  /** Expected number of unrelated pairs of this search with an LR at least this large, at most (pairs scored / LR); null when LR = 0. */
  readonly chanceMatchBound: number | null;
  /**
   * log10 LR per evidence type, present when the search adds Y evidence
   * (`lineage` option; docs/lineage.md): `autosomal` (the markers' LR; null when
   * the total is 0 through Y) and `Y` (null when Y does not apply to the pair).
   * The total (`log10LR`) is their product (sum of logs). With X loci in the plan,
   * also `X`: the X loci's LR (log10; 0 when no X locus is compared for the pair), and
   * `Y` only with Y evidence.
   */
  readonly byType?: { readonly autosomal: number | null; readonly X?: number | null; readonly Y?: number | null };
}

/** What happened to one child. */
export interface ChildOutcome {
  readonly id: string;
  /** `scored`: at least one pair scored; `insufficient-data`: no compatible family shares enough loci; `excluded-by-metadata`: every family excluded by metadata (sex, years of birth); `rejected`: not searched. */
  readonly status: 'scored' | 'insufficient-data' | 'excluded-by-metadata' | 'rejected';
  readonly pairsScored: number;
  readonly pairsInsufficient: number;
  /** Pairs excluded by metadata: sexes both known and different, or years of birth both known and more than the tolerance apart. */
  readonly pairsExcluded: number;
  /** Of `pairsExcluded`, those excluded by years of birth (sexes compatible); the others were excluded by sex. */
  readonly pairsExcludedByAge: number;
  /**
   * ln Σ LR over every target of the run (every pair, whatever the loci compared;
   * −Infinity when all are 0 or the child was rejected): the denominator of the
   * database-wide posteriors (`identifyChildren`). Exact and independent of the
   * thread split (exactSum.ts).
   */
  readonly lnSumLR: number;
  readonly reasons: readonly string[];
}

/** What happened to one family. */
export interface FamilyOutcome {
  readonly id: string;
  readonly missing: readonly string[];
  readonly status: 'scored' | 'insufficient-data' | 'excluded-by-metadata' | 'rejected';
  readonly pairsScored: number;
  readonly pairsInsufficient: number;
  /** Pairs excluded by metadata (sex or years of birth). */
  readonly pairsExcluded: number;
  /** Of `pairsExcluded`, those excluded by years of birth. */
  readonly pairsExcludedByAge: number;
  /** Per missing person (parallel to `missing`): ln Σ LR over every child searched (as {@link ChildOutcome.lnSumLR}). */
  readonly lnSumLR: readonly number[];
  readonly reasons: readonly string[];
}

/** Every child and family of the input, scored or with the reason it was not: nothing is lost. */
export interface SearchAccounting {
  readonly childrenIn: number;
  readonly familiesIn: number;
  readonly pairsScored: number;
  readonly pairsInsufficient: number;
  /** Pairs excluded by metadata because the sexes are both known and different; 0 with `ignoreMetadata`. */
  readonly pairsExcludedBySex: number;
  /** Pairs of compatible sexes excluded because both years of birth are known and more than `ageTolerance` apart; 0 with `ignoreMetadata`. */
  readonly pairsExcludedByAge: number;
  readonly children: readonly ChildOutcome[];
  readonly families: readonly FamilyOutcome[];
}

/** The settings a search ran with (defaults filled in). */
export interface SearchSettings {
  readonly topK: number;
  readonly minLoci: number;
  readonly threshold: number | null;
  readonly prior: number;
  /** Whether metadata (sex, years of birth) were ignored. */
  readonly ignoreMetadata: boolean;
  /** Years by which years of birth may lie apart (`ageTolerance`). */
  readonly ageTolerance: number;
}

/** The result of {@link searchFamilies}. */
export interface SearchResult {
  /** Per child its top K families and per family its top K children (one entry per pair), by child id then rank. */
  readonly matches: readonly Match[];
  readonly accounting: SearchAccounting;
  readonly settings: SearchSettings;
  /** Expected chance matches at the threshold: pairs scored / threshold (domain.md §4); null without threshold. */
  readonly chanceMatchBound: number | null;
  /** Compared loci, in table order. */
  readonly loci: readonly string[];
  readonly unusedLoci: readonly UnusedLocus[];
  /** Children's loci counted as untyped (partial genotypes, alleles outside the lists). */
  readonly childNotes: readonly ChildLocusNote[];
  readonly provenance: SearchProvenance;
}

/** What {@link finishSearch} needs to know about the targets (an index, or the parts of one). */
export interface SearchTargets {
  readonly plan: SearchPlan;
  readonly targets: readonly SearchTarget[];
  readonly familyCount: number;
  readonly rejected: readonly RejectedFamily[];
}

/**
 * Searches unidentified profiles against families: builds the family tables
 * (`buildFamilyIndex` of `strkin/engine`), encodes the children ({@link encodeChildren}),
 * scans every pair ({@link scanRange}) and ranks ({@link finishSearch}). Families
 * and children are put in id order first, so input order never changes the result.
 *
 * X-chromosomal loci of the table are compared (`xLoci`, default true here):
 * each missing person's X table is made for its sex and read only by children of
 * that sex; the matches then carry `byType` with `X` (docs/lineage.md, "X in the search").
 * Loci of one Argus X-12 linkage group follow `xLinkage` (default `'safe'`: all of them
 * for a family whose pedigree is linkage-safe, else one per group; docs/lineage.md,
 * "Linkage in the search").
 *
 * Options are checked first ({@link validateSearchOptions}), before any table
 * is built. A family whose pedigree breaks a rule of `validatePedigree` (e.g. a
 * cycle, a female father) is rejected with the reasons, not searched.
 *
 * Cost: index build (one peeling pass per family, missing person and informative
 * locus) plus O(children × targets × L) for the scan.
 *
 * @throws {@link ValidationError} for bad options (every one at once), before any work.
 * @example
 * ```ts
 * const result = searchFamilies(children, families, { frequencies: builtinTable('nist1036-cauc'), topK: 5 });
 * result.matches[0]?.rankForChild; // => 1
 * result.matches[0]; // e.g. { child: 'C1', family: 'F7', rankForChild: 1, log10LR: 9.3, ... }
 * ```
 */
export function searchFamilies(children: readonly Profile[], families: readonly Family[], options: SearchOptions): SearchResult {
  checkArray(children, 'children', true);
  checkArray(families, 'families', true);
  checkObject(options, 'options');
  validateSearchOptions(options);
  checkObject(options.frequencies, 'options.frequencies');
  const plan = planSearch(families, children, { ...options, xLoci: options.xLoci ?? true });
  const { ordered, rejected } = orderFamilies(families);
  const index = buildOrderedIndex(ordered, rejected, plan);
  const encoded = encodeChildren(children, plan);
  const scan = scanRange(index, encoded, 0, index.targets.length, options);
  return finishSearch(index, encoded, scan, { ...options, familiesIn: families.length });
}

const LN10 = Math.LN10;

/**
 * Turns a (merged) scan into the ranked result: log10 LR, LR, posterior, chance
 * match bound, and the accounting of every child and family. Used by
 * {@link searchFamilies} and by the multi-threaded runner.
 *
 * Cost: O((children + targets) × K log K).
 *
 * @throws `ValidationError` (of `strkin`) `bad-option` for a prior outside (0, 1).
 * @example
 * ```ts
 * const encoded = encodeChildren(children, index);
 * const result = finishSearch(index, encoded, scanRange(index, encoded), { familiesIn: families.length });
 * result.accounting.childrenIn; // => children.length
 * ```
 */
export function finishSearch(targets: SearchTargets, children: EncodedChildren, scan: PartialScan, options: ScanOptions & { readonly prior?: number; readonly familiesIn: number }): SearchResult {
  const KC = scan.childK;
  const KT = scan.targetK;
  const prior = resolvePrior(options.prior, targets.familyCount);
  const threshold = options.threshold ?? null;
  const minLoci = options.minLoci ?? DEFAULT_MIN_LOCI;
  const lineage = targets.plan.lineage;
  let pairsScored = 0;
  let pairsInsufficient = 0;
  let pairsExcluded = 0;
  let pairsExcludedByAge = 0;
  for (let c = 0; c < children.ids.length; c++) {
    pairsScored += scan.childScored[c] as number;
    pairsInsufficient += scan.childInsufficient[c] as number;
    pairsExcluded += scan.childExcluded[c] as number;
    pairsExcludedByAge += scan.childExcludedByAge[c] as number;
  }
  // Why every pair of a child (or family) was excluded: the rules that removed them.
  const excludedWhy = (excluded: number, byAge: number, other: string): string =>
    byAge === 0 ? `every ${other} is of the other sex` : byAge === excluded ? `every ${other} was born more than the age tolerance apart` : `every ${other} is of the other sex or born more than the age tolerance apart`;
  const compatible = (excluded: number, byAge: number): string => (excluded === 0 ? '' : byAge === 0 ? ' of a compatible sex' : ' compatible by sex and year of birth');
  interface Row {
    readonly c: number;
    readonly t: number;
    readonly lnLR: number;
    readonly loci: number;
    readonly inc: number;
    readonly rc: number | null;
    rf: number | null;
    readonly lnX: number;
  }
  const order = (ids: Int32Array, scores: Float64Array, base: number, n: number): number[] => {
    const idx = Array.from({ length: n }, (_, i) => base + i);
    return idx.sort((a, b) => {
      const sa = scores[a] as number;
      const sb = scores[b] as number;
      if (sa !== sb) return sb > sa ? 1 : -1;
      return (ids[a] as number) - (ids[b] as number);
    });
  };
  // Every pair in a child's top K (in child order, then rank), then the pairs only in a family's top K.
  const rowsByChild: Row[] = [];
  const rowOfSlot = new Int32Array(children.ids.length * KC);
  for (let c = 0; c < children.ids.length; c++) {
    order(scan.childTarget, scan.childScore, c * KC, scan.childCount[c] as number).forEach((j, r) => {
      rowOfSlot[j] = rowsByChild.length;
      rowsByChild.push({ c, t: scan.childTarget[j] as number, lnLR: scan.childScore[j] as number, loci: scan.childLoci[j] as number, inc: scan.childInconsistent[j] as number, rc: r + 1, rf: null, lnX: scan.childLnX?.[j] ?? 0 });
    });
  }
  /** The slot of target t in child c's top K, or -1. */
  const slotOf = (c: number, t: number): number => {
    const end = c * KC + (scan.childCount[c] as number);
    for (let j = c * KC; j < end; j++) if (scan.childTarget[j] === t) return j;
    return -1;
  };
  const familyOnly: Row[] = [];
  const T = scan.targetEnd - scan.targetStart;
  for (let ft = 0; ft < T; ft++) {
    const t = ft + scan.targetStart;
    order(scan.targetChild, scan.targetScore, ft * KT, scan.targetCount[ft] as number).forEach((j, r) => {
      const c = scan.targetChild[j] as number;
      const slot = slotOf(c, t);
      if (slot >= 0) (rowsByChild[rowOfSlot[slot] as number] as Row).rf = r + 1;
      else familyOnly.push({ c, t, lnLR: scan.targetScore[j] as number, loci: scan.targetLoci[j] as number, inc: scan.targetInconsistent[j] as number, rc: null, rf: r + 1, lnX: scan.targetLnX?.[j] ?? 0 });
    });
  }
  // The reported pairs' Y terms (per-type columns): the scan's values, bit for bit pairLineageLnLR.
  const yOf = lineage !== undefined && children.y !== undefined ? makeYPairTerm(lineage, children.y, targets.targets.map((t) => t.y)) : undefined;
  const lnYOf = (c: number, t: number): number | null => (yOf !== undefined ? yOf(c, t) : null);
  // Rows by child, then rank for the child (unranked last), then log LR (descending), then target.
  familyOnly.sort((a, b) => a.c - b.c || (b.lnLR > a.lnLR ? 1 : b.lnLR < a.lnLR ? -1 : 0) || a.t - b.t);
  const rows: Row[] = [];
  for (let i = 0, k = 0; i < rowsByChild.length || k < familyOnly.length; ) {
    const c = Math.min(rowsByChild[i]?.c ?? Infinity, familyOnly[k]?.c ?? Infinity);
    while (i < rowsByChild.length && (rowsByChild[i] as Row).c === c) rows.push(rowsByChild[i++] as Row);
    while (k < familyOnly.length && (familyOnly[k] as Row).c === c) rows.push(familyOnly[k++] as Row);
  }
  const matches: Match[] = rows.map((p) => {
    const target = targets.targets[p.t] as SearchTarget;
    const LR = Math.exp(p.lnLR);
    return {
      child: children.ids[p.c] as string,
      family: target.family,
      missing: target.missing,
      rankForChild: p.rc,
      rankForFamily: p.rf,
      lnLR: p.lnLR,
      log10LR: p.lnLR === Number.NEGATIVE_INFINITY ? null : p.lnLR / LN10,
      LR,
      posterior: posteriorFromLnLR(p.lnLR, prior),
      lociCompared: p.loci,
      lociInconsistent: p.inc,
      chanceMatchBound: LR === 0 ? null : pairsScored / LR,
      ...(scan.childLnX !== undefined
        ? { byType: byTypeX(p.lnLR, p.lnX, lineage !== undefined ? lnYOf(p.c, p.t) : undefined) }
        : lineage !== undefined
          ? { byType: byType(p.lnLR, lnYOf(p.c, p.t)) }
          : {}),
    };
  });

  const childOutcomes: ChildOutcome[] = children.ids.map((id, c) => {
    const s = scan.childScored[c] as number;
    const n = scan.childInsufficient[c] as number;
    const x = scan.childExcluded[c] as number;
    const xa = scan.childExcludedByAge[c] as number;
    const status = s > 0 ? 'scored' : n > 0 ? 'insufficient-data' : x > 0 ? 'excluded-by-metadata' : 'insufficient-data';
    const reasons = s > 0 ? [] : status === 'excluded-by-metadata' ? [excludedWhy(x, xa, 'missing person')] : [`fewer than ${minLoci} loci compared with every family${compatible(x, xa)}`];
    return { id, status, pairsScored: s, pairsInsufficient: n, pairsExcluded: x, pairsExcludedByAge: xa, lnSumLR: lnOfLimbs(scan.childSum, c * SUM_LIMBS), reasons };
  });
  for (const r of children.rejected as readonly RejectedChild[]) childOutcomes.push({ id: r.id, status: 'rejected', pairsScored: 0, pairsInsufficient: 0, pairsExcluded: 0, pairsExcludedByAge: 0, lnSumLR: Number.NEGATIVE_INFINITY, reasons: r.reasons });
  const familyReason = (insufficient: number, excluded: number, byAge: number): string =>
    insufficient === 0 && excluded > 0 ? excludedWhy(excluded, byAge, 'child') : `fewer than ${minLoci} loci compared with every child${compatible(excluded, byAge)}`;
  const familyOutcomes: FamilyOutcome[] = [];
  for (let t = 0; t < targets.targets.length; t++) {
    const target = targets.targets[t] as SearchTarget;
    const s = scan.targetScored[t - scan.targetStart] as number;
    const n = scan.targetInsufficient[t - scan.targetStart] as number;
    const lnSum = lnOfLimbs(scan.targetSum, (t - scan.targetStart) * SUM_LIMBS);
    const x = scan.targetExcluded[t - scan.targetStart] as number;
    const xa = scan.targetExcludedByAge[t - scan.targetStart] as number;
    const last = familyOutcomes[familyOutcomes.length - 1];
    if (last !== undefined && last.id === target.family && last.status !== 'rejected') {
      const pairs = last.pairsScored + s;
      familyOutcomes[familyOutcomes.length - 1] = { ...last, missing: [...last.missing, target.missing], lnSumLR: [...last.lnSumLR, lnSum], pairsScored: pairs, pairsInsufficient: last.pairsInsufficient + n, pairsExcluded: last.pairsExcluded + x, pairsExcludedByAge: last.pairsExcludedByAge + xa, status: pairs > 0 ? 'scored' : last.pairsInsufficient + n > 0 ? 'insufficient-data' : last.pairsExcluded + x > 0 ? 'excluded-by-metadata' : 'insufficient-data', reasons: pairs > 0 ? [] : [familyReason(last.pairsInsufficient + n, last.pairsExcluded + x, last.pairsExcludedByAge + xa)] };
    } else {
      familyOutcomes.push({ id: target.family, missing: [target.missing], lnSumLR: [lnSum], status: s > 0 ? 'scored' : n > 0 ? 'insufficient-data' : x > 0 ? 'excluded-by-metadata' : 'insufficient-data', pairsScored: s, pairsInsufficient: n, pairsExcluded: x, pairsExcludedByAge: xa, reasons: s > 0 ? [] : [familyReason(n, x, xa)] });
    }
  }
  for (const r of targets.rejected) familyOutcomes.push({ id: r.id, missing: [], status: 'rejected', pairsScored: 0, pairsInsufficient: 0, pairsExcluded: 0, pairsExcludedByAge: 0, lnSumLR: [], reasons: r.reasons });

  return {
    matches,
    accounting: { childrenIn: children.ids.length + children.rejected.length, familiesIn: options.familiesIn, pairsScored, pairsInsufficient, pairsExcludedBySex: pairsExcluded - pairsExcludedByAge, pairsExcludedByAge, children: childOutcomes, families: familyOutcomes },
    settings: { topK: scan.topK, minLoci, threshold, prior, ignoreMetadata: options.ignoreMetadata ?? false, ageTolerance: options.ageTolerance ?? DEFAULT_AGE_TOLERANCE },
    chanceMatchBound: threshold === null ? null : pairsScored / threshold,
    loci: targets.plan.loci.map((l) => l.name),
    unusedLoci: targets.plan.unusedLoci,
    childNotes: children.notes,
    provenance: targets.plan.provenance,
  };
}
