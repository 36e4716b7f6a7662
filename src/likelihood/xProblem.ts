/**
 * X-chromosomal markers, the problem builder: who carries which X alleles.
 * Males are hemizygous (one X allele, from their mother); females have two
 * (one from the father, one from the mother). A father passes his single X to
 * his daughters only; a son receives nothing from his father at X.
 *
 * A male's genotype is written with the genotype index of the homozygote a/a:
 * `gIndex(a, a)` stands for "hemizygous a", so X problems reuse the autosomal
 * genotype tables and a male query's predictive distribution sits on those
 * indices (every heterozygous entry is −Infinity).
 * @internal
 */
import { ModelError, ValidationError } from '../errors/StrkinError.js';
import type { Sex } from '../profile/Profile.js';
import { lump, type Problem } from './buildProblem.js';
import { ensureGenotypeTables, gIndex } from './genotypeTables.js';
import type { AlleleEvidence, PeelInput } from './peel.js';

/** An X problem: the autosomal problem's fields, with `fa` −1 for every male (no paternal X) and each person's sex. */
export interface XProblem extends Problem {
  /** 1 for a male (one X allele), 0 for a female. */
  readonly isMale: Uint8Array;
}

/**
 * Each person's sex at X: the declared sex, or the role (a father is male, a
 * mother female) when the declared sex is unknown; 'unknown' otherwise.
 */
export function xSexes(father: readonly number[], mother: readonly number[], sex: readonly Sex[] | undefined): Sex[] {
  const out: Sex[] = father.map((_, i) => sex?.[i] ?? 'unknown');
  for (let i = 0; i < father.length; i++) {
    const f = father[i] as number;
    const m = mother[i] as number;
    if (f >= 0 && out[f] === 'unknown') out[f] = 'male';
    if (m >= 0 && out[m] === 'unknown') out[m] = 'female';
  }
  return out;
}

/**
 * Prunes an X marker's pedigree to the people the data and the query need
 * (typed people, the query, their mothers, and the fathers of the females among
 * them, recursively), checks sexes and male genotypes, lumps unseen alleles (not
 * for a query) and gives every person its genotype domain (for a male the
 * indices of a/a). Null when nobody is left.
 *
 * @throws ModelError `x-sex-unknown` for a typed person or the query whose sex is
 * not known; ValidationError `x-heterozygous-male` for a male typed with two
 * different alleles.
 */
export function buildXProblem(input: PeelInput, query: number): XProblem | null {
  const { father, mother, marker, evidence } = input;
  const P = father.length;
  const sex = xSexes(father, mother, input.sex);
  const keep = new Uint8Array(P);
  const stack: number[] = [];
  for (let i = 0; i < P; i++) if (evidence[i] != null || i === query) stack.push(i);
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (keep[i]) continue;
    keep[i] = 1;
    if (sex[i] === 'unknown') {
      throw new ModelError({ code: 'x-sex-unknown', message: `An X marker needs the sex of every typed person and of the person whose genotype is predicted (marker = ${marker.name}, person index = ${i})`, path: ['sex', i] });
    }
    const f = father[i] as number;
    const m = mother[i] as number;
    if (m >= 0) stack.push(m);
    if (f >= 0 && sex[i] === 'female') stack.push(f);
  }
  const local = new Int32Array(P).fill(-1);
  let count = 0;
  for (let i = 0; i < P; i++) if (keep[i]) local[i] = count++;
  if (count === 0) return null;
  const fa = new Int32Array(count);
  const mo = new Int32Array(count);
  const isMale = new Uint8Array(count);
  const ev: AlleleEvidence[] = [];
  for (let i = 0; i < P; i++) {
    if (!keep[i]) continue;
    const k = local[i] as number;
    const male = sex[i] === 'male';
    isMale[k] = male ? 1 : 0;
    fa[k] = !male && (father[i] as number) >= 0 ? (local[father[i] as number] as number) : -1;
    mo[k] = (mother[i] as number) >= 0 ? (local[mother[i] as number] as number) : -1;
    const e = evidence[i] ?? null;
    if (e !== null && male) {
      if (e[1] >= 0 && e[1] !== e[0]) {
        throw new ValidationError({ code: 'x-heterozygous-male', message: `A male has one X allele; two different alleles at an X marker are an error (marker = ${marker.name}, person index = ${i}, alleles = ${marker.alleles[e[0]] ?? e[0]}/${marker.alleles[e[1]] ?? e[1]})`, path: ['evidence', i] });
      }
      ev[k] = [e[0], e[0]];
    } else ev[k] = e;
  }
  let nA = marker.alleles.length;
  let freq = marker.frequencies;
  let male = marker.male;
  let female = marker.female;
  let map: Int32Array | null = null;
  if (query < 0) {
    const lumped = lump(marker, ev);
    if (lumped !== null) ({ nA, freq, male, female, map } = lumped);
  }
  ensureGenotypeTables(nA);
  const G = (nA * (nA + 1)) / 2;
  const all = new Int32Array(G);
  for (let g = 0; g < G; g++) all[g] = g;
  const hemizygous = new Int32Array(nA);
  for (let a = 0; a < nA; a++) hemizygous[a] = gIndex(a, a);
  const domains: Int32Array[] = [];
  for (let k = 0; k < count; k++) {
    const e = ev[k];
    if (e == null) {
      domains.push(isMale[k] ? hemizygous : all);
      continue;
    }
    const a = map !== null ? (map[e[0]] as number) : e[0];
    if (e[1] >= 0) {
      const b = map !== null ? (map[e[1]] as number) : e[1];
      domains.push(Int32Array.of(gIndex(a, b)));
    } else {
      const d = new Int32Array(nA);
      for (let x = 0; x < nA; x++) d[x] = gIndex(a, x);
      domains.push(d);
    }
  }
  return { nA, freq, male, female, fa, mo, isMale, domains, query: query >= 0 ? (local[query] as number) : -1, theta: input.theta, name: marker.name };
}
