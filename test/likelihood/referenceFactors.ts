/**
 * The factors of the genotype-level reference engine (referenceEngine.ts):
 * founder priors, transmission tables, and the two fast paths that peel a
 * child onto its parents and its parents onto a query child through the
 * allele transmission matrices.
 */
import type { Problem } from '../../src/likelihood/buildProblem.js';
import { multiplyAndSum, type Factor } from '../../src/likelihood/factor.js';
import { HI, LO } from '../../src/likelihood/genotypeTables.js';

/** Hardy-Weinberg genotype probabilities over a domain. */
export function founderPrior(pr: Problem, v: number, domain: Int32Array): Factor {
  const data = new Float64Array(domain.length);
  for (let k = 0; k < domain.length; k++) {
    const g = domain[k] as number;
    const a = LO[g] as number;
    const b = HI[g] as number;
    data[k] = a === b ? (pr.freq[a] as number) ** 2 : 2 * (pr.freq[a] as number) * (pr.freq[b] as number);
  }
  return { vars: [v], dims: [domain.length], data, lnScale: 0 };
}

/** The factor T(allele | parent) over (parent genotype, allele): ½(M[a][u] + M[b][u]). */
export function alleleTransmission(pr: Problem, domains: Int32Array[], parent: number, allele: number, m: Float64Array | null): Factor {
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

/** ½(M[a][u] + M[b][u]): probability that a parent with genotype {a, b} transmits u. */
export function transmit(m: Float64Array | null, n: number, a: number, b: number, u: number): number {
  if (m === null) return ((a === u ? 1 : 0) + (b === u ? 1 : 0)) / 2;
  return ((m[a * n + u] as number) + (m[b * n + u] as number)) / 2;
}

/** The full table P(child | father, mother) over the three domains. O(d_c·d_f·d_m). */
export function transmissionFactor(pr: Problem, domains: Int32Array[], c: number): Factor {
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
export function unaryProduct(factors: readonly Factor[], size: number): { values: Float64Array; lnScale: number } {
  const values = new Float64Array(size).fill(1);
  let lnScale = 0;
  for (const f of factors) {
    lnScale += f.lnScale;
    for (let k = 0; k < size; k++) values[k] = (values[k] as number) * (f.data[k] as number);
  }
  return { values, lnScale };
}

/**
 * The product of `first` and `others` with `first`'s variables leading, in their order
 * (multiplyAndSum orders the variables of more than three factors by its own pairing,
 * so the others are multiplied first and joined to `first` in a product of two).
 */
export function leading(first: Factor, others: readonly Factor[], dimOf: (v: number) => number): Factor {
  if (others.length === 0) return first;
  return multiplyAndSum([first, multiplyAndSum(others, -1, dimOf)], -1, dimOf);
}

/**
 * Peels child c (linked to its parents and to other variables W) onto them:
 * for each joint value w of W, with father {a,b} and mother {x,y},
 * Σ_g λ_w(g)P(g|f,m) = ¼(K[a][x]+K[a][y]+K[b][x]+K[b][y]) with K = A·Λ_w·Bᵀ
 * over ordered child alleles. Result over (f, m, ...W).
 * Cost: O(|W|·(n³ + d_f·d_m)).
 */
export function childMessage(pr: Problem, domains: Int32Array[], c: number, own: readonly Factor[], dimOf: (v: number) => number): Factor {
  const n = pr.nA;
  const f = pr.fa[c] as number;
  const m = pr.mo[c] as number;
  const dc = domains[c] as Int32Array;
  const df = domains[f] as Int32Array;
  const dm = domains[m] as Int32Array;
  const onesC: Factor = { vars: [c], dims: [dc.length], data: new Float64Array(dc.length).fill(1), lnScale: 0 };
  const lambda = leading(onesC, own, dimOf);
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

/**
 * Q[u][v] = Σ_{f,m} φ(f,m)·T_f(u|f)·T_m(v|m) for ordered child alleles (u paternal),
 * in O(d_f·d_m + d_f·n² + n³) through ψ (mother's allele weights per father genotype).
 */
export function parentsToChild(pr: Problem, phi: Float64Array, df: Int32Array, dm: Int32Array): Float64Array {
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
