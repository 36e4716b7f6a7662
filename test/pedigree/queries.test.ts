import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import type { Person } from '../../src/pedigree/Pedigree.js';
import { ancestors, children, descendants, hasLoops, isFounder, parentsOf, relabel } from '../../src/pedigree/queries.js';
import { RELATIONSHIPS, relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import { makePedigree } from '../../src/pedigree/validatePedigree.js';
import { kinship } from './kinship.js';

const P = (id: string, sex: Person['sex'], father: string | null = null, mother: string | null = null): Person => ({ id, sex, father, mother });

describe('pedigree queries', () => {
  // The TSDoc examples of queries.ts run in test/examples; these are the other cases.
  it('a non-founder is not a founder; a founder has no parents', () => {
    const duo = relationshipPedigree('parent-child');
    expect(isFounder(duo, 'B')).toBe(false);
    expect(parentsOf(duo, 'A')).toBeNull();
  });

  it('descendants and ancestors are inverse relations', () => {
    for (const r of RELATIONSHIPS) {
      const ped = relationshipPedigree(r);
      for (const x of ped.persons) {
        for (const y of descendants(ped, x.id)) expect(ancestors(ped, y)).toContain(x.id);
        expect(descendants(ped, x.id)).not.toContain(x.id);
      }
    }
  });

  it('hasLoops: cousin marriage, two sisters with one partner, two brothers marrying two sisters; not half-siblings', () => {
    const base = [P('GF', 'male'), P('GM', 'female'), P('S1', 'female', 'GF', 'GM'), P('S2', 'female', 'GF', 'GM')];
    const sistersOnePartner = makePedigree([...base, P('X', 'male'), P('C1', 'male', 'X', 'S1'), P('C2', 'female', 'X', 'S2')]);
    expect(hasLoops(sistersOnePartner)).toBe(true);
    const cousins = makePedigree([...base, P('H1', 'male'), P('H2', 'male'), P('C1', 'male', 'H1', 'S1'), P('C2', 'female', 'H2', 'S2'), P('K', 'unknown', 'C1', 'C2')]);
    expect(hasLoops(cousins)).toBe(true);
    const halfSibs = makePedigree([P('F', 'male'), P('M1', 'female'), P('M2', 'female'), P('A', 'male', 'F', 'M1'), P('B', 'male', 'F', 'M2')]);
    expect(hasLoops(halfSibs)).toBe(false);
    const bigSibship = makePedigree([...base, P('S3', 'male', 'GF', 'GM'), P('W', 'female'), P('K', 'male', 'S3', 'W')]);
    expect(hasLoops(bigSibship)).toBe(false);
    for (const r of RELATIONSHIPS) expect(hasLoops(relationshipPedigree(r))).toBe(r === 'double-first-cousins');
  });

  it('relabel keeps the structure (kinship unchanged) and rejects clashes', () => {
    const ped = relationshipPedigree('avuncular');
    const renamed = relabel(ped, new Map([['A', 'uncle'], ['B', 'nephew']]));
    expect(kinship(renamed, 'uncle', 'nephew')).toBe(kinship(ped, 'A', 'B'));
    expect(() => relabel(ped, { A: 'B' })).toThrow(ValidationError);
  });

  it('rejects bad input', () => {
    const ped = relationshipPedigree('full-siblings');
    const messages = (fn: () => unknown): string[] => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => `${i.code}: ${i.message}`);
      }
      throw new Error('did not throw');
    };
    expect(messages(() => children(ped, 'Z'))).toMatchInlineSnapshot(`
      [
        "unknown-person: Person is not in the pedigree (id = "Z")",
      ]
    `);
    expect(messages(() => isFounder(ped, 'Z'))).toEqual(messages(() => parentsOf(ped, 'Z')));
    expect(messages(() => descendants(ped, 'Z'))).toEqual(messages(() => ancestors(ped, 'Z')));
    expect(messages(() => relabel(ped, { Z: 'Y', A: 'B' }))).toMatchInlineSnapshot(`
      [
        "unknown-person: Person is not in the pedigree (id = "Z")",
      ]
    `);
    expect(messages(() => relabel(ped, { A: 'B' }))).toMatchInlineSnapshot(`
      [
        "duplicate-id: Person id given twice, first at persons[2] (id = "B")",
      ]
    `);
  });
});
