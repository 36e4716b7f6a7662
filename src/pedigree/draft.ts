/**
 * Internal: a mutable pedigree under construction, used by the builders.
 * Not part of the public surface.
 */
import type { Sex } from '../profile/Profile.js';
import type { Pedigree, Person } from './Pedigree.js';
import { makePedigree } from './validatePedigree.js';

interface DraftPerson {
  id: string;
  sex: Sex;
  father: string | null;
  mother: string | null;
}

/** People added in order; `build` lists parents before children (stable) and validates. */
export class PedigreeDraft {
  private readonly persons = new Map<string, DraftPerson>();
  /** Ids added twice (reported by makePedigree as `duplicate-id`). */
  private readonly duplicates: DraftPerson[] = [];

  /** Adds a person (a founder until parents are set). */
  add(id: string, sex: Sex, father: string | null = null, mother: string | null = null): string {
    const p = { id, sex, father, mother };
    if (this.persons.has(id)) this.duplicates.push(p);
    else this.persons.set(id, p);
    return id;
  }

  /** Ids added by {@link PedigreeDraft.helper}. */
  private readonly helpers = new Set<string>();

  /**
   * Adds an untyped helper unless that helper is already present; returns the
   * id. A helper id that clashes with a named person is recorded as a
   * duplicate (reported as `duplicate-id`), never silently merged.
   */
  helper(id: string, sex: Sex): string {
    if (this.helpers.has(id)) return id;
    this.helpers.add(id);
    this.add(id, sex);
    return id;
  }

  setParents(id: string, father: string, mother: string): void {
    const p = this.persons.get(id);
    if (p === undefined) throw new Error(`internal: no person ${id}`);
    p.father = father;
    p.mother = mother;
  }

  /** Parents before children, otherwise insertion order; then {@link makePedigree}. */
  build(): Pedigree {
    const all = [...this.persons.values()];
    const placed = new Set<string>();
    const out: Person[] = [];
    let remaining = all;
    while (remaining.length > 0) {
      const ready = remaining.filter((p) => (p.father === null || placed.has(p.father) || !this.persons.has(p.father)) && (p.mother === null || placed.has(p.mother) || !this.persons.has(p.mother)));
      const batch = ready.length > 0 ? ready : remaining; // a cycle: let validation report it
      for (const p of batch) {
        out.push({ ...p });
        placed.add(p.id);
      }
      remaining = remaining.filter((p) => !placed.has(p.id));
    }
    return makePedigree([...out, ...this.duplicates.map((p) => ({ ...p }))]);
  }
}
