/**
 * The genotype-level reference engine: variable elimination over person
 * genotypes (Elston-Stewart peeling generalised to loops), an independent
 * second engine that the tests compare the allele engine
 * (src/likelihood/alleleElimination.ts) against. It shares problem building,
 * lumping and the theta solver with the library, so the comparison checks the
 * elimination itself.
 *
 * Speed: a child whose only remaining links are to its parents is peeled onto
 * them in O(n³ + d_f·d_m) by writing P(child | parents) through the allele
 * transmission matrices (K = A·Λ·Bᵀ), instead of the O(d_c·d_f·d_m) table
 * (the factors are in referenceFactors.ts).
 */
import type { Problem, Solution } from '../../src/likelihood/buildProblem.js';
import { multiplyAndSum, normalise, type Factor } from '../../src/likelihood/factor.js';
import { HI, LO } from '../../src/likelihood/genotypeTables.js';
import { likelihoodWith, queryWith, type PeelInput } from '../../src/likelihood/peel.js';
import { alleleTransmission, childMessage, founderPrior, leading, parentsToChild, transmissionFactor, unaryProduct } from './referenceFactors.js';

/** lnLikelihood by genotype-level peeling: an independent second engine for tests. */
export function lnLikelihoodReference(input: PeelInput): number {
  return likelihoodWith(input, eliminateAll);
}

/** lnQueryLikelihoods by genotype-level peeling. */
export function lnQueryLikelihoodsReference(input: PeelInput, query: number): Float64Array {
  return queryWith(input, query, eliminateAll);
}

const IMPOSSIBLE: Solution = { ln: Number.NEGATIVE_INFINITY };

/**
 * Variable elimination of every person except the query. With `priors` false
 * the founders carry no prior (their domains are fixed by the theta enumeration).
 *
 * A query with parents and no typed descendants (the missing person of a
 * family) is replaced by two allele variables, the allele from its father (U)
 * and from its mother (V), linked to the parents by T(U | father) and
 * T(V | mother); the last factor over (U, V) gives every genotype at once.
 * Otherwise the query stays a genotype variable and its parents are kept to
 * the end ({@link finishQuery}).
 */
function eliminateAll(pr: Problem, domains: Int32Array[], priors: boolean): Solution {
  const P = pr.fa.length;
  const n = pr.nA;
  const q = pr.query;
  const hasChildren = (v: number): boolean => {
    for (let c = 0; c < P; c++) if (pr.fa[c] === v || pr.mo[c] === v) return true;
    return false;
  };
  const alleleQuery = q >= 0 && (pr.fa[q] as number) >= 0 && !hasChildren(q);
  // Variables P and P+1 are the query's paternal and maternal alleles (domain n).
  const U = P;
  const V = P + 1;
  const dimOf = (v: number): number => (v >= P ? n : (domains[v] as Int32Array).length);
  // A variable with one possible value (a typed person) is a constant: it is left
  // out of every dense factor (removing a size-1 dimension leaves the data as it is),
  // so conditioning on typed people never merges their neighbours.
  const strip = (f: Factor): Factor => {
    if (f.dims.every((d) => d !== 1)) return f;
    const keep = f.vars.map((_, i) => i).filter((i) => f.dims[i] !== 1);
    return { vars: keep.map((i) => f.vars[i] as number), dims: keep.map((i) => f.dims[i] as number), data: f.data, lnScale: f.lnScale };
  };
  let factors: Factor[] = [];
  const lazy = new Uint8Array(P);
  for (let v = 0; v < P; v++) {
    if ((pr.fa[v] as number) < 0) {
      if (priors) factors.push(strip(founderPrior(pr, v, domains[v] as Int32Array)));
    } else lazy[v] = 1;
  }
  const alive = new Uint8Array(P).fill(1);
  let keepParents = -1;
  if (alleleQuery) {
    factors.push(strip(alleleTransmission(pr, domains, pr.fa[q] as number, U, pr.male)));
    factors.push(strip(alleleTransmission(pr, domains, pr.mo[q] as number, V, pr.female)));
    lazy[q] = 0;
    alive[q] = 0;
  } else if (q >= 0) keepParents = q;
  const qf = keepParents >= 0 ? (pr.fa[q] as number) : -1;
  const qm = keepParents >= 0 ? (pr.mo[q] as number) : -1;
  const lazyChildren = (v: number): number[] => {
    const out: number[] = [];
    for (let c = 0; c < P; c++) if (lazy[c] && (pr.fa[c] === v || pr.mo[c] === v)) out.push(c);
    return out;
  };
  const kernel = pr.male === null && pr.female === null ? n * n : n * n * n;
  for (;;) {
    let best = -1;
    let bestCost = Infinity;
    let bestFast = false;
    for (let v = 0; v < P; v++) {
      if (!alive[v] || v === q || v === qf || v === qm) continue;
      const own = factors.filter((f) => f.vars.includes(v));
      const kids = lazyChildren(v);
      const f = pr.fa[v] as number;
      const m = pr.mo[v] as number;
      let cost: number;
      let fast = false;
      if (lazy[v] && kids.length === 0 && own.every((x) => !x.vars.includes(f) && !x.vars.includes(m))) {
        // Peel the child onto its parents, once per joint value of its other neighbours.
        let others = 1;
        const seen = new Set<number>([v]);
        for (const x of own) for (const w of x.vars) if (!seen.has(w)) { seen.add(w); others *= dimOf(w); }
        fast = true;
        cost = others * (dimOf(f) * dimOf(m) + kernel);
      } else {
        const vars = new Set<number>([v]);
        for (const x of own) for (const w of x.vars) vars.add(w);
        const links = lazy[v] ? [v, ...kids] : kids;
        for (const c of links) {
          vars.add(c);
          vars.add(pr.fa[c] as number);
          vars.add(pr.mo[c] as number);
        }
        cost = 1;
        for (const w of vars) cost *= dimOf(w);
      }
      if (cost < bestCost) {
        best = v;
        bestCost = cost;
        bestFast = fast;
      }
    }
    if (best < 0) break;
    const v = best;
    const own = factors.filter((f) => f.vars.includes(v));
    factors = factors.filter((f) => !f.vars.includes(v));
    let next: Factor;
    if (bestFast) {
      next = childMessage(pr, domains, v, own, dimOf);
      lazy[v] = 0;
    } else {
      const links = lazy[v] ? [v, ...lazyChildren(v)] : lazyChildren(v);
      for (const c of links) {
        own.push(strip(transmissionFactor(pr, domains, c)));
        lazy[c] = 0;
      }
      next = multiplyAndSum(own, v, dimOf);
    }
    alive[v] = 0;
    if (!normalise(next)) return impossibleFor(pr);
    factors.push(strip(next));
  }
  if (q < 0) {
    let ln = 0;
    for (const f of factors) ln += f.lnScale + Math.log(f.data[0] as number);
    return { ln };
  }
  if (!alleleQuery) return finishQuery(pr, domains, factors, lazy);
  // Every factor left is over U and/or V: combine into (U, V) and fold ordered pairs into genotypes.
  const ones: Factor = { vars: [U, V], dims: [n, n], data: new Float64Array(n * n).fill(1), lnScale: 0 };
  const joint = multiplyAndSum([ones, ...factors], -1, dimOf);
  const G = (n * (n + 1)) / 2;
  const out = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  for (let g = 0; g < G; g++) {
    const a = LO[g] as number;
    const b = HI[g] as number;
    const value = (joint.data[a * n + b] as number) + (a !== b ? (joint.data[b * n + a] as number) : 0);
    if (value > 0) out[g] = Math.log(value) + joint.lnScale;
  }
  return { ln: Number.NaN, query: out };
}

function impossibleFor(pr: Problem): Solution {
  if (pr.query < 0) return IMPOSSIBLE;
  const G = (pr.nA * (pr.nA + 1)) / 2;
  return { ln: Number.NEGATIVE_INFINITY, query: new Float64Array(G).fill(Number.NEGATIVE_INFINITY) };
}

/** Combines what is left into ln P(query = g, data) over the full genotype list. */
function finishQuery(pr: Problem, domains: Int32Array[], factors: Factor[], lazy: Uint8Array): Solution {
  const q = pr.query;
  const n = pr.nA;
  const G = (n * (n + 1)) / 2;
  const dq = domains[q] as Int32Array;
  const dimOf = (v: number): number => (domains[v] as Int32Array).length;
  const out = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  let vector: Float64Array;
  let lnScale: number;
  const f = pr.fa[q] as number;
  const m = pr.mo[q] as number;
  const coupled = factors.some((x) => x.vars.includes(q) && x.vars.length > 1);
  if (f < 0 || coupled) {
    const all = [...factors];
    if (f >= 0 && lazy[q]) all.push(transmissionFactor(pr, domains, q));
    let combined = multiplyAndSum(all, -1, dimOf);
    for (const v of combined.vars) if (v !== q) combined = multiplyAndSum([combined], v, dimOf);
    if (!combined.vars.includes(q)) combined = multiplyAndSum([combined, { vars: [q], dims: [dq.length], data: new Float64Array(dq.length).fill(1), lnScale: 0 }], -1, dimOf);
    vector = combined.data;
    lnScale = combined.lnScale;
  } else {
    const onQ = factors.filter((x) => x.vars.includes(q));
    const rest = factors.filter((x) => !x.vars.includes(q));
    const df = domains[f] as Int32Array;
    const dm = domains[m] as Int32Array;
    const ones: Factor = { vars: [f, m], dims: [df.length, dm.length], data: new Float64Array(df.length * dm.length).fill(1), lnScale: 0 };
    const phi = leading(ones, rest, dimOf);
    const u = unaryProduct(onQ, dq.length);
    const Q = parentsToChild(pr, phi.data, df, dm);
    vector = new Float64Array(dq.length);
    for (let k = 0; k < dq.length; k++) {
      const g = dq[k] as number;
      const a = LO[g] as number;
      const b = HI[g] as number;
      vector[k] = (u.values[k] as number) * ((Q[a * n + b] as number) + (a !== b ? (Q[b * n + a] as number) : 0));
    }
    lnScale = phi.lnScale + u.lnScale;
  }
  for (let k = 0; k < dq.length; k++) {
    const value = vector[k] as number;
    out[dq[k] as number] = value > 0 ? Math.log(value) + lnScale : Number.NEGATIVE_INFINITY;
  }
  return { ln: Number.NaN, query: out };
}
