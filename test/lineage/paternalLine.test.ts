// Meioses along the paternal line (src/lineage/paternalLine.ts).
import { describe, expect, it } from 'vitest';
import { paternalMeioses } from '../../src/lineage/paternalLine.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';
import { relationshipPedigree, type Relationship } from '../../src/pedigree/relationshipPedigree.js';

const male = { sexA: 'male', sexB: 'male' } as const;

describe('paternalMeioses', () => {
  it.each([
    ['parent-child', 1],
    ['full-siblings', 2],
    ['half-siblings', 2],
    ['grandparent', 2],
    ['avuncular', 3],
    ['first-cousins', 4],
    ['great-grandparent', 3],
    ['half-first-cousins', 4],
  ] as [Relationship, number][])('%s along the paternal line: %i meioses, the same both ways', (relationship, m) => {
    const ped = relationshipPedigree(relationship, { ...male, side: 'paternal' });
    expect(paternalMeioses(ped, 'A', 'B')).toBe(m);
    expect(paternalMeioses(ped, 'B', 'A')).toBe(m);
  });

  it('the same man is 0 meioses from himself', () => {
    expect(paternalMeioses(relationshipPedigree('parent-child', male), 'B', 'B')).toBe(0);
  });

  it.each(['half-siblings', 'grandparent', 'avuncular', 'first-cousins'] as Relationship[])('refuses %s through a female link (maternal side)', (relationship) => {
    const ped = relationshipPedigree(relationship, { ...male, side: 'maternal' });
    expect(() => paternalMeioses(ped, 'A', 'B')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-female-link' })] }));
  });

  it('refuses a woman, an unknown person, and men with no common ancestor', () => {
    const ped = relationshipPedigree('parent-child', { sexA: 'male', sexB: 'female' });
    expect(() => paternalMeioses(ped, 'A', 'B')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-female' })] }));
    expect(() => paternalMeioses(ped, 'A', 'Z')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-unknown-person' })] }));
    const apart: Pedigree = { persons: [{ id: 'A', sex: 'male', father: null, mother: null }, { id: 'B', sex: 'male', father: null, mother: null }] };
    expect(() => paternalMeioses(apart, 'A', 'B')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-not-related' })] }));
  });

  it('message of the female-link refusal', () => {
    const ped = relationshipPedigree('avuncular', { ...male, side: 'maternal' });
    expect(() => paternalMeioses(ped, 'A', 'B')).toThrowErrorMatchingInlineSnapshot(`[ValidationError: y-female-link: The two men are related only through a woman: they share no paternal line, so Y-STRs cannot compare them (persons = "A" and "B")]`);
  });
});
