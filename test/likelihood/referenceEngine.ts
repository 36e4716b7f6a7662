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
 * transmission matrices (K = A·Λ·Bᵀ), instead of the O(d_c·d_f·d_m) table.
 */
import type { Problem, Solution } from '../../src/likelihood/buildProblem.js';
import { multiplyAndSum, normalise, type Factor } from '../../src/likelihood/factor.js';
import { HI, LO } from '../../src/likelihood/genotypeTables.js';
import { likelihoodWith, queryWith, type PeelInput } from '../../src/likelihood/peel.js';

/** lnLikelihood by genotype-level peeling: an independent second engine for tests. */
export function lnLikelihoodReference(input: PeelInput): number {
  return likelihoodWith(input, eliminateAll);
}

/** lnQueryLikelihoods by genotype-level peeling. */
export function lnQueryLikelihoodsReference(input: PeelInput, query: number): Float64Array {
  return queryWith(input, query, eliminateAll);
}

/** Hardy-Weinberg genotype probabilities over a domain. */
function founderPrior(pr: Problem, v: number, domain: Int32Array): Factor {
  const data = new Float64Array(domain.length);
  for (let k = 0; k < domain.length; k++) {
    const g = domain[k] as number;
    const a = LO[g] as number;
    const b = HI[g] as number;
    data[k] = a === b ? (pr.freq[a] as number) ** 2 : 2 * (pr.freq[a] as number) * (pr.freq[b] as number);
  }
  return { vars: [v], dims: [domain.length], data, lnScale: 0 };
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

/** The factor T(allele | parent) over (parent genotype, allele): ½(M[a][u] + M[b][u]). */
function alleleTransmission(pr: Problem, domains: Int32Array[], parent: number, allele: number, m: Float64Array | null): Factor {
  const n = pr.nA;
  const d = domains[parent] as Int32Array;
  const data = new Float64Array(d.length * n);
  for (let i = 0; i < d.length; i++) {
    const a = LO[d[i] as number] as number;
    const b = HI[d[i] as number] as number;
    for (let u = 0; u < n; u++) data[i * n + u] = transmit(m, n, a, b, u);
  }
  return { vars: [parent, allele], dims: [d.length, n], data, lnScale: 0 };
}

function impossibleFor(pr: Problem): Solution {
  if (pr.query < 0) return IMPOSSIBLE;
  const G = (pr.nA * (pr.nA + 1)) / 2;
  return { ln: Number.NEGATIVE_INFINITY, query: new Float64Array(G).fill(Number.NEGATIVE_INFINITY) };
}

/** ½(M[a][u] + M[b][u]): probability that a parent with genotype {a, b} transmits u. */
function transmit(m: Float64Array | null, n: number, a: number, b: number, u: number): number {
  if (m === null) return ((a === u ? 1 : 0) + (b === u ? 1 : 0)) / 2;
  return ((m[a * n + u] as number) + (m[b * n + u] as number)) / 2;
}

/** The full table P(child | father, mother) over the three domains. O(d_c·d_f·d_m). */
function transmissionFactor(pr: Problem, domains: Int32Array[], c: number): Factor {
  const f = pr.fa[c] as number;
  const m = pr.mo[c] as number;
  const dc = domains[c] as Int32Array;
  const df = domains[f] as Int32Array;
  const dm = domains[m] as Int32Array;
  const n = pr.nA;
  const data = new Float64Array(dc.length * df.length * dm.length);
  let k = 0;
  for (let i = 0; i < dc.length; i++) {
    const u = LO[dc[i] as number] as number;
    const w = HI[dc[i] as number] as number;
    for (let j = 0; j < df.length; j++) {
      const a = LO[df[j] as number] as number;
      const b = HI[df[j] as number] as number;
      const fu = transmit(pr.male, n, a, b, u);
      const fw = transmit(pr.male, n, a, b, w);
      for (let l = 0; l < dm.length; l++) {
        const x = LO[dm[l] as number] as number;
        const y = HI[dm[l] as number] as number;
        const p = fu * transmit(pr.female, n, x, y, w) + (u !== w ? fw * transmit(pr.female, n, x, y, u) : 0);
        data[k++] = p;
      }
    }
  }
  return { vars: [c, f, m], dims: [dc.length, df.length, dm.length], data, lnScale: 0 };
}

/** Product of unary factors over one variable's domain, as a vector with its ln scale. */
function unaryProduct(factors: readonly Factor[], size: number): { values: Float64Array; lnScale: number } {
  const values = new Float64Array(size).fill(1);
  let lnScale = 0;
  for (const f of factors) {
    lnScale += f.lnScale;
    for (let k = 0; k < size; k++) values[k] = (values[k] as number) * (f.data[k] as number);
  }
  return { values, lnScale };
}

/**
 * Peels child c (linked to its parents and to other variables W) onto them:
 * for each joint value w of W, with father {a,b} and mother {x,y},
 * Σ_g λ_w(g)P(g|f,m) = ¼(K[a][x]+K[a][y]+K[b][x]+K[b][y]) with K = A·Λ_w·Bᵀ
 * over ordered child alleles. Result over (f, m, ...W).
 * Cost: O(|W|·(n³ + d_f·d_m)).
 */
function childMessage(pr: Problem, domains: Int32Array[], c: number, own: readonly Factor[], dimOf: (v: number) => number): Factor {
  const n = pr.nA;
  const f = pr.fa[c] as number;
  const m = pr.mo[c] as number;
  const dc = domains[c] as Int32Array;
  const df = domains[f] as Int32Array;
  const dm = domains[m] as Int32Array;
  const onesC: Factor = { vars: [c], dims: [dc.length], data: new Float64Array(dc.length).fill(1), lnScale: 0 };
  const lambda = own.length === 0 ? onesC : multiplyAndSum([onesC, ...own], -1, dimOf);
  const W = lambda.vars.slice(1);
  const wDims = lambda.dims.slice(1);
  let wSize = 1;
  for (const d of wDims) wSize *= d;
  const inF = new Uint8Array(n);
  const inM = new Uint8Array(n);
  for (const g of df) inF[LO[g] as number] = inF[HI[g] as number] = 1;
  for (const g of dm) inM[LO[g] as number] = inM[HI[g] as number] = 1;
  const A = pr.male;
  const B = pr.female;
  const lam = new Float64Array(n * n);
  const rowUsed = new Uint8Array(n);
  const C = new Float64Array(n * n);
  const K = A === null ? C : new Float64Array(n * n);
  const fm = df.length * dm.length;
  const data = new Float64Array(fm * wSize);
  for (let w = 0; w < wSize; w++) {
    lam.fill(0);
    rowUsed.fill(0);
    let any = false;
    for (let k = 0; k < dc.length; k++) {
      const value = lambda.data[k * wSize + w] as number;
      if (value === 0) continue;
      any = true;
      const g = dc[k] as number;
      const u = LO[g] as number;
      const v = HI[g] as number;
      lam[u * n + v] = value;
      lam[v * n + u] = value;
      rowUsed[u] = 1;
      rowUsed[v] = 1;
    }
    if (!any) continue;
    // C[u][x] = Σ_v Λ[u][v]·B[x][v]
    C.fill(0);
    for (let u = 0; u < n; u++) {
      if (!rowUsed[u]) continue;
      for (let x = 0; x < n; x++) {
        if (!inM[x]) continue;
        if (B === null) C[u * n + x] = lam[u * n + x] as number;
        else {
          let sum = 0;
          for (let v = 0; v < n; v++) sum += (lam[u * n + v] as number) * (B[x * n + v] as number);
          C[u * n + x] = sum;
        }
      }
    }
    // K[a][x] = Σ_u A[a][u]·C[u][x]
    if (A !== null) {
      K.fill(0);
      for (let a = 0; a < n; a++) {
        if (!inF[a]) continue;
        for (let u = 0; u < n; u++) {
          if (!rowUsed[u]) continue;
          const weight = A[a * n + u] as number;
          if (weight === 0) continue;
          for (let x = 0; x < n; x++) if (inM[x]) K[a * n + x] = (K[a * n + x] as number) + weight * (C[u * n + x] as number);
        }
      }
    }
    for (let i = 0; i < df.length; i++) {
      const a = LO[df[i] as number] as number;
      const b = HI[df[i] as number] as number;
      for (let j = 0; j < dm.length; j++) {
        const x = LO[dm[j] as number] as number;
        const y = HI[dm[j] as number] as number;
        data[(i * dm.length + j) * wSize + w] = 0.25 * ((K[a * n + x] as number) + (K[a * n + y] as number) + (K[b * n + x] as number) + (K[b * n + y] as number));
      }
    }
  }
  return { vars: [f, m, ...W], dims: [df.length, dm.length, ...wDims], data, lnScale: lambda.lnScale };
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
    const phi = multiplyAndSum([ones, ...rest], -1, dimOf);
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

/**
 * Q[u][v] = Σ_{f,m} φ(f,m)·T_f(u|f)·T_m(v|m) for ordered child alleles (u paternal),
 * in O(d_f·d_m + d_f·n² + n³) through ψ (mother's allele weights per father genotype).
 */
function parentsToChild(pr: Problem, phi: Float64Array, df: Int32Array, dm: Int32Array): Float64Array {
  const n = pr.nA;
  const A = pr.male;
  const B = pr.female;
  const psi = new Float64Array(df.length * n);
  for (let i = 0; i < df.length; i++) {
    for (let j = 0; j < dm.length; j++) {
      const w = phi[i * dm.length + j] as number;
      if (w === 0) continue;
      const g = dm[j] as number;
      psi[i * n + (LO[g] as number)] = (psi[i * n + (LO[g] as number)] as number) + w;
      psi[i * n + (HI[g] as number)] = (psi[i * n + (HI[g] as number)] as number) + w;
    }
  }
  // R[i][v] = ½ Σ_x ψ[i][x]·B[x][v]
  let R = psi;
  if (B !== null) {
    R = new Float64Array(df.length * n);
    for (let i = 0; i < df.length; i++) {
      for (let x = 0; x < n; x++) {
        const w = psi[i * n + x] as number;
        if (w === 0) continue;
        for (let v = 0; v < n; v++) R[i * n + v] = (R[i * n + v] as number) + w * (B[x * n + v] as number);
      }
    }
  }
  // S[y][v] = Σ_i c_f_i(y)·R[i][v]
  const S = new Float64Array(n * n);
  for (let i = 0; i < df.length; i++) {
    const g = df[i] as number;
    for (const y of [LO[g] as number, HI[g] as number]) for (let v = 0; v < n; v++) S[y * n + v] = (S[y * n + v] as number) + (R[i * n + v] as number);
  }
  // Q[u][v] = ¼ Σ_y A[y][u]·S[y][v]  (the two halves of T_f and T_m)
  const Q = new Float64Array(n * n);
  if (A === null) for (let k = 0; k < n * n; k++) Q[k] = 0.25 * (S[k] as number);
  else {
    for (let y = 0; y < n; y++) {
      for (let u = 0; u < n; u++) {
        const w = 0.25 * (A[y * n + u] as number);
        if (w === 0) continue;
        for (let v = 0; v < n; v++) Q[u * n + v] = (Q[u * n + v] as number) + w * (S[y * n + v] as number);
      }
    }
  }
  return Q;
}
