/**
 * The paternal-line tree of a Y comparison: the man in question, his typed
 * paternal-line references and the untyped men that join them, each man
 * linked to his father (docs/lineage.md, "Several references").
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { Pedigree, Person } from '../pedigree/Pedigree.js';
import { paternalMeioses } from './paternalLine.js';
import { checkMeioses } from './stepwise.js';

/** One man of a {@link PaternalLineTree}. */
export interface PaternalTreeNode {
  readonly id: string;
  /** His father on the tree; null for the root (the common paternal-line ancestor of every man of the tree). */
  readonly father: string | null;
  /** Meioses between the father and him (default 1; more when untyped men between them are left out; 0 for the same man). */
  readonly meioses?: number;
}

/**
 * A paternal-line tree: every man linked to his father, one root. The man in
 * question and every reference are nodes; the other nodes are untyped men.
 */
export interface PaternalLineTree {
  /** The man in question (under H1 on this tree; under H2 unrelated to it). */
  readonly person: string;
  readonly nodes: readonly PaternalTreeNode[];
}

/** A checked tree: nodes in an order where every father comes before his sons. @internal */
export interface CheckedTree {
  readonly ids: readonly string[];
  /** Index of each node's father (-1 for the root). */
  readonly parent: readonly number[];
  /** Meioses of the edge to the father (0 for the root). */
  readonly length: readonly number[];
  readonly index: ReadonlyMap<string, number>;
}

/**
 * Checks a tree (one root; fathers on the tree; no cycle; meioses integers in
 * [0, MAX_MEIOSES]) and orders it root first.
 *
 * Cost: O(nodes).
 * @internal
 */
export function checkTree(tree: PaternalLineTree): CheckedTree {
  const issues: Issue[] = [];
  const byId = new Map<string, PaternalTreeNode>();
  for (const n of tree.nodes) {
    if (byId.has(n.id)) issues.push({ code: 'y-tree', message: `A man appears twice in the paternal-line tree (id = ${JSON.stringify(n.id)})`, path: ['tree', n.id] });
    byId.set(n.id, n);
  }
  const roots = tree.nodes.filter((n) => n.father === null);
  if (roots.length !== 1) issues.push({ code: 'y-tree', message: `A paternal-line tree needs exactly one root (a man whose father is null) (roots = ${roots.length})`, path: ['tree'] });
  for (const n of tree.nodes) {
    if (n.father !== null && !byId.has(n.father)) issues.push({ code: 'y-tree', message: `A father is not on the tree (id = ${JSON.stringify(n.id)}, father = ${JSON.stringify(n.father)})`, path: ['tree', n.id] });
    try {
      checkMeioses(n.meioses ?? 1);
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues.map((i) => ({ ...i, path: ['tree', n.id] })));
      else throw error;
    }
  }
  if (!byId.has(tree.person)) issues.push({ code: 'y-tree', message: `The man in question is not on the tree (person = ${JSON.stringify(tree.person)})`, path: ['tree', 'person'] });
  if (issues.length > 0) throw new ValidationError(issues);
  const ids: string[] = [];
  const index = new Map<string, number>();
  const sons = new Map<string, string[]>();
  for (const n of tree.nodes) if (n.father !== null) (sons.get(n.father) ?? sons.set(n.father, []).get(n.father) ?? []).push(n.id);
  const stack = [(roots[0] as PaternalTreeNode).id];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    index.set(id, ids.length);
    ids.push(id);
    for (const s of sons.get(id) ?? []) stack.push(s);
  }
  if (ids.length !== tree.nodes.length) throw new ValidationError({ code: 'y-tree', message: `The paternal-line tree has a cycle or a part not joined to the root (nodes = ${tree.nodes.length}, reached = ${ids.length})`, path: ['tree'] });
  const parent = ids.map((id) => {
    const f = (byId.get(id) as PaternalTreeNode).father;
    return f === null ? -1 : (index.get(f) as number);
  });
  const length = ids.map((id) => {
    const n = byId.get(id) as PaternalTreeNode;
    return n.father === null ? 0 : (n.meioses ?? 1);
  });
  return { ids, parent, length, index };
}

/**
 * Meioses between two men of a checked tree (up to their common ancestor and down).
 *
 * Cost: O(depth).
 * @internal
 */
export function treeDistance(tree: CheckedTree, a: number, b: number): number {
  const up = new Map<number, number>();
  for (let x = a, d = 0; x >= 0; d += tree.length[x] as number, x = tree.parent[x] as number) up.set(x, d);
  for (let x = b, d = 0; x >= 0; d += tree.length[x] as number, x = tree.parent[x] as number) {
    const da = up.get(x);
    if (da !== undefined) return da + d;
  }
  return Number.NaN; // unreachable: one root
}

/**
 * The paternal-line tree of a pedigree joining `person` and his typed
 * paternal-line relatives `references`: every man on the father links from
 * each of them up to the nearest man who is a paternal-line ancestor of all
 * (the root), one meiosis per link. E.g. a boy, his father's brother and his
 * paternal grandfather give the grandfather as root, with the uncle and the
 * untyped father as his sons and the boy as the father's son.
 *
 * Cost: O(persons × references).
 *
 * @throws `ValidationError` with the codes of `paternalMeioses` (`y-female-link`,
 * `y-female`, `y-not-related`, `y-unknown-person`), one issue per reference, with
 * `path` `[reference]`.
 * @example
 * ```ts
 * const ped = relationshipPedigree('avuncular', { a: 'U', b: 'C', side: 'paternal' });
 * const tree = paternalLineTree(ped, 'C', ['U']);
 * tree.nodes.length; // => 4
 * ```
 */
export function paternalLineTree(pedigree: Pedigree, person: string, references: readonly string[]): PaternalLineTree {
  const issues: Issue[] = [];
  for (const id of references) {
    try {
      paternalMeioses(pedigree, person, id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues.map((i) => ({ ...i, path: [id] })));
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const byId = new Map<string, Person>(pedigree.persons.map((p) => [p.id, p]));
  const chain = (id: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let x: string | null = id; x !== null && !seen.has(x); x = byId.get(x)?.father ?? null) {
      seen.add(x);
      out.push(x);
    }
    return out;
  };
  const chains = [person, ...references].map(chain);
  // The root: the lowest man of the person's chain that is on every chain.
  const onAll = (x: string): boolean => chains.every((c) => c.includes(x));
  const own = chains[0] as string[];
  const root = own.find(onAll) as string;
  const father = new Map<string, string | null>([[root, null]]);
  for (const c of chains) {
    for (let i = 0; i < c.length && c[i] !== root; i++) father.set(c[i] as string, c[i + 1] ?? null);
  }
  return { person, nodes: [...father].map(([id, f]) => ({ id, father: f })) };
}
