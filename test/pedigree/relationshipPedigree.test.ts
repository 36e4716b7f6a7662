import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import { IBD_COEFFICIENTS, type PairwiseRelationship } from '../../src/likelihood/ibd.js';
import { parentsOf } from '../../src/pedigree/queries.js';
import { RELATIONSHIPS, relationshipPedigree, type Relationship } from '../../src/pedigree/relationshipPedigree.js';
import { validatePedigree } from '../../src/pedigree/validatePedigree.js';
import { kappaOf, kinship } from './kinship.js';

// Every pedigree relationship is a pairwise relationship (type-level check).
const asPairwise = (r: Relationship): PairwiseRelationship => r;

describe('relationshipPedigree', () => {
  const variants: { a?: string; b?: string; sexA?: 'male' | 'female' | 'unknown'; sexB?: 'male' | 'female'; side?: 'paternal' | 'maternal' }[] = [
    {},
    { side: 'maternal' },
    { sexA: 'female', sexB: 'male', side: 'maternal' },
    { a: 'AF', b: 'child', sexA: 'female', side: 'paternal' },
    { sexA: 'unknown' },
  ];

  it.each(RELATIONSHIPS.map((r) => [r]))('%s: valid, and kinship phi(A, B) and kappa match IBD_COEFFICIENTS', (relationship) => {
    const expected = IBD_COEFFICIENTS[asPairwise(relationship)];
    for (const v of variants) {
      const ped = relationshipPedigree(relationship, v);
      expect(validatePedigree(ped)).toEqual([]);
      const a = v.a ?? 'A';
      const b = v.b ?? 'B';
      expect(kinship(ped, a, b)).toBeCloseTo(expected.k1 / 4 + expected.k2 / 2, 12);
      const k = kappaOf(ped, a, b);
      expect(k.k0).toBeCloseTo(expected.k0, 12);
      expect(k.k1).toBeCloseTo(expected.k1, 12);
      expect(k.k2).toBeCloseTo(expected.k2, 12);
      // A and B are not inbred, and carry the sexes asked for
      expect(kinship(ped, a, a)).toBe(0.5);
      expect(kinship(ped, b, b)).toBe(0.5);
      const byId = new Map(ped.persons.map((p) => [p.id, p]));
      if (v.sexA !== undefined) expect(byId.get(a)?.sex).toBe(v.sexA);
      expect(byId.get(b)?.sex).toBe(v.sexB ?? 'unknown');
    }
  });

  it('identical twins are not a pedigree relationship', () => {
    expect(RELATIONSHIPS).not.toContain('identical-twins');
    expect(Object.keys(IBD_COEFFICIENTS).filter((r) => !(RELATIONSHIPS as readonly string[]).includes(r))).toEqual(['identical-twins']);
  });

  it('places people and helpers as documented', () => {
    const ped = relationshipPedigree('half-siblings', { a: 'S1', b: 'S2', side: 'maternal' });
    expect(parentsOf(ped, 'S1')).toEqual({ father: 'S1.father', mother: 'S1.mother' });
    expect(parentsOf(ped, 'S2')).toEqual({ father: 'S2.father', mother: 'S1.mother' });
    expect(parentsOf(relationshipPedigree('parent-child', { sexA: 'female' }), 'B')).toEqual({ father: 'B.father', mother: 'A' });
    expect(parentsOf(relationshipPedigree('parent-child'), 'B')).toEqual({ father: 'A', mother: 'B.mother' });
    const gp = relationshipPedigree('grandparent', { side: 'maternal' });
    expect(parentsOf(gp, 'B')).toEqual({ father: 'B.father', mother: 'B.mother' });
    expect(parentsOf(gp, 'B.mother')).toEqual({ father: 'A', mother: 'B.mother.mother' });
    const ggp = relationshipPedigree('great-grandparent', { sexA: 'female' });
    expect(parentsOf(ggp, 'B.father.father')).toEqual({ father: 'B.father.father.father', mother: 'A' });
    expect(relationshipPedigree('unrelated').persons.map((p) => p.id)).toEqual(['A', 'B']);
    // helpers' sexes follow their roles
    for (const r of RELATIONSHIPS) {
      const p = relationshipPedigree(r);
      for (const person of p.persons) {
        if (person.id.endsWith('.father')) expect(person.sex).toBe('male');
        if (person.id.endsWith('.mother')) expect(person.sex).toBe('female');
      }
    }
  });

  it('rejects bad input', () => {
    const codes = (fn: () => unknown): string[] => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => `${i.code}: ${i.message}`);
      }
      throw new Error('did not throw');
    };
    expect(codes(() => relationshipPedigree('cousins' as Relationship))).toMatchInlineSnapshot(`
      [
        "unknown-relationship: Unknown relationship; use one of parent-child, full-siblings, half-siblings, grandparent, avuncular, first-cousins, half-first-cousins, double-first-cousins, great-grandparent, unrelated (relationship = "cousins")",
      ]
    `);
    expect(codes(() => relationshipPedigree('full-siblings', { a: 'X', b: 'X' }))).toMatchInlineSnapshot(`
      [
        "duplicate-id: Person id given twice, first at persons[2] (id = "X")",
      ]
    `);
    expect(codes(() => relationshipPedigree('full-siblings', { a: 'A', b: 'A.father' })).map((m) => m.split(':')[0])).toContain('duplicate-id');
  });
});
