/**
 * The likelihood ratio of Y-STR haplotypes along a paternal line: is the man
 * whose haplotype is `child` the paternal-line relative, `m` meioses away, of
 * a typed reference, or unrelated to him?
 */
import { ValidationError } from '../errors/StrkinError.js';
import { combineRatios, ratio, type RatioValue } from '../likelihood/LRResult.js';
import { alleleRepeat, microvariantGroup, type Allele } from '../profile/allele.js';
import { formatYAlleles, type YHaplotype } from '../profile/yHaplotype.js';
import { matchProbability, type HaplotypeDatabase, type MatchMethod, type MatchProbability } from './haplotypeDatabase.js';
import { checkMeioses, lnStepProbability } from './stepwise.js';
import type { MatchCounter } from './matchCounter.js';
import { resolveYRates, Y_RATES_SOURCE, type YLocusRate, type YMutationRates } from './yMutationRates.js';

/** A typed paternal-line reference and his distance to the man in question. */
export interface YReference {
  readonly id: string;
  readonly haplotype: YHaplotype;
  /** Meioses between the reference and the man in question along the paternal line (e.g. from `paternalMeioses`). */
  readonly meioses: number;
}

/** Options of {@link yLineageLR}. */
export interface YLineageOptions {
  /** The population sample of haplotypes for the match probability. */
  readonly database: HaplotypeDatabase;
  /** Match probability method; default `counting` ((x+1)/(N+1)). */
  readonly method?: MatchMethod;
  /** Mutation rates; default the built-in table (loci without a rate there need `rates` or `defaultRate`). */
  readonly mutation?: YMutationRates;
  /** The match probability from a `makeMatchCounter` of the same database (the same values, remembered); default `matchProbability`. */
  readonly matchCounter?: MatchCounter;
}

/** Why a locus typed in both men was left out of the comparison. */
export type YNotComparedReason = 'off-ladder' | 'copy-count' | 'not-in-database';

/** One locus of {@link yLineageLR}. */
export interface YLocusComparison {
  readonly name: string;
  /** The man in question's alleles (`13,16`). */
  readonly child: string;
  /** The reference's alleles. */
  readonly reference: string;
  /** `ok`: compared; `excluded`: impossible under the single-step model (different microvariant groups); `not-compared`: left out (see `reason`). */
  readonly status: 'ok' | 'excluded' | 'not-compared';
  /** ln P(the man's alleles | the reference's, m meioses); 0 when not compared. */
  readonly lnP: number;
  /** The per-copy rate used (the locus rate divided by its copies); null when not compared. */
  readonly rate: number | null;
  /** Alleles differ between the two men (at least one mutation needed). */
  readonly differs: boolean;
  readonly reason?: YNotComparedReason;
}

/** Provenance of a Y result. */
export interface YProvenance {
  readonly method: MatchMethod;
  readonly database: { readonly name: string; readonly size: number; readonly loci: number };
  readonly rates: readonly YLocusRate[];
  readonly ratesSource: string;
  readonly model: string;
  readonly references: readonly { readonly id: string; readonly meioses: number }[];
}

/** The result of {@link yLineageLR}. */
export interface YLineageResult {
  /** LR = P(man's haplotype | reference's, m meioses) / P(man's haplotype | unrelated). */
  readonly total: RatioValue;
  /** The reference used: the closest typed paternal-line relative (first listed among equals). */
  readonly reference: string;
  readonly meioses: number;
  readonly loci: readonly YLocusComparison[];
  readonly lociCompared: number;
  /** Compared loci where the two men differ. */
  readonly lociDiffering: number;
  /** ln of the numerator: Σ over compared loci of `lnP`. */
  readonly lnNumerator: number;
  /** The denominator: the man's haplotype's match probability at the compared loci. */
  readonly match: MatchProbability;
  readonly provenance: YProvenance;
}

/** The model, stated in every result. */
export const Y_MODEL: string =
  'symmetric single-step mutation per meiosis (up and down mu/2 each), loci independent given the reference; a multi-copy locus sums over the pairings of its copies, each at the locus rate / copies; off-ladder alleles and multi-copy loci with unequal copy numbers are not compared; denominator: the match probability of the man\'s haplotype at the compared loci';

/**
 * ln P(child's alleles | reference's alleles, m meioses) at one locus: one
 * allele per copy. The copies of a multi-copy locus are unordered, so the
 * probability sums over the distinct ways of pairing the child's alleles with
 * the reference's copies. `null` when the alleles cannot be compared (an
 * off-ladder allele, or unequal numbers of alleles).
 */
function lnLocusProbability(child: readonly Allele[], ref: readonly Allele[], m: number, rate: number): number | null {
  if (child.length !== ref.length || child.length === 0) return null;
  if ([...child, ...ref].some((a) => alleleRepeat(a) === undefined)) return null;
  const perms = new Set<string>();
  const terms: number[] = [];
  const permute = (rest: readonly Allele[], chosen: readonly Allele[]): void => {
    if (rest.length === 0) {
      const key = chosen.join(',');
      if (perms.has(key)) return;
      perms.add(key);
      let ln = 0;
      chosen.forEach((c, i) => {
        const r = ref[i] as Allele;
        if (microvariantGroup(c) !== microvariantGroup(r)) ln = Number.NEGATIVE_INFINITY;
        else ln += lnStepProbability(Math.round((alleleRepeat(c) as number) - (alleleRepeat(r) as number)), m, rate);
      });
      terms.push(ln);
      return;
    }
    rest.forEach((a, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...chosen, a]));
  };
  permute(child, []);
  const max = Math.max(...terms);
  if (max === Number.NEGATIVE_INFINITY) return max;
  return max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
}

/**
 * The Y-STR likelihood ratio of "the man with haplotype `child` is the
 * paternal-line relative of the reference, `m` meioses away" against "he is
 * unrelated to the reference's paternal line":
 *
 * LR = P(child | reference, m) / P(child),
 *
 * which equals P(child, reference | related) / P(child, reference | unrelated)
 * when the reference's haplotype has the same population probability under
 * both hypotheses. The numerator is the product over compared loci of the
 * symmetric single-step probability of the repeat differences (see
 * `lnStepProbability`); the denominator is the match probability of the
 * child's haplotype at the same loci from the database (`matchProbability`).
 * With several references, the closest (fewest meioses; the first listed among
 * equals) is used: the others carry little more information about the child's
 * haplotype along the same line, and using one avoids modelling the joint
 * mutations of a whole paternal-line tree. Closed form: an exact match, one
 * meiosis, no mutation (rate 0) gives LR = 1/p with p the match probability.
 *
 * Cost: O(loci + database size × loci the first time a database meets a loci list).
 *
 * @throws `ValidationError` with codes `y-no-reference`, `bad-meioses`, and those of
 * `resolveYRates` and `matchProbability`.
 * @example
 * ```ts
 * const db = makeHaplotypeDatabase('tiny', ['DYS19', 'DYS390'], [
 *   { alleles: { DYS19: ['14'], DYS390: ['24'] }, count: 3 },
 *   { alleles: { DYS19: ['15'], DYS390: ['23'] }, count: 6 },
 * ]);
 * const son = { loci: { DYS19: ['14'], DYS390: ['24'] }, flags: [] };
 * const father = { id: 'F', haplotype: son, meioses: 1 };
 * yLineageLR(son, [father], { database: db, mutation: { rates: { DYS19: 0, DYS390: 0 } } }).total.LR; // => 2.5 // 1/((3+1)/(9+1))
 * ```
 */
export function yLineageLR(child: YHaplotype, references: readonly YReference[], options: YLineageOptions): YLineageResult {
  if (references.length === 0) throw new ValidationError({ code: 'y-no-reference', message: 'A Y-STR comparison needs at least one typed paternal-line reference', path: ['references'] });
  for (const r of references) checkMeioses(r.meioses);
  const ref = references.reduce((best, r) => (r.meioses < best.meioses ? r : best));
  const m = ref.meioses;
  const db = options.database;
  const typed = db.loci.filter((l) => Object.hasOwn(child.loci, l) && Object.hasOwn(ref.haplotype.loci, l));
  const rates = new Map(resolveYRates(typed, options.mutation).map((r) => [r.locus, r]));
  const loci: YLocusComparison[] = [];
  const parts: RatioValue[] = [];
  const compared: string[] = [];
  for (const name of typed) {
    const c = child.loci[name] as readonly Allele[];
    const r = ref.haplotype.loci[name] as readonly Allele[];
    const copies = Math.max(c.length, 1);
    const rate = (rates.get(name)?.rate ?? 0) / copies;
    const lnP = lnLocusProbability(c, r, m, rate);
    const base = { name, child: formatYAlleles(c), reference: formatYAlleles(r), differs: c.join(',') !== r.join(',') };
    if (lnP === null) {
      const reason: YNotComparedReason = c.length !== r.length ? 'copy-count' : 'off-ladder';
      loci.push({ ...base, status: 'not-compared', lnP: 0, rate: null, reason });
      continue;
    }
    compared.push(name);
    loci.push({ ...base, status: lnP === Number.NEGATIVE_INFINITY ? 'excluded' : 'ok', lnP, rate });
    parts.push(ratio(lnP, 0));
  }
  for (const name of Object.keys(child.loci)) {
    if (!db.loci.includes(name) && Object.hasOwn(ref.haplotype.loci, name)) {
      loci.push({ name, child: formatYAlleles(child.loci[name]), reference: formatYAlleles(ref.haplotype.loci[name]), status: 'not-compared', lnP: 0, rate: null, differs: (child.loci[name] ?? []).join(',') !== (ref.haplotype.loci[name] ?? []).join(','), reason: 'not-in-database' });
    }
  }
  const method = options.method ?? 'counting';
  const match = options.matchCounter !== undefined ? options.matchCounter(child, compared, method) : matchProbability(child, db, { method, loci: compared });
  const numerator = combineRatios(parts);
  const total: RatioValue = compared.length === 0 ? { lnLR: 0, log10LR: 0, LR: 1, status: 'untyped' } : numerator.status === 'ok' ? ratio(numerator.lnLR, Math.log(match.probability)) : numerator;
  return {
    total,
    reference: ref.id,
    meioses: m,
    loci,
    lociCompared: compared.length,
    lociDiffering: loci.filter((l) => l.status !== 'not-compared' && l.differs).length,
    lnNumerator: numerator.lnLR,
    match,
    provenance: {
      method,
      database: { name: db.name, size: db.size, loci: db.loci.length },
      rates: [...rates.values()],
      ratesSource: Y_RATES_SOURCE,
      model: Y_MODEL,
      references: references.map((r) => ({ id: r.id, meioses: r.meioses })),
    },
  };
}
