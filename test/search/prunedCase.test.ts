import { describe, expect, it } from 'vitest';
import { prunedCase } from '../../src/search/prunedCase.js';
import { makeGenotype } from '../../src/profile/genotype.js';

// People: 0 F, 1 Mo, 2 M (query), 3 S (sibling), 4 GM (mother's mother, untyped), 5 X (untyped, no typed descendant).
const ids = ['F', 'Mo', 'M', 'S', 'GM', 'X'];
const father = [-1, -1, 0, 0, -1, 0];
const mother = [-1, 4, 1, 1, -1, 1];
// The same family listed in another order: 0 S, 1 X, 2 GM, 3 M, 4 Mo, 5 F.
const ids2 = ['S', 'X', 'GM', 'M', 'Mo', 'F'];
const father2 = [5, 5, -1, 5, -1, -1];
const mother2 = [4, 4, -1, 4, 2, -1];

describe('prunedCase', () => {
  it('keeps the query, the typed people and their ancestors, the query first', () => {
    const c = prunedCase(ids, father, mother, [[3, makeGenotype('12', '13')]], 2);
    // X (no typed descendant) drops out; GM stays, as the engine keeps every ancestor of the query.
    expect(c.ped.ids).toEqual(['M', 'F', 'Mo', 'S', 'GM']);
    expect(c.ped.father).toEqual([1, -1, -1, 1, -1]);
    expect(c.ped.mother).toEqual([2, -1, 4, 2, -1]);
    expect(c.typed).toEqual([[3, makeGenotype('12', '13')]]);
  });

  it('gives the same case and key whatever order the family lists its people in', () => {
    const g = makeGenotype('12', '13');
    const h = makeGenotype('9', '9');
    const a = prunedCase(ids, father, mother, [[3, g], [1, h]], 2);
    const b = prunedCase(ids2, father2, mother2, [[4, h], [0, g]], 3);
    expect(b.key).toBe(a.key);
    expect(b.ped).toEqual(a.ped);
    expect(b.typed).toEqual(a.typed);
  });

  it('tells apart cases whose genotypes or links differ', () => {
    const g = makeGenotype('12', '13');
    const sibling = prunedCase(ids, father, mother, [[3, g]], 2);
    const mum = prunedCase(ids, father, mother, [[1, g]], 2);
    const otherGenotype = prunedCase(ids, father, mother, [[3, makeGenotype('12', '14')]], 2);
    expect(new Set([sibling.key, mum.key, otherGenotype.key]).size).toBe(3);
  });
});

describe('prunedCase with allele codes (the compact key)', () => {
  // Allele codes of one locus, as the plan numbers its alleles.
  const codes = new Map([['9', 0], ['12', 1], ['13', 2], ['14', 3]]);

  it('gives the same case as the label key, and the same key whatever order the family lists its people in', () => {
    const g = makeGenotype('12', '13');
    const h = makeGenotype('9', '9');
    const a = prunedCase(ids, father, mother, [[3, g], [1, h]], 2, codes);
    const b = prunedCase(ids2, father2, mother2, [[4, h], [0, g]], 3, codes);
    const labelled = prunedCase(ids, father, mother, [[3, g], [1, h]], 2);
    expect(b.key).toBe(a.key);
    expect(a.ped).toEqual(labelled.ped);
    expect(a.typed).toEqual(labelled.typed);
    expect(a.key).not.toBe(labelled.key);
  });

  it('tells apart exactly the cases the label key tells apart', () => {
    const cases: [number, ReturnType<typeof makeGenotype>][][] = [
      [[3, makeGenotype('12', '13')]],
      [[1, makeGenotype('12', '13')]],
      [[3, makeGenotype('12', '14')]],
      [[3, makeGenotype('13', '12')]],
      [[3, makeGenotype('12', '12')]],
      [[3, makeGenotype('12', null)]],
      [[3, makeGenotype('12', '13')], [1, makeGenotype('9', '14')]],
      [[3, makeGenotype('12', '13')], [0, makeGenotype('9', '14')]],
    ];
    const compact = cases.map((c) => prunedCase(ids, father, mother, c, 2, codes).key);
    const label = cases.map((c) => prunedCase(ids, father, mother, c, 2).key);
    for (let i = 0; i < cases.length; i++) for (let j = 0; j < cases.length; j++) expect(compact[i] === compact[j]).toBe(label[i] === label[j]);
  });

  it('falls back to the label key when an allele has no code', () => {
    const c = prunedCase(ids, father, mother, [[3, makeGenotype('12', '15')]], 2, codes);
    expect(c.key).toBe(prunedCase(ids, father, mother, [[3, makeGenotype('12', '15')]], 2).key);
  });
});
