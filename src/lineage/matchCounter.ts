/**
 * Match probabilities for many comparisons of one database: the result of
 * `matchProbability`, computed by counting the database's haplotypes equal to
 * the man's at the loci compared, remembered per man and loci list. A search
 * compares each child with many references whose typed loci differ (locus
 * dropout), so the loci lists are many; `matchProbability` groups the whole
 * database once per loci list, which then costs O(N × loci) per new list.
 */
import { matchProbability, type HaplotypeDatabase, type MatchMethod, type MatchProbability } from './haplotypeDatabase.js';
import type { YHaplotype } from '../profile/yHaplotype.js';

/** A function giving `matchProbability(haplotype, db, { method, loci })`, with a memory. */
export type MatchCounter = (haplotype: YHaplotype, loci: readonly string[], method?: MatchMethod) => MatchProbability;

/**
 * A {@link MatchCounter} for `db`: for the counting method, x = the men of the
 * database equal to the haplotype at every locus of `loci` (alleles compared as
 * written, sorted), probability (x + 1)/(N + 1), the same value as
 * `matchProbability`; other methods are passed to `matchProbability`. Results are
 * kept per haplotype object (weakly) and loci list.
 *
 * Cost: O(distinct haplotypes × loci) per new (haplotype, loci list), then O(loci).
 *
 * @example
 * ```ts
 * const db = makeHaplotypeDatabase('tiny', ['DYS19', 'DYS390'], [{ alleles: { DYS19: ['14'], DYS390: ['24'] }, count: 3 }, { alleles: { DYS19: ['15'], DYS390: ['23'] }, count: 1 }]);
 * const count = makeMatchCounter(db);
 * count({ loci: { DYS19: ['14'], DYS390: ['22'] }, flags: [] }, ['DYS19']).probability; // => 0.8 // (3+1)/(4+1)
 * ```
 */
export function makeMatchCounter(db: HaplotypeDatabase): MatchCounter {
  const rows = db.haplotypes.map((h) => ({ count: h.count, keys: new Map(db.loci.map((l) => [l, (h.alleles[l] ?? []).join(',')])) }));
  const memory = new WeakMap<YHaplotype, Map<string, MatchProbability>>();
  return (haplotype, loci, method = 'counting') => {
    if (method !== 'counting' || loci.some((l) => !db.loci.includes(l))) return matchProbability(haplotype, db, { method, loci });
    let byLoci = memory.get(haplotype);
    if (byLoci === undefined) memory.set(haplotype, (byLoci = new Map()));
    const lociKey = loci.join('|');
    const known = byLoci.get(lociKey);
    if (known !== undefined) return known;
    const mine = loci.map((l) => (Object.hasOwn(haplotype.loci, l) ? (haplotype.loci[l] ?? []).join(',') : ''));
    let x = 0;
    for (const row of rows) {
      let same = true;
      for (let i = 0; i < loci.length && same; i++) same = row.keys.get(loci[i] as string) === mine[i];
      if (same) x += row.count;
    }
    const value: MatchProbability = { method, probability: (x + 1) / (db.size + 1), count: x, size: db.size, loci: [...loci] };
    byLoci.set(lociKey, value);
    return value;
  };
}
