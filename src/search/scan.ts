/**
 * The scan: every child against a range of family targets by gather-and-add
 * over the family tables, keeping the top K per child and per target.
 */
import type { EncodedChildren } from './encodeChildren.js';
import type { FamilyIndex } from './familyIndex.js';
import type { SearchPlan } from './plan.js';
import { ADDS_BEFORE_CARRY, addLnTerm2, LN_GRID, normaliseLimbs, SUM_LIMBS } from './exactSum.js';
import { validateScanOptions } from './searchOptions.js';
import { lineageScanTerm } from './lineageTerms.js';
import { ValidationError } from '../errors/StrkinError.js';

/** Options of {@link scanRange}; checked by {@link validateSearchOptions}'s rules. */
export interface ScanOptions {
  /** Matches kept per child and per family target (an integer ≥ 1). Default {@link DEFAULT_TOP_K} (10). */
  readonly topK?: number;
  /** Pairs with fewer loci compared are "insufficient data", not scored (an integer ≥ 1). Default {@link DEFAULT_MIN_LOCI} (10). */
  readonly minLoci?: number;
  /** Keep only pairs with LR ≥ threshold (a finite number > 0). Default: none (top K regardless). */
  readonly threshold?: number;
  /** Targets per cache block (an integer ≥ 1; measured: see docs/performance.md). Default {@link DEFAULT_BLOCK_TARGETS} (64). */
  readonly blockTargets?: number;
  /**
   * Compare every child with every missing person whatever their sexes and years
   * of birth. Default false: a pair is excluded by metadata (counted per rule, left
   * out of the candidates and of Σ LR) when the child's and the missing person's
   * sexes are both known and differ, or when both years of birth are known and
   * more than `ageTolerance` years apart; an unknown value never excludes.
   */
  readonly ignoreMetadata?: boolean;
  /**
   * Years by which a child's (estimated) years of birth and the missing person's
   * may lie apart and still be compatible: the pair is kept when
   * `child.from − tol ≤ missing.to` and `missing.from − tol ≤ child.to`, i.e.
   * the ranges overlap once one of them is widened by `tol` on each side
   * (docs/identification.md §0). A finite number ≥ 0. Default 2
   * (`DEFAULT_AGE_TOLERANCE`).
   */
  readonly ageTolerance?: number;
}

/** Stands for an unknown end of a year range in the scan's arrays (never excludes). */
const NO_YEAR = 1e9;

/**
 * The result of scanning children against targets [targetStart, targetEnd):
 * plain typed arrays (transferable between threads). Scores are natural-log LRs.
 * Child c's kept entries are `childScore[c·childK .. c·childK + childCount[c])`
 * (unsorted); target t's are at `(t − targetStart)·targetK`.
 */
export interface PartialScan {
  /** The K asked for (matches kept per child and per target). */
  readonly topK: number;
  /** Entries per child list: min(topK, targets scanned), the most a child can have. */
  readonly childK: number;
  /** Entries per target list: min(topK, children), the most a target can have. */
  readonly targetK: number;
  readonly targetStart: number;
  readonly targetEnd: number;
  readonly childCount: Int32Array;
  readonly childScore: Float64Array;
  readonly childTarget: Int32Array;
  readonly childLoci: Uint8Array;
  readonly childInconsistent: Uint8Array;
  readonly targetCount: Int32Array;
  readonly targetScore: Float64Array;
  readonly targetChild: Int32Array;
  readonly targetLoci: Uint8Array;
  readonly targetInconsistent: Uint8Array;
  /** Pairs scored (enough loci) and pairs with insufficient data, per child and per target. */
  readonly childScored: Float64Array;
  readonly childInsufficient: Float64Array;
  readonly targetScored: Float64Array;
  readonly targetInsufficient: Float64Array;
  /** Pairs excluded by metadata (either rule), per child and per target. */
  readonly childExcluded: Float64Array;
  readonly targetExcluded: Float64Array;
  /** Of those, the pairs excluded by years of birth (sexes compatible), per child and per target; the rest were excluded by sex. */
  readonly childExcludedByAge: Float64Array;
  readonly targetExcludedByAge: Float64Array;
  /**
   * Σ LR over every target of the range (all pairs, whatever the loci compared
   * or the threshold), per child: `SUM_LIMBS` normalised limbs per child
   * (exactSum.ts), exact and canonical, so that adding the sums of ranges gives
   * the same bits however the targets were split.
   */
  readonly childSum: Float64Array;
  /** Σ LR over every child, per target (same layout, `SUM_LIMBS` limbs per target). */
  readonly targetSum: Float64Array;
  /**
   * The X part of each kept pair's score (Σ over X loci of its table entries, natural log),
   * parallel to `childScore` and `targetScore`; present only when the plan has X loci.
   */
  readonly childLnX?: Float64Array;
  readonly targetLnX?: Float64Array;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Replaces the worst of a full top-K list (scores desc, then id asc) if (score, id) is better; returns the new worst score. */
function offer(score: Float64Array, id: Int32Array, loci: Uint8Array, base: number, count: number, K: number, s: number, who: number, n: number): number {
  if (count < K) {
    score[base + count] = s;
    id[base + count] = who;
    loci[base + count] = n;
    count++;
    if (count < K) return Number.NEGATIVE_INFINITY; // not full yet: accept anything
  } else {
    let w = base;
    for (let i = base + 1; i < base + K; i++) {
      const si = score[i] as number;
      const sw = score[w] as number;
      if (si < sw || (si === sw && (id[i] as number) > (id[w] as number))) w = i;
    }
    const sw = score[w] as number;
    if (s < sw || (s === sw && who > (id[w] as number))) return sw;
    score[w] = s;
    id[w] = who;
    loci[w] = n;
  }
  let worst = Number.POSITIVE_INFINITY;
  for (let i = base; i < base + K; i++) if ((score[i] as number) < worst) worst = score[i] as number;
  return worst;
}

/**
 * Scans every child against targets [targetStart, targetEnd) of an index: the
 * kernel of `searchFamilies`. Loop order: a block of targets whose tables
 * fit in cache, then all children, then the targets of the block; per pair,
 * loci compared = popcount(child typed mask & target informative mask), and the
 * score is the sum over loci, in locus order, of `table[offset]` (so the value
 * of a pair never depends on how the work is split). Split the targets of one
 * index in ranges (threads, processes) and combine with {@link mergeScans}: the
 * result is bit-identical to one scan of the whole range.
 *
 * K is capped at what can exist: a child's list holds at most min(K, targets)
 * entries and a target's at most min(K, children), so a huge K allocates no
 * more than the pairs themselves.
 *
 * Cost: O(children × targets × L) gathers; memory O(children × min(K, targets) + targets × min(K, children)).
 *
 * @throws `ValidationError` (of `strkin`) `bad-option` for a bad `topK`, `minLoci`, `threshold`, `blockTargets`, `ignoreMetadata` or `ageTolerance`.
 * @example
 * ```ts
 * const encoded = encodeChildren(children, index);
 * const half = Math.floor(index.targets.length / 2);
 * const a = scanRange(index, encoded, 0, half);
 * const b = scanRange(index, encoded, half, index.targets.length);
 * const ranked = (scan: PartialScan) => finishSearch(index, encoded, scan, { familiesIn: families.length }).matches;
 * ranked(mergeScans([a, b])); // => ranked(scanRange(index, encoded))
 * ```
 */
export function scanRange(index: FamilyIndex, children: EncodedChildren, targetStart: number = 0, targetEnd: number = index.targets.length, options: ScanOptions = {}): PartialScan {
  const valid = validateScanOptions(options);
  checkXMetadata(index.plan, valid.ignoreMetadata);
  const xLoci = index.plan.loci.flatMap((l, i) => (l.chromosome === 'X' ? [i] : []));
  const K = valid.topK;
  const minLoci = valid.minLoci;
  const lnThreshold = valid.threshold === null ? Number.NEGATIVE_INFINITY : Math.log(valid.threshold);
  const B = valid.blockTargets;
  const C = children.ids.length;
  const L = children.loci;
  const S = index.layout.stride;
  const W = index.layout.maskWords;
  const T = Math.max(0, targetEnd - targetStart);
  const KC = Math.min(K, T);
  const KT = Math.min(K, C);
  const tables = index.tables;
  const off = children.offsets;
  const cMask = children.masks;
  const tMask = index.masks;
  const tInf = index.informative;

  const childCount = new Int32Array(C);
  const childScore = new Float64Array(C * KC);
  const childTarget = new Int32Array(C * KC);
  const childLoci = new Uint8Array(C * KC);
  const childWorst = new Float64Array(C).fill(Number.NEGATIVE_INFINITY);
  const childFull = new Uint8Array(C);
  const targetCount = new Int32Array(T);
  const targetScore = new Float64Array(T * KT);
  const targetChild = new Int32Array(T * KT);
  const targetLoci = new Uint8Array(T * KT);
  const targetWorst = new Float64Array(T).fill(Number.NEGATIVE_INFINITY);
  const targetFull = new Uint8Array(T);
  const childScored = new Float64Array(C);
  const childInsufficient = new Float64Array(C);
  const targetScored = new Float64Array(T);
  const targetInsufficient = new Float64Array(T);
  const childSum = new Float64Array(C * SUM_LIMBS);
  const targetSum = new Float64Array(T * SUM_LIMBS);
  const NL = SUM_LIMBS;
  const childExcluded = new Float64Array(C);
  const targetExcluded = new Float64Array(T);
  const childExcludedByAge = new Float64Array(C);
  const targetExcludedByAge = new Float64Array(T);
  // Metadata, all unknown when ignored. Sex codes 0 unknown, 1 male, 2 female; years of birth as
  // [lo, hi] with unknown ends at ∓NO_YEAR; the targets' ranges widened by the tolerance.
  const useMeta = !valid.ignoreMetadata;
  const tol = valid.ageTolerance;
  const cSex = useMeta && children.sex !== undefined ? children.sex : new Uint8Array(C);
  const cLo = useMeta && children.bornFrom !== undefined ? children.bornFrom : new Float64Array(C).fill(-NO_YEAR);
  const cHi = useMeta && children.bornTo !== undefined ? children.bornTo : new Float64Array(C).fill(NO_YEAR);
  const cMeta = new Uint8Array(C);
  for (let c = 0; c < C; c++) cMeta[c] = (cSex[c] as number) !== 0 || (cLo[c] as number) > -NO_YEAR || (cHi[c] as number) < NO_YEAR ? 1 : 0;
  const NT = index.targets.length;
  const tSex = new Uint8Array(NT);
  const tLo = new Float64Array(NT).fill(-NO_YEAR);
  const tHi = new Float64Array(NT).fill(NO_YEAR);
  const tMeta = new Uint8Array(NT);
  if (useMeta) {
    index.targets.forEach((t, i) => {
      tSex[i] = t.sex === 'male' ? 1 : t.sex === 'female' ? 2 : 0;
      if (t.born !== undefined) {
        tLo[i] = t.born.from - tol;
        tHi[i] = t.born.to + tol;
      }
      tMeta[i] = (tSex[i] as number) !== 0 || t.born !== undefined ? 1 : 0;
    });
  }
  // The rule excluding pair (c, f): 0 none, 1 sex, 2 years of birth (sex checked first).
  const rule = (c: number, f: number): number => {
    const cs = cSex[c] as number;
    const ts = tSex[f] as number;
    if (cs !== 0 && ts !== 0 && ts !== cs) return 1;
    return (cLo[c] as number) > (tHi[f] as number) || (tLo[f] as number) > (cHi[c] as number) ? 2 : 0;
  };
  const exclude = (c: number, f: number, r: number): void => {
    const ft = f - targetStart;
    childExcluded[c] = (childExcluded[c] as number) + 1;
    targetExcluded[ft] = (targetExcluded[ft] as number) + 1;
    if (r === 2) {
      childExcludedByAge[c] = (childExcludedByAge[c] as number) + 1;
      targetExcludedByAge[ft] = (targetExcludedByAge[ft] as number) + 1;
    }
  };

  // Y-STR evidence (lineageTerms.ts): ln LR_Y added to the sums of the pairs it applies to; null without Y.
  const yTerm = lineageScanTerm(index, children);
  const co = new Int32Array(L); // the child's offsets, hot in L1
  const sums = new Float64Array(4);
  // A pair: its loci compared, then (when enough) the top-K updates. Counts of scored pairs are
  // derived from the insufficient ones at the end (no per-pair writes).
  const pair = (c: number, f: number, s: number): void => {
    let n: number;
    if (W === 1) {
      const fm = tMask[f] as number;
      const m = (cMask[c] as number) & fm;
      n = m === fm ? (tInf[f] as number) : popcount32(m);
    } else {
      n = 0;
      for (let w = 0; w < W; w++) n += popcount32((cMask[c * W + w] as number) & (tMask[f * W + w] as number));
    }
    const ft = f - targetStart;
    if (n < minLoci) {
      childInsufficient[c] = (childInsufficient[c] as number) + 1;
      targetInsufficient[ft] = (targetInsufficient[ft] as number) + 1;
      return;
    }
    if (s < lnThreshold) return;
    // A child meets its targets in scan order, not id order: a score equal to the K-th may still
    // enter (smaller id), so ties go to offer(). A target meets children in id order (c ascending):
    // a later child with an equal score never enters.
    if (s >= (childWorst[c] as number) || childFull[c] === 0) {
      const cnt = childCount[c] as number;
      childWorst[c] = offer(childScore, childTarget, childLoci, c * KC, cnt, KC, s, f, n);
      if (cnt < KC) {
        childCount[c] = cnt + 1;
        if (cnt + 1 === KC) childFull[c] = 1;
      }
    }
    if (s > (targetWorst[ft] as number) || targetFull[ft] === 0) {
      const cnt = targetCount[ft] as number;
      targetWorst[ft] = offer(targetScore, targetChild, targetLoci, ft * KT, cnt, KT, s, c, n);
      if (cnt < KT) {
        targetCount[ft] = cnt + 1;
        if (cnt + 1 === KT) targetFull[ft] = 1;
      }
    }
  };
  // True when pair (child with mask cm, target f) with score s is scored but enters neither top-K list
  // (ties with the child's K-th best are not quiet: see pair()).
  const quiet = (s: number, f: number, cm: number, childWorstScore: number): boolean => {
    const fm = tMask[f] as number;
    const m = cm & fm;
    if ((m === fm ? (tInf[f] as number) : popcount32(m)) < minLoci) return false;
    const ft = f - targetStart;
    return s < childWorstScore && s <= (targetWorst[ft] as number) && targetFull[ft] === 1;
  };
  // Scan order: with metadata, the range's targets sorted by (sex, widened years of birth), so that a
  // block of B targets is mostly one sex and a narrow span of years and a child the metadata exclude
  // from a whole block skips it (counted, not gathered). The order changes no result: a pair's score
  // is its own sum over loci, the top-K lists keep the best K by (score desc, id asc) whatever the
  // order of offers, and the Σ LR limbs are exact.
  const order = new Int32Array(T);
  for (let i = 0; i < T; i++) order[i] = targetStart + i;
  let anyTargetMeta = false;
  for (let f = targetStart; f < targetEnd; f++) if ((tMeta[f] as number) !== 0) anyTargetMeta = true;
  if (anyTargetMeta) {
    const sorted = Array.from(order).sort((a, b) => (tSex[a] as number) - (tSex[b] as number) || (tLo[a] as number) - (tLo[b] as number) || (tHi[a] as number) - (tHi[b] as number) || a - b);
    order.set(sorted);
  }
  // Child c against the targets order[bs .. be): metadata first (an excluded pair is counted, not
  // gathered), then four targets at a time (one offset load feeds four gathers; each pair's sum
  // still runs over loci in order, so its value does not depend on the grouping).
  const scanChild = (c: number, bs: number, be: number, kept: boolean): void => {
    const o = c * L;
    for (let l = 0; l < L; l++) co[l] = off[o + l] as number;
    const cm = kept ? 0 : (cMeta[c] as number);
    const cy = yTerm !== null && (children.y?.[c] ?? null) !== null;
    const cb = c * NL;
    let i = bs;
    for (; i + 4 <= be; i += 4) {
      const f0 = order[i] as number;
      const f1 = order[i + 1] as number;
      const f2 = order[i + 2] as number;
      const f3 = order[i + 3] as number;
      let ex = 0;
      if (cm !== 0 && ((tMeta[f0] as number) | (tMeta[f1] as number) | (tMeta[f2] as number) | (tMeta[f3] as number)) !== 0) {
        for (let k = 0; k < 4; k++) {
          const g = order[i + k] as number;
          const r = rule(c, g);
          if (r !== 0) {
            exclude(c, g, r);
            ex |= 1 << k;
          }
        }
        if (ex === 15) continue;
      }
      const t0 = f0 * S;
      const t1 = f1 * S;
      const t2 = f2 * S;
      const t3 = f3 * S;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let l = 0; l < L; l++) {
        const x = co[l] as number;
        s0 += tables[t0 + x] as number;
        s1 += tables[t1 + x] as number;
        s2 += tables[t2 + x] as number;
        s3 += tables[t3 + x] as number;
      }
      if (cy) {
        // The Y term only for pairs the metadata keep (it is the costly part of a pair).
        const y = yTerm as (c: number, f: number) => number;
        if ((ex & 1) === 0) s0 += y(c, f0);
        if ((ex & 2) === 0) s1 += y(c, f1);
        if ((ex & 4) === 0) s2 += y(c, f2);
        if ((ex & 8) === 0) s3 += y(c, f3);
      }
      if (ex !== 0) {
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
        for (let k = 0; k < 4; k++) {
          if ((ex & (1 << k)) !== 0) continue;
          const s = sums[k] as number;
          const g = order[i + k] as number;
          if (s >= LN_GRID) addLnTerm2(childSum, cb, targetSum, (g - targetStart) * NL, s);
          if (!(W === 1 && childFull[c] === 1 && quiet(s, g, cMask[c] as number, childWorst[c] as number))) pair(c, g, s);
        }
        continue;
      }
      // Σ LR of every pair, exact (the posteriors' denominators).
      if (s0 >= LN_GRID) addLnTerm2(childSum, cb, targetSum, (f0 - targetStart) * NL, s0);
      if (s1 >= LN_GRID) addLnTerm2(childSum, cb, targetSum, (f1 - targetStart) * NL, s1);
      if (s2 >= LN_GRID) addLnTerm2(childSum, cb, targetSum, (f2 - targetStart) * NL, s2);
      if (s3 >= LN_GRID) addLnTerm2(childSum, cb, targetSum, (f3 - targetStart) * NL, s3);
      // Most pairs change nothing: enough loci, and below both the child's and the target's
      // current K-th best. Test that inline; anything else goes through pair().
      if (W === 1 && childFull[c] === 1) {
        const cmask = cMask[c] as number;
        const worst = childWorst[c] as number;
        if (!quiet(s0, f0, cmask, worst)) pair(c, f0, s0);
        if (!quiet(s1, f1, cmask, worst)) pair(c, f1, s1);
        if (!quiet(s2, f2, cmask, worst)) pair(c, f2, s2);
        if (!quiet(s3, f3, cmask, worst)) pair(c, f3, s3);
      } else {
        pair(c, f0, s0);
        pair(c, f1, s1);
        pair(c, f2, s2);
        pair(c, f3, s3);
      }
    }
    for (; i < be; i++) {
      const f = order[i] as number;
      const r = cm !== 0 && (tMeta[f] as number) !== 0 ? rule(c, f) : 0;
      if (r !== 0) {
        exclude(c, f, r);
        continue;
      }
      const t = f * S;
      let s = 0;
      for (let l = 0; l < L; l++) s += tables[t + (co[l] as number)] as number;
      if (cy) s += (yTerm as (c: number, f: number) => number)(c, f);
      if (s >= LN_GRID) addLnTerm2(childSum, cb, targetSum, (f - targetStart) * NL, s);
      pair(c, f, s);
    }
  };
  // Blocks: at most B consecutive targets of the scan order; with metadata, a block also ends where
  // the sex or the widened years of birth change, so that the rules keep or exclude a child's pairs
  // with a whole block (no per-pair test) wherever the targets' metadata repeat (a few dozen
  // (sex, year) groups in a national database). Only the speed depends on the cuts.
  const cuts = [0];
  for (let i = 1; i <= T; i++) {
    const at = cuts[cuts.length - 1] as number;
    if (i === T || i - at === B) cuts.push(i);
    else if (anyTargetMeta) {
      const a = order[i - 1] as number;
      const b = order[i] as number;
      if (tSex[a] !== tSex[b] || tLo[a] !== tLo[b] || tHi[a] !== tHi[b]) cuts.push(i);
    }
  }
  let sinceCarry = 0;
  for (let k = 1; k < cuts.length; k++) {
    const bs = cuts[k - 1] as number;
    const be = cuts[k] as number;
    const nb = be - bs;
    // The block's sexes (bit 1 << code) and the envelope of its widened years of birth.
    let sexes = 0;
    let minLo = Number.POSITIVE_INFINITY;
    let maxLo = Number.NEGATIVE_INFINITY;
    let minHi = Number.POSITIVE_INFINITY;
    let maxHi = Number.NEGATIVE_INFINITY;
    for (let i = bs; i < be; i++) {
      const g = order[i] as number;
      sexes |= 1 << (tSex[g] as number);
      const lo = tLo[g] as number;
      const hi = tHi[g] as number;
      if (lo < minLo) minLo = lo;
      if (lo > maxLo) maxLo = lo;
      if (hi < minHi) minHi = hi;
      if (hi > maxHi) maxHi = hi;
    }
    // Children for which the metadata exclude every target of the block, by sex and by years.
    let wholeBySex = 0;
    let wholeByAge = 0;
    for (let c = 0; c < C; c++) {
      const cm = cMeta[c] as number;
      const cs = cSex[c] as number;
      const clo = cLo[c] as number;
      const chi = cHi[c] as number;
      // 1: every target of the block is of the other sex; 2: none is, and every one's years are out;
      // kept: none is, and every one's years overlap (no rule to check per pair).
      let whole = 0;
      let kept = false;
      if (cm !== 0) {
        const other = cs === 0 ? 0 : 1 << (3 - cs);
        if (other !== 0 && sexes === other) whole = 1;
        else if ((sexes & other) === 0) {
          if (clo > maxHi || minLo > chi) whole = 2;
          else kept = clo <= minHi && maxLo <= chi;
        }
      }
      if (whole !== 0) {
        childExcluded[c] = (childExcluded[c] as number) + nb;
        if (whole === 2) {
          childExcludedByAge[c] = (childExcludedByAge[c] as number) + nb;
          wholeByAge++;
        } else wholeBySex++;
      } else {
        scanChild(c, bs, be, kept);
      }
      // Each target's limbs take one addition per child: carry before they could lose exactness.
      if ((c + 1) % ADDS_BEFORE_CARRY === 0) for (let i = bs; i < be; i++) normaliseLimbs(targetSum, ((order[i] as number) - targetStart) * NL);
    }
    for (let i = bs; i < be; i++) {
      const ft = (order[i] as number) - targetStart;
      normaliseLimbs(targetSum, ft * NL);
      targetExcluded[ft] = (targetExcluded[ft] as number) + wholeBySex + wholeByAge;
      targetExcludedByAge[ft] = (targetExcludedByAge[ft] as number) + wholeByAge;
    }
    // Each child's limbs take one addition per target.
    sinceCarry += nb;
    if (sinceCarry + B > ADDS_BEFORE_CARRY) {
      for (let c = 0; c < C; c++) normaliseLimbs(childSum, c * NL);
      sinceCarry = 0;
    }
  }
  for (let c = 0; c < C; c++) normaliseLimbs(childSum, c * NL);
  for (let c = 0; c < C; c++) childScored[c] = T - (childInsufficient[c] as number) - (childExcluded[c] as number);
  for (let ft = 0; ft < T; ft++) targetScored[ft] = C - (targetInsufficient[ft] as number) - (targetExcluded[ft] as number);

  // Loci inconsistent without mutation, for kept pairs only.
  const inc = index.inconsistent;
  const countInconsistent = (c: number, f: number): number => {
    let k = 0;
    const t = f * S;
    const o = c * L;
    for (let l = 0; l < L; l++) k += inc[t + (off[o + l] as number)] as number;
    return k;
  };
  const childInconsistent = new Uint8Array(C * KC);
  for (let c = 0; c < C; c++) for (let i = 0; i < (childCount[c] as number); i++) childInconsistent[c * KC + i] = countInconsistent(c, childTarget[c * KC + i] as number);
  const targetInconsistent = new Uint8Array(T * KT);
  for (let ft = 0; ft < T; ft++) for (let i = 0; i < (targetCount[ft] as number); i++) targetInconsistent[ft * KT + i] = countInconsistent(targetChild[ft * KT + i] as number, ft + targetStart);
  // The X part of kept pairs' scores (the per-type columns), summed in locus order.
  let xParts: { childLnX?: Float64Array; targetLnX?: Float64Array } = {};
  if (xLoci.length > 0) {
    const lnX = (c: number, f: number): number => {
      let x = 0;
      for (const l of xLoci) x += tables[f * S + (off[c * L + l] as number)] as number;
      return x;
    };
    const childLnX = new Float64Array(C * KC);
    for (let c = 0; c < C; c++) for (let i = 0; i < (childCount[c] as number); i++) childLnX[c * KC + i] = lnX(c, childTarget[c * KC + i] as number);
    const targetLnX = new Float64Array(T * KT);
    for (let ft = 0; ft < T; ft++) for (let i = 0; i < (targetCount[ft] as number); i++) targetLnX[ft * KT + i] = lnX(targetChild[ft * KT + i] as number, ft + targetStart);
    xParts = { childLnX, targetLnX };
  }

  return {
    topK: K,
    childK: KC,
    targetK: KT,
    targetStart,
    targetEnd,
    childCount,
    childScore,
    childTarget,
    childLoci,
    childInconsistent,
    targetCount,
    targetScore,
    targetChild,
    targetLoci,
    targetInconsistent,
    childScored,
    childInsufficient,
    targetScored,
    targetInsufficient,
    childSum,
    targetSum,
    childExcluded,
    targetExcluded,
    childExcludedByAge,
    targetExcludedByAge,
    ...xParts,
  };
}

/**
 * Refuses `ignoreMetadata` with X loci in the plan: an X table is made for the missing
 * person's sex and read only by a child of that sex, which the sex filter ensures.
 * @throws `ValidationError` `bad-option`.
 * @internal
 */
export function checkXMetadata(plan: SearchPlan, ignoreMetadata: boolean | undefined): void {
  if (ignoreMetadata === true && plan.loci.some((l) => l.chromosome === 'X')) {
    throw new ValidationError({ code: 'bad-option', message: 'ignoreMetadata cannot be combined with X-chromosomal loci: an X table is read only by a child of the missing person\'s sex (leave the X loci out with loci, or keep the sex filter)', path: ['ignoreMetadata'] });
  }
}

/** Shifts a scan's target numbering by `offset` (a worker scanning its own sub-index of targets). */
export function rebaseScan(scan: PartialScan, offset: number): PartialScan {
  const K = scan.childK;
  const childTarget = scan.childTarget.map((t, i) => (i % K < (scan.childCount[Math.floor(i / K)] as number) ? t + offset : t));
  return { ...scan, targetStart: scan.targetStart + offset, targetEnd: scan.targetEnd + offset, childTarget };
}

/**
 * Merges scans of disjoint, adjacent target ranges over the same children into
 * one (any order in; the result depends only on the union). Per-child lists keep
 * the top K by (score desc, target asc); counts are added.
 *
 * Cost: O(children × K × parts + targets × K).
 *
 * @throws RangeError when the ranges are not disjoint and contiguous, or K or the child count differ.
 * @example
 * ```ts
 * const encoded = encodeChildren(children, index);
 * const merged = mergeScans([scanRange(index, encoded, 2, 4), scanRange(index, encoded, 0, 2)]);
 * [merged.targetStart, merged.targetEnd]; // => [0, 4]
 * ```
 */
export function mergeScans(parts: readonly PartialScan[]): PartialScan {
  if (parts.length === 0) throw new RangeError('mergeScans needs at least one scan');
  const sorted = [...parts].sort((a, b) => a.targetStart - b.targetStart);
  const first = sorted[0] as PartialScan;
  const K = first.topK;
  const KT = first.targetK;
  const C = first.childCount.length;
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i] as PartialScan;
    const prev = sorted[i - 1] as PartialScan;
    if (p.topK !== K || p.targetK !== KT || p.childCount.length !== C) throw new RangeError(`Scans differ in topK or children (topK = ${p.topK}, children = ${p.childCount.length})`);
    if (p.targetStart !== prev.targetEnd) throw new RangeError(`Scan ranges must be contiguous (${prev.targetStart}-${prev.targetEnd}, then ${p.targetStart}-${p.targetEnd})`);
  }
  if (sorted.length === 1) return first;
  const targetStart = first.targetStart;
  const targetEnd = (sorted[sorted.length - 1] as PartialScan).targetEnd;
  const T = targetEnd - targetStart;
  const KC = Math.min(K, T);
  const cat = <A extends Float64Array | Int32Array | Uint8Array>(make: (n: number) => A, pick: (p: PartialScan) => A, per: number): A => {
    const out = make(T * per);
    for (const p of sorted) out.set(pick(p), (p.targetStart - targetStart) * per);
    return out;
  };
  const childCount = new Int32Array(C);
  const childScore = new Float64Array(C * KC);
  const childTarget = new Int32Array(C * KC);
  const childLoci = new Uint8Array(C * KC);
  const childInconsistent = new Uint8Array(C * KC);
  const hasX = first.childLnX !== undefined;
  const childLnX = new Float64Array(hasX ? C * KC : 0);
  const childScored = new Float64Array(C);
  const childInsufficient = new Float64Array(C);
  const childExcluded = new Float64Array(C);
  const childExcludedByAge = new Float64Array(C);
  for (const p of sorted) {
    for (let c = 0; c < C; c++) {
      childExcluded[c] = (childExcluded[c] as number) + (p.childExcluded[c] as number);
      childExcludedByAge[c] = (childExcludedByAge[c] as number) + (p.childExcludedByAge[c] as number);
    }
  }
  // Exact sums: adding canonical limbs in range order gives the canonical limbs of the union.
  const childSum = new Float64Array(C * SUM_LIMBS);
  // Canonical limbs are below 2^32: up to ADDS_BEFORE_CARRY of them add exactly before one normalisation.
  for (let k = 0; k < sorted.length; k += ADDS_BEFORE_CARRY) {
    for (const p of sorted.slice(k, k + ADDS_BEFORE_CARRY)) {
      const from = p.childSum;
      for (let i = 0; i < C * SUM_LIMBS; i++) childSum[i] = (childSum[i] as number) + (from[i] as number);
    }
    for (let c = 0; c < C; c++) normaliseLimbs(childSum, c * SUM_LIMBS);
  }
  // Per child, the best KC of every part's entries by (score desc, target asc), kept sorted by insertion
  // (targets differ between parts, so the order is strict and the result does not depend on the parts' order).
  const bestPart = new Int32Array(KC);
  const bestIdx = new Int32Array(KC);
  const bestScore = new Float64Array(KC);
  const bestTarget = new Int32Array(KC);
  for (let c = 0; c < C; c++) {
    let n = 0;
    for (let pi = 0; pi < sorted.length; pi++) {
      const p = sorted[pi] as PartialScan;
      childScored[c] = (childScored[c] as number) + (p.childScored[c] as number);
      childInsufficient[c] = (childInsufficient[c] as number) + (p.childInsufficient[c] as number);
      for (let i = 0; i < (p.childCount[c] as number); i++) {
        const j = c * p.childK + i;
        const s = p.childScore[j] as number;
        const t = p.childTarget[j] as number;
        // Position of (s, t) among the kept entries; past the end when it is not among the best KC.
        let at = n;
        while (at > 0 && ((bestScore[at - 1] as number) < s || ((bestScore[at - 1] as number) === s && (bestTarget[at - 1] as number) > t))) at--;
        if (at >= KC) continue;
        for (let k = Math.min(n, KC - 1); k > at; k--) {
          bestScore[k] = bestScore[k - 1] as number;
          bestTarget[k] = bestTarget[k - 1] as number;
          bestPart[k] = bestPart[k - 1] as number;
          bestIdx[k] = bestIdx[k - 1] as number;
        }
        bestScore[at] = s;
        bestTarget[at] = t;
        bestPart[at] = pi;
        bestIdx[at] = j;
        if (n < KC) n++;
      }
    }
    childCount[c] = n;
    for (let i = 0; i < n; i++) {
      const p = sorted[bestPart[i] as number] as PartialScan;
      const j = bestIdx[i] as number;
      childScore[c * KC + i] = p.childScore[j] as number;
      childTarget[c * KC + i] = p.childTarget[j] as number;
      childLoci[c * KC + i] = p.childLoci[j] as number;
      childInconsistent[c * KC + i] = p.childInconsistent[j] as number;
      if (hasX) childLnX[c * KC + i] = p.childLnX?.[j] as number;
    }
  }
  return {
    topK: K,
    childK: KC,
    targetK: KT,
    targetStart,
    targetEnd,
    childCount,
    childScore,
    childTarget,
    childLoci,
    childInconsistent,
    targetCount: cat((n) => new Int32Array(n), (p) => p.targetCount, 1),
    targetScore: cat((n) => new Float64Array(n), (p) => p.targetScore, KT),
    targetChild: cat((n) => new Int32Array(n), (p) => p.targetChild, KT),
    targetLoci: cat((n) => new Uint8Array(n), (p) => p.targetLoci, KT),
    targetInconsistent: cat((n) => new Uint8Array(n), (p) => p.targetInconsistent, KT),
    childScored,
    childInsufficient,
    targetScored: cat((n) => new Float64Array(n), (p) => p.targetScored, 1),
    targetInsufficient: cat((n) => new Float64Array(n), (p) => p.targetInsufficient, 1),
    childSum,
    targetSum: cat((n) => new Float64Array(n), (p) => p.targetSum, SUM_LIMBS),
    childExcluded,
    targetExcluded: cat((n) => new Float64Array(n), (p) => p.targetExcluded, 1),
    childExcludedByAge,
    targetExcludedByAge: cat((n) => new Float64Array(n), (p) => p.targetExcludedByAge, 1),
    ...(hasX ? { childLnX, targetLnX: cat((n) => new Float64Array(n), (p) => p.targetLnX as Float64Array, KT) } : {}),
  };
}
