/**
 * Y-STR evidence in the search (docs/lineage.md, "In the search"): a pair's LR
 * gains the Y LR where the child has a Y haplotype, the missing person is not
 * female and the family has a typed paternal-line reference; the total is the
 * product of the evidence types.
 */
import { StrkinError } from '../errors/StrkinError.js';
import type { HaplotypeDatabase, MatchMethod } from '../lineage/haplotypeDatabase.js';
import { paternalMeioses } from '../lineage/paternalLine.js';
import { INDEPENDENCE_ASSUMPTION } from '../lineage/combineEvidence.js';
import { inconsistentYLoci, Y_MODEL, type YReference } from '../lineage/yLineageLR.js';
import { paternalLineTree, type PaternalLineTree } from '../lineage/paternalTree.js';
import { resolveYRates, Y_RATES_SOURCE, type YMutationRates } from '../lineage/yMutationRates.js';
import { makeYPairScorer, type YPairScorer } from '../lineage/yPairScorer.js';
import type { SearchProvenance } from './plan.js';
import type { YHaplotype } from '../profile/yHaplotype.js';
import type { EncodedChildren } from './encodeChildren.js';
import type { Family } from './Family.js';
import type { FamilyIndex } from './familyIndex.js';
import { makeYScanTerm } from './yScanTerm.js';

/** Y-STR settings of a search: the haplotype database, the match-probability method and the rates. Plain data. */
export interface SearchLineage {
  readonly database: HaplotypeDatabase;
  /** Default `counting`. */
  readonly method?: MatchMethod;
  readonly mutation?: YMutationRates;
}

/** A target's Y references: typed men on the missing person's paternal line, and those that are not (with the reason code). */
export interface TargetLineage {
  readonly references: readonly YReference[];
  /** References with a Y haplotype that cannot be compared (e.g. `y-female-link`): listed, never silently dropped. */
  readonly refused: readonly { readonly id: string; readonly code: string }[];
  /** The paternal-line tree joining the missing person and `references` (present when there is a reference). */
  readonly tree?: PaternalLineTree;
}

/**
 * Checks the search's Y settings once, before any pair: every locus of the
 * database must have a mutation rate (`y-no-mutation-rate` otherwise).
 *
 * Cost: O(database loci).
 */
export function checkSearchLineage(lineage: SearchLineage): void {
  resolveYRates(lineage.database.loci, lineage.mutation);
}

/** The provenance of a search's Y settings. @internal */
export function lineageProvenance(lineage: SearchLineage): NonNullable<SearchProvenance['lineage']> {
  const db = lineage.database;
  return {
    database: { name: db.name, size: db.size, loci: db.loci },
    method: lineage.method ?? 'counting',
    rates: resolveYRates(db.loci, lineage.mutation),
    ratesSource: Y_RATES_SOURCE,
    model: Y_MODEL,
    independence: INDEPENDENCE_ASSUMPTION,
  };
}

/**
 * The Y references of one missing person of a family: every typed reference
 * with a Y haplotype, with its meioses to the missing person along the
 * paternal line. Undefined when the missing person is female or no reference
 * has a haplotype.
 *
 * Cost: O(references × persons).
 */
export function targetLineage(family: Family, missing: string): TargetLineage | undefined {
  const person = family.pedigree.persons.find((p) => p.id === missing);
  if (person === undefined || person.sex === 'female') return undefined;
  const references: YReference[] = [];
  const refused: { id: string; code: string }[] = [];
  for (const [id, profile] of Object.entries(family.references).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (profile.y === undefined) continue;
    try {
      references.push({ id, haplotype: profile.y, meioses: paternalMeioses(family.pedigree, missing, id) });
    } catch (error) {
      if (!(error instanceof StrkinError)) throw error;
      refused.push({ id, code: error.issues[0]?.code ?? 'y-refused' });
    }
  }
  if (references.length === 0) return refused.length === 0 ? undefined : { references, refused };
  return { references, refused, tree: paternalLineTree(family.pedigree, missing, references.map((r) => r.id)) };
}

/**
 * A target's references after the search's Y settings are known: when the
 * references' own haplotypes are impossible together on their paternal-line
 * tree at some locus (so every child's Y LR against them would be 0/0), they
 * are all moved to `refused` with code `y-references-inconsistent`.
 *
 * Cost: O(database loci × references).
 * @internal
 */
export function checkTargetLineage(lineage: SearchLineage, target: TargetLineage | undefined): TargetLineage | undefined {
  if (target === undefined || target.references.length < 2) return target;
  const bad = inconsistentYLoci(target.references, { database: lineage.database, ...(lineage.mutation !== undefined ? { mutation: lineage.mutation } : {}), ...(target.tree !== undefined ? { tree: target.tree } : {}) });
  if (bad.length === 0) return target;
  return { references: [], refused: [...target.refused, ...target.references.map((r) => ({ id: r.id, code: 'y-references-inconsistent' }))] };
}

/** One pair scorer per Y settings object (per thread): rates resolved once, a child's match probabilities counted once per loci list. */
const SCORERS = new WeakMap<SearchLineage, YPairScorer>();
const scorerOf = (lineage: SearchLineage): YPairScorer => {
  let scorer = SCORERS.get(lineage);
  if (scorer === undefined) SCORERS.set(lineage, (scorer = makeYPairScorer(lineage.database, lineage.method ?? 'counting', lineage.mutation)));
  return scorer;
};

/**
 * The natural-log Y LR of a (child, target) pair, or null when Y does not
 * apply (no settings, no child haplotype, no usable reference). The same
 * function serves the scan and the reported per-type columns, so a pair's Y
 * term is that pair's own (`yLineageLR` of the child and the target's
 * references alone, through `makeYPairScorer`, which gives its value).
 *
 * Cost: O(Y loci) per pair (`makeYPairScorer`).
 */
export function pairLineageLnLR(lineage: SearchLineage | undefined, child: YHaplotype | null | undefined, target: TargetLineage | undefined): number | null {
  if (lineage === undefined || child === null || child === undefined || target === undefined || target.references.length === 0) return null;
  return scorerOf(lineage)(child, target.references, target.tree);
}

/**
 * The scan's Y term: (child, target) -> ln LR_Y, 0 where Y does not apply;
 * null when the search adds no Y evidence (no settings, no child or target
 * with Y data), so that the scan's loop is unchanged.
 *
 * The term is `makeYScanTerm`'s: the value of `pairLineageLnLR` from typed
 * arrays prepared once (yScanTerm.ts).
 *
 * Cost: O((targets + children) × Y loci) to set up; O(Y loci compared) per call.
 * @internal
 */
export function lineageScanTerm(index: FamilyIndex, children: EncodedChildren): ((c: number, f: number) => number) | null {
  const lineage = index.plan.lineage;
  const ys = children.y;
  if (lineage === undefined || ys === undefined || !ys.some((h) => h !== null) || !index.targets.some((t) => (t.y?.references.length ?? 0) > 0)) return null;
  return makeYScanTerm(lineage, ys, index.targets.map((t) => t.y));
}
