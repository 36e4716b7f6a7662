/**
 * Variable elimination over alleles instead of genotypes: every person who is
 * not a fixed founder has two allele variables (from the father, from the
 * mother; n values each), and every transmission from such a parent has a
 * meiosis selector (2 values), so that
 *   T(c | f) = ½·M[f_p][c] + ½·M[f_m][c] = Σ_s h₀(s, f_p, c)·h₁(s, f_m, c).
 * Factors then have at most three small variables, and a step of the
 * elimination costs O(n³) where genotype-level peeling of an untyped parent
 * between untyped grandparents costs O(n⁶) (n alleles). Founders with a known
 * genotype are constants: they pass ½(M[a][·] + M[b][·]) to each child.
 * Loops need no special handling. The order is greedy (smallest joint table first).
 * @internal
 */
import { multiplyAndSum, normalise, type Factor } from './factor.js';

/** The marker and pedigree data this engine needs (a pruned, possibly lumped problem). */
export interface AlleleProblem {
  readonly nA: number;
  readonly freq: Float64Array;
  readonly male: Float64Array | null;
  readonly female: Float64Array | null;
  readonly fa: Int32Array;
  readonly mo: Int32Array;
  /** Query person (local index) or -1. */
  readonly query: number;
}

/** ln P(data), or for a query ln P(query = g, data) over genotype indices. */
export interface AlleleSolution {
  readonly ln: number;
  readonly query?: Float64Array;
}

const gIndex = (i: number, j: number): number => (i < j ? (j * (j + 1)) / 2 + i : (i * (i + 1)) / 2 + j);

/**
 * Runs the elimination. `domains[v]` lists the genotype indices person v may
 * have (one for a typed person, all for an untyped one); `lo`/`hi` give the
 * alleles of a genotype index. With `priors` false, founders carry no prior
 * (the theta enumeration fixes them and weighs them itself).
 */
export function eliminateAlleles(pr: AlleleProblem, domains: readonly Int32Array[], lo: Int32Array, hi: Int32Array, priors: boolean): AlleleSolution {
  const P = pr.fa.length;
  const n = pr.nA;
  const G = (n * (n + 1)) / 2;
  const isFounder = (v: number): boolean => (pr.fa[v] as number) < 0;
  const fixed = (v: number): boolean => isFounder(v) && (domains[v] as Int32Array).length === 1;
  // Variables: alleles 2v (paternal), 2v+1 (maternal) of person v; selectors 2P+2c (paternal meiosis of c), 2P+2c+1 (maternal).
  const dimOf = (x: number): number => (x < 2 * P ? n : 2);
  const factors: Factor[] = [];
  let lnConstant = 0;

  for (let v = 0; v < P; v++) {
    const domain = domains[v] as Int32Array;
    if (fixed(v)) {
      if (priors) {
        const g = domain[0] as number;
        const a = lo[g] as number;
        const b = hi[g] as number;
        lnConstant += Math.log(a === b ? (pr.freq[a] as number) ** 2 : 2 * (pr.freq[a] as number) * (pr.freq[b] as number));
      }
      continue;
    }
    if (isFounder(v) && priors) {
      factors.push({ vars: [2 * v], dims: [n], data: Float64Array.from(pr.freq), lnScale: 0 });
      factors.push({ vars: [2 * v + 1], dims: [n], data: Float64Array.from(pr.freq), lnScale: 0 });
    }
    if (domain.length < G) {
      // Evidence on the ordered pair: allowed when the unordered genotype is in the domain.
      const data = new Float64Array(n * n);
      for (const g of domain) {
        data[(lo[g] as number) * n + (hi[g] as number)] = 1;
        data[(hi[g] as number) * n + (lo[g] as number)] = 1;
      }
      factors.push({ vars: [2 * v, 2 * v + 1], dims: [n, n], data, lnScale: 0 });
    }
    if (!isFounder(v)) {
      addTransmission(factors, pr, domains, lo, hi, pr.fa[v] as number, 2 * v, 2 * P + 2 * v, pr.male, fixed(pr.fa[v] as number));
      addTransmission(factors, pr, domains, lo, hi, pr.mo[v] as number, 2 * v + 1, 2 * P + 2 * v + 1, pr.female, fixed(pr.mo[v] as number));
    }
  }

  const q = pr.query;
  const keep = new Set<number>(q >= 0 && !fixed(q) ? [2 * q, 2 * q + 1] : []);
  // The order depends only on which variables exist and how factors link them, so it
  // is planned once per shape and reused (every locus of a family has the same shape).
  const shape = `${P}|${Array.from(pr.fa).join(',')}|${Array.from(pr.mo).join(',')}|${domains.map((d, v) => (fixed(v) ? 'f' : d.length < G ? 'e' : 'u')).join('')}|${q}|${priors ? 1 : 0}`;
  let order = ORDER_CACHE.get(shape);
  if (order === undefined) {
    order = planOrder(factors, keep, (x) => (x < 2 * P ? PLANNING_ALLELES : 2));
    if (ORDER_CACHE.size >= ORDER_CACHE_LIMIT) ORDER_CACHE.clear();
    ORDER_CACHE.set(shape, order);
  }
  let live = factors;
  for (const best of order) {
    const own = live.filter((f) => f.vars.includes(best));
    if (own.length === 0) continue;
    live = live.filter((f) => !f.vars.includes(best));
    const next = multiplyAndSum(own, best, dimOf);
    if (!normalise(next)) return impossible(q, G);
    live.push(next);
  }

  if (q < 0) {
    let ln = lnConstant;
    for (const f of live) ln += f.lnScale + Math.log(f.data[0] as number);
    return { ln };
  }
  const out = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  if (fixed(q)) {
    let ln = lnConstant;
    for (const f of live) ln += f.lnScale + Math.log(f.data[0] as number);
    out[(domains[q] as Int32Array)[0] as number] = ln;
    return { ln: Number.NaN, query: out };
  }
  const pq = 2 * q;
  const mq = 2 * q + 1;
  const ones: Factor = { vars: [pq, mq], dims: [n, n], data: new Float64Array(n * n).fill(1), lnScale: 0 };
  const joint = multiplyAndSum([ones, ...live], -1, dimOf);
  const ln0 = joint.lnScale + lnConstant;
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const value = (joint.data[a * n + b] as number) + (a !== b ? (joint.data[b * n + a] as number) : 0);
      if (value > 0) out[gIndex(a, b)] = Math.log(value) + ln0;
    }
  }
  return { ln: Number.NaN, query: out };
}

const ORDER_CACHE = new Map<string, number[]>();
const ORDER_CACHE_LIMIT = 10_000;
/** Allele count assumed when planning (the order depends on sizes only through allele vs selector). */
const PLANNING_ALLELES = 16;

/**
 * Greedy elimination order on the factors' variables alone: repeatedly the
 * variable whose elimination creates the smallest factor (min-weight).
 * Cost: O(steps × factors × variables per factor).
 */
function planOrder(factors: readonly Factor[], keep: ReadonlySet<number>, dimOf: (x: number) => number): number[] {
  let live: number[][] = factors.map((f) => [...f.vars]);
  const order: number[] = [];
  for (;;) {
    const touched = new Map<number, Set<number>>();
    for (const vars of live) {
      for (const x of vars) {
        if (keep.has(x)) continue;
        let set = touched.get(x);
        if (set === undefined) touched.set(x, (set = new Set()));
        for (const y of vars) set.add(y);
      }
    }
    let best = -1;
    let bestCost = Infinity;
    for (const [x, set] of touched) {
      let cost = 1;
      for (const y of set) if (y !== x) cost *= dimOf(y);
      if (cost < bestCost || (cost === bestCost && x < best)) {
        best = x;
        bestCost = cost;
      }
    }
    if (best < 0) return order;
    order.push(best);
    const merged = new Set<number>();
    live = live.filter((vars) => {
      if (!vars.includes(best)) return true;
      for (const y of vars) if (y !== best) merged.add(y);
      return false;
    });
    live.push([...merged]);
  }
}

function impossible(q: number, G: number): AlleleSolution {
  return q < 0 ? { ln: Number.NEGATIVE_INFINITY } : { ln: Number.NEGATIVE_INFINITY, query: new Float64Array(G).fill(Number.NEGATIVE_INFINITY) };
}

/** Adds the factors of one transmission from `parent` into allele variable `child`. */
function addTransmission(factors: Factor[], pr: AlleleProblem, domains: readonly Int32Array[], lo: Int32Array, hi: Int32Array, parent: number, child: number, selector: number, m: Float64Array | null, parentFixed: boolean): void {
  const n = pr.nA;
  if (parentFixed) {
    const g = (domains[parent] as Int32Array)[0] as number;
    const a = lo[g] as number;
    const b = hi[g] as number;
    const data = new Float64Array(n);
    for (let x = 0; x < n; x++) data[x] = m === null ? ((a === x ? 1 : 0) + (b === x ? 1 : 0)) / 2 : ((m[a * n + x] as number) + (m[b * n + x] as number)) / 2;
    factors.push({ vars: [child], dims: [n], data, lnScale: 0 });
    return;
  }
  // h0(s, parent_p, child) = ½·(s = 0 ? M[parent_p][child] : 1); h1(s, parent_m, child) = (s = 1 ? M[parent_m][child] : 1).
  const h0 = new Float64Array(2 * n * n);
  const h1 = new Float64Array(2 * n * n);
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      const t = m === null ? (x === y ? 1 : 0) : (m[x * n + y] as number);
      h0[x * n + y] = 0.5 * t;
      h0[n * n + x * n + y] = 0.5;
      h1[x * n + y] = 1;
      h1[n * n + x * n + y] = t;
    }
  }
  factors.push({ vars: [selector, 2 * parent, child], dims: [2, n, n], data: h0, lnScale: 0 });
  factors.push({ vars: [selector, 2 * parent + 1, child], dims: [2, n, n], data: h1, lnScale: 0 });
}
