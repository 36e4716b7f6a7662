/**
 * Values that `@example` blocks may use without defining them: a small seeded
 * search scenario (6 families, 4 children, 2 of them related), so that examples
 * of the search API read as they would in a user's code.
 */
import { builtinTable } from '../../src/frequencies/builtin.js';
import { buildFamilyIndex } from '../../src/search/familyIndex.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import type { Family } from '../../src/search/Family.js';
import type { Profile } from '../../src/profile/Profile.js';

/** Names an example may use freely, and what they hold. */
export function exampleFixtures(): Record<string, unknown> {
  const frequencies = builtinTable('nist1036-cauc');
  const scenario = simulateSearchScenario({ table: frequencies, seed: 1, families: 6, children: 4, related: 2 });
  const families: Family[] = scenario.families;
  const family = families[0] as Family;
  const references: Profile[] = families.flatMap((f) => Object.values(f.references));
  const index = buildFamilyIndex(families, { frequencies });
  return {
    /** `Family[]` of the scenario. */
    families,
    /** The first family. */
    family,
    /** The found children, `Profile[]` (also as `profiles`). */
    children: scenario.children,
    profiles: scenario.children,
    /** Every family's typed references, `Profile[]`, and the first of them. */
    references,
    ref: references[0],
    /** `buildFamilyIndex(families, ...)` on nist1036-cauc. */
    index,
    /** `searchFamilies(children, families, { frequencies, topK: 3 })`. */
    result: searchFamilies(scenario.children, families, { frequencies, topK: 3 }),
  };
}
