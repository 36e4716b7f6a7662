/**
 * fast-check arbitraries for frequency tables: random valid tables built through makeFrequencyTable.
 */
import fc from 'fast-check';
import { makeFrequencyTable, type FrequencyTable, type LocusInput } from '../../src/frequencies/FrequencyTable.js';
import { AUTOSOMAL_LOCI } from '../../src/profile/loci.js';

/** A canonical allele label: 5..40, sometimes a microvariant .1/.2/.3. */
export const alleleArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 5, max: 40 }), fc.constantFrom('', '', '', '.1', '.2', '.3'))
  .map(([whole, dot]) => `${whole}${dot}`);

/** An observed allele, including off-ladder labels. */
export const observedAlleleArb: fc.Arbitrary<string> = fc.oneof(alleleArb, fc.constantFrom('OL', '<5', '>40'));

/** Which optional fields a generated table carries. */
export interface FrequencyTableArbOptions {
  /** Keep counts and 2N (from integer weights). Default true. */
  readonly counts?: boolean;
  /** Give each locus 2N without counts (frequencies still from weights). Default false. */
  readonly nAlleles?: boolean;
  /** Give each locus an FMIN. Default false. */
  readonly fmin?: boolean;
  /** Give the table a population label. Default false. */
  readonly population?: boolean;
}

/** The LocusInput of one locus: distinct alleles with positive integer weights. */
function locusArb(locus: string, options: FrequencyTableArbOptions): fc.Arbitrary<LocusInput> {
  return fc
    .record({
      alleles: fc.uniqueArray(alleleArb, { minLength: 1, maxLength: 12 }),
      weights: fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 12, maxLength: 12 }),
      fmin: fc.constantFrom(0.001, 0.002, 0.005, 0.0025),
    })
    .map(({ alleles, weights, fmin }) => {
      const counts = alleles.map((_, i) => weights[i] ?? 1);
      const total = counts.reduce((s, c) => s + c, 0);
      const frequencies = counts.map((c) => c / total);
      return {
        locus,
        alleles,
        frequencies,
        ...(options.counts !== false ? { counts, nAlleles: total } : options.nAlleles === true ? { nAlleles: total } : {}),
        ...(options.fmin === true ? { fmin } : {}),
      };
    });
}

/** A random valid frequency table over 1-6 known loci. */
export function frequencyTableArb(options: FrequencyTableArbOptions = {}): fc.Arbitrary<FrequencyTable> {
  return fc
    .uniqueArray(fc.constantFrom(...AUTOSOMAL_LOCI), { minLength: 1, maxLength: 6 })
    .chain((loci) => fc.tuple(fc.tuple(...loci.map((l) => locusArb(l, options))), fc.constantFrom('Demo', 'Pop A', 'Cauc')))
    .map(([loci, population]) => makeFrequencyTable({ name: 'generated', ...(options.population === true ? { population } : {}), loci }));
}
