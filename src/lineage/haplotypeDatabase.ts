/**
 * Y haplotype databases (a population sample of haplotypes with counts) and the
 * match probability of a haplotype: the counting method with augmentation
 * (default) or Brenner's kappa method.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { Allele } from '../profile/allele.js';
import type { YHaplotype } from '../profile/yHaplotype.js';

/** One distinct haplotype of a database, with how many men of the sample carry it. */
export interface HaplotypeCount {
  /** Alleles by canonical Y locus, as in {@link YHaplotype.loci} (sorted lists at multi-copy loci). */
  readonly alleles: Readonly<Record<string, readonly Allele[]>>;
  /** A positive integer. */
  readonly count: number;
  /** Input line, for messages. */
  readonly line?: number;
}

/** A Y haplotype database: every haplotype is typed at every one of `loci`. */
export interface HaplotypeDatabase {
  /** Name for provenance (e.g. the file name). */
  readonly name: string;
  /** Canonical Y loci of the database, in column order. */
  readonly loci: readonly string[];
  readonly haplotypes: readonly HaplotypeCount[];
  /** N: the number of men in the sample (the sum of the counts). */
  readonly size: number;
}

/** How the match probability of a haplotype is estimated from a database. */
export type MatchMethod = 'counting' | 'kappa';

/** The match probability of a haplotype and how it was obtained. */
export interface MatchProbability {
  readonly method: MatchMethod;
  /** The probability that an unrelated man carries the haplotype at `loci`. */
  readonly probability: number;
  /** x: men of the database with this haplotype at `loci`. */
  readonly count: number;
  /** N: men in the database. */
  readonly size: number;
  /** The loci compared (the haplotype and the database restricted to them). */
  readonly loci: readonly string[];
  /** Kappa method: the fraction of singletons in the database extended by the haplotype (at `loci`). */
  readonly kappa?: number;
}

/**
 * Builds a database from haplotype counts, checking every rule at once: loci
 * given and distinct, every haplotype typed at every locus (no empty list),
 * counts positive integers, at least one haplotype.
 *
 * Cost: O(haplotypes × loci).
 *
 * @throws `ValidationError` with codes `y-database-empty`, `y-database-loci`,
 * `y-database-untyped`, `y-database-count`.
 * @example
 * ```ts
 * const db = makeHaplotypeDatabase('tiny', ['DYS19'], [{ alleles: { DYS19: ['14'] }, count: 3 }, { alleles: { DYS19: ['15'] }, count: 1 }]);
 * db.size; // => 4
 * ```
 */
export function makeHaplotypeDatabase(name: string, loci: readonly string[], haplotypes: readonly HaplotypeCount[]): HaplotypeDatabase {
  const issues: Issue[] = [];
  if (loci.length === 0 || new Set(loci).size !== loci.length) issues.push({ code: 'y-database-loci', message: `A haplotype database needs distinct loci (loci = ${loci.join(',')})`, path: ['loci'] });
  if (haplotypes.length === 0) issues.push({ code: 'y-database-empty', message: `A haplotype database needs at least one haplotype (database = ${name})`, path: ['haplotypes'] });
  let size = 0;
  haplotypes.forEach((h, i) => {
    const at = h.line !== undefined ? { line: h.line } : {};
    if (!Number.isSafeInteger(h.count) || h.count < 1) issues.push({ code: 'y-database-count', message: `A haplotype count must be a positive integer (count = ${String(h.count)})`, path: ['haplotypes', i, 'count'], ...at });
    else size += h.count;
    for (const locus of loci) {
      const a = Object.hasOwn(h.alleles, locus) ? h.alleles[locus] : undefined;
      if (a === undefined || a.length === 0) issues.push({ code: 'y-database-untyped', message: `Every database haplotype must be typed at every locus (locus = ${locus})`, path: ['haplotypes', i, locus], ...at });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return { name, loci: [...loci], haplotypes, size };
}

const keyOf = (alleles: Readonly<Record<string, readonly Allele[]>>, loci: readonly string[]): string => loci.map((l) => (Object.hasOwn(alleles, l) ? (alleles[l] ?? []).join(',') : '')).join('|');

/** Counts of the distinct haplotypes of a database restricted to some loci, cached per database and loci list. */
const GROUPS = new WeakMap<HaplotypeDatabase, Map<string, { readonly counts: Map<string, number>; readonly singletons: number }>>();

function groupsOf(db: HaplotypeDatabase, loci: readonly string[]): { readonly counts: Map<string, number>; readonly singletons: number } {
  let byLoci = GROUPS.get(db);
  if (byLoci === undefined) GROUPS.set(db, (byLoci = new Map()));
  const lociKey = loci.join('|');
  const cached = byLoci.get(lociKey);
  if (cached !== undefined) return cached;
  const counts = new Map<string, number>();
  for (const h of db.haplotypes) {
    const key = keyOf(h.alleles, loci);
    counts.set(key, (counts.get(key) ?? 0) + h.count);
  }
  let singletons = 0;
  for (const c of counts.values()) if (c === 1) singletons += 1;
  const value = { counts, singletons };
  if (byLoci.size < 64) byLoci.set(lociKey, value);
  return value;
}

/**
 * The probability that an unrelated man carries `haplotype` at `loci` (default:
 * the database's loci typed in the haplotype), estimated from the database:
 *
 * - `counting` (default): (x + 1) / (N + 1), x men of the N in the database
 *   carrying the haplotype: the count in the database extended by the
 *   haplotype itself, so an unseen haplotype gets 1/(N + 1), never 0.
 * - `kappa` (Brenner 2010): for a haplotype unseen in the database (x = 0),
 *   (1 − κ) / n, where n = N + 1 is the size of the database extended by the
 *   haplotype and κ the fraction of that extended sample made of singletons
 *   (men whose haplotype occurs once, the new haplotype included). For a
 *   haplotype seen in the database, the kappa method gives the counting
 *   estimate (x + 1) / (N + 1).
 *
 * References: Brenner C.H. (2010) Fundamental problem of forensic mathematics:
 * the evidential value of a rare haplotype. Forensic Sci. Int. Genet. 4:281–291.
 * The counting estimate is the frequency in the same extended database (the
 * database plus the haplotype in question) that the paper starts from.
 * When every man of the extended sample has his own haplotype (κ = 1) the kappa
 * estimate is 0 and tells nothing: that is an error (`y-kappa-degenerate`).
 *
 * Cost: O(N × loci) the first time for a database and a loci list (cached), then O(loci).
 *
 * @throws `ValidationError` with code `y-locus-not-in-database` when a requested locus is not in the database,
 * `y-match-method` for an unknown method, `y-kappa-degenerate` (above).
 * @example
 * ```ts
 * const db = makeHaplotypeDatabase('tiny', ['DYS19'], [{ alleles: { DYS19: ['14'] }, count: 3 }, { alleles: { DYS19: ['15'] }, count: 1 }]);
 * matchProbability({ loci: { DYS19: ['14'] }, flags: [] }, db).probability; // => 0.8 // (3+1)/(4+1)
 * matchProbability({ loci: { DYS19: ['16'] }, flags: [] }, db).probability; // => 0.2 // 1/(4+1)
 * matchProbability({ loci: { DYS19: ['16'] }, flags: [] }, db, { method: 'kappa' }).probability; // => 0.12 // (1 - 2/5)/5
 * ```
 */
export function matchProbability(haplotype: YHaplotype, db: HaplotypeDatabase, options: { readonly method?: MatchMethod; readonly loci?: readonly string[] } = {}): MatchProbability {
  const method = options.method ?? 'counting';
  if (method !== 'counting' && method !== 'kappa') throw new ValidationError({ code: 'y-match-method', message: `Unknown match-probability method (method = ${JSON.stringify(method)}; use counting or kappa)`, path: ['method'] });
  const loci = options.loci ?? db.loci.filter((l) => Object.hasOwn(haplotype.loci, l));
  const unknown = loci.filter((l) => !db.loci.includes(l));
  if (unknown.length > 0) throw new ValidationError({ code: 'y-locus-not-in-database', message: `Locus not typed in the haplotype database (locus = ${unknown.join(',')}, database = ${db.name})`, path: ['loci'] });
  const { counts, singletons } = groupsOf(db, loci);
  const x = counts.get(keyOf(haplotype.loci, loci)) ?? 0;
  const n = db.size + 1;
  const base = { count: x, size: db.size, loci };
  if (method === 'counting' || x > 0) {
    return { method, probability: (x + 1) / n, ...base, ...(method === 'kappa' ? { kappa: (singletons - (x === 1 ? 1 : 0)) / n } : {}) };
  }
  // Unseen: the extended sample holds the database's singletons plus the new haplotype.
  const kappa = (singletons + 1) / n;
  if (kappa >= 1) throw new ValidationError({ code: 'y-kappa-degenerate', message: `The kappa method needs a database where some haplotype occurs more than once at the loci compared; every one is a singleton here: use the counting method (database = ${db.name}, loci = ${loci.length})`, path: ['method'] });
  return { method, probability: (1 - kappa) / n, ...base, kappa };
}
