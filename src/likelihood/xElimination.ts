/**
 * X-chromosomal markers, the engine: variable elimination over X alleles and
 * the theta (Balding-Nichols) founder step, a code path of its own beside the
 * autosomal one (alleleElimination.ts, solveTheta.ts).
 *
 * Variables: a female v has two allele variables, 2v (her father's X) and
 * 2v+1 (one of her mother's two X alleles); a male v has one, 2v+1 (from his
 * mother). Every child's maternal allele has a meiosis selector 2P+v (which of
 * the mother's two alleles), so that T(c | mother) = ½·Mf[m_p][c] + ½·Mf[m_m][c]
 * factorises as in the autosomal engine. A daughter's paternal allele is her
 * father's single allele through the male mutation matrix, with no selector:
 * T(c | father) = Mm[f][c]. Sons get nothing from their father.
 *
 * Founders: a male founder's allele is one draw from the population, p_a
 * (Hardy-Weinberg) or with theta > 0 one draw from the urn; a female founder's
 * two alleles are two draws.
 * @internal
 */
import { planOrder } from './alleleElimination.js';
import type { Solution } from './buildProblem.js';
import { multiplyAndSum, normalise, type Factor } from './factor.js';
import { gIndex, HI, LO } from './genotypeTables.js';
import { checkThetaCost, founderCombinations } from './solveTheta.js';
import type { XProblem } from './xProblem.js';

/**
 * Runs the X elimination with the given genotype domains (a male's domain
 * holds indices a/a). With `priors` false founders carry no prior (the theta
 * step fixes and weighs them).
 * Cost: O(people × n³) for n alleles in typical pedigrees.
 */
export function eliminateX(pr: XProblem, domains: readonly Int32Array[], priors: boolean): Solution {
  const P = pr.fa.length;
  const n = pr.nA;
  const G = (n * (n + 1)) / 2;
  const isFounder = (v: number): boolean => (pr.mo[v] as number) < 0;
  const fixed = (v: number): boolean => isFounder(v) && (domains[v] as Int32Array).length === 1;
  const full = (v: number): number => (pr.isMale[v] ? n : G);
  const all = new Int32Array(n);
  for (let a = 0; a < n; a++) all[a] = a;
  const alleleDomain: Int32Array[] = [];
  for (let v = 0; v < P; v++) {
    const domain = domains[v] as Int32Array;
    if (domain.length === full(v) || fixed(v)) {
      alleleDomain.push(all, all);
      continue;
    }
    const present = new Uint8Array(n);
    for (const g of domain) present[LO[g] as number] = present[HI[g] as number] = 1;
    const set: number[] = [];
    for (let a = 0; a < n; a++) if (present[a]) set.push(a);
    const d = Int32Array.from(set);
    alleleDomain.push(d, d);
  }
  const dimOf = (x: number): number => (x < 2 * P ? (alleleDomain[x] as Int32Array).length : 2);
  const factors: Factor[] = [];
  let lnConstant = 0;
  for (let v = 0; v < P; v++) {
    const domain = domains[v] as Int32Array;
    const male = pr.isMale[v] === 1;
    if (fixed(v)) {
      if (priors) {
        const a = LO[domain[0] as number] as number;
        const b = HI[domain[0] as number] as number;
        const lnA = Math.log(pr.freq[a] as number);
        lnConstant += male ? lnA : a === b ? 2 * lnA : Math.LN2 + lnA + Math.log(pr.freq[b] as number);
      }
      continue;
    }
    const dv = alleleDomain[2 * v + 1] as Int32Array;
    if (isFounder(v) && priors) {
      const prior = Float64Array.from(dv, (a) => pr.freq[a] as number);
      factors.push({ vars: [2 * v + 1], dims: [dv.length], data: prior, lnScale: 0 });
      if (!male) factors.push({ vars: [2 * v], dims: [dv.length], data: Float64Array.from(prior), lnScale: 0 });
    }
    if (!male && domain.length < G) {
      // Evidence on the female's ordered pair: allowed when the unordered genotype is in the domain.
      const allowed = new Uint8Array(G);
      for (const g of domain) allowed[g] = 1;
      const k = dv.length;
      const data = new Float64Array(k * k);
      let any0 = false;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (allowed[gIndex(dv[i] as number, dv[j] as number)]) data[i * k + j] = 1;
      for (let i = 0; i < data.length; i++) if (data[i] === 0) any0 = true;
      if (any0) factors.push({ vars: [2 * v, 2 * v + 1], dims: [k, k], data, lnScale: 0 });
    }
    if (isFounder(v)) continue;
    maternal(factors, pr, domains, alleleDomain, v, fixed(pr.mo[v] as number));
    const f = pr.fa[v] as number;
    if (!male && f >= 0) paternal(factors, pr, domains, alleleDomain, v, f, fixed(f));
  }

  const q = pr.query;
  const queryMale = q >= 0 && pr.isMale[q] === 1;
  const keep = new Set<number>(q >= 0 && !fixed(q) ? (queryMale ? [2 * q + 1] : [2 * q, 2 * q + 1]) : []);
  const order = planOrder(factors, keep, dimOf);
  let live = factors;
  for (const best of order) {
    const own: Factor[] = [];
    const rest: Factor[] = [];
    for (const f of live) (f.vars.includes(best) ? own : rest).push(f);
    if (own.length === 0) continue;
    live = rest;
    const next = multiplyAndSum(own, best, dimOf);
    if (!normalise(next)) return impossible(q, G);
    live.push(next);
  }
  let ln = lnConstant;
  if (q < 0 || fixed(q)) {
    for (const f of live) ln += f.lnScale + Math.log(f.data[0] as number);
    if (q < 0) return { ln };
    const out = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
    out[(domains[q] as Int32Array)[0] as number] = ln;
    return { ln: Number.NaN, query: out };
  }
  const out = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  if (queryMale) {
    const ones: Factor = { vars: [2 * q + 1], dims: [n], data: new Float64Array(n).fill(1), lnScale: 0 };
    const joint = multiplyAndSum([ones, ...live], -1, dimOf);
    for (let a = 0; a < n; a++) {
      const value = joint.data[a] as number;
      if (value > 0) out[gIndex(a, a)] = Math.log(value) + joint.lnScale + ln;
    }
    return { ln: Number.NaN, query: out };
  }
  const ones: Factor = { vars: [2 * q, 2 * q + 1], dims: [n, n], data: new Float64Array(n * n).fill(1), lnScale: 0 };
  const joint = multiplyAndSum([ones, ...live], -1, dimOf);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const value = (joint.data[a * n + b] as number) + (a !== b ? (joint.data[b * n + a] as number) : 0);
      if (value > 0) out[gIndex(a, b)] = Math.log(value) + joint.lnScale + ln;
    }
  }
  return { ln: Number.NaN, query: out };
}

function impossible(q: number, G: number): Solution {
  return q < 0 ? { ln: Number.NEGATIVE_INFINITY } : { ln: Number.NEGATIVE_INFINITY, query: new Float64Array(G).fill(Number.NEGATIVE_INFINITY) };
}

/** The mother's transmission into v's maternal allele 2v+1 (female matrix, a selector unless she is a fixed founder). */
function maternal(factors: Factor[], pr: XProblem, domains: readonly Int32Array[], alleleDomain: readonly Int32Array[], v: number, motherFixed: boolean): void {
  const n = pr.nA;
  const m = pr.mo[v] as number;
  const M = pr.female;
  const t = (x: number, y: number): number => (M === null ? (x === y ? 1 : 0) : (M[x * n + y] as number));
  const dc = alleleDomain[2 * v + 1] as Int32Array;
  const k = dc.length;
  if (motherFixed) {
    const g = (domains[m] as Int32Array)[0] as number;
    const a = LO[g] as number;
    const b = HI[g] as number;
    factors.push({ vars: [2 * v + 1], dims: [k], data: Float64Array.from(dc, (x) => (t(a, x) + t(b, x)) / 2), lnScale: 0 });
    return;
  }
  const dp = alleleDomain[2 * m] as Int32Array;
  const dm = alleleDomain[2 * m + 1] as Int32Array;
  const selector = 2 * pr.fa.length + v;
  // h0(s, mother's paternal allele, c) = ½·(s = 0 ? M[x][c] : 1); h1(s, mother's maternal allele, c) = (s = 1 ? M[y][c] : 1).
  const h0 = new Float64Array(2 * dp.length * k);
  for (let i = 0; i < dp.length; i++) {
    for (let j = 0; j < k; j++) {
      h0[i * k + j] = 0.5 * t(dp[i] as number, dc[j] as number);
      h0[dp.length * k + i * k + j] = 0.5;
    }
  }
  const h1 = new Float64Array(2 * dm.length * k);
  for (let i = 0; i < dm.length; i++) {
    for (let j = 0; j < k; j++) {
      h1[i * k + j] = 1;
      h1[dm.length * k + i * k + j] = t(dm[i] as number, dc[j] as number);
    }
  }
  factors.push({ vars: [selector, 2 * m, 2 * v + 1], dims: [2, dp.length, k], data: h0, lnScale: 0 });
  factors.push({ vars: [selector, 2 * m + 1, 2 * v + 1], dims: [2, dm.length, k], data: h1, lnScale: 0 });
}

/** The father's single X into daughter v's paternal allele 2v (male matrix, no selector). */
function paternal(factors: Factor[], pr: XProblem, domains: readonly Int32Array[], alleleDomain: readonly Int32Array[], v: number, f: number, fatherFixed: boolean): void {
  const n = pr.nA;
  const M = pr.male;
  const t = (x: number, y: number): number => (M === null ? (x === y ? 1 : 0) : (M[x * n + y] as number));
  const dc = alleleDomain[2 * v] as Int32Array;
  const k = dc.length;
  if (fatherFixed) {
    const a = LO[(domains[f] as Int32Array)[0] as number] as number;
    factors.push({ vars: [2 * v], dims: [k], data: Float64Array.from(dc, (x) => t(a, x)), lnScale: 0 });
    return;
  }
  const df = alleleDomain[2 * f + 1] as Int32Array;
  const data = new Float64Array(df.length * k);
  for (let i = 0; i < df.length; i++) for (let j = 0; j < k; j++) data[i * k + j] = t(df[i] as number, dc[j] as number);
  factors.push({ vars: [2 * f + 1, 2 * v], dims: [df.length, k], data, lnScale: 0 });
}

/** Adds b to a in log space. */
function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * The X founder step: with theta 0 one elimination with Hardy-Weinberg
 * founders (p_a for a male, p_a·p_b·(2 if a ≠ b) for a female); with theta > 0
 * founders' genotypes are enumerated jointly, each combination weighted by the
 * urn probability of all founder alleles drawn in sequence (one draw per male,
 * two per female), and the rest peeled once per combination.
 *
 * @throws ModelError `theta-too-costly` beyond THETA_ENUMERATION_LIMIT (solveTheta.ts) combinations.
 */
export function solveX(pr: XProblem): Solution {
  if (pr.theta === 0) return eliminateX(pr, pr.domains, true);
  const P = pr.fa.length;
  const founders: number[] = [];
  for (let v = 0; v < P; v++) if ((pr.mo[v] as number) < 0) founders.push(v);
  founders.sort((x, y) => (pr.domains[x] as Int32Array).length - (pr.domains[y] as Int32Array).length);
  checkThetaCost(founderCombinations(pr.domains, pr.mo), pr.name);
  const theta = pr.theta;
  const G = (pr.nA * (pr.nA + 1)) / 2;
  const domains = pr.domains.slice();
  const counts = new Float64Array(pr.nA);
  let total = Number.NEGATIVE_INFINITY;
  const query = pr.query >= 0 ? new Float64Array(G).fill(Number.NEGATIVE_INFINITY) : undefined;
  // Balding-Nichols: having drawn `drawn` alleles, of which counts[a] are a, the next is a with this probability.
  const draw = (a: number, drawn: number): number => Math.log(((counts[a] as number) * theta + (1 - theta) * (pr.freq[a] as number)) / (1 + (drawn - 1) * theta));
  const visit = (k: number, drawn: number, lnWeight: number): void => {
    if (k === founders.length) {
      const result = eliminateX(pr, domains, false);
      if (query !== undefined && result.query !== undefined) {
        for (let g = 0; g < G; g++) query[g] = logAdd(query[g] as number, lnWeight + (result.query[g] as number));
      } else total = logAdd(total, lnWeight + result.ln);
      return;
    }
    const v = founders[k] as number;
    const domain = pr.domains[v] as Int32Array;
    const male = pr.isMale[v] === 1;
    for (let i = 0; i < domain.length; i++) {
      const g = domain[i] as number;
      const a = LO[g] as number;
      const b = HI[g] as number;
      domains[v] = Int32Array.of(g);
      if (male) {
        // A male's single X allele is ONE draw from the urn.
        const w = draw(a, drawn);
        counts[a] = (counts[a] as number) + 1;
        visit(k + 1, drawn + 1, lnWeight + w);
        counts[a] = (counts[a] as number) - 1;
        continue;
      }
      let w = draw(a, drawn);
      counts[a] = (counts[a] as number) + 1;
      w += draw(b, drawn + 1);
      counts[b] = (counts[b] as number) + 1;
      if (a !== b) w += Math.LN2;
      visit(k + 1, drawn + 2, lnWeight + w);
      counts[a] = (counts[a] as number) - 1;
      counts[b] = (counts[b] as number) - 1;
    }
    domains[v] = domain;
  };
  visit(0, 0, 0);
  return query !== undefined ? { ln: Number.NaN, query } : { ln: total };
}
