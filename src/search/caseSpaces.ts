/**
 * The per-locus computations behind a family table (docs/statistics.md,
 * "Alleles and frequencies"): markers on a case's own allele space, the ln LR of
 * every genotype of the missing person on that space, copying them into a
 * table over the plan's genotype index, the no-mutation consistency pass, and
 * the reuse of locus tables between families of one structure.
 * @internal
 */
import type { IndexedPedigree } from '../likelihood/kinshipLR.js';
import { makeMarkerModel, silentIndex, type MarkerModel } from '../likelihood/MarkerModel.js';
import { apparentLnProbabilities } from '../likelihood/apparentGenotypes.js';
import { lnQueryLikelihoods, thetaQueryCombinations, type AlleleEvidence, type PeelInput } from '../likelihood/peel.js';
import { genotypeCount, genotypeIndex, genotypeAlleles, type Genotype } from '../profile/genotype.js';
import { caseMarker, type LocusPlan, type SearchPlan } from './plan.js';
import { logSumExp } from '../likelihood/logSumExp.js';
import { codeUnitString } from '../util/arrays.js';
import type { Sex } from '../profile/Profile.js';

/** ln Hardy-Weinberg probability of every genotype. */
function lnHardyWeinberg(freq: Float64Array, G: number): Float64Array {
  const out = new Float64Array(G);
  let g = 0;
  for (let hi = 0; g < G; hi++) {
    const lh = Math.log(freq[hi] as number);
    for (let lo = 0; lo <= hi; lo++, g++) out[g] = lo === hi ? 2 * lh : Math.LN2 + lh + Math.log(freq[lo] as number);
  }
  return out;
}


/** A locus's marker on one case space, with what the build needs beside it. */
interface SpaceMarker {
  readonly marker: MarkerModel;
  /** Allele label -> index in `marker.alleles`. */
  readonly index: ReadonlyMap<string, number>;
  /** Marker allele index -> genotype-index allele (plan `alleles`), over the observed alleles (the silent allele has none). */
  readonly toPlan: Int32Array;
  /** ln Hardy-Weinberg genotype probabilities (theta 0 only). */
  readonly lnHW: Float64Array | null;
  /** Every plan allele is an allele of this space ({@link writeSpace} then writes every entry of a locus block). */
  readonly covers: boolean;
  /** The space's alleles are the plan's, in the same order (its genotype indices are the plan's). */
  readonly identity: boolean;
}

/** Largest number of case-space markers kept per locus before the cache is emptied. */
const SPACE_CACHE_LIMIT = 256;

/**
 * Memory kept per locus for reusable tables before that cache is emptied: at least
 * 2,048 tables, more at loci with few genotypes (where families share tables most).
 */
const TABLE_CACHE_BYTES = 8 * 2 ** 20;
const TABLE_CACHE_MIN = 2048;

/** A locus's reusable tables, stored side by side (no allocation per table): slot i at [i·G, (i+1)·G). */
interface TableSlab {
  readonly slots: Map<string, number>;
  values: Float64Array;
  inconsistent: Uint8Array;
  used: number;
}

/** Tables of at least this many genotypes are copied with `set` (a block copy); smaller ones by element loops. */
const BLOCK_COPY = 128;

/**
 * Copies G entries of a locus table and its consistency bytes from `from` to `to`. Element
 * loops for small tables (a subarray view per copy costs more than a short loop), block
 * copies for large ones (measured: faster from about 100 genotypes on).
 */
function copyTable(values: Float64Array, inconsistent: Uint8Array, from: number, toValues: Float64Array, toInconsistent: Uint8Array, to: number, G: number): void {
  if (G >= BLOCK_COPY) {
    toValues.set(values.subarray(from, from + G), to);
    toInconsistent.set(inconsistent.subarray(from, from + G), to);
    return;
  }
  for (let g = 0; g < G; g++) {
    toValues[to + g] = values[from + g] as number;
    toInconsistent[to + g] = inconsistent[from + g] as number;
  }
}

/** Case-space markers per locus, cached by the extra alleles (most families need the table's space only). */
export class SpaceMarkers {
  private readonly cache: Map<string, SpaceMarker>[];
  private readonly slabs: TableSlab[];
  readonly planIndex: readonly ReadonlyMap<string, number>[];
  readonly tableAlleles: readonly ReadonlySet<string>[];
  constructor(private readonly plan: SearchPlan) {
    this.cache = plan.loci.map(() => new Map());
    this.slabs = plan.loci.map(() => ({ slots: new Map(), values: new Float64Array(0), inconsistent: new Uint8Array(0), used: 0 }));
    this.planIndex = plan.loci.map((l) => new Map(l.alleles.map((a, i) => [a, i])));
    this.tableAlleles = plan.loci.map((l) => new Set(l.tableAlleles));
  }
  /**
   * Copies a locus table computed before for the same pedigree arrays, query and typed genotypes
   * into `values`/`inconsistent` at `at` and returns true; null when the references were found
   * impossible there; `undefined` when it is not kept. The values are those the same computation
   * gives, so reuse changes no bit of any LR.
   */
  reuse(l: number, key: string, values: Float64Array, inconsistent: Uint8Array, at: number): true | null | undefined {
    const slab = this.slabs[l] as TableSlab;
    const slot = slab.slots.get(key);
    if (slot === undefined || slot < 0) return slot === undefined ? undefined : null;
    const G = (this.plan.loci[l] as LocusPlan).genotypes;
    copyTable(slab.values, slab.inconsistent, slot * G, values, inconsistent, at, G);
    return true;
  }
  /** Keeps a copy of the locus table at `at` in `values`/`inconsistent` (or, with `values` null, that the references are impossible). */
  remember(l: number, key: string, values: Float64Array | null, inconsistent: Uint8Array | null, at: number): void {
    const slab = this.slabs[l] as TableSlab;
    const G = (this.plan.loci[l] as LocusPlan).genotypes;
    const capacity = Math.max(TABLE_CACHE_MIN, Math.floor(TABLE_CACHE_BYTES / (9 * G)));
    if (slab.slots.size >= capacity) {
      slab.slots.clear();
      slab.used = 0;
    }
    if (values === null || inconsistent === null) {
      slab.slots.set(key, -1);
      return;
    }
    if ((slab.used + 1) * G > slab.values.length) {
      // Grown by doubling up to the capacity (small builds never hold the largest slab).
      const size = Math.min(capacity, Math.max(64, 2 * slab.used)) * G;
      const grownValues = new Float64Array(size);
      const grownInconsistent = new Uint8Array(size);
      grownValues.set(slab.values.subarray(0, slab.used * G));
      grownInconsistent.set(slab.inconsistent.subarray(0, slab.used * G));
      slab.values = grownValues;
      slab.inconsistent = grownInconsistent;
    }
    const slot = slab.used++;
    copyTable(values, inconsistent, at, slab.values, slab.inconsistent, slot * G, G);
    slab.slots.set(key, slot);
  }
  /** The marker of locus l on the table's alleles plus `extra` (sorted, distinct, none in the table). */
  get(l: number, extra: readonly string[]): SpaceMarker {
    const cache = this.cache[l] as Map<string, SpaceMarker>;
    const key = extra.join('\u0000');
    let entry = cache.get(key);
    if (entry !== undefined) return entry;
    const locus = this.plan.loci[l] as LocusPlan;
    const marker = caseMarker(locus, extra);
    const planIndex = this.planIndex[l] as ReadonlyMap<string, number>;
    const silent = silentIndex(marker);
    const toPlan = Int32Array.from(silent >= 0 ? marker.alleles.slice(0, silent) : marker.alleles, (a) => planIndex.get(a) ?? -1);
    const G = genotypeCount(marker.alleles.length);
    const covered = new Set<number>();
    for (const p of toPlan) if (p >= 0) covered.add(p);
    entry = { marker, index: new Map(marker.alleles.map((a, i) => [a, i])), toPlan, lnHW: this.plan.theta === 0 ? lnHardyWeinberg(marker.frequencies, G) : null, covers: covered.size === planIndex.size, identity: toPlan.length === planIndex.size && toPlan.every((p, i) => p === i) };
    if (cache.size >= SPACE_CACHE_LIMIT) cache.clear();
    cache.set(key, entry);
    return entry;
  }
}

/**
 * ln LR of every genotype of the query on one case space:
 * ln P(q = g, references | H1) − ln P(references | H1) − ln P(g | references, H2),
 * or null when the references are impossible under the family pedigree. With a silent
 * allele, g ranges over the apparent genotypes of the observed alleles (a/a is true a/a
 * or a/silent; both probabilities are summed before the ratio).
 */
export function lnRatios(ped: IndexedPedigree, space: SpaceMarker, evidence: readonly AlleleEvidence[], q: number, theta: number, sex?: readonly Sex[]): Float64Array | null {
  const { marker, lnHW } = space;
  const sexField = sex !== undefined ? { sex } : {};
  const male = sex !== undefined && sex[q] === 'male';
  const lnQ1 = lnQueryLikelihoods({ father: ped.father, mother: ped.mother, marker, evidence, theta, ...sexField }, q);
  let lnQ2: Float64Array;
  let shift = 0;
  if (lnHW !== null) {
    lnQ2 = male ? lnHemizygous(marker.frequencies) : lnHW;
    shift = logSumExp(lnQ1);
    if (shift === Number.NEGATIVE_INFINITY) return null;
  } else {
    lnQ2 = lnQueryLikelihoods(unrelatedQuery(ped, marker, evidence, q, theta, sex), ped.father.length);
    if (logSumExp(lnQ2) === Number.NEGATIVE_INFINITY) return null;
  }
  const silent = silentIndex(marker);
  if (silent >= 0) {
    const apparent1 = apparentLnProbabilities(lnQ1, silent);
    const apparent2 = apparentLnProbabilities(lnQ2, silent);
    for (let g = 0; g < apparent1.length; g++) apparent1[g] = (apparent1[g] as number) - shift - (apparent2[g] as number);
    return apparent1;
  }
  for (let g = 0; g < lnQ1.length; g++) lnQ1[g] = (lnQ1[g] as number) - shift - (lnQ2[g] as number);
  // A male at X: only a/a (hemizygous a) exists; the other entries are never read (a male child is a/a).
  if (male) for (let hi = 0, g = 0; g < lnQ1.length; hi++) for (let lo = 0; lo <= hi; lo++, g++) if (lo !== hi) lnQ1[g] = Number.NEGATIVE_INFINITY;
  return lnQ1;
}

/**
 * The founder-genotype combinations {@link lnRatios} enumerates with theta > 0: the
 * larger of H1 (the pedigree) and H2 (the query as one more founder).
 */
export function thetaCombinations(ped: IndexedPedigree, marker: MarkerModel, evidence: readonly AlleleEvidence[], q: number, theta: number, sex?: readonly Sex[]): number {
  const h1 = thetaQueryCombinations({ father: ped.father, mother: ped.mother, marker, evidence, theta, ...(sex !== undefined ? { sex } : {}) }, q);
  const h2 = thetaQueryCombinations(unrelatedQuery(ped, marker, evidence, q, theta, sex), ped.father.length);
  return Math.max(h1, h2);
}

/** H2 with theta > 0: the pedigree plus the query as one more founder (index P, untyped, of the query's sex). */
function unrelatedQuery(ped: IndexedPedigree, marker: MarkerModel, evidence: readonly AlleleEvidence[], q: number, theta: number, sex?: readonly Sex[]): PeelInput {
  return { father: [...ped.father, -1], mother: [...ped.mother, -1], marker, evidence: [...evidence, null], theta, ...(sex !== undefined ? { sex: [...sex, sex[q] as Sex] } : {}) };
}

/** ln P(g) of a male's X genotype under H2 (theta 0): ln p_a at a/a (hemizygous a), 0 elsewhere (entries never read). */
function lnHemizygous(freq: Float64Array): Float64Array {
  const n = freq.length;
  const out = new Float64Array((n * (n + 1)) / 2);
  for (let a = 0; a < n; a++) out[(a * (a + 1)) / 2 + a] = Math.log(freq[a] as number);
  return out;
}

/** The references' genotypes at one locus as allele indices of a space; `undefined` entries are alleles outside it. */
export function evidenceIn(refs: readonly (readonly [number, Genotype])[], P: number, index: ReadonlyMap<string, number>): AlleleEvidence[] {
  const evidence: AlleleEvidence[] = new Array<AlleleEvidence>(P).fill(null);
  for (const [i, g] of refs) evidence[i] = [index.get(g[0]) as number, g[1] === null ? -1 : (index.get(g[1]) as number)];
  return evidence;
}


/**
 * Copies a space's ln LRs into a family table at their genotype indices over the
 * plan's alleles: every genotype of the space, or only `only` (plan genotype indices).
 */
export function writeSpace(space: SpaceMarker, lnLR: Float64Array, tables: Float64Array, at: number, only: readonly number[] | null): void {
  const { toPlan } = space;
  const n = toPlan.length;
  if (only === null) {
    if (space.identity) {
      tables.set(lnLR.subarray(0, (n * (n + 1)) / 2), at);
      return;
    }
    let g = 0;
    for (let hi = 0; hi < n; hi++) for (let lo = 0; lo <= hi; lo++, g++) tables[at + genotypeIndex(toPlan[lo] as number, toPlan[hi] as number)] = lnLR[g] as number;
    return;
  }
  const fromPlan = new Map<number, number>();
  toPlan.forEach((p, i) => fromPlan.set(p, i));
  for (const g of only) {
    const [lo, hi] = genotypeAlleles(g);
    tables[at + g] = lnLR[genotypeIndex(fromPlan.get(lo) as number, fromPlan.get(hi) as number)] as number;
  }
}

/** Scratch code units of {@link patternKey}. */
let PATTERN_CODES = new Uint16Array(64);
const SEX_CODES: Readonly<Record<Sex, number>> = { male: 1, female: 2, unknown: 3 };

/**
 * The key of a lumped no-mutation pass: pedigree, query, the references' allele pattern (reduced
 * indices), lumped allele counts, silent allele and X sexes. Fixed positions, one code unit per
 * number (a decimal key beyond 10,000 people or alleles): no two passes share a key.
 */
function patternKey(father: readonly number[], mother: readonly number[], q: number, evidence: readonly AlleleEvidence[], reduced: Int32Array, nR: number, others: number, silent: boolean, xSex: readonly Sex[] | undefined): string {
  const P = father.length;
  if (P > 10_000 || nR > 10_000) {
    let pattern = '';
    for (const e of evidence) pattern += e === null ? ',' : `${reduced[e[0]] as number}.${e[1] < 0 ? -1 : (reduced[e[1]] as number)},`;
    return `${father.join(',')}|${mother.join(',')}|${q}|${pattern}|${nR}|${others}|${silent ? 1 : 0}|${xSex?.join(',') ?? ''}`;
  }
  const length = 6 + 5 * P;
  if (PATTERN_CODES.length < length) PATTERN_CODES = new Uint16Array(2 * length);
  const codes = PATTERN_CODES;
  codes[0] = P;
  codes[1] = q + 1;
  codes[2] = nR;
  codes[3] = others;
  codes[4] = silent ? 1 : 0;
  codes[5] = xSex !== undefined ? 1 : 0;
  for (let v = 0, at = 6; v < P; v++, at += 5) {
    const e = evidence[v];
    codes[at] = (father[v] as number) + 1;
    codes[at + 1] = (mother[v] as number) + 1;
    // Untyped 0, 0; typed: reduced first allele + 1, and 1 for a partial profile or the reduced second allele + 2.
    codes[at + 2] = e == null ? 0 : (reduced[e[0]] as number) + 1;
    codes[at + 3] = e == null ? 0 : e[1] < 0 ? 1 : (reduced[e[1]] as number) + 2;
    codes[at + 4] = xSex !== undefined ? SEX_CODES[xSex[v] as Sex] : 0;
  }
  return codeUnitString(codes, length);
}

/** Results of the lumped no-mutation pass by pedigree, query and allele pattern (read only once stored). */
const CONSISTENCY_CACHE = new Map<string, Float64Array>();
const CONSISTENCY_CACHE_LIMIT = 20_000;

/**
 * Writes 1 where M's genotype is impossible without mutation. Zero-ness does not
 * depend on the (positive) frequencies or on theta, and without mutation alleles
 * seen in no reference are interchangeable, so the pass runs on a lumped marker:
 * the references' alleles plus two "other" alleles, theta 0 (a few dozen genotypes
 * instead of up to ~800 at SE33). `evidence` is over the plan's `nA` alleles. With
 * `silent` true the lumped marker has a silent allele too (its frequency does not matter
 * either): typed homozygotes may carry it, and M's apparent a/a is consistent when a/a or
 * a/silent is.
 */
export function consistencyWithoutMutation(father: readonly number[], mother: readonly number[], name: string, nA: number, evidence: readonly AlleleEvidence[], q: number, out: Uint8Array, at: number, silent = false, xSex?: readonly Sex[]): void {
  if (REDUCED.length < nA) REDUCED = new Int32Array(2 * nA).fill(-1);
  // Scratch, all -1 between calls (the entries set here are reset in the finally below).
  const reduced = REDUCED;
  const keep: number[] = [];
  for (const e of evidence) {
    if (e === null) continue;
    for (const a of e) if (a >= 0 && reduced[a] === -1) {
      reduced[a] = keep.length;
      keep.push(a);
    }
  }
  try {
    // Unseen alleles become "other" alleles: two of them (when two or more are unseen), so that M's
    // heterozygote of two unseen alleles keeps its two distinct alleles (one lumped allele would
    // make it a homozygote, possible where the heterozygote is not, e.g. with one free slot).
    const others = Math.min(2, nA - keep.length);
    const nR = keep.length + others;
    // The lumped problem depends on the pedigree, the query and the pattern of alleles only (not on
    // which alleles, nor on the locus): families and loci with the same pattern share its result.
    const key = patternKey(father, mother, q, evidence, reduced, nR, others, silent, xSex);
    let lnQ0 = CONSISTENCY_CACHE.get(key);
    if (lnQ0 === undefined) {
      const alleles = keep.map((a) => String(a));
      for (let o = 0; o < others; o++) alleles.push(`\u0000other${o}`);
      const freqs = alleles.map(() => 1 / nR);
      const ev = evidence.map((e): AlleleEvidence => (e === null ? null : [reduced[e[0]] as number, e[1] < 0 ? -1 : (reduced[e[1]] as number)]));
      const lumped = makeMarkerModel({ name, alleles, frequencies: freqs, ...(silent ? { silentFrequency: 1 / (nR + 1) } : {}), ...(xSex !== undefined ? { chromosome: 'X' as const } : {}) });
      lnQ0 = lnQueryLikelihoods({ father, mother, marker: lumped, evidence: ev, theta: 0, ...(xSex !== undefined ? { sex: xSex } : {}) }, q);
      if (CONSISTENCY_CACHE.size >= CONSISTENCY_CACHE_LIMIT) CONSISTENCY_CACHE.clear();
      CONSISTENCY_CACHE.set(key, lnQ0);
    }
    // An unseen allele's reduced index: the first "other" for a homozygote or the smaller allele, the second for the larger of two.
    const first = keep.length;
    let g = 0;
    for (let hi = 0; hi < nA; hi++) {
      const seenHi = reduced[hi] as number;
      for (let lo = 0; lo <= hi; lo++, g++) {
        const seenLo = reduced[lo] as number;
        const rl = seenLo >= 0 ? seenLo : first;
        const rh = seenHi >= 0 ? seenHi : seenLo < 0 && lo !== hi ? first + 1 : first;
        const r = rl < rh ? (rh * (rh + 1)) / 2 + rl : (rl * (rl + 1)) / 2 + rh;
        // An apparent homozygote may be a/silent (the silent allele is index nR); two distinct
        // plan alleles are a true heterozygote, never a/silent.
        const impossible = lnQ0[r] === Number.NEGATIVE_INFINITY && !(silent && lo === hi && lnQ0[(nR * (nR + 1)) / 2 + rl] !== Number.NEGATIVE_INFINITY);
        out[at + g] = impossible ? 1 : 0;
      }
    }
  } finally {
    // Reset even when the lumped pass throws: the next call must find every entry -1.
    for (const a of keep) reduced[a] = -1;
  }
}

/** Scratch of {@link consistencyWithoutMutation}: allele -> reduced index, -1 for an allele no reference shows. */
let REDUCED = new Int32Array(64).fill(-1);

