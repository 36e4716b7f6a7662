/**
 * Builders for named relationships between two people A and B.
 */
import { ValidationError } from '../errors/StrkinError.js';
import type { Sex } from '../profile/Profile.js';
import { PedigreeDraft } from './draft.js';
import type { Pedigree } from './Pedigree.js';

/**
 * A named relationship between two people, for {@link relationshipPedigree}.
 * The same names as the pairwise IBD relationships of the likelihood module,
 * except `identical-twins`: monozygotic twins share one genome and cannot be
 * written as two people with parents (treat them as one person, or use the
 * pairwise LR with k2 = 1).
 */
export type Relationship =
  | 'parent-child'
  | 'full-siblings'
  | 'half-siblings'
  | 'grandparent'
  | 'avuncular'
  | 'first-cousins'
  | 'half-first-cousins'
  | 'double-first-cousins'
  | 'great-grandparent'
  | 'unrelated';

/**
 * Every {@link Relationship} that {@link relationshipPedigree} builds.
 *
 * @example
 * ```ts
 * RELATIONSHIPS.length; // => 10
 * ```
 */
export const RELATIONSHIPS: readonly Relationship[] = Object.freeze([
  'parent-child',
  'full-siblings',
  'half-siblings',
  'grandparent',
  'avuncular',
  'first-cousins',
  'half-first-cousins',
  'double-first-cousins',
  'great-grandparent',
  'unrelated',
] as const);

/** Which parent of B (or of both people, for siblings and cousins) carries the relationship. */
export type LineSide = 'paternal' | 'maternal';

/** Options of {@link relationshipPedigree}. */
export interface RelationshipPedigreeOptions {
  /** Id of person A. Default `'A'`. */
  readonly a?: string;
  /** Id of person B. Default `'B'`. */
  readonly b?: string;
  /**
   * Sex of A. Default: `male` where A is an ancestor of B (parent-child,
   * grandparent, great-grandparent: A is then the father of the line), else
   * `unknown`. A female ancestor is placed as the mother of the line; an
   * explicit `unknown` ancestor is placed as the father with sex unknown.
   */
  readonly sexA?: Sex;
  /** Sex of B. Default `unknown` (B is never a parent in these pedigrees). */
  readonly sexB?: Sex;
  /**
   * The line of the relationship. Default `paternal`. `half-siblings`: the
   * shared parent is the father (paternal) or the mother (maternal).
   * `grandparent`, `great-grandparent`, `avuncular`: through B's father or B's
   * mother (every intermediate of a great-grandparent line has that sex).
   * `first-cousins`, `half-first-cousins`: the connecting parents are the
   * fathers (paternal) or the mothers (maternal) of A and B. Ignored by
   * `parent-child`, `full-siblings`, `double-first-cousins`, `unrelated`.
   */
  readonly side?: LineSide;
}

/**
 * A pedigree in which A and B have the named relationship, with untyped
 * helpers (parents, grandparents) that connect them. Helper ids are stable
 * and read as paths: `B.father` is B's father, `A.father.mother` is A's
 * paternal grandmother; a helper shared by A and B is named from A's side
 * (`A.father` is the father of two full siblings). Helpers have the sex their
 * role implies (a father is male, a mother female). A founder's spouse that
 * only completes a parent pair is named after the child (`B.mother`).
 *
 * No pedigree here has loops except `double-first-cousins`. Throws a
 * ValidationError with code `unknown-relationship` for a name not in
 * {@link RELATIONSHIPS} (or `duplicate-id` when `a`, `b` or a helper id clash).
 * Reference: the IBD coefficients of domain.md §3.1 hold for every pedigree
 * built (a tested property).
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * const ped = relationshipPedigree('half-siblings', { a: 'S1', b: 'S2', side: 'maternal' });
 * parentsOf(ped, 'S1'); // => { father: 'S1.father', mother: 'S1.mother' }
 * parentsOf(ped, 'S2'); // => { father: 'S2.father', mother: 'S1.mother' }
 * ```
 */
export function relationshipPedigree(relationship: Relationship, options: RelationshipPedigreeOptions = {}): Pedigree {
  const a = options.a ?? 'A';
  const b = options.b ?? 'B';
  const side = options.side ?? 'paternal';
  const parentRole = side === 'paternal' ? 'father' : 'mother';
  const sexOfRole = (role: 'father' | 'mother'): Sex => (role === 'father' ? 'male' : 'female');
  const other = (role: 'father' | 'mother'): 'father' | 'mother' => (role === 'father' ? 'mother' : 'father');
  const sexB = options.sexB ?? 'unknown';
  const d = new PedigreeDraft();

  /** Makes `child` a child of `parent` (placed by its sex) and a helper spouse named `<child>.<role>`. */
  const childOf = (child: string, parent: string, parentSex: Sex): void => {
    const parentAs = parentSex === 'female' ? 'mother' : 'father';
    const spouse = d.helper(`${child}.${other(parentAs)}`, sexOfRole(other(parentAs)));
    if (parentAs === 'father') d.setParents(child, parent, spouse);
    else d.setParents(child, spouse, parent);
  };
  /** Adds helper parents `<id>.father`, `<id>.mother` unless given, and links them. */
  const withParents = (id: string, father = `${id}.father`, mother = `${id}.mother`): [string, string] => {
    d.helper(father, 'male');
    d.helper(mother, 'female');
    d.setParents(id, father, mother);
    return [father, mother];
  };

  switch (relationship) {
    case 'parent-child': {
      const sexA = options.sexA ?? 'male';
      d.add(a, sexA);
      d.add(b, sexB);
      childOf(b, a, sexA);
      break;
    }
    case 'grandparent':
    case 'great-grandparent': {
      const sexA = options.sexA ?? 'male';
      d.add(a, sexA);
      d.add(b, sexB);
      // the line from B up to A's child: B.father, B.father.father (paternal) ...
      const line = relationship === 'grandparent' ? [`${b}.${parentRole}`] : [`${b}.${parentRole}`, `${b}.${parentRole}.${parentRole}`];
      let child = b;
      for (const link of line) {
        d.helper(link, sexOfRole(parentRole));
        childOf(child, link, sexOfRole(parentRole));
        child = link;
      }
      childOf(child, a, sexA);
      break;
    }
    case 'full-siblings': {
      d.add(a, options.sexA ?? 'unknown');
      d.add(b, sexB);
      const [f, m] = withParents(a);
      d.setParents(b, f, m);
      break;
    }
    case 'half-siblings': {
      d.add(a, options.sexA ?? 'unknown');
      d.add(b, sexB);
      const [f, m] = withParents(a);
      if (side === 'paternal') withParents(b, f, `${b}.mother`);
      else withParents(b, `${b}.father`, m);
      break;
    }
    case 'avuncular': {
      // A is a full sibling of B's father (paternal) or mother (maternal).
      d.add(a, options.sexA ?? 'unknown');
      d.add(b, sexB);
      const link = d.helper(`${b}.${parentRole}`, sexOfRole(parentRole));
      withParents(b, side === 'paternal' ? link : `${b}.father`, side === 'paternal' ? `${b}.mother` : link);
      const [gf, gm] = withParents(link);
      d.setParents(a, gf, gm);
      break;
    }
    case 'first-cousins':
    case 'half-first-cousins': {
      // A's and B's fathers (paternal) or mothers (maternal) are full or half siblings.
      d.add(a, options.sexA ?? 'unknown');
      d.add(b, sexB);
      const linkA = d.helper(`${a}.${parentRole}`, sexOfRole(parentRole));
      const linkB = d.helper(`${b}.${parentRole}`, sexOfRole(parentRole));
      for (const [person, link] of [[a, linkA], [b, linkB]] as const) {
        withParents(person, side === 'paternal' ? link : `${person}.father`, side === 'paternal' ? `${person}.mother` : link);
      }
      const [gf, gm] = withParents(linkA);
      if (relationship === 'first-cousins') d.setParents(linkB, gf, gm);
      else withParents(linkB, gf, `${linkB}.mother`); // half siblings through the grandfather
      break;
    }
    case 'double-first-cousins': {
      // A's father and B's mother are full siblings; so are A's mother and B's father.
      d.add(a, options.sexA ?? 'unknown');
      d.add(b, sexB);
      const [fa, ma] = withParents(a);
      const [fb, mb] = withParents(b);
      const [g1, g2] = withParents(fa);
      d.setParents(mb, g1, g2);
      const [g3, g4] = withParents(ma);
      d.setParents(fb, g3, g4);
      break;
    }
    case 'unrelated': {
      d.add(a, options.sexA ?? 'unknown');
      d.add(b, sexB);
      break;
    }
    default: {
      const name: unknown = relationship;
      throw new ValidationError({
        code: 'unknown-relationship',
        path: ['relationship'],
        message: `Unknown relationship; use one of ${RELATIONSHIPS.join(', ')} (relationship = ${JSON.stringify(name)})`,
      });
    }
  }
  return d.build();
}
