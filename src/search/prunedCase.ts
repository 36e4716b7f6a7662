/**
 * The part of a family that one locus table depends on, in a canonical form,
 * so that families of any structure share a table when that part is the same
 * (docs/performance.md, "Family index build").
 * @internal
 */
import type { IndexedPedigree } from '../likelihood/kinshipLR.js';
import type { Genotype } from '../profile/genotype.js';
import { markAncestors } from '../pedigree/linkageSafe.js';
import { codeUnitString } from '../util/arrays.js';

const byLabel = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A pruned, relabelled case: the query is person 0. */
export interface PrunedCase {
  /** The typed references, the query and their ancestors, in canonical order (ids are the family's). */
  readonly ped: IndexedPedigree;
  /** (person index in `ped`, genotype) of every typed reference. */
  readonly typed: [number, Genotype][];
  /** Equal for two cases exactly when their pedigrees, query and typed genotypes are equal. */
  readonly key: string;
}

/**
 * Keeps the query `q`, the typed references and their ancestors (nobody else
 * changes the query's predictive distribution) and relabels them in a
 * canonical order: breadth-first from the query, each person's father and
 * mother first, then their children ordered by genotype (untyped first). Two
 * families whose pruned pedigrees differ only in the order their files list
 * people then get the same case and the same key; a table computed for the
 * case is the table of each of them, bit for bit.
 *
 * With `alleleCodes` (every typed allele's index among the locus's alleles, as the
 * plan numbers them) the key is written one code unit per number: the same
 * equality as the label key, for keys compared within one locus only, and much
 * cheaper to hash (the locus-table cache looks it up for every table).
 *
 * Cost: O(P log P) for P people.
 */
export function prunedCase(ids: readonly string[], father: readonly number[], mother: readonly number[], typed: readonly (readonly [number, Genotype])[], q: number, alleleCodes?: ReadonlyMap<string, number>): PrunedCase {
  const P = father.length;
  if (KEEP.length < P) {
    KEEP = new Uint8Array(2 * P);
    LOCAL = new Int32Array(2 * P);
    TYPED_AT = new Int32Array(2 * P);
  }
  const keep = KEEP;
  const local = LOCAL;
  const typedAt = TYPED_AT;
  keep.fill(0, 0, P);
  local.fill(-1, 0, P);
  typedAt.fill(-1, 0, P);
  // Labels of the typed people (their genotypes), by their place in `typed`; untyped people sort first ('').
  const labels: string[] = [];
  for (let k = 0; k < typed.length; k++) {
    const [i, g] = typed[k] as readonly [number, Genotype];
    typedAt[i] = k;
    labels.push(`${g[0]}/${g[1] ?? '-'}`);
  }
  const label = (x: number): string => {
    const k = typedAt[x] as number;
    return k < 0 ? '' : (labels[k] as string);
  };
  const stack = STACK;
  stack.length = 0;
  stack.push(q);
  for (const [i] of typed) stack.push(i);
  markAncestors(father, mother, keep, stack);
  // Children lists of the kept people only (a family pedigree may hold many more).
  const children: (number[] | undefined)[] = new Array<number[] | undefined>(P);
  for (let x = 0; x < P; x++) {
    if (!keep[x]) continue;
    if ((father[x] as number) >= 0) addChild(children, father[x] as number, x);
    if ((mother[x] as number) >= 0) addChild(children, mother[x] as number, x);
  }
  const order: number[] = [];
  const visit = (x: number): void => {
    if (x < 0 || !keep[x] || (local[x] as number) >= 0) return;
    local[x] = order.length;
    order.push(x);
  };
  visit(q);
  for (let i = 0; i < order.length; i++) {
    const x = order[i] as number;
    visit(father[x] as number);
    visit(mother[x] as number);
    const kids = children[x];
    if (kids === undefined) continue;
    // Insertion sort by (label, index): kids lists are short, and it allocates nothing.
    for (let a = 1; a < kids.length; a++) {
      const kid = kids[a] as number;
      const kl = label(kid);
      let b = a - 1;
      for (; b >= 0; b--) {
        const other = kids[b] as number;
        const c = byLabel(label(other), kl) || other - kid;
        if (c <= 0) break;
        kids[b + 1] = other;
      }
      kids[b + 1] = kid;
    }
    for (const kid of kids) visit(kid);
  }
  // Everyone kept is linked to the query in a family pedigree; this only keeps the rest correct if not.
  for (let x = 0; x < P; x++) visit(x);
  const Q = order.length;
  const localFather = new Array<number>(Q);
  const localMother = new Array<number>(Q);
  const localIds = new Array<string>(Q);
  const localTyped: [number, Genotype][] = [];
  for (let j = 0; j < Q; j++) {
    const x = order[j] as number;
    localFather[j] = (father[x] as number) >= 0 ? (local[father[x] as number] as number) : -1;
    localMother[j] = (mother[x] as number) >= 0 ? (local[mother[x] as number] as number) : -1;
    localIds[j] = ids[x] as string;
    const k = typedAt[x] as number;
    if (k >= 0) localTyped.push([j, (typed[k] as readonly [number, Genotype])[1]]);
  }
  const ped = { ids: localIds, father: localFather, mother: localMother };
  const compact = alleleCodes !== undefined ? compactKey(localFather, localMother, localTyped, alleleCodes) : null;
  if (compact !== null) return { ped, typed: localTyped, key: compact };
  let key = `${localFather.join(',')}|${localMother.join(',')}|`;
  for (let t = 0; t < localTyped.length; t++) key += `${t > 0 ? ';' : ''}${(localTyped[t] as [number, Genotype])[0]}:${label(order[(localTyped[t] as [number, Genotype])[0]] as number)}`;
  return { ped, typed: localTyped, key };
}

/** Largest number a compact key holds in one code unit (larger cases, or an allele without a code, get the label key). */
const COMPACT_LIMIT = 0xfff0;

/**
 * The key in fixed positions, one code unit per number: a mark (U+FFFF, which never starts a
 * label key), the number of people, then per person father + 1,
 * mother + 1 and its genotype (0, 0 untyped; first allele code + 1, then 1 for a partial
 * profile or the second allele code + 2). Null when a number does not fit or an allele has no code.
 */
function compactKey(father: readonly number[], mother: readonly number[], typed: readonly [number, Genotype][], alleleCodes: ReadonlyMap<string, number>): string | null {
  const Q = father.length;
  const length = 2 + 4 * Q;
  if (Q + 2 > COMPACT_LIMIT) return null;
  if (CODES.length < length) CODES = new Uint16Array(2 * length);
  const codes = CODES;
  codes[0] = 0xffff;
  codes[1] = Q;
  for (let j = 0, at = 2; j < Q; j++, at += 4) {
    codes[at] = (father[j] as number) + 1;
    codes[at + 1] = (mother[j] as number) + 1;
    codes[at + 2] = 0;
    codes[at + 3] = 0;
  }
  for (const [j, g] of typed) {
    const a = alleleCodes.get(g[0]);
    const b = g[1] === null ? -1 : alleleCodes.get(g[1]);
    if (a === undefined || b === undefined || a + 2 > COMPACT_LIMIT || b + 2 > COMPACT_LIMIT) return null;
    codes[2 + 4 * j + 2] = a + 1;
    codes[2 + 4 * j + 3] = b < 0 ? 1 : b + 2;
  }
  return codeUnitString(codes, length);
}

/** Scratch code units of {@link compactKey}. */
let CODES = new Uint16Array(64);

/** Appends child x to the children list of `parent` (a module function: no closure per call). */
function addChild(children: (number[] | undefined)[], parent: number, x: number): void {
  const list = children[parent];
  if (list === undefined) children[parent] = [x];
  else list.push(x);
}

/** Scratch per-person arrays of {@link prunedCase} (entries used are reset on each call). */
let KEEP = new Uint8Array(64);
let LOCAL = new Int32Array(64);
let TYPED_AT = new Int32Array(64);
const STACK: number[] = [];
