/**
 * Pedigrees and gene-dropping plans of {@link simulateSearchScenario}'s
 * families, built once per family shape. Two families of one structure, with
 * the same number of references and the same sexes, differ only in their
 * family id, which prefixes every person id (`FAM-0001-mother`,
 * `FAM-0001-missing.father`); so the second and later ones copy the first's
 * pedigree and plan with the ids renamed instead of building and validating
 * them again. Internal.
 */
import { pedigreeFromRelations, type MissingPersonSpec, type RelativeSpec } from '../pedigree/pedigreeFromRelations.js';
import type { Pedigree, Person } from '../pedigree/Pedigree.js';
import type { Sex } from '../profile/Profile.js';
import { makeDropPlan, type DropPlan } from './dropGenes.js';

/** A family's pedigree, its drop plan (typed: references, then missing persons) and the sex of each reference in it. */
export interface FamilyShape {
  readonly pedigree: Pedigree;
  readonly plan: DropPlan;
  readonly refSexes: readonly Sex[];
}

interface Template extends FamilyShape {
  /** Family id of the family the shape was built for: the prefix of every person id in it. */
  readonly familyId: string;
}

/**
 * Makes the shapes of one scenario's families. Every person id of a family
 * must start with its family id, and the ids of a shape must differ only in
 * that prefix: both hold for the ids {@link simulateSearchScenario} writes.
 */
export function familyShapes(): (familyId: string, key: string, missing: readonly MissingPersonSpec[], refs: readonly RelativeSpec[]) => FamilyShape {
  const templates = new Map<string, Template>();
  return (familyId, key, missing, refs) => {
    const template = templates.get(key);
    if (template === undefined) {
      const pedigree = pedigreeFromRelations(missing, refs);
      const plan = makeDropPlan(pedigree, [...refs.map((r) => r.id), ...missing.map((m) => m.id)]);
      const sexOf = new Map(pedigree.persons.map((p) => [p.id, p.sex]));
      const shape: Template = { familyId, pedigree, plan, refSexes: refs.map((r) => sexOf.get(r.id) ?? 'unknown') };
      if (![...shape.plan.ids, ...pedigree.persons.map((p) => p.id)].every((id) => id.startsWith(familyId))) throw new Error(`internal: a person id of family ${familyId} does not start with the family id`);
      templates.set(key, shape);
      return shape;
    }
    const cut = template.familyId.length;
    const rename = (id: string): string => familyId + id.slice(cut);
    return { pedigree: renamePedigree(template.pedigree, rename), plan: { ...template.plan, ids: template.plan.ids.map(rename) }, refSexes: template.refSexes };
  };
}

/** The pedigree with every id renamed, frozen like `makePedigree`'s (a valid pedigree stays valid under a one-to-one renaming). */
function renamePedigree(pedigree: Pedigree, rename: (id: string) => string): Pedigree {
  const persons = pedigree.persons.map(
    (p): Person => Object.freeze({ id: rename(p.id), sex: p.sex, father: p.father === null ? null : rename(p.father), mother: p.mother === null ? null : rename(p.mother) }),
  );
  return Object.freeze({ persons: Object.freeze(persons) });
}
