/**
 * The Y LR of many (man, references) pairs against one database, for the
 * search: the value of `yLineageLR(...).total.lnLR`, computed without building
 * the per-locus report (strings, objects, provenance) that a case needs.
 */
import { alleleRepeat, microvariantGroup } from '../profile/allele.js';
import type { YHaplotype } from '../profile/yHaplotype.js';
import type { HaplotypeDatabase, MatchMethod } from './haplotypeDatabase.js';
import { makeMatchCounter } from './matchCounter.js';
import { lnStepProbability, MAX_MEIOSES } from './stepwise.js';
import type { PaternalLineTree } from './paternalTree.js';
import { yLineageLR, type YReference } from './yLineageLR.js';
import { resolveYRates, type YMutationRates } from './yMutationRates.js';

/**
 * ln LR_Y of a man against his typed paternal-line references (with their
 * paternal-line tree when there are several); null when no locus is compared
 * or the references are impossible together (0/0).
 */
export type YPairScorer = (child: YHaplotype, references: readonly YReference[], tree?: PaternalLineTree) => number | null;

/**
 * A {@link YPairScorer} for one database, method and rates, giving exactly
 * `yLineageLR(child, references, { database, method, mutation }).total.lnLR`
 * (null where that result is `untyped` or `undefined`). With one reference:
 * the database's loci typed in both men in database order, per locus the single-step
 * probability (remembered per difference, meioses and rate), summed in the same
 * order, minus ln of the match probability (counted once per man and loci list,
 * `makeMatchCounter`). Several references (on their paternal-line `tree`),
 * pairs with a multi-copy locus typed in both men, or meioses out of range go
 * through `yLineageLR` itself.
 *
 * Cost: O(loci) per pair after the first pairs of a man; the rates are resolved
 * once (`resolveYRates`, which throws `y-no-mutation-rate` for a locus without one).
 *
 * @example
 * ```ts
 * const db = makeHaplotypeDatabase('tiny', ['DYS19'], [{ alleles: { DYS19: ['14'] }, count: 3 }, { alleles: { DYS19: ['15'] }, count: 6 }]);
 * const score = makeYPairScorer(db, 'counting', { rates: { DYS19: 0 } });
 * const son = { loci: { DYS19: ['14'] }, flags: [] };
 * Math.exp(score(son, [{ id: 'F', haplotype: son, meioses: 1 }]) ?? 0); // => 2.5
 * ```
 */
export function makeYPairScorer(database: HaplotypeDatabase, method: MatchMethod = 'counting', mutation?: YMutationRates): YPairScorer {
  const rates = new Map(resolveYRates(database.loci, mutation).map((r) => [r.locus, r.rate]));
  const counter = makeMatchCounter(database);
  const steps = new Map<string, number>();
  const step = (k: number, m: number, rate: number): number => {
    const key = `${k} ${m} ${rate}`;
    let v = steps.get(key);
    if (v === undefined) steps.set(key, (v = lnStepProbability(k, m, rate)));
    return v;
  };
  const full = (child: YHaplotype, references: readonly YReference[], tree?: PaternalLineTree): number | null => {
    const result = yLineageLR(child, references, { database, method, ...(mutation !== undefined ? { mutation } : {}), ...(tree !== undefined ? { tree } : {}), matchCounter: counter });
    return result.total.status === 'untyped' || result.total.status === 'undefined' ? null : result.total.lnLR;
  };
  return (child, references, tree) => {
    if (references.length !== 1 || references.some((r) => !(Number.isInteger(r.meioses) && r.meioses >= 0 && r.meioses <= MAX_MEIOSES))) return full(child, references, tree);
    const ref = references[0] as YReference;
    const m = ref.meioses;
    const compared: string[] = [];
    let lnNumerator = 0;
    let excluded = false;
    for (const name of database.loci) {
      if (!Object.hasOwn(child.loci, name) || !Object.hasOwn(ref.haplotype.loci, name)) continue;
      const c = child.loci[name] ?? [];
      const r = ref.haplotype.loci[name] ?? [];
      if (c.length !== 1 || r.length !== 1) {
        if (c.length === r.length && c.length > 1) return full(child, references);
        continue; // different copy numbers, or nothing typed: not compared
      }
      const rc = alleleRepeat(c[0] as string);
      const rr = alleleRepeat(r[0] as string);
      if (rc === undefined || rr === undefined) continue; // off-ladder: not compared
      compared.push(name);
      if (microvariantGroup(c[0] as string) !== microvariantGroup(r[0] as string)) {
        excluded = true;
        continue;
      }
      const lnP = step(Math.round(rc - rr), m, rates.get(name) ?? 0);
      if (lnP === Number.NEGATIVE_INFINITY) excluded = true;
      else lnNumerator += lnP;
    }
    if (compared.length === 0) return null;
    if (excluded) return Number.NEGATIVE_INFINITY;
    return lnNumerator - Math.log(counter(child, compared, method).probability);
  };
}
