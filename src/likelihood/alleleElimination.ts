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
 * An unfixed founder's two allele variables are exchangeable (same prior,
 * same domain, symmetric evidence, and every transmission symmetric in them),
 * so for one of its transmissions the selector can be dropped and the child
 * taken to receive the founder's first allele: T(c | f) becomes M[f_p][c]
 * (the phase of a founder's first meiosis is arbitrary). That transmission is
 * the one to the query when there is one, where it turns an n³ table into n².
 * The prior of that first allele is multiplied into the same table (one
 * factor fewer in the products that eliminate it).
 * Loops need no special handling. The order is greedy (smallest joint table first).
 * @internal
 */
import { ModelError } from '../errors/StrkinError.js';
import { everyIndex } from './buildProblem.js';
import { factorData, multiplyAndSum, normalise, takeFactorsWith, withFactorArena, type Factor } from './factor.js';
import { compileProgram, runProgram, type Program } from './program.js';
import { codeUnitString } from '../util/arrays.js';

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
export function eliminateAlleles(pr: AlleleProblem, domains: readonly Int32Array[], lo: Int32Array, hi: Int32Array, priors: boolean, compiled = true): AlleleSolution {
  return withFactorArena(() => eliminate(pr, domains, lo, hi, priors, compiled));
}

/**
 * {@link eliminateAlleles} inside the factor arena (its tables never escape: the result is copied out).
 * With `compiled`, the products run as a compiled program (program.ts) cached by the factors'
 * shapes; without, step by step. Both give the same bits.
 */
function eliminate(pr: AlleleProblem, domains: readonly Int32Array[], lo: Int32Array, hi: Int32Array, priors: boolean, compiled: boolean): AlleleSolution {
  const P = pr.fa.length;
  const n = pr.nA;
  const G = (n * (n + 1)) / 2;
  const isFounder = (v: number): boolean => (pr.fa[v] as number) < 0;
  const fixed = (v: number): boolean => isFounder(v) && (domains[v] as Int32Array).length === 1;
  // Variables: alleles 2v (paternal), 2v+1 (maternal) of person v; selectors 2P+2c (paternal meiosis of c), 2P+2c+1 (maternal).
  // An allele variable ranges over the alleles its person's genotypes can hold: {a, b} for a typed
  // person (genotype elimination at the allele level), every allele for an untyped one.
  const all = everyIndex(n);
  const alleleDomain: Int32Array[] = [];
  const kinds: string[] = [];
  for (let v = 0; v < P; v++) {
    const domain = domains[v] as Int32Array;
    if (domain.length === G || fixed(v)) {
      alleleDomain.push(all, all);
      kinds.push(fixed(v) ? 'f' : 'u');
      continue;
    }
    const d = allelesOf(domain, lo, hi, n);
    alleleDomain.push(d, d);
    kinds.push(d.length <= 4 ? KIND_DIGITS[d.length] as string : 'p');
  }
  const dimOf = (x: number): number => (x < 2 * P ? (alleleDomain[x] as Int32Array).length : 2);
  const direct = directTransmissions(pr, kinds);
  const factors: Factor[] = [];
  // 1 where a person has an evidence factor (part of a compiled program's key).
  const evidence = new Uint8Array(P);
  let lnConstant = 0;

  for (let v = 0; v < P; v++) {
    const domain = domains[v] as Int32Array;
    if (fixed(v)) {
      if (priors) {
        const g = domain[0] as number;
        const a = lo[g] as number;
        const b = hi[g] as number;
        // In logs: p² underflows for p < ~1e-154.
        lnConstant += a === b ? 2 * Math.log(pr.freq[a] as number) : Math.LN2 + Math.log(pr.freq[a] as number) + Math.log(pr.freq[b] as number);
      }
      continue;
    }
    const dv = alleleDomain[2 * v] as Int32Array;
    if (isFounder(v) && priors) {
      // Factors are never modified once made, so both alleles share one prior (per frequency array when untyped).
      // The first allele's prior is folded into its direct transmission when it has one (one factor fewer in the products).
      const prior = founderPrior(pr.freq, dv);
      if ((direct[v] as number) < 0) factors.push({ vars: [2 * v], dims: [dv.length], data: prior, lnScale: 0 });
      factors.push({ vars: [2 * v + 1], dims: [dv.length], data: prior, lnScale: 0 });
    }
    if (domain.length < G) {
      // Evidence on the ordered pair: allowed when the unordered genotype is in the domain.
      if (ALLOWED.length < G) ALLOWED = new Uint8Array(2 * G);
      const allowed = ALLOWED;
      for (const g of domain) allowed[g] = 1;
      const k = dv.length;
      const data = factorData(k * k, true);
      let any0 = false;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (allowed[gIndex(dv[i] as number, dv[j] as number)]) data[i * k + j] = 1;
      for (const g of domain) allowed[g] = 0;
      for (let i = 0; i < data.length; i++) if (data[i] === 0) any0 = true;
      if (any0) {
        factors.push({ vars: [2 * v, 2 * v + 1], dims: [k, k], data, lnScale: 0 });
        evidence[v] = 1;
      }
    }
    if (!isFounder(v)) {
      const f = pr.fa[v] as number;
      const m = pr.mo[v] as number;
      if (direct[f] === 2 * v) factors.push(directTransmission(alleleDomain, f, 2 * v, pr.male, n, priors ? pr.freq : null));
      else addTransmission(factors, pr, domains, alleleDomain, lo, hi, f, 2 * v, 2 * P + 2 * v, pr.male, fixed(f));
      if (direct[m] === 2 * v + 1) factors.push(directTransmission(alleleDomain, m, 2 * v + 1, pr.female, n, priors ? pr.freq : null));
      else addTransmission(factors, pr, domains, alleleDomain, lo, hi, m, 2 * v + 1, 2 * P + 2 * v + 1, pr.female, fixed(m));
    }
  }

  const q = pr.query;
  const untypedQuery = q >= 0 && !fixed(q);
  if (compiled) {
    const key = programKey(pr, kinds, alleleDomain, evidence, q, priors);
    let program = PROGRAM_CACHE.get(key);
    if (program === undefined) {
      const order = plannedOrder(pr, kinds, direct, factors, q, priors);
      const ones = untypedQuery ? { vars: [2 * q, 2 * q + 1], dims: [n, n] } : null;
      program = compileProgram(factors, order, dimOf, ones);
      if (programFootprint > PROGRAM_CACHE_FOOTPRINT || PROGRAM_CACHE.size >= PROGRAM_CACHE_LIMIT) {
        PROGRAM_CACHE.clear();
        programFootprint = 0;
      }
      PROGRAM_CACHE.set(key, program);
      programFootprint += program === null ? 0 : program.footprint;
    }
    if (program !== null) return runCompiled(program, factors, lnConstant, q, untypedQuery, domains, n, G);
  }
  const order = plannedOrder(pr, kinds, direct, factors, q, priors);
  // The live factors, compacted in place at each step (no arrays made per step).
  const live = factors;
  const own: Factor[] = [];
  for (const best of order) {
    if (!takeFactorsWith(live, best, own)) continue;
    const next = multiplyAndSum(own, best, dimOf);
    if (!normalise(next)) return impossible(q, G);
    live.push(next);
  }

  if (q < 0) {
    let ln = lnConstant;
    for (const f of live) ln += f.lnScale + Math.log(f.data[0] as number);
    return { ln };
  }
  if (fixed(q)) {
    const out = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
    let ln = lnConstant;
    for (const f of live) ln += f.lnScale + Math.log(f.data[0] as number);
    out[(domains[q] as Int32Array)[0] as number] = ln;
    return { ln: Number.NaN, query: out };
  }
  // The query is untyped: its allele variables range over all n alleles, in order.
  const pq = 2 * q;
  const mq = 2 * q + 1;
  const ones: Factor = { vars: [pq, mq], dims: [n, n], data: (ONES[n] ??= new Float64Array(n * n).fill(1)), lnScale: 0 };
  const joint = multiplyAndSum([ones, ...live], -1, dimOf);
  return { ln: Number.NaN, query: queryLogs(joint.data, 0, joint.lnScale + lnConstant, n, G) };
}

/**
 * The elimination order of a problem's planned shape. The order depends only on which variables
 * exist, their sizes and how factors link them, so it is planned once per shape and reused (loci of
 * a family share the shape). Alleles assumed when planning: the order depends on sizes only
 * roughly, so loci are bucketed. A typed homozygote (one allele) is planned as a heterozygote (two
 * alleles, and the evidence factor linking them), so families differing only in that share an
 * order; the order is the same whichever of them comes first (it depends on the planned shape alone).
 */
function plannedOrder(pr: AlleleProblem, kinds: readonly string[], direct: Int32Array, factors: readonly Factor[], q: number, priors: boolean): number[] {
  const P = pr.fa.length;
  const n = pr.nA;
  const planningAlleles = n <= 12 ? 8 : n <= 24 ? 16 : 40;
  const planKinds = kinds.map((k) => (k === '1' ? '2' : k));
  const shape = shapeKey(pr, planKinds, q, priors, planningAlleles, direct);
  let order = ORDER_CACHE.get(shape);
  if (order === undefined) {
    const keep = new Set<number>(q >= 0 && kinds[q] !== 'f' ? [2 * q, 2 * q + 1] : []);
    const planned: { vars: readonly number[] }[] = [...factors];
    for (let v = 0; v < P; v++) if (kinds[v] === '1') planned.push({ vars: [2 * v, 2 * v + 1] });
    order = planOrder(planned, keep, (x) => (x >= 2 * P ? 2 : planKinds[x >> 1] === 'u' || planKinds[x >> 1] === 'p' ? planningAlleles : planKinds[x >> 1] === 'f' ? n : Number(planKinds[x >> 1])));
    if (ORDER_CACHE.size >= ORDER_CACHE_LIMIT) ORDER_CACHE.clear();
    ORDER_CACHE.set(shape, order);
  }
  return order;
}

/** The result of a compiled elimination, as the step-by-step one reads it from its live factors. */
function runCompiled(program: Program, factors: readonly Factor[], lnConstant: number, q: number, untypedQuery: boolean, domains: readonly Int32Array[], n: number, G: number): AlleleSolution {
  const state = runProgram(program, factors, untypedQuery ? (ONES[n] ??= new Float64Array(n * n).fill(1)) : null);
  if (state === null) return impossible(q, G);
  const { data, base, scale } = state;
  if (!untypedQuery) {
    let ln = lnConstant;
    for (const s of program.live) ln += (scale[s] as number) + Math.log((data[s] as Float64Array)[base[s] as number] as number);
    if (q < 0) return { ln };
    const out = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
    out[(domains[q] as Int32Array)[0] as number] = ln;
    return { ln: Number.NaN, query: out };
  }
  const j = program.joint;
  return { ln: Number.NaN, query: queryLogs(data[j] as Float64Array, base[j] as number, (scale[j] as number) + lnConstant, n, G) };
}

/** ln P(query = g, data) from the joint table over the query's (paternal, maternal) alleles at `at`, times exp(ln0). */
function queryLogs(data: Float64Array, at: number, ln0: number, n: number, G: number): Float64Array {
  // Every entry is written (genotype index b(b+1)/2 + a for a <= b, in order of b then a).
  const out = new Float64Array(G);
  for (let b = 0, g = 0; b < n; b++) {
    for (let a = 0; a <= b; a++, g++) {
      const value = (data[at + a * n + b] as number) + (a !== b ? (data[at + b * n + a] as number) : 0);
      out[g] = value > 0 ? Math.log(value) + ln0 : Number.NEGATIVE_INFINITY;
    }
  }
  return out;
}

/** Compiled programs by the shapes of their factors (see {@link programKey}). */
const PROGRAM_CACHE = new Map<string, Program | null>();
const PROGRAM_CACHE_LIMIT = 50_000;
/** Bytes the cached programs may hold (about 64 MiB) before the cache is emptied. */
const PROGRAM_CACHE_FOOTPRINT = 64 * 2 ** 20;
let programFootprint = 0;

/**
 * The key of a compiled program: everything the factors' shapes and the planned order depend on —
 * people, parents, query, priors, alleles, and per person its kind, allele-domain size and whether
 * it has an evidence factor. Fixed positions, one code unit per number (decimal beyond
 * {@link COMPACT_SHAPE_PEOPLE} people): no two shapes share a key.
 */
function programKey(pr: AlleleProblem, kinds: readonly string[], alleleDomain: readonly Int32Array[], evidence: Uint8Array, q: number, priors: boolean): string {
  const P = pr.fa.length;
  if (P > COMPACT_SHAPE_PEOPLE || pr.nA > 16_000) return `${P}|${pr.fa.join(',')}|${pr.mo.join(',')}|${kinds.join('')}|${q}|${priors ? 1 : 0}|${pr.nA}|${alleleDomain.map((d) => d.length).join(',')}|${evidence.join('')}`;
  const length = 4 + 5 * P;
  if (SHAPE_CODES.length < length) SHAPE_CODES = new Uint16Array(2 * length);
  const codes = SHAPE_CODES;
  codes[0] = P;
  codes[1] = q + 1;
  codes[2] = priors ? 1 : 0;
  codes[3] = pr.nA;
  for (let v = 0, at = 4; v < P; v++, at += 5) {
    codes[at] = (pr.fa[v] as number) + 1;
    codes[at + 1] = (pr.mo[v] as number) + 1;
    codes[at + 2] = (kinds[v] as string).charCodeAt(0);
    codes[at + 3] = (alleleDomain[2 * v] as Int32Array).length;
    codes[at + 4] = evidence[v] as number;
  }
  return codeUnitString(codes, length);
}

/** Largest pedigree whose shape key is written one UTF-16 code unit per number (larger ones get a decimal key). */
const COMPACT_SHAPE_PEOPLE = 16_000;
let SHAPE_CODES = new Uint16Array(64);

/**
 * The key of the planned shape: people, parents, planned kinds, query, priors, planning alleles and
 * direct transmissions. Fixed positions (the length comes first), one code unit per number: no two
 * shapes share a key.
 */
function shapeKey(pr: AlleleProblem, planKinds: readonly string[], q: number, priors: boolean, planningAlleles: number, direct: Int32Array): string {
  const P = pr.fa.length;
  if (P > COMPACT_SHAPE_PEOPLE) return `${P}|${pr.fa.join(',')}|${pr.mo.join(',')}|${planKinds.join('')}|${q}|${priors ? 1 : 0}|${planningAlleles}|${direct.join(',')}`;
  const length = 4 + 4 * P;
  if (SHAPE_CODES.length < length) SHAPE_CODES = new Uint16Array(2 * length);
  const codes = SHAPE_CODES;
  codes[0] = P;
  codes[1] = q + 1;
  codes[2] = priors ? 1 : 0;
  codes[3] = planningAlleles;
  for (let v = 0, at = 4; v < P; v++, at += 4) {
    codes[at] = (pr.fa[v] as number) + 1;
    codes[at + 1] = (pr.mo[v] as number) + 1;
    codes[at + 2] = (planKinds[v] as string).charCodeAt(0);
    codes[at + 3] = (direct[v] as number) + 1;
  }
  return codeUnitString(codes, length);
}

const KIND_DIGITS = ['0', '1', '2', '3', '4'];

/** Scratch allele flags (all 0 between uses). */
let PRESENT = new Uint8Array(64);

/** The alleles the genotypes of a domain hold, in increasing order. */
function allelesOf(domain: Int32Array, lo: Int32Array, hi: Int32Array, n: number): Int32Array {
  if (domain.length === 1) {
    const a = lo[domain[0] as number] as number;
    const b = hi[domain[0] as number] as number;
    return a === b ? Int32Array.of(a) : a < b ? Int32Array.of(a, b) : Int32Array.of(b, a);
  }
  if (PRESENT.length < n) PRESENT = new Uint8Array(2 * n);
  const present = PRESENT;
  let count = 0;
  for (const g of domain) {
    const a = lo[g] as number;
    const b = hi[g] as number;
    if (!present[a]) count++;
    present[a] = 1;
    if (!present[b]) count++;
    present[b] = 1;
  }
  const d = new Int32Array(count);
  for (let a = 0, i = 0; i < count; a++) {
    if (!present[a]) continue;
    d[i++] = a;
    present[a] = 0;
  }
  return d;
}

/** Scratch genotype flags of one typed person's domain (all 0 between uses). */
let ALLOWED = new Uint8Array(64);

/** n × n tables of ones (read only), per n. */
const ONES: Float64Array[] = [];

/** Founder allele priors over the full allele list, per frequency array (read only). */
const PRIOR_CACHE = new WeakMap<Float64Array, Float64Array>();

/** The allele frequencies over an allele domain; the cached array when the domain is every allele. */
function founderPrior(freq: Float64Array, domain: Int32Array): Float64Array {
  const full = domain.length === freq.length;
  if (full) {
    const cached = PRIOR_CACHE.get(freq);
    if (cached !== undefined) return cached;
  }
  const prior = new Float64Array(domain.length);
  for (let i = 0; i < domain.length; i++) prior[i] = freq[domain[i] as number] as number;
  if (full) PRIOR_CACHE.set(freq, prior);
  return prior;
}

const ORDER_CACHE = new Map<string, number[]>();
const ORDER_CACHE_LIMIT = 50_000;

/**
 * Scores a candidate step from the size of the factor it creates, its work, and the links it adds
 * (`fill`, computed only for the heuristics that read it).
 */
interface Heuristic {
  readonly usesFill: boolean;
  readonly score: (created: number, eliminated: number, fill: number) => number;
}
const HEURISTICS: readonly Heuristic[] = [
  { usesFill: false, score: (created) => created }, // min-weight
  { usesFill: false, score: (created, eliminated) => created * eliminated }, // min-work
  { usesFill: true, score: (created, _eliminated, fill) => fill * 1e9 + created }, // min-fill, then min-weight
];

/** Neighbourhoods larger than this get the largest possible fill instead of an exact count (keeps planning near-linear on large sibships). */
const EXACT_FILL_NEIGHBOURS = 64;

/** Elimination work (sum of table sizes) above which a pedigree is refused rather than stalling a run. */
export const ELIMINATION_WORK_LIMIT = 2e9;

/**
 * Plans the elimination order on the factors' variables alone: greedy orders
 * under a few classic heuristics (min-weight, min-work, min-fill), each costed
 * by the total size of the tables it would build, and the cheapest kept.
 * Cost: O(heuristics × steps × Σ factor sizes²), the fill count capped per variable.
 *
 * @throws {@link ModelError} `pedigree-too-costly` when even the cheapest order
 * would build more than {@link ELIMINATION_WORK_LIMIT} table entries.
 */
export function planOrder(factors: readonly { readonly vars: readonly number[] }[], keep: ReadonlySet<number>, dimOf: (x: number) => number): number[] {
  let best: number[] = [];
  let bestWork = Infinity;
  for (const heuristic of HEURISTICS) {
    const { order, work } = greedyOrder(factors, keep, dimOf, heuristic);
    if (work < bestWork) {
      best = order;
      bestWork = work;
    }
  }
  if (!(bestWork <= ELIMINATION_WORK_LIMIT)) {
    throw new ModelError({
      code: 'pedigree-too-costly',
      message: `The pedigree is too large or too interlinked to compute at this marker: the cheapest elimination order found builds more table entries than the limit of ${ELIMINATION_WORK_LIMIT.toExponential(0)} (entries = ${bestWork === Infinity ? '> 1e308' : bestWork.toExponential(1)})`,
      path: ['pedigree'],
    });
  }
  return best;
}

const pairKey = (a: number, b: number): number => (a < b ? a * 0x100000 + b : b * 0x100000 + a);

function greedyOrder(factors: readonly { readonly vars: readonly number[] }[], keep: ReadonlySet<number>, dimOf: (x: number) => number, heuristic: Heuristic): { order: number[]; work: number } {
  let live: number[][] = factors.map((f) => [...f.vars]);
  const order: number[] = [];
  let work = 0;
  for (;;) {
    const touched = new Map<number, Set<number>>();
    const together = heuristic.usesFill ? new Set<number>() : null;
    for (const vars of live) {
      for (let i = 0; i < vars.length; i++) {
        const x = vars[i] as number;
        if (together !== null) for (let j = i + 1; j < vars.length; j++) together.add(pairKey(x, vars[j] as number));
        if (keep.has(x)) continue;
        let set = touched.get(x);
        if (set === undefined) touched.set(x, (set = new Set()));
        for (const y of vars) set.add(y);
      }
    }
    let pick = -1;
    let pickScore = Infinity;
    let pickWork = 0;
    for (const [x, set] of touched) {
      let created = 1;
      for (const y of set) if (y !== x) created *= dimOf(y);
      // Fill: pairs of x's neighbours not yet together in a factor.
      let fill = 0;
      if (together !== null) {
        const neighbours = [...set].filter((y) => y !== x);
        const k = neighbours.length;
        if (k > EXACT_FILL_NEIGHBOURS) fill = (k * (k - 1)) / 2;
        else {
          for (let i = 0; i < k; i++) {
            for (let j = i + 1; j < k; j++) if (!together.has(pairKey(neighbours[i] as number, neighbours[j] as number))) fill++;
          }
        }
      }
      const value = heuristic.score(created, dimOf(x), fill);
      if (value < pickScore || (value === pickScore && x < pick)) {
        pick = x;
        pickScore = value;
        pickWork = created * dimOf(x);
      }
    }
    if (pick < 0) return { order, work };
    order.push(pick);
    work += pickWork;
    const merged = new Set<number>();
    live = live.filter((vars) => {
      if (!vars.includes(pick)) return true;
      for (const y of vars) if (y !== pick) merged.add(y);
      return false;
    });
    live.push([...merged]);
  }
}

function impossible(q: number, G: number): AlleleSolution {
  return q < 0 ? { ln: Number.NEGATIVE_INFINITY } : { ln: Number.NEGATIVE_INFINITY, query: new Float64Array(G).fill(Number.NEGATIVE_INFINITY) };
}

/**
 * For every founder that is not fixed, the one allele variable of a child that
 * receives the founder's first allele directly (-1: none): the query's, when
 * the founder is a parent of the query, else the first child whose allele
 * domain is not a typed pair's, else the first child. Depends on the
 * pedigree, the query and the kinds of domain only (it is part of the
 * planned shape).
 */
function directTransmissions(pr: AlleleProblem, kinds: readonly string[]): Int32Array {
  const P = pr.fa.length;
  const direct = new Int32Array(P).fill(-1);
  const rank = (v: number): number => (v === pr.query ? 2 : kinds[v] === 'u' || kinds[v] === 'p' ? 1 : 0);
  const best = new Int32Array(P).fill(-1);
  for (let v = 0; v < P; v++) {
    const f = pr.fa[v] as number;
    if (f < 0) continue;
    const m = pr.mo[v] as number;
    for (let side = 0; side < 2; side++) {
      const parent = side === 0 ? f : m;
      if (kinds[parent] === 'f' || (pr.fa[parent] as number) >= 0) continue;
      const current = best[parent] as number;
      if (current < 0 || rank(v) > rank(current)) {
        best[parent] = v;
        direct[parent] = 2 * v + side;
      }
    }
  }
  return direct;
}

/**
 * T(child allele | founder) = M[founder's first allele][child allele] (see the file comment), times
 * the prior of the founder's first allele when `freq` is given.
 */
function directTransmission(alleleDomain: readonly Int32Array[], parent: number, child: number, m: Float64Array | null, n: number, freq: Float64Array | null): Factor {
  const dp = alleleDomain[2 * parent] as Int32Array;
  const dc = alleleDomain[child] as Int32Array;
  const k = dc.length;
  // Between two untyped people the table depends only on the matrix and the prior: built once per pair of them.
  const untyped = dp.length === n && k === n;
  let cache: { withPrior: WeakMap<Float64Array, Float64Array>; plain: Float64Array | null } | undefined;
  if (untyped) {
    const key = m ?? IDENTITY_KEYS[n] ?? (IDENTITY_KEYS[n] = new Float64Array(0));
    cache = DIRECT_CACHE.get(key);
    if (cache === undefined) DIRECT_CACHE.set(key, (cache = { withPrior: new WeakMap(), plain: null }));
    const cached = freq === null ? cache.plain : cache.withPrior.get(freq);
    if (cached != null) return { vars: [2 * parent, child], dims: [n, n], data: cached, lnScale: 0 };
  }
  const data = untyped ? new Float64Array(n * n) : factorData(dp.length * k);
  for (let i = 0; i < dp.length; i++) {
    for (let j = 0; j < k; j++) {
      const x = dp[i] as number;
      const y = dc[j] as number;
      const t = m === null ? (x === y ? 1 : 0) : (m[x * n + y] as number);
      data[i * k + j] = freq === null ? t : t * (freq[x] as number);
    }
  }
  if (cache !== undefined) {
    if (freq === null) cache.plain = data;
    else cache.withPrior.set(freq, data);
  }
  return { vars: [2 * parent, child], dims: [dp.length, k], data, lnScale: 0 };
}

/** Direct transmission tables between untyped people, per mutation matrix and prior (never modified once built). */
const DIRECT_CACHE = new WeakMap<Float64Array, { withPrior: WeakMap<Float64Array, Float64Array>; plain: Float64Array | null }>();

/** Adds the factors of one transmission from `parent` into allele variable `child`. */
function addTransmission(factors: Factor[], pr: AlleleProblem, domains: readonly Int32Array[], alleleDomain: readonly Int32Array[], lo: Int32Array, hi: Int32Array, parent: number, child: number, selector: number, m: Float64Array | null, parentFixed: boolean): void {
  const n = pr.nA;
  const dc = alleleDomain[child] as Int32Array;
  const t = (x: number, y: number): number => (m === null ? (x === y ? 1 : 0) : (m[x * n + y] as number));
  if (parentFixed) {
    const g = (domains[parent] as Int32Array)[0] as number;
    const a = lo[g] as number;
    const b = hi[g] as number;
    const data = factorData(dc.length);
    for (let i = 0; i < dc.length; i++) data[i] = (t(a, dc[i] as number) + t(b, dc[i] as number)) / 2;
    factors.push({ vars: [child], dims: [dc.length], data, lnScale: 0 });
    return;
  }
  // h0(s, parent_p, child) = ½·(s = 0 ? M[parent_p][child] : 1); h1(s, parent_m, child) = (s = 1 ? M[parent_m][child] : 1).
  const dp = alleleDomain[2 * parent] as Int32Array;
  const dm = alleleDomain[2 * parent + 1] as Int32Array;
  const k = dc.length;
  // Between two untyped people the tables depend only on the matrix: build them once per matrix.
  const untyped = dp.length === n && dm.length === n && k === n;
  if (untyped) {
    const key = m ?? IDENTITY_KEYS[n] ?? (IDENTITY_KEYS[n] = new Float64Array(0));
    let cached = TRANSMISSION_CACHE.get(key);
    if (cached === undefined) {
      cached = selectorTables(m, all(n), all(n), all(n), n, true);
      TRANSMISSION_CACHE.set(key, cached);
    }
    factors.push({ vars: [selector, 2 * parent, child], dims: [2, n, n], data: cached.h0, lnScale: 0 });
    factors.push({ vars: [selector, 2 * parent + 1, child], dims: [2, n, n], data: cached.h1, lnScale: 0 });
    return;
  }
  const { h0, h1 } = selectorTables(m, dp, dm, dc, n);
  factors.push({ vars: [selector, 2 * parent, child], dims: [2, dp.length, k], data: h0, lnScale: 0 });
  factors.push({ vars: [selector, 2 * parent + 1, child], dims: [2, dm.length, k], data: h1, lnScale: 0 });
}

/** Transmission tables between untyped people, per mutation matrix (never modified once built). */
const TRANSMISSION_CACHE = new WeakMap<Float64Array, { h0: Float64Array; h1: Float64Array }>();
/** Stand-in keys for "no mutation" over n alleles. */
const IDENTITY_KEYS: Float64Array[] = [];
const all = (n: number): Int32Array => everyIndex(n);

/** The selector tables h0 (over s, parent's paternal allele, child allele) and h1 (maternal); `kept` tables are ordinary arrays (cached across calls), others arena tables. */
function selectorTables(m: Float64Array | null, dp: Int32Array, dm: Int32Array, dc: Int32Array, n: number, kept = false): { h0: Float64Array; h1: Float64Array } {
  const table = (size: number): Float64Array => (kept ? new Float64Array(size) : factorData(size));
  const t = (x: number, y: number): number => (m === null ? (x === y ? 1 : 0) : (m[x * n + y] as number));
  const k = dc.length;
  const h0 = table(2 * dp.length * k);
  for (let i = 0; i < dp.length; i++) {
    for (let j = 0; j < k; j++) {
      h0[i * k + j] = 0.5 * t(dp[i] as number, dc[j] as number);
      h0[dp.length * k + i * k + j] = 0.5;
    }
  }
  const h1 = table(2 * dm.length * k);
  for (let i = 0; i < dm.length; i++) {
    for (let j = 0; j < k; j++) {
      h1[i * k + j] = 1;
      h1[dm.length * k + i * k + j] = t(dm[i] as number, dc[j] as number);
    }
  }
  return { h0, h1 };
}
