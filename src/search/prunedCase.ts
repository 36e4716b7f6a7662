/**
 * The part of a family that one locus table depends on, in a canonical form,
 * so that families of any structure share a table when that part is the same
 * (docs/performance.md, "Family index build").
 * @internal
 */
import type { IndexedPedigree } from '../likelihood/kinshipLR.js';
import type { Genotype } from '../profile/genotype.js';
import { markAncestors } from '../pedigree/linkageSafe.js';

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
 * Cost: O(P log P) for P people.
 */
export function prunedCase(ids: readonly string[], father: readonly number[], mother: readonly number[], typed: readonly (readonly [number, Genotype])[], q: number): PrunedCase {
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
  let key = `${localFather.join(',')}|${localMother.join(',')}|`;
  for (let t = 0; t < localTyped.length; t++) key += `${t > 0 ? ';' : ''}${(localTyped[t] as [number, Genotype])[0]}:${label(order[(localTyped[t] as [number, Genotype])[0]] as number)}`;
  return { ped: { ids: localIds, father: localFather, mother: localMother }, typed: localTyped, key };
}

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
