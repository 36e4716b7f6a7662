/**
 * The part of a family that one locus table depends on, in a canonical form,
 * so that families of any structure share a table when that part is the same
 * (docs/performance.md, "Family index build").
 * @internal
 */
import type { IndexedPedigree } from '../likelihood/kinshipLR.js';
import type { Genotype } from '../profile/genotype.js';

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
  const label: string[] = new Array<string>(P).fill('');
  for (const [i, g] of typed) label[i] = `${g[0]}/${g[1] ?? '-'}`;
  const keep = new Uint8Array(P);
  const stack = [q, ...typed.map(([i]) => i)];
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (keep[x]) continue;
    keep[x] = 1;
    if ((father[x] as number) >= 0) stack.push(father[x] as number);
    if ((mother[x] as number) >= 0) stack.push(mother[x] as number);
  }
  // Children lists of the kept people only (a family pedigree may hold many more).
  const children: (number[] | undefined)[] = new Array<number[] | undefined>(P);
  const addChild = (parent: number, x: number): void => {
    const list = children[parent];
    if (list === undefined) children[parent] = [x];
    else list.push(x);
  };
  for (let x = 0; x < P; x++) {
    if (!keep[x]) continue;
    if ((father[x] as number) >= 0) addChild(father[x] as number, x);
    if ((mother[x] as number) >= 0) addChild(mother[x] as number, x);
  }
  const local = new Int32Array(P).fill(-1);
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
    if (kids.length > 1) kids.sort((a, b) => byLabel(label[a] as string, label[b] as string) || a - b);
    for (const kid of kids) visit(kid);
  }
  // Everyone kept is linked to the query in a family pedigree; this only keeps the rest correct if not.
  for (let x = 0; x < P; x++) visit(x);
  const localFather = order.map((x) => ((father[x] as number) >= 0 ? (local[father[x] as number] as number) : -1));
  const localMother = order.map((x) => ((mother[x] as number) >= 0 ? (local[mother[x] as number] as number) : -1));
  const localTyped = typed.map(([i, g]): [number, Genotype] => [local[i] as number, g]).sort((a, b) => a[0] - b[0]);
  const key = `${localFather.join(',')}|${localMother.join(',')}|${localTyped.map(([i]) => `${i}:${label[order[i] as number] as string}`).join(';')}`;
  return { ped: { ids: order.map((x) => ids[x] as string), father: localFather, mother: localMother }, typed: localTyped, key };
}
