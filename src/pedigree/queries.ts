/**
 * Pedigree queries (who is a founder, whose children, who descends from whom,
 * does the pedigree have loops) and transforms (relabel). Queries return ids,
 * in the order of `pedigree.persons`.
 */
import { ValidationError } from '../errors/StrkinError.js';
import type { Pedigree, Person } from './Pedigree.js';
import { makePedigree } from './validatePedigree.js';
import { appendAll } from '../util/arrays.js';
import { checkArray, checkObject } from '../util/args.js';

interface Index {
  readonly byId: ReadonlyMap<string, Person>;
  readonly order: ReadonlyMap<string, number>;
  readonly childrenOf: ReadonlyMap<string, readonly string[]>;
}

// Pedigrees are immutable values, so an index built once per object is safe to reuse.
const indexCache = new WeakMap<Pedigree, Index>();

function checkPedigree(pedigree: Pedigree): void {
  checkObject(pedigree, 'pedigree');
  checkArray(pedigree.persons, 'pedigree.persons', true);
}

function indexOf(pedigree: Pedigree): Index {
  checkPedigree(pedigree);
  let index = indexCache.get(pedigree);
  if (index === undefined) {
    const byId = new Map<string, Person>();
    const order = new Map<string, number>();
    const childrenOf = new Map<string, string[]>();
    pedigree.persons.forEach((p, i) => {
      byId.set(p.id, p);
      order.set(p.id, i);
    });
    for (const p of pedigree.persons) {
      for (const parent of [p.father, p.mother]) {
        if (parent === null || !byId.has(parent)) continue;
        const list = childrenOf.get(parent);
        if (list === undefined) childrenOf.set(parent, [p.id]);
        else if (!list.includes(p.id)) list.push(p.id);
      }
    }
    index = { byId, order, childrenOf };
    indexCache.set(pedigree, index);
  }
  return index;
}

function person(pedigree: Pedigree, id: string): Person {
  const p = indexOf(pedigree).byId.get(id);
  if (p === undefined) throw new ValidationError({ code: 'unknown-person', path: ['id'], message: `Person is not in the pedigree (id = ${JSON.stringify(id)})` });
  return p;
}

/**
 * Ids of the founders (people with no parents in the pedigree), in pedigree order.
 *
 * Cost: O(persons).
 *
 * @example
 * ```ts
 * founders(relationshipPedigree('parent-child')); // => ['A', 'B.mother']
 * ```
 */
export function founders(pedigree: Pedigree): string[] {
  checkPedigree(pedigree);
  return pedigree.persons.filter((p) => p.father === null && p.mother === null).map((p) => p.id);
}

/**
 * Ids of the non-founders (people with both parents given), in pedigree order.
 *
 * Cost: O(persons).
 *
 * @example
 * ```ts
 * nonFounders(relationshipPedigree('parent-child')); // => ['B']
 * ```
 */
export function nonFounders(pedigree: Pedigree): string[] {
  checkPedigree(pedigree);
  return pedigree.persons.filter((p) => p.father !== null || p.mother !== null).map((p) => p.id);
}

/**
 * True when the person has no parents in the pedigree. Throws a
 * ValidationError (code `unknown-person`) for an id not in the pedigree.
 *
 * Cost: O(1) after a one-off O(persons) index of the pedigree.
 *
 * @example
 * ```ts
 * isFounder(relationshipPedigree('parent-child'), 'A'); // => true
 * ```
 */
export function isFounder(pedigree: Pedigree, id: string): boolean {
  checkPedigree(pedigree);
  const p = person(pedigree, id);
  return p.father === null && p.mother === null;
}

/**
 * The parents of a person, or `null` for a founder. Throws a ValidationError
 * (code `unknown-person`) for an id not in the pedigree.
 *
 * Cost: O(1) after a one-off O(persons) index.
 *
 * @example
 * ```ts
 * parentsOf(relationshipPedigree('parent-child'), 'B'); // => { father: 'A', mother: 'B.mother' }
 * ```
 */
export function parentsOf(pedigree: Pedigree, id: string): { readonly father: string; readonly mother: string } | null {
  checkPedigree(pedigree);
  const p = person(pedigree, id);
  return p.father === null || p.mother === null ? null : { father: p.father, mother: p.mother };
}

/**
 * Ids of a person's children, in pedigree order. Throws a ValidationError
 * (code `unknown-person`) for an id not in the pedigree.
 *
 * Cost: O(children) after a one-off O(persons) index.
 *
 * @example
 * ```ts
 * children(relationshipPedigree('full-siblings'), 'A.father'); // => ['A', 'B']
 * ```
 */
export function children(pedigree: Pedigree, id: string): string[] {
  person(pedigree, id);
  return [...(indexOf(pedigree).childrenOf.get(id) ?? [])];
}

function closure(pedigree: Pedigree, id: string, step: (id: string) => readonly string[]): string[] {
  person(pedigree, id);
  const seen = new Set<string>();
  const queue = [...step(id)];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    appendAll(queue, step(next));
  }
  const order = indexOf(pedigree).order;
  return [...seen].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
}

/**
 * Ids of everyone descended from a person (children, grandchildren, ...), in
 * pedigree order, the person excluded. Throws a ValidationError (code
 * `unknown-person`) for an id not in the pedigree.
 *
 * Cost: O(persons).
 *
 * @example
 * ```ts
 * descendants(relationshipPedigree('grandparent'), 'A'); // => ['B.father', 'B']
 * ```
 */
export function descendants(pedigree: Pedigree, id: string): string[] {
  const childrenOf = indexOf(pedigree).childrenOf;
  return closure(pedigree, id, (x) => childrenOf.get(x) ?? []);
}

/**
 * Ids of everyone a person descends from (parents, grandparents, ...), in
 * pedigree order, the person excluded. Throws a ValidationError (code
 * `unknown-person`) for an id not in the pedigree.
 *
 * Cost: O(persons).
 *
 * @example
 * ```ts
 * ancestors(relationshipPedigree('grandparent'), 'B'); // => ['A', 'B.mother', 'B.father.mother', 'B.father']
 * ```
 */
export function ancestors(pedigree: Pedigree, id: string): string[] {
  const byId = indexOf(pedigree).byId;
  return closure(pedigree, id, (x) => {
    const p = byId.get(x);
    return p === undefined ? [] : [p.father, p.mother].filter((q): q is string => q !== null && byId.has(q));
  });
}

/**
 * True when the pedigree is not a tree of nuclear families: some marriage or
 * descent path closes on itself, as with cousin marriage, two sisters who have
 * children with the same man, or two brothers who marry two sisters. Such
 * pedigrees need a loop breaker in peeling (domain.md §3.3). Half-siblings
 * alone make no loop.
 *
 * Method: in the graph of people and matings (father, mother pairs; each
 * joined to both parents and to each child), a loop is a cycle; detected with
 * union-find.
 *
 * Cost: O(persons · α(persons)).
 *
 * @example
 * ```ts
 * hasLoops(relationshipPedigree('first-cousins')); // => false
 * hasLoops(relationshipPedigree('double-first-cousins')); // => true
 * ```
 */
export function hasLoops(pedigree: Pedigree): boolean {
  checkPedigree(pedigree);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    let node = x;
    while (node !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const seenEdges = new Set<string>();
  // Returns true when the edge closes a cycle.
  const join = (x: string, y: string): boolean => {
    const edge = `${x}\u0001${y}`;
    if (seenEdges.has(edge)) return false;
    seenEdges.add(edge);
    if (!parent.has(x)) parent.set(x, x);
    if (!parent.has(y)) parent.set(y, y);
    const rx = find(x);
    const ry = find(y);
    if (rx === ry) return true;
    parent.set(rx, ry);
    return false;
  };
  const ids = new Set(pedigree.persons.map((p) => p.id));
  for (const p of pedigree.persons) {
    if (p.father === null || p.mother === null || !ids.has(p.father) || !ids.has(p.mother)) continue;
    const mating = `m\u0000${p.father}\u0000${p.mother}`;
    const person = (id: string): string => `p\u0000${id}`;
    if (join(person(p.father), mating) || join(person(p.mother), mating) || join(person(p.id), mating)) return true;
  }
  return false;
}

/**
 * A copy of the pedigree with people renamed. `mapping` gives new ids for
 * some or all people (a Record or a Map); everyone else keeps their id.
 * Throws a ValidationError: code `unknown-person` for a mapped id not in the
 * pedigree, or the codes of {@link makePedigree} (e.g. `duplicate-id` when two
 * people would get the same id).
 *
 * Cost: O(persons).
 *
 * @example
 * ```ts
 * const duo = relabel(relationshipPedigree('parent-child'), { A: 'AF', B: 'child' });
 * parentsOf(duo, 'child'); // => { father: 'AF', mother: 'B.mother' }
 * ```
 */
export function relabel(pedigree: Pedigree, mapping: Readonly<Record<string, string>> | ReadonlyMap<string, string>): Pedigree {
  checkPedigree(pedigree);
  const entries: [string, string][] = mapping instanceof Map ? [...(mapping as ReadonlyMap<string, string>)] : Object.entries(mapping);
  const ids = new Set(pedigree.persons.map((p) => p.id));
  const unknown = entries.filter(([from]) => !ids.has(from));
  if (unknown.length > 0) {
    throw new ValidationError(
      unknown.map(([from]) => ({ code: 'unknown-person', path: ['mapping', from], message: `Person is not in the pedigree (id = ${JSON.stringify(from)})` })),
    );
  }
  const to = new Map(entries);
  const rename = (id: string | null): string | null => (id === null ? null : (to.get(id) ?? id));
  return makePedigree(pedigree.persons.map((p) => ({ id: rename(p.id) as string, sex: p.sex, father: rename(p.father), mother: rename(p.mother) })));
}
