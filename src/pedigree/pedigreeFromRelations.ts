/**
 * A pedigree from a families file's "relation to the missing person" list
 * (DESIGN.md, families file, way 1).
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { Sex } from '../profile/Profile.js';
import { PedigreeDraft } from './draft.js';
import type { Pedigree } from './Pedigree.js';

/**
 * A reference's relation to the missing person, in canonical spelling.
 * `-maternal` / `-paternal` name the missing person's parent through whom
 * the relation runs.
 */
export type RelationWord =
  | 'mother'
  | 'father'
  | 'full-sibling'
  | 'half-sibling-maternal'
  | 'half-sibling-paternal'
  | 'grandmother-maternal'
  | 'grandfather-maternal'
  | 'grandmother-paternal'
  | 'grandfather-paternal'
  | 'aunt-maternal'
  | 'uncle-maternal'
  | 'aunt-paternal'
  | 'uncle-paternal'
  | 'child'
  | 'first-cousin-maternal'
  | 'first-cousin-paternal';

/**
 * Every canonical relation word accepted by {@link pedigreeFromRelations}.
 * Synonyms are accepted too (see {@link normalizeRelation}).
 *
 * @example
 * ```ts
 * RELATION_WORDS.includes('aunt-maternal'); // => true
 * ```
 */
export const RELATION_WORDS: readonly RelationWord[] = Object.freeze([
  'mother',
  'father',
  'full-sibling',
  'half-sibling-maternal',
  'half-sibling-paternal',
  'grandmother-maternal',
  'grandfather-maternal',
  'grandmother-paternal',
  'grandfather-paternal',
  'aunt-maternal',
  'uncle-maternal',
  'aunt-paternal',
  'uncle-paternal',
  'child',
  'first-cousin-maternal',
  'first-cousin-paternal',
] as const);

/** A relation word read by {@link normalizeRelation}: the canonical relation and the sex the word implies, if any. */
export interface NormalizedRelation {
  readonly relation: RelationWord;
  /** `male` for `father`, `brother`, `uncle-…`; `female` for `mother`, `sister`, `aunt-…`; absent for neutral words. */
  readonly sex?: Sex;
}

const SEX_OF: Partial<Record<RelationWord, Sex>> = {
  mother: 'female',
  father: 'male',
  'grandmother-maternal': 'female',
  'grandfather-maternal': 'male',
  'grandmother-paternal': 'female',
  'grandfather-paternal': 'male',
  'aunt-maternal': 'female',
  'uncle-maternal': 'male',
  'aunt-paternal': 'female',
  'uncle-paternal': 'male',
};

const SYNONYMS: ReadonlyMap<string, NormalizedRelation> = (() => {
  const map = new Map<string, NormalizedRelation>();
  const put = (word: string, relation: RelationWord, sex?: Sex): void => {
    const value: NormalizedRelation = sex === undefined ? { relation } : { relation, sex };
    map.set(word, value);
    // `maternal-grandmother` for `grandmother-maternal`
    const m = /^(.*)-(maternal|paternal)$/.exec(word);
    if (m !== null) map.set(`${m[2]}-${m[1]}`, value);
  };
  for (const w of RELATION_WORDS) put(w, w, SEX_OF[w]);
  for (const w of ['sibling', 'sib', 'full-sib']) put(w, 'full-sibling');
  for (const [w, sex] of [['brother', 'male'], ['sister', 'female'], ['full-brother', 'male'], ['full-sister', 'female']] as const) put(w, 'full-sibling', sex);
  for (const side of ['maternal', 'paternal'] as const) {
    const rel: RelationWord = `half-sibling-${side}`;
    put(`half-sib-${side}`, rel);
    put(`half-brother-${side}`, rel, 'male');
    put(`half-sister-${side}`, rel, 'female');
    put(`cousin-${side}`, `first-cousin-${side}`);
  }
  put('son', 'child', 'male');
  put('daughter', 'child', 'female');
  return map;
})();

/**
 * Reads a relation word: case-, space- and underscore-insensitive (`Maternal
 * Grandmother`, `grandmother_maternal`), with either word order for the side
 * (`paternal-grandmother` = `grandmother-paternal`) and synonyms `brother`,
 * `sister`, `sibling` (full-sibling), `half-brother-maternal`,
 * `son`, `daughter` (child), `cousin-maternal`. Returns `undefined` for a word
 * it does not know.
 *
 * Cost: O(word length).
 *
 * @example
 * ```ts
 * normalizeRelation('Paternal Grandmother'); // => { relation: 'grandmother-paternal', sex: 'female' }
 * normalizeRelation('brother'); // => { relation: 'full-sibling', sex: 'male' }
 * normalizeRelation('cousin'); // => undefined // which side?
 * ```
 */
export function normalizeRelation(word: string): NormalizedRelation | undefined {
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
  return SYNONYMS.get(key);
}

/** A missing person of {@link pedigreeFromRelations}. */
export interface MissingPersonSpec {
  readonly id: string;
  /** Default `unknown`. */
  readonly sex?: Sex;
}

/** A reference person and their relation to the missing person. */
export interface RelativeSpec {
  readonly id: string;
  /** A relation word ({@link RELATION_WORDS} or a synonym, see {@link normalizeRelation}). */
  readonly relation: string;
  /** Default: the sex the word implies (`mother` female), else `unknown`. A contradiction is an error. */
  readonly sex?: Sex;
}

/**
 * Builds one pedigree holding the missing person(s) and every reference in
 * place, from each reference's relation to the missing person (the families
 * file's relationship table, DESIGN.md).
 *
 * Rules (the file says no more than this, so strkin decides):
 * - Untyped helpers are added to connect everyone, with stable path-like ids
 *   from the first missing person M: `M.father`, `M.mother.mother`,
 *   `M.mother.partner` (the other parent of maternal half-siblings),
 *   `M.partner` (the other parent of M's children), `M.father.sibling` (the
 *   parent of paternal first cousins) and `M.father.sibling.partner`.
 *   Helpers are shared: two full siblings have the same father and mother; a
 *   maternal grandmother and a maternal aunt share M's maternal grandparents;
 *   a reference who *is* a helper (a `mother`) replaces it.
 * - Helpers' sexes follow their roles (a father is male, a mother female; the
 *   parent of paternal cousins is a man, of maternal cousins a woman).
 * - References of one kind that need another parent share it: all `child`
 *   references are full siblings (children of M and one untyped partner); all
 *   maternal half-siblings are full siblings of each other; all first cousins
 *   of one side are full siblings of each other. Use an explicit pedigree
 *   (families file, way 2) for anything else.
 * - M's sex is `unknown` unless given. When M has children and an unknown
 *   sex, M is placed as their father (this matters only for sex-specific
 *   mutation rates); give M's sex to place M as the mother.
 * - Several missing persons are full siblings of each other (siblings taken
 *   together); relations are relative to the first, which is the same for
 *   all except `child`, which makes a child of the first missing person.
 *
 * Throws a ValidationError listing every problem: `unknown-relationship`
 * (with the accepted words), `relation-sex` (a sex that contradicts the word),
 * `duplicate-relation` (two mothers, two maternal grandmothers...),
 * `no-missing-person`, `duplicate-id` (an id given twice, or one of the
 * helpers' ids), and the other codes of {@link makePedigree}.
 *
 * Cost: O(references).
 *
 * @example
 * ```ts
 * const ped = pedigreeFromRelations({ id: 'M' }, [
 *   { id: 'R1', relation: 'mother' },
 *   { id: 'R2', relation: 'Brother' },
 *   { id: 'R3', relation: 'maternal grandmother' },
 * ]);
 * parentsOf(ped, 'M'); // => { father: 'M.father', mother: 'R1' }
 * parentsOf(ped, 'R2'); // => { father: 'M.father', mother: 'R1' }
 * parentsOf(ped, 'R1'); // => { father: 'M.mother.father', mother: 'R3' }
 * ```
 */
export function pedigreeFromRelations(missing: MissingPersonSpec | readonly MissingPersonSpec[], refs: readonly RelativeSpec[]): Pedigree {
  const missingList: readonly MissingPersonSpec[] = Array.isArray(missing) ? (missing as readonly MissingPersonSpec[]) : [missing as MissingPersonSpec];
  const issues: Issue[] = [];
  const first = missingList[0];
  if (first === undefined) {
    throw new ValidationError({ code: 'no-missing-person', path: ['missing'], message: 'At least one missing person is needed (missing = [])' });
  }
  const m = first.id;

  // 1. read every relation word; note which parent-line slots references fill
  const read: { ref: RelativeSpec; relation: RelationWord; sex: Sex }[] = [];
  const slotFilledBy = new Map<string, string>();
  refs.forEach((ref, i) => {
    const norm = normalizeRelation(String(ref.relation));
    if (norm === undefined) {
      issues.push({
        code: 'unknown-relationship',
        path: ['refs', i, 'relation'],
        message: `Unknown relation to the missing person; accepted: ${RELATION_WORDS.join(', ')} (and synonyms such as brother, sister, son, daughter, maternal-grandmother) (id = ${JSON.stringify(ref.id)}, relation = ${JSON.stringify(ref.relation)})`,
      });
      return;
    }
    if (norm.sex !== undefined && ref.sex !== undefined && ref.sex !== 'unknown' && ref.sex !== norm.sex) {
      issues.push({
        code: 'relation-sex',
        path: ['refs', i, 'sex'],
        message: `Sex contradicts the relation (id = ${JSON.stringify(ref.id)}, relation = ${JSON.stringify(ref.relation)}, sex = ${ref.sex})`,
      });
    }
    const slot = SLOT_OF[norm.relation];
    if (slot !== undefined) {
      const previous = slotFilledBy.get(slot);
      if (previous !== undefined) {
        issues.push({
          code: 'duplicate-relation',
          path: ['refs', i, 'relation'],
          message: `Relation given for two people; a person has one ${norm.relation} (id = ${JSON.stringify(ref.id)}, also = ${JSON.stringify(previous)})`,
        });
      } else slotFilledBy.set(slot, ref.id);
    }
    read.push({ ref, relation: norm.relation, sex: norm.sex ?? ref.sex ?? 'unknown' });
  });
  // ids: unique, and none taken from the helpers' names
  const reserved = new Set(HELPER_PATHS.map((path) => `${m}.${path}`));
  const firstAt = new Map<string, string>();
  const checkId = (id: string, where: string, path: (string | number)[]): void => {
    const before = firstAt.get(id);
    if (before !== undefined) {
      issues.push({ code: 'duplicate-id', path, message: `Person id given twice, first at ${before} (id = ${JSON.stringify(id)})` });
    } else firstAt.set(id, where);
    if (reserved.has(id)) {
      issues.push({ code: 'duplicate-id', path, message: `Person id is reserved for an untyped helper (id = ${JSON.stringify(id)})` });
    }
  };
  missingList.forEach((mp, i) => checkId(mp.id, `missing[${i}]`, ['missing', i, 'id']));
  refs.forEach((ref, i) => checkId(ref.id, `refs[${i}]`, ['refs', i, 'id']));
  if (issues.length > 0) throw new ValidationError(issues);

  // 2. build: missing persons, references, then links through shared slots
  const d = new PedigreeDraft();
  for (const mp of missingList) d.add(mp.id, mp.sex ?? 'unknown');
  for (const { ref, sex } of read) d.add(ref.id, sex);

  /** The id of the person in a slot (`father`, `mother.mother`, ...), adding a helper if no reference fills it. */
  const slot = (path: string): string => {
    const filled = slotFilledBy.get(path);
    return filled ?? d.helper(`${m}.${path}`, path.endsWith('mother') ? 'female' : 'male');
  };
  const linked = new Set<string>();
  /** Gives the person in slot `path` ('' = the missing persons) their parents, once. */
  const parentsOfSlot = (path: string): [string, string] => {
    const prefix = path === '' ? '' : `${path}.`;
    const father = slot(`${prefix}father`);
    const mother = slot(`${prefix}mother`);
    if (!linked.has(path)) {
      linked.add(path);
      if (path === '') for (const mp of missingList) d.setParents(mp.id, father, mother);
      else d.setParents(slot(path), father, mother);
    }
    return [father, mother];
  };
  const created = new Set<string>();
  /** A helper child of a slot with its own helper partner (shared by every reference that asks for it). */
  const helperWithPartner = (parentPath: 'father' | 'mother'): string => {
    const id = `${m}.${parentPath}.sibling`;
    if (!created.has(id)) {
      created.add(id);
      const [gf, gm] = parentsOfSlot(parentPath);
      d.helper(id, parentPath === 'father' ? 'male' : 'female');
      d.setParents(id, gf, gm);
    }
    return id;
  };
  const pair = (person: string, personSex: Sex, partnerId: string): [string, string] => {
    const asMother = personSex === 'female';
    const partner = d.helper(partnerId, asMother ? 'male' : 'female');
    return asMother ? [partner, person] : [person, partner];
  };

  if (missingList.length > 1) parentsOfSlot('');
  for (const { ref, relation } of read) {
    switch (relation) {
      case 'mother':
      case 'father':
        parentsOfSlot('');
        break;
      case 'grandmother-maternal':
      case 'grandfather-maternal':
        parentsOfSlot('');
        parentsOfSlot('mother');
        break;
      case 'grandmother-paternal':
      case 'grandfather-paternal':
        parentsOfSlot('');
        parentsOfSlot('father');
        break;
      case 'full-sibling': {
        const [f, mo] = parentsOfSlot('');
        d.setParents(ref.id, f, mo);
        break;
      }
      case 'half-sibling-maternal':
      case 'half-sibling-paternal': {
        const [f, mo] = parentsOfSlot('');
        const maternal = relation === 'half-sibling-maternal';
        const [pf, pm] = maternal ? pair(mo, 'female', `${m}.mother.partner`) : pair(f, 'male', `${m}.father.partner`);
        d.setParents(ref.id, pf, pm);
        break;
      }
      case 'aunt-maternal':
      case 'uncle-maternal':
      case 'aunt-paternal':
      case 'uncle-paternal': {
        parentsOfSlot('');
        const [gf, gm] = parentsOfSlot(relation.endsWith('maternal') ? 'mother' : 'father');
        d.setParents(ref.id, gf, gm);
        break;
      }
      case 'first-cousin-maternal':
      case 'first-cousin-paternal': {
        parentsOfSlot('');
        const side = relation === 'first-cousin-maternal' ? 'mother' : 'father';
        const sibling = helperWithPartner(side);
        const [pf, pm] = pair(sibling, side === 'mother' ? 'female' : 'male', `${sibling}.partner`);
        d.setParents(ref.id, pf, pm);
        break;
      }
      case 'child': {
        const [pf, pm] = pair(m, first.sex ?? 'unknown', `${m}.partner`);
        d.setParents(ref.id, pf, pm);
        break;
      }
    }
  }
  return d.build();
}

/** Relations that fill a slot of M's parent lines (at most one reference each). */
const SLOT_OF: Partial<Record<RelationWord, string>> = {
  mother: 'mother',
  father: 'father',
  'grandmother-maternal': 'mother.mother',
  'grandfather-maternal': 'mother.father',
  'grandmother-paternal': 'father.mother',
  'grandfather-paternal': 'father.father',
};

/** Paths (after `M.`) of every helper the builder may add. */
const HELPER_PATHS: readonly string[] = [
  'father',
  'mother',
  'father.father',
  'father.mother',
  'mother.father',
  'mother.mother',
  'father.partner',
  'mother.partner',
  'partner',
  'father.sibling',
  'mother.sibling',
  'father.sibling.partner',
  'mother.sibling.partner',
];
