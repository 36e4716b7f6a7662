/**
 * Relationships in words, read from a pedigree: what the hypotheses of a
 * report say ("the child is the son of the reference mother").
 */
import type { Pedigree, Person } from '../pedigree/Pedigree.js';
import type { Sex } from '../profile/Profile.js';

/** Every ancestor of `id` (and `id` itself at 0) with its smallest number of generations up. */
function ancestorDistances(byId: ReadonlyMap<string, Person>, id: string): Map<string, number> {
  const distance = new Map<string, number>([[id, 0]]);
  let frontier = [id];
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const x of frontier) {
      const p = byId.get(x);
      for (const parent of [p?.father, p?.mother]) {
        if (parent === null || parent === undefined || distance.has(parent)) continue;
        distance.set(parent, d);
        next.push(parent);
      }
    }
    frontier = next;
  }
  return distance;
}

const bySex = (sex: Sex, male: string, female: string, unknown: string): string => (sex === 'male' ? male : sex === 'female' ? female : unknown);
const greats = (n: number): string => 'great-'.repeat(Math.max(0, n));

/**
 * What person `a` is to person `b` in `pedigree`, as a noun for "a is the … of
 * b": `son`, `mother`, `grandson`, `full sister`, `half-brother (same father)`,
 * `nephew`, `first cousin`, ...; the word follows `a`'s sex (`child`, `parent`,
 * `sibling` when it is unknown). A relationship with no everyday name is
 * `relative (common ancestor X, n and m generations up)`. Returns null when
 * the two share no ancestor and neither descends from the other (unrelated in
 * this pedigree), or when either is not in it.
 *
 * Relationships are read from the closest common ancestors (by the sum of
 * generations up from `a` and `b`); full or half is decided by whether two
 * common ancestors (a couple) or one are at that distance.
 *
 * Cost: O(size of the pedigree).
 *
 * @example
 * ```ts
 * const pedigree = { persons: [
 *   { id: 'GM', sex: 'female', father: null, mother: null }, { id: 'GF', sex: 'male', father: null, mother: null },
 *   { id: 'MO', sex: 'female', father: 'GF', mother: 'GM' }, { id: 'FA', sex: 'male', father: null, mother: null },
 *   { id: 'C', sex: 'male', father: 'FA', mother: 'MO' } ] };
 * relationshipWord(pedigree, 'C', 'MO'); // => 'son'
 * relationshipWord(pedigree, 'C', 'GM'); // => 'grandson'
 * relationshipWord(pedigree, 'GM', 'C'); // => 'grandmother'
 * relationshipWord(pedigree, 'FA', 'MO'); // => null
 * ```
 */
export function relationshipWord(pedigree: Pedigree, a: string, b: string): string | null {
  const byId = new Map(pedigree.persons.map((p) => [p.id, p]));
  const pa = byId.get(a);
  if (pa === undefined || !byId.has(b) || a === b) return null;
  const sex = pa.sex;
  const upA = ancestorDistances(byId, a);
  const upB = ancestorDistances(byId, b);
  const dBA = upA.get(b); // b is an ancestor of a, this many generations up
  if (dBA !== undefined) {
    if (dBA === 1) return bySex(sex, 'son', 'daughter', 'child');
    return `${greats(dBA - 2)}${bySex(sex, 'grandson', 'granddaughter', 'grandchild')}`;
  }
  const dAB = upB.get(a);
  if (dAB !== undefined) {
    if (dAB === 1) return bySex(sex, 'father', 'mother', 'parent');
    return `${greats(dAB - 2)}${bySex(sex, 'grandfather', 'grandmother', 'grandparent')}`;
  }
  let best = Number.POSITIVE_INFINITY;
  for (const [x, da] of upA) {
    const db = upB.get(x);
    if (db !== undefined && da + db < best) best = da + db;
  }
  if (!Number.isFinite(best)) return null;
  // The closest common ancestors; among several sums, the pair (da, db) of the first found in pedigree order.
  const closest = pedigree.persons.filter((p) => upA.has(p.id) && upB.has(p.id) && (upA.get(p.id) as number) + (upB.get(p.id) as number) === best);
  const first = closest[0] as Person;
  const da = upA.get(first.id) as number;
  const db = upB.get(first.id) as number;
  const shared = closest.filter((p) => upA.get(p.id) === da && upB.get(p.id) === db);
  const half = shared.length === 1;
  const via = half ? ` (same ${bySex(first.sex, 'father', 'mother', 'parent')})` : '';
  if (da === 1 && db === 1) return half ? `${bySex(sex, 'half-brother', 'half-sister', 'half-sibling')}${via}` : `full ${bySex(sex, 'brother', 'sister', 'sibling')}`;
  const halfWord = half ? 'half-' : '';
  if (da === 1) return `${halfWord}${greats(db - 3)}${db >= 3 ? 'grand' : ''}${bySex(sex, 'uncle', 'aunt', 'aunt or uncle')}`;
  if (db === 1) return `${halfWord}${greats(da - 3)}${da >= 3 ? 'grand' : ''}${bySex(sex, 'nephew', 'niece', 'nephew or niece')}`;
  if (da === 2 && db === 2) return `${half ? 'half ' : ''}first cousin`;
  const names = shared.map((p) => p.id).join(' and ');
  return `relative (common ancestor ${names}, ${da} and ${db} generations up)`;
}

/** Joins phrases as `a`, `a and b`, `a, b and c`. */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] as string}`;
}

/** A person's depth: generations of ancestors above them (0 for a founder). */
function depth(byId: ReadonlyMap<string, Person>, id: string): number {
  let max = 0;
  for (const d of ancestorDistances(byId, id).values()) if (d > max) max = d;
  return max;
}

/**
 * A hypothesis in words: how the typed people of `pedigree` are related, the
 * youngest first, e.g. `C is the son of AF and the son of MO; AF is unrelated to
 * MO`. People not in the pedigree are unrelated founders. `names` gives
 * the name to print for a person id (default the id).
 *
 * Cost: O(typed² × size of the pedigree).
 *
 * @example
 * ```ts
 * const trio = { persons: [
 *   { id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null },
 *   { id: 'C', sex: 'male', father: 'AF', mother: 'MO' } ] };
 * hypothesisInWords(trio, ['AF', 'MO', 'C']); // => 'C is the son of AF and the son of MO; AF is unrelated to MO'
 * hypothesisInWords({ persons: [] }, ['AF', 'C']); // => 'AF and C are unrelated'
 * ```
 */
export function hypothesisInWords(pedigree: Pedigree, typed: readonly string[], names: (id: string) => string = (id) => id): string {
  const byId = new Map(pedigree.persons.map((p) => [p.id, p]));
  const order = typed.map((id, i) => ({ id, i, d: byId.has(id) ? depth(byId, id) : 0 })).sort((x, y) => y.d - x.d || x.i - y.i).map((x) => x.id);
  const sentences: string[] = [];
  const related = new Set<string>(); // a\0b for a before b in `order`
  order.forEach((a, i) => {
    const parts: string[] = [];
    for (const b of order.slice(i + 1)) {
      const word = relationshipWord(pedigree, a, b);
      if (word === null) continue;
      parts.push(`the ${word} of ${names(b)}`);
      related.add(`${a}\u0000${b}`);
    }
    if (parts.length > 0) sentences.push(`${names(a)} is ${joinWords(parts)}`);
  });
  if (sentences.length === 0) {
    if (typed.length >= 2) sentences.push(`${joinWords(typed.map(names))} are unrelated${typed.length > 2 ? ' to each other' : ''}`);
    return sentences.join('; ');
  }
  order.forEach((a, i) => {
    const others = order.slice(i + 1).filter((b) => !related.has(`${a}\u0000${b}`));
    if (others.length > 0) sentences.push(`${names(a)} is unrelated to ${joinWords(others.map(names))}`);
  });
  return sentences.join('; ');
}
