/**
 * Pairwise screening without families: each child against every reference
 * person as parent, full sibling or half sibling, on the search kernel.
 */
import { relationshipPedigree, type Relationship } from '../pedigree/relationshipPedigree.js';
import type { Profile } from '../profile/Profile.js';
import type { Family } from './Family.js';
import { searchFamilies, type SearchOptions, type SearchResult } from './searchFamilies.js';
import { validateSearchOptions } from './searchOptions.js';

/** Relationships screened by default. */
export const DEFAULT_SCREENING_RELATIONSHIPS: readonly Relationship[] = Object.freeze(['parent-child', 'full-siblings', 'half-siblings'] as const);

/**
 * One-person families for pairwise screening: for each reference profile and
 * relationship, a pedigree (from `relationshipPedigree`) with the reference as
 * person `R` and the missing person `M`. Family ids are `sample~relationship`
 * (e.g. `REF7~full-siblings`). The reference's sex places it as father or
 * mother where the relationship goes through a parent; half siblings share the
 * father (`side: 'paternal'`).
 *
 * Cost: O(references × relationships).
 *
 * @example
 * ```ts
 * screeningFamilies([ref], ['parent-child']); // e.g. [{ id: 'REF1~parent-child', missing: ['M'], ... }]
 * ```
 */
export function screeningFamilies(references: readonly Profile[], relationships: readonly Relationship[] = DEFAULT_SCREENING_RELATIONSHIPS): Family[] {
  const out: Family[] = [];
  for (const ref of references) {
    for (const rel of relationships) {
      const pedigree = relationshipPedigree(rel, { a: 'R', b: 'M', ...(ref.sex !== 'unknown' ? { sexA: ref.sex } : {}) });
      out.push({ id: `${ref.sample}~${rel}`, pedigree, missing: ['M'], references: { R: ref }, ...(ref.source !== undefined ? { source: { ...(ref.source.file !== undefined ? { file: ref.source.file } : {}), ...(ref.source.line !== undefined ? { line: ref.source.line } : {}) } } : {}) });
    }
  }
  return out;
}

/**
 * Screens every child against every reference person for each relationship
 * (default parent-child, full and half siblings) with the family-table kernel:
 * {@link searchFamilies} over {@link screeningFamilies}.
 *
 * Cost: one small table per reference, relationship and locus; then the scan.
 *
 * @example
 * ```ts
 * const r = screenRelatives(children, references, { frequencies: builtinTable('nist1036-cauc') });
 * r.matches[0]?.family; // e.g. 'REF12~parent-child'
 * ```
 */
export function screenRelatives(children: readonly Profile[], references: readonly Profile[], options: SearchOptions & { readonly relationships?: readonly Relationship[] }): SearchResult {
  validateSearchOptions(options);
  return searchFamilies(children, screeningFamilies(references, options.relationships), options);
}
