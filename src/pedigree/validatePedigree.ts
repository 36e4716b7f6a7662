/**
 * Pedigree validation: one validator that lists every problem, a validating
 * constructor that throws them all at once, and its non-throwing twin.
 */
import { ValidationError, safely, type Issue, type Result } from '../errors/StrkinError.js';
import type { Pedigree, Person } from './Pedigree.js';
import { appendAll } from '../util/arrays.js';
import { checkArray, checkObject } from '../util/args.js';

const SEXES: ReadonlySet<string> = new Set(['male', 'female', 'unknown']);
const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * Every problem of a pedigree, as issues (empty when valid). Codes:
 * `empty-id`, `duplicate-id`, `bad-sex`, `one-parent` (exactly one parent
 * given), `unknown-parent` (a parent id not in the pedigree), `same-parent`
 * (one person as both parents), `parent-sex` (a female father, a male mother,
 * or one person who is a father of one child and the mother of another),
 * `cycle` (a person who is their own ancestor; reported once per cycle).
 * Messages follow `<what went wrong> (<field> = <value>)`; `path` points into
 * `persons`. A parent of unknown sex is allowed. Reference: the rules of
 * pedtools' `ped()` (Vigeland 2021, ch. 2).
 *
 * Cost: O(persons) with hash look-ups.
 *
 * @example
 * ```ts
 * validatePedigree({ persons: [{ id: 'C', sex: 'male', father: 'F', mother: null }] })
 *   .map((i) => i.code); // => ['one-parent', 'unknown-parent']
 * ```
 */
export function validatePedigree(pedigree: Pedigree): Issue[] {
  checkObject(pedigree, 'pedigree');
  checkArray(pedigree.persons, 'pedigree.persons', true);
  const issues: Issue[] = [];
  const persons = pedigree.persons;
  const firstIndex = new Map<string, number>();
  persons.forEach((p, i) => {
    if (typeof p.id !== 'string' || p.id.trim() === '') {
      issues.push({ code: 'empty-id', path: ['persons', i, 'id'], message: `Person id is empty (persons[${i}].id = ${show(p.id)})` });
      return;
    }
    const first = firstIndex.get(p.id);
    if (first !== undefined) {
      issues.push({ code: 'duplicate-id', path: ['persons', i, 'id'], message: `Person id given twice, first at persons[${first}] (id = ${show(p.id)})` });
    } else firstIndex.set(p.id, i);
  });
  const byId = new Map<string, Person>();
  for (const p of persons) if (typeof p.id === 'string' && !byId.has(p.id)) byId.set(p.id, p);

  const asFather = new Set<string>();
  const asMother = new Set<string>();
  persons.forEach((p, i) => {
    const who = (): string => `person = ${show(p.id)}`; // only when an issue is reported
    if (!SEXES.has(p.sex)) issues.push({ code: 'bad-sex', path: ['persons', i, 'sex'], message: `Sex must be male, female or unknown (${who()}, sex = ${show(p.sex)})` });
    const father = p.father ?? null;
    const mother = p.mother ?? null;
    if ((father === null) !== (mother === null)) {
      issues.push({
        code: 'one-parent',
        path: ['persons', i, father === null ? 'father' : 'mother'],
        message: `Only one parent given; give both or neither (${who()}, father = ${show(father)}, mother = ${show(mother)})`,
      });
    }
    if (father !== null && father === mother) {
      issues.push({ code: 'same-parent', path: ['persons', i], message: `Same person given as father and mother (${who()}, father = ${show(father)}, mother = ${show(mother)})` });
    }
    for (const role of ['father', 'mother'] as const) {
      const parentId = role === 'father' ? father : mother;
      if (parentId === null) continue;
      const parent = byId.get(parentId);
      if (parent === undefined) {
        issues.push({ code: 'unknown-parent', path: ['persons', i, role], message: `Parent is not in the pedigree (${who()}, ${role} = ${show(parentId)})` });
        continue;
      }
      if (father !== mother) (role === 'father' ? asFather : asMother).add(parentId);
      if (role === 'father' && parent.sex === 'female') {
        issues.push({ code: 'parent-sex', path: ['persons', i, role], message: `Father is female (${who()}, father = ${show(parentId)})` });
      }
      if (role === 'mother' && parent.sex === 'male') {
        issues.push({ code: 'parent-sex', path: ['persons', i, role], message: `Mother is male (${who()}, mother = ${show(parentId)})` });
      }
    }
  });
  for (const id of asFather) {
    if (asMother.has(id) && byId.get(id)?.sex === 'unknown') {
      issues.push({ code: 'parent-sex', path: ['persons', firstIndex.get(id) ?? 0], message: `Person is the father of one child and the mother of another (person = ${show(id)})` });
    }
  }
  appendAll(issues, cycleIssues(persons, byId, firstIndex));
  return issues;
}

/**
 * {@link validatePedigree} of each hypothesis of a kinship question, as one
 * list: `path` starts `['hypotheses', k]` and the message names the
 * hypothesis (`hypothesis = H1` for `hypotheses[0]`). Used by `kinshipLR`
 * and the simulators. @internal
 */
export function validateHypotheses(hypotheses: readonly Pedigree[]): Issue[] {
  return hypotheses.flatMap((h, k) => validatePedigree(h).map((i) => ({ ...i, path: ['hypotheses', k, ...i.path], message: `${i.message.replace(/\)$/, '')}, hypothesis = H${k + 1})` })));
}

/** Cycles along parent links, each reported once (as `A -> B -> A`, from its smallest id). Iterative DFS. */
function cycleIssues(persons: readonly Person[], byId: ReadonlyMap<string, Person>, firstIndex: ReadonlyMap<string, number>): Issue[] {
  const issues: Issue[] = [];
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const reported = new Set<string>();
  const parentsOf = (id: string): string[] => {
    const p = byId.get(id);
    if (p === undefined) return [];
    return [p.father, p.mother].filter((x): x is string => typeof x === 'string' && byId.has(x));
  };
  for (const start of byId.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: string[] }[] = [{ id: start, next: parentsOf(start) }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: string[] };
      const parent = top.next.shift();
      if (parent === undefined) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const s = state.get(parent);
      if (s === undefined) {
        state.set(parent, 1);
        stack.push({ id: parent, next: parentsOf(parent) });
      } else if (s === 1) {
        const from = stack.findIndex((f) => f.id === parent);
        const members = stack.slice(from).map((f) => f.id);
        const key = [...members].sort().join('\u0000');
        if (reported.has(key)) continue;
        reported.add(key);
        // rotate so the cycle reads from its smallest id: stable wording whatever the input order
        const smallest = members.indexOf([...members].sort()[0] as string);
        const ordered = [...members.slice(smallest), ...members.slice(0, smallest)];
        issues.push({
          code: 'cycle',
          path: ['persons', firstIndex.get(ordered[0] as string) ?? 0],
          message: `Person is their own ancestor, each id followed by a parent (cycle = ${[...ordered, ordered[0]].join(' -> ')})`,
        });
      }
    }
  }
  return issues;
}

/**
 * Builds a pedigree, checking every rule of {@link validatePedigree}; throws
 * one ValidationError listing every problem at once. The result holds a
 * frozen copy of the people (a missing `father`/`mother` is stored as `null`).
 *
 * Cost: O(persons).
 *
 * @example
 * ```ts
 * const trio = makePedigree([
 *   { id: 'F', sex: 'male', father: null, mother: null },
 *   { id: 'M', sex: 'female', father: null, mother: null },
 *   { id: 'C', sex: 'unknown', father: 'F', mother: 'M' },
 * ]);
 * trio.persons.length; // => 3
 * ```
 */
export function makePedigree(persons: readonly Person[]): Pedigree {
  checkArray(persons, 'persons', true);
  const copy = persons.map((p) => Object.freeze({ id: p.id, sex: p.sex, father: p.father ?? null, mother: p.mother ?? null }));
  const pedigree: Pedigree = Object.freeze({ persons: Object.freeze(copy) });
  const issues = validatePedigree(pedigree);
  if (issues.length > 0) throw new ValidationError(issues);
  return pedigree;
}

/**
 * {@link makePedigree} without throwing: `{ ok: true, value }` or
 * `{ ok: false, error }` with every issue.
 *
 * Cost: O(persons).
 *
 * @example
 * ```ts
 * const r = safeMakePedigree([{ id: '', sex: 'male', father: null, mother: null }]);
 * if (!r.ok) r.error.issues[0]?.code; // => 'empty-id'
 * ```
 */
export function safeMakePedigree(persons: readonly Person[]): Result<Pedigree> {
  return safely(() => makePedigree(persons));
}
