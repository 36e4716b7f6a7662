/**
 * Builds one marker's likelihood problem for the engines: keeps the typed
 * people, the query and their ancestors (untyped people with no typed
 * descendants drop out), lumps the alleles nobody carries into one when that
 * is exact (strong lumpability of both mutation matrices, checked
 * numerically), and gives every person its genotype domain. With a silent
 * allele S (MarkerModel `silentFrequency`), a typed homozygote a/a has the
 * domain {a/a, a/S}: its true genotype may carry the silent allele.
 * @internal
 */
import type { AlleleProblem } from './alleleElimination.js';
import { ensureGenotypeTables, gIndex } from './genotypeTables.js';
import { silentIndex, type MarkerModel } from './MarkerModel.js';
import type { AlleleEvidence, PeelInput } from './peel.js';

/** A pruned (and possibly lumped) problem: the allele engine's input plus genotype domains and theta. */
export interface Problem extends AlleleProblem {
  readonly domains: Int32Array[];
  readonly theta: number;
  readonly name: string;
}

/** ln P(data), or for a query ln P(query = g, data) over genotype indices. */
export interface Solution {
  ln: number;
  query?: Float64Array;
}

/** Prunes the pedigree to what the data and the query need and lumps unseen alleles (not for a query); null when nobody is left. */
export function buildProblem(input: PeelInput, query: number): Problem | null {
  const { father, mother, marker, evidence } = input;
  const P = father.length;
  // Keep typed people, the query, and their ancestors.
  const keep = new Uint8Array(P);
  const stack: number[] = [];
  for (let i = 0; i < P; i++) if (evidence[i] != null || i === query) stack.push(i);
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (keep[i]) continue;
    keep[i] = 1;
    const f = father[i] as number;
    const m = mother[i] as number;
    if (f >= 0) stack.push(f);
    if (m >= 0) stack.push(m);
  }
  const local = new Int32Array(P).fill(-1);
  let count = 0;
  for (let i = 0; i < P; i++) if (keep[i]) local[i] = count++;
  if (count === 0) return null;
  const fa = new Int32Array(count);
  const mo = new Int32Array(count);
  const ev: AlleleEvidence[] = [];
  for (let i = 0; i < P; i++) {
    if (!keep[i]) continue;
    const k = local[i] as number;
    fa[k] = (father[i] as number) >= 0 ? (local[father[i] as number] as number) : -1;
    mo[k] = (mother[i] as number) >= 0 ? (local[mother[i] as number] as number) : -1;
    ev[k] = evidence[i] ?? null;
  }
  let nA = marker.alleles.length;
  let freq = marker.frequencies;
  let male = marker.male;
  let female = marker.female;
  let map: Int32Array | null = null;
  const silent = silentIndex(marker);
  if (query < 0) {
    const lumped = lump(marker, ev);
    if (lumped !== null) ({ nA, freq, male, female, map } = lumped);
  }
  ensureGenotypeTables(nA);
  const G = (nA * (nA + 1)) / 2;
  const all = everyIndex(G);
  const domains: Int32Array[] = [];
  for (let k = 0; k < count; k++) {
    const e = ev[k];
    if (e == null) {
      domains.push(all);
      continue;
    }
    const a = map !== null ? (map[e[0]] as number) : e[0];
    if (e[1] >= 0) {
      const b = map !== null ? (map[e[1]] as number) : e[1];
      if (silent >= 0 && e[0] === e[1] && e[0] !== silent) domains.push(Int32Array.of(gIndex(a, a), gIndex(a, map !== null ? (map[silent] as number) : silent)));
      else domains.push(Int32Array.of(gIndex(a, b)));
    } else {
      const d = new Int32Array(nA);
      for (let x = 0; x < nA; x++) d[x] = gIndex(a, x);
      domains.push(d);
    }
  }
  return { nA, freq, male, female, fa, mo, domains, query: query >= 0 ? (local[query] as number) : -1, theta: input.theta, name: marker.name };
}

/** 0..size-1, one shared read-only array per size (domains are never modified). */
const EVERY_INDEX: Int32Array[] = [];
export function everyIndex(size: number): Int32Array {
  let a = EVERY_INDEX[size];
  if (a === undefined) {
    a = new Int32Array(size);
    for (let i = 0; i < size; i++) a[i] = i;
    EVERY_INDEX[size] = a;
  }
  return a;
}

/** Lumps the alleles no typed person carries into one, when exact for both matrices (shared with the X builder, xProblem.ts). */
export function lump(marker: MarkerModel, ev: readonly AlleleEvidence[]): { nA: number; freq: Float64Array; male: Float64Array | null; female: Float64Array | null; map: Int32Array } | null {
  const n = marker.alleles.length;
  const seen = new Uint8Array(n);
  // The silent allele is never lumped: a typed homozygote's domain names it.
  const silent = silentIndex(marker);
  if (silent >= 0) seen[silent] = 1;
  for (const e of ev) {
    if (e == null) continue;
    seen[e[0]] = 1;
    if (e[1] >= 0) seen[e[1]] = 1;
  }
  const observed: number[] = [];
  for (let i = 0; i < n; i++) if (seen[i]) observed.push(i);
  if (n - observed.length < 2) return null;
  const nA = observed.length + 1;
  const other = observed.length;
  const map = new Int32Array(n).fill(other);
  observed.forEach((a, k) => (map[a] = k));
  const lumpMatrix = (m: Float64Array | null): Float64Array | null | undefined => {
    if (m === null) return null;
    const out = new Float64Array(nA * nA);
    let representative = -1;
    for (let i = 0; i < n; i++) {
      const row = new Float64Array(nA);
      for (let j = 0; j < n; j++) row[map[j] as number] = (row[map[j] as number] as number) + (m[i * n + j] as number);
      const I = map[i] as number;
      if (I !== other || representative < 0) {
        out.set(row, I * nA);
        if (I === other) representative = i;
        continue;
      }
      for (let J = 0; J < nA; J++) if (Math.abs((row[J] as number) - (out[I * nA + J] as number)) > 1e-12) return undefined;
    }
    return out;
  };
  const male = lumpMatrix(marker.male);
  const female = lumpMatrix(marker.female);
  if (male === undefined || female === undefined) return null;
  const freq = new Float64Array(nA);
  for (let i = 0; i < n; i++) freq[map[i] as number] = (freq[map[i] as number] as number) + (marker.frequencies[i] as number);
  // The lumped allele takes the remainder 1 − Σ(observed), so that an untyped
  // founder's genotype probabilities sum to exactly 1 even when the table's
  // frequencies were rounded (the rule of pedprobr, which the validation set follows).
  let observedSum = 0;
  for (const a of observed) observedSum += marker.frequencies[a] as number;
  if (observedSum < 1) freq[other] = 1 - observedSum;
  return { nA, freq, male, female, map };
}
