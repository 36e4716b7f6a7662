/**
 * The Y part of a kinship case: the man in question's haplotype compared with
 * his typed paternal-line relatives in H1 (docs/case-format.md, section `y`).
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { Pedigree } from '../pedigree/Pedigree.js';
import type { YHaplotype } from '../profile/yHaplotype.js';
import type { HaplotypeDatabase, MatchMethod } from './haplotypeDatabase.js';
import { paternalMeioses } from './paternalLine.js';
import { paternalLineTree } from './paternalTree.js';
import { yLineageLR, type YLineageResult, type YReference } from './yLineageLR.js';
import type { YMutationRates } from './yMutationRates.js';

/** The Y evidence of a case. */
export interface CaseY {
  /** The man whose haplotype is in question (under H2 unrelated to the references' paternal line). */
  readonly person: string;
  /** Y haplotypes by person id (the man in question and his references). */
  readonly haplotypes: Readonly<Record<string, YHaplotype>>;
  readonly database: HaplotypeDatabase;
  /** Default `counting`. */
  readonly method?: MatchMethod;
  readonly mutation?: YMutationRates;
}

/**
 * The Y LR of a case: meioses from H1 (`hypotheses[0]`) between the man in
 * question and every other person with a haplotype (each must be on his
 * paternal line: `y-female-link` otherwise), and H1's paternal-line tree
 * joining them (`paternalLineTree`: every reference is compared jointly), then {@link yLineageLR}. H2
 * (`hypotheses[1]`) must leave him unrelated to those references
 * (`y-h2-related` otherwise: the Y LR here is "relative vs unrelated").
 *
 * Cost: O(persons × references) plus {@link yLineageLR}.
 *
 * @throws `ValidationError` with codes `y-no-haplotype`, `y-no-reference`, `y-h2-related` and those of
 * `paternalMeioses` (with `path` `['y', 'haplotypes', id]`) and {@link yLineageLR}.
 */
export function caseYLineageLR(hypotheses: readonly Pedigree[], y: CaseY): YLineageResult {
  const issues: Issue[] = [];
  const child = Object.hasOwn(y.haplotypes, y.person) ? y.haplotypes[y.person] : undefined;
  if (child === undefined) issues.push({ code: 'y-no-haplotype', message: `The man in question has no Y haplotype in the case (person = ${JSON.stringify(y.person)})`, path: ['y', 'person'] });
  const ids = Object.keys(y.haplotypes).filter((id) => id !== y.person);
  if (ids.length === 0) issues.push({ code: 'y-no-reference', message: 'A Y-STR comparison needs at least one typed paternal-line reference', path: ['y', 'haplotypes'] });
  const [h1, h2] = hypotheses as [Pedigree, Pedigree | undefined];
  const references: YReference[] = [];
  for (const id of ids) {
    try {
      references.push({ id, haplotype: y.haplotypes[id] as YHaplotype, meioses: paternalMeioses(h1, y.person, id) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) issues.push({ ...issue, path: ['y', 'haplotypes', id], message: `${issue.message.replace(/\)$/, '')}, hypothesis = H1)` });
    }
    if (h2 !== undefined && h2.persons.some((p) => p.id === y.person) && h2.persons.some((p) => p.id === id)) {
      try {
        paternalMeioses(h2, y.person, id);
        issues.push({ code: 'y-h2-related', message: `Under H2 the man in question must be unrelated to the Y references (person = ${JSON.stringify(y.person)}, reference = ${JSON.stringify(id)})`, path: ['y', 'haplotypes', id] });
      } catch {
        // unrelated under H2 (or related only through a woman): as it must be
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const tree = paternalLineTree(h1, y.person, references.map((r) => r.id));
  return yLineageLR(child as YHaplotype, references, { database: y.database, tree, ...(y.method !== undefined ? { method: y.method } : {}), ...(y.mutation !== undefined ? { mutation: y.mutation } : {}) });
}
