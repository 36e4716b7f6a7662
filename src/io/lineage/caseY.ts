/**
 * The `y` section of the case format (docs/case-format.md): Y haplotypes by
 * person, the haplotype database (inline counts or a file the caller reads),
 * the match-probability method and mutation rates.
 */
import { StrkinError, type Issue } from '../../errors/StrkinError.js';
import type { CaseY } from '../../lineage/caseY.js';
import { makeHaplotypeDatabase, type HaplotypeCount, type HaplotypeDatabase } from '../../lineage/haplotypeDatabase.js';
import { compareAlleles, readAlleleCell, type Allele } from '../../profile/allele.js';
import { Y_NULL_ALLELE, type YHaplotype } from '../../profile/yHaplotype.js';
import { canonicalYLocus, yLocusCopies } from '../../profile/yLoci.js';
import { dict } from '../../util/dict.js';

/** Reads a database named by a case (`"database": "file.csv"`); given by the caller (the CLI reads files). */
export type HaplotypeDatabaseResolver = (reference: string) => HaplotypeDatabase;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Alleles of one Y locus from `"14"`, `14`, `"13,16"` or `["13", "16"]`; null after an issue. */
function readAlleles(value: unknown, locus: string, path: (string | number)[], issues: Issue[]): Allele[] | null {
  const cells = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,/]/) : typeof value === 'number' ? [value] : null;
  if (cells === null) {
    issues.push({ code: 'bad-y-haplotype', message: `Y alleles must be a label, "13,16" or a list (locus = ${locus}, value = ${JSON.stringify(value)})`, path });
    return null;
  }
  const out: Allele[] = [];
  for (const cell of cells) {
    const text = String(cell).trim();
    if (text.toLowerCase() === Y_NULL_ALLELE) {
      out.push(Y_NULL_ALLELE);
      continue;
    }
    const read = readAlleleCell(text);
    if (read.kind !== 'allele') {
      issues.push({ code: 'bad-y-haplotype', message: `Unreadable Y allele (locus = ${locus}, allele = ${JSON.stringify(cell)})`, path });
      return null;
    }
    out.push(read.allele);
  }
  if (out.length === 0) return null;
  const copies = yLocusCopies(locus);
  const kept = copies === 1 ? [...new Set(out)] : out.length === 1 && copies === 2 ? [out[0] as Allele, out[0] as Allele] : out;
  return kept.sort(compareAlleles);
}

/** A haplotype object `{ locus: alleles }`; `skip` names keys that are not loci (e.g. `count`). */
function readLoci(value: unknown, path: (string | number)[], issues: Issue[], skip: ReadonlySet<string> = new Set()): Record<string, Allele[]> | null {
  if (!isObject(value)) {
    issues.push({ code: 'bad-y-haplotype', message: `A Y haplotype must be an object: locus -> alleles (value = ${JSON.stringify(value)?.slice(0, 60)})`, path });
    return null;
  }
  const loci: Record<string, Allele[]> = dict();
  for (const [name, alleles] of Object.entries(value)) {
    if (skip.has(name)) continue;
    const y = canonicalYLocus(name);
    if (y === undefined || y.copy !== undefined) {
      issues.push({ code: 'y-unknown-locus', message: `Not a Y-STR locus name (write multi-copy loci once, e.g. "DYS385": "13,16") (locus = ${JSON.stringify(name)})`, path: [...path, name] });
      continue;
    }
    const read = readAlleles(alleles, y.locus, [...path, name], issues);
    if (read !== null) loci[y.locus] = read;
  }
  return loci;
}

/**
 * Reads the `y` section of a case: `person` (the man in question),
 * `haplotypes` (person -> locus -> alleles), `database` (a name the
 * `resolveDatabase` callback reads, or `{ "name": ..., "haplotypes": [{ locus:
 * alleles, ..., "count": n }] }`), optional `method` (`counting`, `kappa`),
 * `rates` (locus -> rate), `defaultRate`. Problems are appended to `issues`;
 * returns undefined after any.
 *
 * Cost: O(size of the section + database).
 * @internal
 */
export function readCaseY(value: unknown, issues: Issue[], resolveDatabase?: HaplotypeDatabaseResolver): CaseY | undefined {
  const before = issues.length;
  if (!isObject(value)) {
    issues.push({ code: 'bad-y-section', message: 'The "y" section must be an object with person, haplotypes and database', path: ['y'] });
    return undefined;
  }
  const person = value['person'];
  if (typeof person !== 'string') issues.push({ code: 'bad-y-section', message: `"y" needs "person": the id of the man in question (person = ${JSON.stringify(person)})`, path: ['y', 'person'] });
  const haplotypes: Record<string, YHaplotype> = dict();
  if (!isObject(value['haplotypes'])) issues.push({ code: 'bad-y-section', message: '"y" needs "haplotypes": person -> locus -> alleles', path: ['y', 'haplotypes'] });
  else {
    for (const [id, h] of Object.entries(value['haplotypes'])) {
      const loci = readLoci(h, ['y', 'haplotypes', id], issues);
      if (loci !== null) haplotypes[id] = { loci, flags: [] };
    }
  }
  let database: HaplotypeDatabase | undefined;
  const db = value['database'];
  try {
    if (typeof db === 'string') {
      if (resolveDatabase === undefined) issues.push({ code: 'missing-haplotype-database', message: `The case names a haplotype database file but none can be read here (database = ${JSON.stringify(db)})`, path: ['y', 'database'] });
      else database = resolveDatabase(db);
    } else if (isObject(db) && Array.isArray(db['haplotypes'])) {
      const rows: HaplotypeCount[] = [];
      const loci = new Set<string>();
      (db['haplotypes'] as unknown[]).forEach((row, i) => {
        const alleles = readLoci(row, ['y', 'database', 'haplotypes', i], issues, new Set(['count']));
        if (alleles === null) return;
        for (const l of Object.keys(alleles)) loci.add(l);
        const count = isObject(row) ? (row['count'] ?? 1) : 1;
        rows.push({ alleles, count: typeof count === 'number' ? count : Number.NaN });
      });
      if (issues.length === before) database = makeHaplotypeDatabase(typeof db['name'] === 'string' ? db['name'] : 'inline', [...loci], rows);
    } else issues.push({ code: 'bad-y-section', message: '"y" needs "database": a file name or { "haplotypes": [...] } with counts', path: ['y', 'database'] });
  } catch (error) {
    if (!(error instanceof StrkinError)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: ['y', 'database', ...issue.path] });
  }
  const method = value['method'];
  if (method !== undefined && method !== 'counting' && method !== 'kappa') issues.push({ code: 'y-match-method', message: `Unknown match-probability method (method = ${JSON.stringify(method)}; use counting or kappa)`, path: ['y', 'method'] });
  const rates = value['rates'];
  if (rates !== undefined && !(isObject(rates) && Object.values(rates).every((r) => typeof r === 'number'))) issues.push({ code: 'bad-mutation-rate', message: '"y.rates" must map loci to numbers', path: ['y', 'rates'] });
  const defaultRate = value['defaultRate'];
  if (defaultRate !== undefined && typeof defaultRate !== 'number') issues.push({ code: 'bad-mutation-rate', message: `"y.defaultRate" must be a number (defaultRate = ${JSON.stringify(defaultRate)})`, path: ['y', 'defaultRate'] });
  if (issues.length > before || database === undefined) return undefined;
  const mutation = { ...(rates !== undefined ? { rates: rates as Record<string, number> } : {}), ...(defaultRate !== undefined ? { defaultRate: defaultRate as number } : {}) };
  return { person: person as string, haplotypes, database, ...(method !== undefined ? { method: method as 'counting' | 'kappa' } : {}), mutation };
}
