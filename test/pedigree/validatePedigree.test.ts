import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import type { Person } from '../../src/pedigree/Pedigree.js';
import { makePedigree, safeMakePedigree, validatePedigree } from '../../src/pedigree/validatePedigree.js';

const P = (id: string, sex: Person['sex'], father: string | null = null, mother: string | null = null): Person => ({ id, sex, father, mother });

describe('validatePedigree / makePedigree', () => {
  it('accepts a valid pedigree, including a parent of unknown sex, and returns a frozen copy', () => {
    const persons = [P('F', 'unknown'), P('M', 'female'), P('C', 'male', 'F', 'M')];
    expect(validatePedigree({ persons })).toEqual([]);
    const ped = makePedigree(persons);
    expect(ped.persons).toEqual(persons);
    expect(ped.persons).not.toBe(persons);
    expect(Object.isFrozen(ped.persons)).toBe(true);
  });

  it('safeMakePedigree accepts a valid pedigree', () => {
    expect(safeMakePedigree([P('A', 'male')]).ok).toBe(true);
  });

  it('rejects bad input, listing every problem at once', () => {
    const persons: Person[] = [
      P('', 'male'), // empty-id
      P('A', 'male'),
      P('A', 'female'), // duplicate-id
      P('B', 'female', 'A', null), // one-parent
      P('C', 'male', 'X', 'A'), // unknown-parent, and A (male) as mother: parent-sex
      P('D', 'male', 'W', 'W'), // same-parent (W unknown sex)
      P('W', 'unknown'),
      P('E', 'female', 'B', 'A'), // father female (B) and mother male (A)
      P('G1', 'male', 'G2', 'H'), // G1 -> G2 -> G1: a cycle
      P('G2', 'male', 'G1', 'H'),
      P('H', 'female'),
      P('S', 'x' as Person['sex']), // bad-sex
      P('U', 'unknown'),
      P('K1', 'male', 'U', 'H'),
      P('K2', 'male', 'A', 'U'), // U is a father and a mother
    ];
    expect(validatePedigree({ persons }).map((i) => `${i.code} [${i.path.join('.')}]: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "empty-id [persons.0.id]: Person id is empty (persons[0].id = "")",
        "duplicate-id [persons.2.id]: Person id given twice, first at persons[1] (id = "A")",
        "one-parent [persons.3.mother]: Only one parent given; give both or neither (person = "B", father = "A", mother = null)",
        "unknown-parent [persons.4.father]: Parent is not in the pedigree (person = "C", father = "X")",
        "parent-sex [persons.4.mother]: Mother is male (person = "C", mother = "A")",
        "same-parent [persons.5]: Same person given as father and mother (person = "D", father = "W", mother = "W")",
        "parent-sex [persons.7.father]: Father is female (person = "E", father = "B")",
        "parent-sex [persons.7.mother]: Mother is male (person = "E", mother = "A")",
        "bad-sex [persons.11.sex]: Sex must be male, female or unknown (person = "S", sex = "x")",
        "parent-sex [persons.12]: Person is the father of one child and the mother of another (person = "U")",
        "cycle [persons.8]: Person is their own ancestor, each id followed by a parent (cycle = G1 -> G2 -> G1)",
      ]
    `);
    let error: unknown;
    try {
      makePedigree(persons);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.length).toBe(validatePedigree({ persons }).length);
    expect((error as ValidationError).message).toMatchInlineSnapshot(`"empty-id: Person id is empty (persons[0].id = "") (and 10 more issues)"`);
  });

  it('reports a self-parent and a long cycle once each, whatever the input order', () => {
    const self = validatePedigree({ persons: [P('Z', 'male', 'Z', 'Q'), P('Q', 'female')] });
    expect(self.map((i) => i.message)).toMatchInlineSnapshot(`
      [
        "Person is their own ancestor, each id followed by a parent (cycle = Z -> Z)",
      ]
    `);
    const ring = [P('c', 'male', 'a', 'm'), P('a', 'male', 'b', 'm'), P('b', 'male', 'c', 'm'), P('m', 'female')];
    const one = validatePedigree({ persons: ring }).map((i) => i.message);
    const two = validatePedigree({ persons: [...ring].reverse() }).map((i) => i.message);
    expect(one).toEqual(two);
    expect(one).toMatchInlineSnapshot(`
      [
        "Person is their own ancestor, each id followed by a parent (cycle = a -> b -> c -> a)",
      ]
    `);
  });
});
