/**
 * Shared fast-check arbitraries for the likelihood engine: small random
 * pedigrees (loops allowed), markers with random mutation models, and partial
 * genotype evidence.
 */
import fc from 'fast-check';
import type { MutationSpec } from '../../src/mutation/mutationMatrix.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import type { AlleleEvidence } from '../../src/likelihood/peel.js';

/** A pedigree as parent index arrays; parents always come earlier; fathers male, mothers female. */
export interface SmallPedigree {
  readonly father: number[];
  readonly mother: number[];
  readonly sex: ('male' | 'female')[];
}

/** Pedigrees of 2..maxSize people; each non-founder's parents are earlier people (so loops and inbreeding occur). */
export function smallPedigree(maxSize = 6): fc.Arbitrary<SmallPedigree> {
  return fc
    .array(fc.record({ male: fc.boolean(), founder: fc.integer({ min: 0, max: 2 }), f: fc.nat(), m: fc.nat() }), { minLength: 2, maxLength: maxSize })
    .map((rows) => {
      const father: number[] = [];
      const mother: number[] = [];
      const sex: ('male' | 'female')[] = [];
      rows.forEach((row, i) => {
        // The first two are a male and a female founder, so every later person can have parents.
        const s = i === 0 ? 'male' : i === 1 ? 'female' : row.male ? 'male' : 'female';
        sex.push(s);
        const males = sex.slice(0, i).map((x, j) => (x === 'male' ? j : -1)).filter((j) => j >= 0);
        const females = sex.slice(0, i).map((x, j) => (x === 'female' ? j : -1)).filter((j) => j >= 0);
        if (i < 2 || row.founder === 0 || males.length === 0 || females.length === 0) {
          father.push(-1);
          mother.push(-1);
        } else {
          father.push(males[row.f % males.length] as number);
          mother.push(females[row.m % females.length] as number);
        }
      });
      return { father, mother, sex };
    });
}

const LABELS = ['8', '9', '9.3', '10', '11', '12'];

/** A mutation spec of any model, with rates up to 0.2. */
export function mutationSpec(): fc.Arbitrary<MutationSpec> {
  // Rates are 0 or at least 1e-6: brute-force products of subnormal rates underflow to 0 in the reference.
  const rate = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 0.2, noNaN: true }));
  return fc.oneof(
    fc.constant<MutationSpec>({ model: 'none' }),
    rate.map((r): MutationSpec => ({ model: 'equal', rate: r })),
    rate.map((r): MutationSpec => ({ model: 'proportional', rate: r })),
    rate.map((r): MutationSpec => ({ model: 'onestep', rate: r })),
    fc.tuple(rate, fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 0.05, noNaN: true })), fc.double({ min: 0.1, max: 0.9, noNaN: true })).map(([r, r2, range]): MutationSpec => ({ model: 'stepwise', rate: r, rate2: r2, range })),
  );
}

/** A marker of 2..maxAlleles alleles (labels with a microvariant), random frequencies and mutation. */
export function smallMarker(maxAlleles = 4, withMutation = true): fc.Arbitrary<MarkerModel> {
  return fc
    .integer({ min: 2, max: maxAlleles })
    .chain((n) =>
      fc.record({
        weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }),
        female: withMutation ? mutationSpec() : fc.constant<MutationSpec>({ model: 'none' }),
        male: withMutation ? mutationSpec() : fc.constant<MutationSpec>({ model: 'none' }),
        offset: fc.integer({ min: 0, max: LABELS.length - n }),
      }),
    )
    .map(({ weights, female: femaleSpec, male: maleSpec, offset }) => {
      let female = femaleSpec;
      let male = maleSpec;
      const total = weights.reduce((a, b) => a + b, 0);
      const het = weights.reduce((h, w) => h + (w / total) * (1 - w / total), 0);
      // A proportional rate above Σp(1−p) would give negative diagonal entries (rejected by the model).
      const fit = (spec: MutationSpec): MutationSpec => (spec.model === 'proportional' && spec.rate >= het ? { model: 'proportional', rate: het / 2 } : spec);
      female = fit(female);
      male = fit(male);
      return makeMarkerModel({
        name: 'M',
        alleles: LABELS.slice(offset, offset + weights.length),
        frequencies: weights.map((w) => w / total),
        mutation: { female, male },
      });
    });
}

/** Evidence for `size` people over `nAlleles` alleles: untyped (often), complete, or partial. */
export function evidence(size: number, nAlleles: number): fc.Arbitrary<AlleleEvidence[]> {
  const one: fc.Arbitrary<AlleleEvidence> = fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.tuple(fc.nat(nAlleles - 1), fc.nat(nAlleles - 1)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const) },
    { weight: 1, arbitrary: fc.nat(nAlleles - 1).map((a) => [a, -1] as const) },
  );
  return fc.array(one, { minLength: size, maxLength: size });
}
