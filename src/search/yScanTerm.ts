/**
 * The scan's Y term in numbers: the value of `pairLineageLnLR` (so of
 * `yLineageLR(...).total.lnLR`) for every (child, target) pair of a scan,
 * computed from typed arrays prepared once per scan instead of strings and
 * maps per pair. Pairs it does not cover go to `pairLineageLnLR` itself.
 */
import { alleleRepeat, microvariantGroup } from '../profile/allele.js';
import type { YHaplotype } from '../profile/yHaplotype.js';
import { makeMatchCounter } from '../lineage/matchCounter.js';
import { lnStepProbability, MAX_MEIOSES } from '../lineage/stepwise.js';
import { resolveYRates } from '../lineage/yMutationRates.js';
import { comparisonTree, lnPredictive, singleCopyPredictive } from '../lineage/yLineageLR.js';
import { StrkinError } from '../errors/StrkinError.js';
import { pairLineageLnLR, type SearchLineage, type TargetLineage } from './lineageTerms.js';

/** Database loci a mask can hold (one bit per locus). */
const MAX_MASK_LOCI = 31;

/** One side of the pairs (children, or the targets' single references), coded per database locus. */
interface Coded {
  /** Loci typed with one on-ladder allele (the loci such a man can be compared at), one bit per locus. */
  readonly single: Int32Array;
  /** Loci with more than one copy typed. */
  readonly multi: Int32Array;
  /** Copies typed per locus (−1: the locus is absent). */
  readonly copies: Int32Array;
  /** Repeat value and microvariant group of the one allele (where `single`). */
  readonly repeat: Float64Array;
  readonly group: Float64Array;
  /** 1: this man is not coded (a repeat value that is not a finite number); his pairs take the reference path. */
  readonly slow: Uint8Array;
}

function code(men: readonly (YHaplotype | null | undefined)[], loci: readonly string[]): Coded {
  const n = men.length;
  const L = loci.length;
  const out: Coded = { single: new Int32Array(n), multi: new Int32Array(n), copies: new Int32Array(n * L).fill(-1), repeat: new Float64Array(n * L), group: new Float64Array(n * L), slow: new Uint8Array(n) };
  men.forEach((man, i) => {
    if (man === null || man === undefined) return;
    let single = 0;
    let multi = 0;
    loci.forEach((name, l) => {
      if (!Object.hasOwn(man.loci, name)) return;
      const alleles = man.loci[name] ?? [];
      out.copies[i * L + l] = alleles.length;
      if (alleles.length > 1) multi |= 1 << l;
      if (alleles.length !== 1) return;
      const allele = alleles[0] as string;
      const repeat = alleleRepeat(allele);
      if (repeat === undefined) return; // off-ladder: never compared
      if (!Number.isFinite(repeat)) out.slow[i] = 1;
      single |= 1 << l;
      out.repeat[i * L + l] = repeat;
      out.group[i * L + l] = microvariantGroup(allele) as number;
    });
    out.single[i] = single;
    out.multi[i] = multi;
  });
  return out;
}

/**
 * The scan's Y term for `children` (their Y haplotypes, null where untyped)
 * against `targets` (their Y references): (c, f) -> ln LR_Y, 0 where Y does
 * not apply, bit for bit `pairLineageLnLR(lineage, children[c], targets[f]) ?? 0`.
 *
 * A pair of a child and a target with one reference (meioses in [0, 100]):
 * the loci typed with one on-ladder allele in both, in database order; a
 * different microvariant group or a repeat difference the single-step model
 * cannot reach in those meioses makes the pair excluded (−Infinity, returned
 * at that locus: the rest cannot change it); otherwise the sum of the
 * single-step log probabilities (tabulated per locus, meioses and difference),
 * minus ln of the match probability of the child at the loci compared
 * (counted once per child and loci set: with the counting method from the
 * database coded per locus, (x + 1)/(N + 1) as `matchProbability`; other
 * methods through `makeMatchCounter`). Several references, a multi-copy locus
 * typed with the same number of copies in both, or a repeat value that is not
 * a finite number: `pairLineageLnLR`. A pair's value depends only on the
 * child, the target and the settings.
 *
 * Cost: O((children + targets) × database loci + database haplotypes × database loci) to prepare;
 * per pair O(loci compared) (less for an excluded pair), plus O(database haplotypes) per new
 * (child, loci set).
 * @internal
 */
export function makeYScanTerm(lineage: SearchLineage, children: readonly (YHaplotype | null)[], targets: readonly (TargetLineage | undefined)[]): (c: number, f: number) => number {
  const term = makeYPairTerm(lineage, children, targets);
  return (c, f) => term(c, f) ?? 0;
}

/**
 * The Y term of {@link makeYScanTerm} with null where Y does not apply: bit for bit
 * `pairLineageLnLR(lineage, children[c], targets[f])` (the reported pairs' per-type columns).
 *
 * Cost: as {@link makeYScanTerm}.
 * @internal
 */
export function makeYPairTerm(lineage: SearchLineage, children: readonly (YHaplotype | null | undefined)[], targets: readonly (TargetLineage | undefined)[]): (c: number, f: number) => number | null {
  const db = lineage.database;
  const loci = db.loci;
  const L = loci.length;
  const reference = (c: number, f: number): number | null => pairLineageLnLR(lineage, children[c], targets[f]);
  if (L > MAX_MASK_LOCI) return reference;
  const method = lineage.method ?? 'counting';
  const byLocus = new Map(resolveYRates(loci, lineage.mutation).map((r) => [r.locus, r.rate]));
  const rates = loci.map((l) => byLocus.get(l) ?? 0);
  // Targets: 0 no Y, 1 one reference (coded), 2 the reference path, 3 several references on their tree (planned at the first pair).
  const T = targets.length;
  const kind = new Uint8Array(T);
  const meioses = new Int32Array(T);
  const refs: (YHaplotype | undefined)[] = [];
  targets.forEach((t, f) => {
    const r = t?.references ?? [];
    if (r.length === 0) return;
    const m = (r[0] as { meioses: number }).meioses;
    if (r.length === 1 && Number.isInteger(m) && m >= 0 && m <= MAX_MEIOSES) {
      kind[f] = 1;
      meioses[f] = m;
      refs[f] = r[0]?.haplotype;
    } else kind[f] = r.length > 1 && method === 'counting' && t?.tree !== undefined ? 3 : 2;
  });
  const R = code(Array.from({ length: T }, (_, f) => refs[f]), loci);
  const C = code(children, loci);
  for (let f = 0; f < T; f++) if (R.slow[f] === 1) kind[f] = 2;

  // ln P_m(k) per locus, tabulated per meioses m for k in [−m, m] (NaN: not yet computed).
  const stepTables = new Map<number, Float64Array>();
  const stepTable = (m: number): Float64Array => {
    let t = stepTables.get(m);
    if (t === undefined) stepTables.set(m, (t = new Float64Array(L * (2 * m + 1)).fill(Number.NaN)));
    return t;
  };
  /** ln P_m(steps) at locus l from `table` (= stepTable(m)), computed at its first use; −Infinity beyond m steps. */
  const lnStep = (table: Float64Array, l: number, m: number, steps: number): number => {
    if (steps > m || steps < -m) return Number.NEGATIVE_INFINITY;
    const at = l * (2 * m + 1) + steps + m;
    let lnP = table[at] as number;
    if (Number.isNaN(lnP)) table[at] = lnP = lnStepProbability(steps, m, rates[l] as number);
    return lnP;
  };

  // The database coded per locus: each allele string (as matchCounter compares them) as an integer.
  const H = db.haplotypes.length;
  const dictionaries = loci.map(() => new Map<string, number>());
  const rows = new Int32Array(H * L);
  const counts = new Float64Array(H);
  db.haplotypes.forEach((h, i) => {
    counts[i] = h.count;
    loci.forEach((l, j) => {
      const key = (h.alleles[l] ?? []).join(',');
      const dict = dictionaries[j] as Map<string, number>;
      let k = dict.get(key);
      if (k === undefined) dict.set(key, (k = dict.size));
      rows[i * L + j] = k;
    });
  });
  const counter = method === 'counting' ? undefined : makeMatchCounter(db);
  // Per child: the loci at which each database haplotype differs from him (computed at his first pair), and ln match probability per loci set.
  const differs = new Map<number, Int32Array>();
  const lnMatch = new Map<number, Map<number, number>>();
  const matchOf = (c: number, mask: number): number => {
    let byMask = lnMatch.get(c);
    if (byMask === undefined) lnMatch.set(c, (byMask = new Map()));
    const known = byMask.get(mask);
    if (known !== undefined) return known;
    const man = children[c] as YHaplotype;
    let value: number;
    if (counter !== undefined) {
      value = Math.log(counter(man, loci.filter((_, l) => (mask & (1 << l)) !== 0), method).probability);
    } else {
      let d = differs.get(c);
      if (d === undefined) {
        d = new Int32Array(H);
        const mine = loci.map((l, j) => ((C.single[c] as number) & (1 << j)) !== 0 ? ((dictionaries[j] as Map<string, number>).get((man.loci[l] ?? []).join(',')) ?? -1) : -1);
        for (let i = 0; i < H; i++) {
          let bits = 0;
          for (let j = 0; j < L; j++) if ((rows[i * L + j] as number) !== mine[j]) bits |= 1 << j;
          d[i] = bits;
        }
        differs.set(c, d);
      }
      let x = 0;
      for (let i = 0; i < H; i++) if (((d[i] as number) & mask) === 0) x += counts[i] as number;
      value = Math.log((x + 1) / (db.size + 1));
    }
    byMask.set(mask, value);
    return value;
  };

  // Several references (kind 3): per locus, what yLineageLR does for a man typed there with one
  // on-ladder allele: nothing (no reference with one on-ladder allele), the single-step law from the
  // one such reference (mode 1), or the predictive law of the tree given them all (mode 2; null: 0/0).
  interface TreePlan {
    /** Loci where some reference is typed. */
    readonly typed: number;
    /** Loci compared for a man with one on-ladder allele there (modes 1 and 2). */
    readonly comparable: number;
    /** Loci where the usable references are impossible together (the pair's Y LR is 0/0: no Y term). */
    readonly undefinedAt: number;
    readonly mode: Uint8Array;
    readonly meioses: Int32Array;
    readonly repeat: Float64Array;
    readonly group: Float64Array;
    readonly laws: (ReturnType<typeof singleCopyPredictive> | undefined)[];
  }
  const plans = new Map<number, TreePlan | null>();
  const planOf = (f: number): TreePlan | null => {
    if (plans.has(f)) return plans.get(f) as TreePlan | null;
    let plan: TreePlan | null = null;
    const target = targets[f] as TargetLineage;
    try {
      const references = target.references;
      if (!references.every((r) => Number.isInteger(r.meioses) && r.meioses >= 0 && r.meioses <= MAX_MEIOSES)) throw new RangeError('meioses');
      const { tree, checked, person, nodes } = comparisonTree(references, target.tree);
      const mode = new Uint8Array(L);
      const meiosesAt = new Int32Array(L);
      const repeat = new Float64Array(L);
      const group = new Float64Array(L);
      const laws: TreePlan['laws'] = [];
      let typed = 0;
      let comparable = 0;
      let undefinedAt = 0;
      loci.forEach((name, l) => {
        const usable: { node: number; alleles: readonly string[]; meioses: number }[] = [];
        references.forEach((r, i) => {
          if (!Object.hasOwn(r.haplotype.loci, name)) return;
          typed |= 1 << l;
          const a = r.haplotype.loci[name] as readonly string[];
          if (a.length === 1 && alleleRepeat(a[0] as string) !== undefined) usable.push({ node: nodes[i] as number, alleles: a, meioses: r.meioses });
        });
        if (usable.length === 0) return;
        comparable |= 1 << l;
        if (usable.length === 1) {
          const only = usable[0] as (typeof usable)[number];
          const x = alleleRepeat(only.alleles[0] as string) as number;
          if (!Number.isFinite(x)) throw new RangeError('repeat');
          mode[l] = 1;
          meiosesAt[l] = only.meioses;
          repeat[l] = x;
          group[l] = microvariantGroup(only.alleles[0] as string) as number;
          return;
        }
        mode[l] = 2;
        const pred = singleCopyPredictive(tree, checked, person, name, rates[l] as number, usable);
        if (pred === null) undefinedAt |= 1 << l;
        laws[l] = pred;
      });
      plan = { typed, comparable, undefinedAt, mode, meioses: meiosesAt, repeat, group, laws };
    } catch (error) {
      // Refused (tree or meioses): the reference path gives the same refusal.
      if (!(error instanceof StrkinError) && !(error instanceof RangeError)) throw error;
    }
    plans.set(f, plan);
    return plan;
  };
  const treeTerm = (c: number, f: number): number | null => {
    const plan = planOf(f);
    // A multi-copy locus of the child where a reference is typed: the reference path.
    if (plan === null || ((C.multi[c] as number) & plan.typed) !== 0) return reference(c, f);
    const single = C.single[c] as number;
    if ((single & plan.undefinedAt) !== 0) return null;
    const compared = single & plan.comparable;
    if (compared === 0) return null;
    let lnNumerator = 0;
    for (let l = 0; l < L; l++) {
      if ((compared & (1 << l)) === 0) continue;
      const ci = c * L + l;
      let lnP: number;
      if (plan.mode[l] === 1) {
        if (C.group[ci] !== plan.group[l]) return Number.NEGATIVE_INFINITY;
        const m = plan.meioses[l] as number;
        lnP = lnStep(stepTable(m), l, m, Math.round((C.repeat[ci] as number) - (plan.repeat[l] as number)));
      } else {
        lnP = lnPredictive(plan.laws[l] as NonNullable<TreePlan['laws'][number]>, C.group[ci] as number, C.repeat[ci] as number);
      }
      if (lnP === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
      lnNumerator += lnP;
    }
    return lnNumerator - matchOf(c, compared);
  };

  return (c, f) => {
    const k = kind[f] as number;
    if (k === 0 || children[c] === null || children[c] === undefined) return null;
    if (k === 2 || C.slow[c] === 1) return reference(c, f);
    if (k === 3) return treeTerm(c, f);
    // A multi-copy locus typed with the same copies in both men: the reference path.
    const both = (C.multi[c] as number) & (R.multi[f] as number);
    if (both !== 0) {
      for (let l = 0; l < L; l++) if ((both & (1 << l)) !== 0 && C.copies[c * L + l] === R.copies[f * L + l]) return reference(c, f);
    }
    const compared = (C.single[c] as number) & (R.single[f] as number);
    if (compared === 0) return null;
    const m = meioses[f] as number;
    const table = stepTable(m);
    let lnNumerator = 0;
    for (let l = 0; l < L; l++) {
      if ((compared & (1 << l)) === 0) continue;
      const ci = c * L + l;
      const fi = f * L + l;
      if (C.group[ci] !== R.group[fi]) return Number.NEGATIVE_INFINITY;
      const lnP = lnStep(table, l, m, Math.round((C.repeat[ci] as number) - (R.repeat[fi] as number)));
      if (lnP === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
      lnNumerator += lnP;
    }
    return lnNumerator - matchOf(c, compared);
  };
}
