import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import type { Sex } from '../../src/profile/Profile.js';
import { parentsOf } from '../../src/pedigree/queries.js';
import { RELATION_WORDS, normalizeRelation, pedigreeFromRelations, type RelationWord } from '../../src/pedigree/pedigreeFromRelations.js';
import { validatePedigree } from '../../src/pedigree/validatePedigree.js';
import { kinship, kinshipFunction } from './kinship.js';

/** Kinship of a reference to the missing person, by relation (Lange 2002, table 5.1). */
const EXPECTED_PHI: Record<RelationWord, number> = {
  mother: 1 / 4,
  father: 1 / 4,
  child: 1 / 4,
  'full-sibling': 1 / 4,
  'half-sibling-maternal': 1 / 8,
  'half-sibling-paternal': 1 / 8,
  'grandmother-maternal': 1 / 8,
  'grandfather-maternal': 1 / 8,
  'grandmother-paternal': 1 / 8,
  'grandfather-paternal': 1 / 8,
  'aunt-maternal': 1 / 8,
  'uncle-maternal': 1 / 8,
  'aunt-paternal': 1 / 8,
  'uncle-paternal': 1 / 8,
  'first-cousin-maternal': 1 / 16,
  'first-cousin-paternal': 1 / 16,
};
/** Relations that name one person of M's ancestry: at most one reference each. */
const ONCE = new Set<RelationWord>(['mother', 'father', 'grandmother-maternal', 'grandfather-maternal', 'grandmother-paternal', 'grandfather-paternal']);

const messages = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => `${i.code}: ${i.message}`);
  }
  throw new Error('did not throw');
};

describe('normalizeRelation', () => {
  it('reads case, spaces, underscores, word order and synonyms', () => {
    expect(normalizeRelation('Paternal Grandmother')).toEqual({ relation: 'grandmother-paternal', sex: 'female' });
    expect(normalizeRelation('grandmother_paternal')).toEqual({ relation: 'grandmother-paternal', sex: 'female' });
    expect(normalizeRelation('  MATERNAL  uncle ')).toEqual({ relation: 'uncle-maternal', sex: 'male' });
    expect(normalizeRelation('brother')).toEqual({ relation: 'full-sibling', sex: 'male' });
    expect(normalizeRelation('Sister')).toEqual({ relation: 'full-sibling', sex: 'female' });
    expect(normalizeRelation('full sibling')).toEqual({ relation: 'full-sibling' });
    expect(normalizeRelation('maternal half-brother')).toEqual({ relation: 'half-sibling-maternal', sex: 'male' });
    expect(normalizeRelation('daughter')).toEqual({ relation: 'child', sex: 'female' });
    expect(normalizeRelation('first_cousin_paternal')).toEqual({ relation: 'first-cousin-paternal' });
    expect(normalizeRelation('cousin')).toBeUndefined();
    expect(normalizeRelation('grandmother')).toBeUndefined();
    for (const w of RELATION_WORDS) expect(normalizeRelation(w)?.relation).toBe(w);
  });
});

describe('pedigreeFromRelations', () => {
  it('sexes follow the relation words; the missing person is of unknown sex', () => {
    const ped = pedigreeFromRelations({ id: 'M' }, [
      { id: 'R1', relation: 'mother' },
      { id: 'R2', relation: 'Brother' },
      { id: 'R3', relation: 'maternal grandmother' },
    ]);
    expect(ped.persons.find((p) => p.id === 'M')?.sex).toBe('unknown');
    expect(ped.persons.find((p) => p.id === 'R2')?.sex).toBe('male');
  });

  it('shares untyped helpers: two full siblings share both parents', () => {
    const ped = pedigreeFromRelations({ id: 'M' }, [
      { id: 'S1', relation: 'full-sibling' },
      { id: 'S2', relation: 'sister' },
    ]);
    expect(parentsOf(ped, 'S1')).toEqual({ father: 'M.father', mother: 'M.mother' });
    expect(parentsOf(ped, 'S2')).toEqual(parentsOf(ped, 'M'));
    expect(kinship(ped, 'S1', 'S2')).toBe(1 / 4);
    expect(ped.persons).toHaveLength(5);
  });

  it('shares untyped helpers: a maternal grandmother and a maternal aunt share the grandparents', () => {
    const ped = pedigreeFromRelations({ id: 'M' }, [
      { id: 'GM', relation: 'grandmother-maternal' },
      { id: 'AU', relation: 'aunt maternal' },
    ]);
    expect(parentsOf(ped, 'AU')).toEqual({ father: 'M.mother.father', mother: 'GM' });
    expect(parentsOf(ped, 'M.mother')).toEqual({ father: 'M.mother.father', mother: 'GM' });
    expect(kinship(ped, 'GM', 'AU')).toBe(1 / 4);
  });

  it('half-sibling-paternal shares only the father; maternal half-siblings share their other parent', () => {
    const ped = pedigreeFromRelations({ id: 'M' }, [
      { id: 'H', relation: 'half-sibling-paternal' },
      { id: 'S', relation: 'full-sibling' },
      { id: 'HM1', relation: 'half-sibling-maternal' },
      { id: 'HM2', relation: 'maternal half-sister' },
    ]);
    expect(parentsOf(ped, 'H')).toEqual({ father: 'M.father', mother: 'M.father.partner' });
    expect(kinship(ped, 'H', 'M')).toBe(1 / 8);
    expect(kinship(ped, 'H', 'HM1')).toBe(0);
    expect(parentsOf(ped, 'HM1')).toEqual({ father: 'M.mother.partner', mother: 'M.mother' });
    expect(kinship(ped, 'HM1', 'HM2')).toBe(1 / 4);
  });

  it('children of M share one untyped other parent; M is their father unless female', () => {
    const unknownSex = pedigreeFromRelations({ id: 'M' }, [{ id: 'C1', relation: 'child' }, { id: 'C2', relation: 'son' }]);
    expect(parentsOf(unknownSex, 'C1')).toEqual({ father: 'M', mother: 'M.partner' });
    expect(parentsOf(unknownSex, 'C2')).toEqual({ father: 'M', mother: 'M.partner' });
    expect(parentsOf(unknownSex, 'M')).toBeNull();
    const female = pedigreeFromRelations({ id: 'M', sex: 'female' }, [{ id: 'C1', relation: 'daughter' }]);
    expect(parentsOf(female, 'C1')).toEqual({ father: 'M.partner', mother: 'M' });
  });

  it('first cousins hang from an untyped sibling of the parent of their side', () => {
    const ped = pedigreeFromRelations({ id: 'M' }, [
      { id: 'CM', relation: 'first-cousin-maternal' },
      { id: 'CP', relation: 'paternal cousin' },
      { id: 'U', relation: 'uncle-paternal' },
    ]);
    expect(parentsOf(ped, 'CM')).toEqual({ father: 'M.mother.sibling.partner', mother: 'M.mother.sibling' });
    expect(parentsOf(ped, 'CP')).toEqual({ father: 'M.father.sibling', mother: 'M.father.sibling.partner' });
    expect(kinship(ped, 'CP', 'U')).toBe(1 / 8); // U is an uncle of CP as well
    expect(kinship(ped, 'CM', 'CP')).toBe(0);
  });

  it('two missing persons are full siblings of each other, with the same relatives', () => {
    const ped = pedigreeFromRelations(
      [{ id: 'M1', sex: 'male' }, { id: 'M2' }],
      [
        { id: 'F', relation: 'father' },
        { id: 'A', relation: 'aunt-paternal' },
        { id: 'K', relation: 'child' },
      ],
    );
    expect(kinship(ped, 'M1', 'M2')).toBe(1 / 4);
    for (const m of ['M1', 'M2']) {
      expect(kinship(ped, 'F', m)).toBe(1 / 4);
      expect(kinship(ped, 'A', m)).toBe(1 / 8);
    }
    expect(kinship(ped, 'K', 'M1')).toBe(1 / 4);
    expect(kinship(ped, 'K', 'M2')).toBe(1 / 8);
    const alone = pedigreeFromRelations([{ id: 'M1' }, { id: 'M2' }], []);
    expect(parentsOf(alone, 'M2')).toEqual({ father: 'M1.father', mother: 'M1.mother' });
  });

  it('any list of relation words gives a valid pedigree with the expected kinship to every missing person', () => {
    const spell = (word: RelationWord): fc.Arbitrary<string> =>
      fc.constantFrom(word, word.toUpperCase(), word.replace(/-/g, ' '), word.replace(/-/g, '_'), word.replace(/^(.*)-(maternal|paternal)$/, '$2 $1'));
    const refArb = fc.constantFrom(...RELATION_WORDS).chain((w) => fc.record({ word: fc.constant(w), spelled: spell(w) }));
    fc.assert(
      fc.property(fc.array(refArb, { maxLength: 14 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom<Sex | undefined>(undefined, 'male', 'female'), (raw, nMissing, sex) => {
        const seen = new Set<RelationWord>();
        const refs = raw.filter((r) => !ONCE.has(r.word) || (!seen.has(r.word) && seen.add(r.word)));
        const missing = Array.from({ length: nMissing }, (_, i) => (i === 0 && sex !== undefined ? { id: `M${i}`, sex } : { id: `M${i}` }));
        const ped = pedigreeFromRelations(
          missing,
          refs.map((r, i) => ({ id: `R${i}`, relation: r.spelled })),
        );
        expect(validatePedigree(ped)).toEqual([]);
        const phi = kinshipFunction(ped);
        refs.forEach((r, i) => {
          missing.forEach((m, j) => {
            const expected = r.word === 'child' && j > 0 ? 1 / 8 : EXPECTED_PHI[r.word];
            expect(phi(`R${i}`, m.id)).toBe(expected);
          });
          expect(phi(`R${i}`, `R${i}`)).toBe(1 / 2); // nobody is inbred
        });
        for (let j = 1; j < nMissing; j++) expect(phi('M0', `M${j}`)).toBe(1 / 4);
      }),
    );
  });

  it('rejects bad input, listing every problem at once', () => {
    expect(
      messages(() =>
        pedigreeFromRelations({ id: 'M' }, [
          { id: 'R1', relation: 'cousin' },
          { id: 'R2', relation: 'mother', sex: 'male' },
          { id: 'R3', relation: 'Mother' },
          { id: 'R4', relation: 'brother', sex: 'female' },
        ]),
      ),
    ).toMatchInlineSnapshot(`
      [
        "unknown-relationship: Unknown relation to the missing person; accepted: mother, father, full-sibling, half-sibling-maternal, half-sibling-paternal, grandmother-maternal, grandfather-maternal, grandmother-paternal, grandfather-paternal, aunt-maternal, uncle-maternal, aunt-paternal, uncle-paternal, child, first-cousin-maternal, first-cousin-paternal (and synonyms such as brother, sister, son, daughter, maternal-grandmother) (id = "R1", relation = "cousin")",
        "relation-sex: Sex contradicts the relation (id = "R2", relation = "mother", sex = male)",
        "duplicate-relation: Relation given for two people; a person has one mother (id = "R3", also = "R2")",
        "relation-sex: Sex contradicts the relation (id = "R4", relation = "brother", sex = female)",
      ]
    `);
    expect(messages(() => pedigreeFromRelations([], []))).toMatchInlineSnapshot(`
      [
        "no-missing-person: At least one missing person is needed (missing = [])",
      ]
    `);
    expect(
      messages(() =>
        pedigreeFromRelations({ id: 'M' }, [
          { id: 'M', relation: 'father' },
          { id: 'M.mother', relation: 'sister' },
          { id: 'R', relation: 'child' },
          { id: 'R', relation: 'child' },
        ]),
      ),
    ).toMatchInlineSnapshot(`
      [
        "duplicate-id: Person id given twice, first at missing[0] (id = "M")",
        "duplicate-id: Person id is reserved for an untyped helper (id = "M.mother")",
        "duplicate-id: Person id given twice, first at refs[2] (id = "R")",
      ]
    `);
  });
});
