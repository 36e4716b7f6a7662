/**
 * The joint probability of the typed men's alleles at one Y-STR locus on a
 * paternal-line tree, summed over the untyped men's alleles (Felsenstein's
 * pruning), under the symmetric single-step model along every meiosis.
 */
import { ValidationError } from '../errors/StrkinError.js';
import { logSumExp } from '../likelihood/logSumExp.js';
import { alleleRepeat, microvariantGroup, type Allele } from '../profile/allele.js';
import type { CheckedTree } from './paternalTree.js';
import { lnStepProbability } from './stepwise.js';

/** Most orderings of multi-copy alleles summed over at one locus (the product over typed men of their distinct orderings). */
export const MAX_COPY_ORDERINGS = 4096;

const KERNELS = new Map<string, Float64Array>();

/** P_L(k) for k = −L … L (index k + L). */
function kernel(length: number, mu: number): Float64Array {
  const key = `${length}|${mu}`;
  let k = KERNELS.get(key);
  if (k === undefined) {
    k = new Float64Array(2 * length + 1);
    for (let s = -length; s <= length; s++) k[s + length] = Math.exp(lnStepProbability(s, length, mu));
    if (KERNELS.size < 4096) KERNELS.set(key, k);
  }
  return k;
}

/**
 * ln of the joint probability of the typed men's repeat numbers at one copy
 * of a locus on the tree, summed over every untyped man's repeat number, with
 * a flat (translation-invariant) weight 1 on the root's repeat number.
 *
 * The flat weight is a constant common to every tree computation of the same
 * men; it cancels in P(man | references) = joint(man and references) /
 * joint(references). The sum over an untyped man runs over the window
 * [min typed − D, max typed + D], D the total meioses of the tree's edges that
 * lead to typed men: under the single-step model no repeat number outside it
 * has a non-zero term, so the bounded sum is the exact sum over all integers.
 * Untyped men with no typed descendant are left out (they sum to 1).
 *
 * Cost: O(nodes × window × (2 × edge meioses + 1)).
 * @internal
 */
export function lnCopyJoint(tree: CheckedTree, states: ReadonlyMap<number, number>, mu: number): number {
  if (states.size === 0) return 0;
  const root = prune(tree, states, mu);
  if (root === null) return Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < root.vec.length; i++) sum += root.vec[i] as number;
  return root.lnScale + Math.log(sum);
}

/**
 * The root's vector of the pruning pass: vec[x − lo] · e^lnScale = joint probability
 * of the typed men with the root's repeat number x; null when it is 0 everywhere.
 */
function prune(tree: CheckedTree, states: ReadonlyMap<number, number>, mu: number): { readonly vec: Float64Array; readonly lnScale: number; readonly lo: number } | null {
  const n = tree.ids.length;
  const hasTyped = new Uint8Array(n);
  for (let v = n - 1; v >= 0; v--) {
    if (states.has(v)) hasTyped[v] = 1;
    const p = tree.parent[v] as number;
    if (hasTyped[v] === 1 && p >= 0) hasTyped[p] = 1;
  }
  let depth = 0;
  for (let v = 1; v < n; v++) if (hasTyped[v] === 1) depth += tree.length[v] as number;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of states.values()) {
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  const lo = min - depth;
  const width = max + depth - lo + 1;
  const vec: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(n);
  const lnScale = new Float64Array(n);
  // Pre-order ids (fathers first), so the reverse visits every son before his father.
  for (let v = n - 1; v >= 0; v--) {
    if (hasTyped[v] !== 1) continue;
    const own = vec[v] ?? new Float64Array(width).fill(1);
    const s = states.get(v);
    if (s !== undefined) {
      const keep = own[s - lo] as number;
      own.fill(0);
      own[s - lo] = keep;
    }
    let m = 0;
    for (let i = 0; i < width; i++) if ((own[i] as number) > m) m = own[i] as number;
    if (m === 0) return null;
    for (let i = 0; i < width; i++) own[i] = (own[i] as number) / m;
    lnScale[v] = (lnScale[v] as number) + Math.log(m);
    const p = tree.parent[v] as number;
    if (p < 0) return { vec: own, lnScale: lnScale[v] as number, lo };
    // Message to the father: Σ_k P_L(k) · own[x + k].
    const L = tree.length[v] as number;
    const k = kernel(L, mu);
    const msg = new Float64Array(width);
    for (let x = 0; x < width; x++) {
      let t = 0;
      for (let d = -L; d <= L; d++) {
        const y = x + d;
        if (y >= 0 && y < width) t += (k[d + L] as number) * (own[y] as number);
      }
      msg[x] = t;
    }
    const parentVec = vec[p] ?? new Float64Array(width).fill(1);
    for (let i = 0; i < width; i++) parentVec[i] = (parentVec[i] as number) * (msg[i] as number);
    vec[p] = parentVec;
    lnScale[p] = (lnScale[p] as number) + (lnScale[v] as number);
  }
  return null; // unreachable: the root has a typed descendant
}

/** The tree rooted at node `r` (same men and meioses; the flat-prior joint does not depend on the root). */
function rerooted(tree: CheckedTree, r: number): CheckedTree {
  const n = tree.ids.length;
  const adj: [number, number][][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) {
    const p = tree.parent[v] as number;
    if (p >= 0) {
      (adj[v] as [number, number][]).push([p, tree.length[v] as number]);
      (adj[p] as [number, number][]).push([v, tree.length[v] as number]);
    }
  }
  const order: number[] = [];
  const parentOld = new Int32Array(n).fill(-2);
  const lengthOld = new Int32Array(n);
  parentOld[r] = -1;
  const stack = [r];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    order.push(v);
    for (const [w, len] of adj[v] as [number, number][]) {
      if (parentOld[w] !== -2) continue;
      parentOld[w] = v;
      lengthOld[w] = len;
      stack.push(w);
    }
  }
  const pos = new Int32Array(n);
  order.forEach((v, i) => (pos[v] = i));
  return {
    ids: order.map((v) => tree.ids[v] as string),
    parent: order.map((v) => ((parentOld[v] as number) < 0 ? -1 : (pos[parentOld[v] as number] as number))),
    length: order.map((v) => ((parentOld[v] as number) < 0 ? 0 : (lengthOld[v] as number))),
    index: new Map(order.map((v, i) => [tree.ids[v] as string, i])),
  };
}

/**
 * The predictive law of one man's repeat number at one copy given the typed
 * men's: ln J(typed men, man = x) for x = lo, lo + 1, …, summed over the
 * untyped men with the flat prior (the tree is re-rooted at the man, which
 * the flat prior and the symmetric single-step law allow). ln J(typed men) is
 * the log of the sum of its terms. Null when the typed men are impossible together.
 *
 * Cost: one pruning pass, O(nodes × window × (2 × edge meioses + 1)).
 * @internal
 */
export function lnCopyPredictive(tree: CheckedTree, states: ReadonlyMap<number, number>, man: number, mu: number): { readonly lo: number; readonly ln: Float64Array } | null {
  const t = rerooted(tree, man);
  const moved = new Map<number, number>();
  for (const [v, s] of states) moved.set(t.index.get(tree.ids[v] as string) as number, s);
  const root = prune(t, moved, mu);
  if (root === null) return null;
  const ln = new Float64Array(root.vec.length);
  for (let i = 0; i < ln.length; i++) ln[i] = Math.log(root.vec[i] as number) + root.lnScale;
  return { lo: root.lo, ln };
}

/** Distinct orderings of a man's unordered copies. */
function orderings(alleles: readonly Allele[]): Allele[][] {
  const out = new Map<string, Allele[]>();
  const go = (rest: readonly Allele[], chosen: readonly Allele[]): void => {
    if (rest.length === 0) {
      out.set(chosen.join(','), [...chosen]);
      return;
    }
    rest.forEach((a, i) => go([...rest.slice(0, i), ...rest.slice(i + 1)], [...chosen, a]));
  };
  go(alleles, []);
  return [...out.values()];
}

/**
 * ln of the joint probability of typed men's alleles at one locus on the tree:
 * `typed` maps tree nodes to their allele lists (one allele per copy, every list
 * of the same length, every allele on the ladder). The copies of a multi-copy
 * locus are unordered: the sum runs over every distinct ordering of each man's
 * alleles, and each copy evolves on its own at `rate` (the per-copy rate). A
 * copy whose alleles fall in different microvariant groups has probability 0.
 *
 * Cost: O(orderings × copies × {@link lnCopyJoint}).
 *
 * @throws `ValidationError` `y-tree-too-large` beyond {@link MAX_COPY_ORDERINGS} orderings.
 * @internal
 */
export function lnLocusJoint(tree: CheckedTree, typed: ReadonlyMap<number, readonly Allele[]>, rate: number): number {
  const men = [...typed.keys()];
  if (men.length === 0) return 0;
  const options = men.map((v) => orderings(typed.get(v) as readonly Allele[]));
  const combos = options.reduce((n, o) => n * o.length, 1);
  if (combos > MAX_COPY_ORDERINGS) throw new ValidationError({ code: 'y-tree-too-large', message: `Too many orderings of multi-copy alleles to sum over on the paternal-line tree (orderings = ${combos}, limit = ${MAX_COPY_ORDERINGS})`, path: ['references'] });
  const copies = (typed.get(men[0] as number) as readonly Allele[]).length;
  const memo = new Map<string, number>();
  const copyTerm = (values: readonly Allele[]): number => {
    const key = values.join('|');
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const group = microvariantGroup(values[0] as Allele);
    let ln: number;
    if (values.some((a) => microvariantGroup(a) !== group)) ln = Number.NEGATIVE_INFINITY;
    else {
      const states = new Map<number, number>();
      values.forEach((a, i) => states.set(men[i] as number, Math.round((alleleRepeat(a) as number) - (group as number) / 10)));
      ln = lnCopyJoint(tree, states, rate);
    }
    memo.set(key, ln);
    return ln;
  };
  const terms: number[] = [];
  const choice = new Array<number>(men.length).fill(0);
  for (let c = 0; c < combos; c++) {
    let rest = c;
    for (let i = 0; i < men.length; i++) {
      const k = (options[i] as Allele[][]).length;
      choice[i] = rest % k;
      rest = Math.floor(rest / k);
    }
    let ln = 0;
    for (let j = 0; j < copies && ln !== Number.NEGATIVE_INFINITY; j++) ln += copyTerm(men.map((_, i) => ((options[i] as Allele[][])[choice[i] as number] as Allele[])[j] as Allele));
    terms.push(ln);
  }
  return logSumExp(terms);
}
