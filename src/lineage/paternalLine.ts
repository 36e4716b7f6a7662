/**
 * Meioses between two men along the paternal line of a pedigree.
 */
import { ValidationError } from '../errors/StrkinError.js';
import type { Pedigree, Person } from '../pedigree/Pedigree.js';

/**
 * The number of meioses between two men along their paternal line: up the
 * father links from each to their nearest common paternal-line ancestor, and
 * down again (father/son 1, brothers 2, paternal grandfather 2, paternal
 * uncle 3, paternal first cousins 4; the same man 0). A Y chromosome passes
 * only from father to son, so two people related only through a woman share
 * no Y lineage in the pedigree.
 *
 * Cost: O(persons).
 *
 * @throws `ValidationError` with code `y-unknown-person` (an id not in the
 * pedigree), `y-female` (either person is female: no Y chromosome),
 * `y-female-link` (related, but only through a female link: e.g. a maternal
 * uncle), `y-not-related` (no common ancestor in the pedigree).
 * @example
 * ```ts
 * const ped = relationshipPedigree('first-cousins', { a: 'A', b: 'B', side: 'paternal' });
 * paternalMeioses(ped, 'A', 'B'); // => 4
 * paternalMeioses(relationshipPedigree('parent-child', { a: 'F', b: 'S' }), 'S', 'F'); // => 1
 * ```
 */
export function paternalMeioses(pedigree: Pedigree, a: string, b: string): number {
  const byId = new Map<string, Person>(pedigree.persons.map((p) => [p.id, p]));
  for (const id of [a, b]) {
    const p = byId.get(id);
    if (p === undefined) throw new ValidationError({ code: 'y-unknown-person', message: `Person not in the pedigree (person = ${JSON.stringify(id)})`, path: [id] });
    if (p.sex === 'female') throw new ValidationError({ code: 'y-female', message: `A woman has no Y chromosome: no Y-STR comparison (person = ${JSON.stringify(id)})`, path: [id] });
  }
  const line = (id: string): Map<string, number> => {
    const depth = new Map<string, number>();
    let x: string | null = id;
    for (let d = 0; x !== null && !depth.has(x); d++) {
      depth.set(x, d);
      x = byId.get(x)?.father ?? null;
    }
    return depth;
  };
  const up = line(a);
  let x: string | null = b;
  const seen = new Set<string>();
  for (let d = 0; x !== null && !seen.has(x); d++) {
    seen.add(x);
    const da = up.get(x);
    if (da !== undefined) return da + d;
    x = byId.get(x)?.father ?? null;
  }
  const ancestry = (id: string): Set<string> => {
    const out = new Set<string>([id]);
    const stack = [id];
    while (stack.length > 0) {
      const p = byId.get(stack.pop() as string);
      for (const q of [p?.father ?? null, p?.mother ?? null]) {
        if (q === null || out.has(q)) continue;
        out.add(q);
        stack.push(q);
      }
    }
    return out;
  };
  const ofA = ancestry(a);
  const related = [...ancestry(b)].some((q) => ofA.has(q));
  if (related) throw new ValidationError({ code: 'y-female-link', message: `The two men are related only through a woman: they share no paternal line, so Y-STRs cannot compare them (persons = ${JSON.stringify(a)} and ${JSON.stringify(b)})`, path: [a, b] });
  throw new ValidationError({ code: 'y-not-related', message: `The two men have no common ancestor in the pedigree (persons = ${JSON.stringify(a)} and ${JSON.stringify(b)})`, path: [a, b] });
}
