/**
 * Test helpers for the simulators: Pearson's chi-square statistic and the
 * critical values used (upper 0.1% points, so a seeded test that passes is not
 * a near miss; from any chi-square table).
 */
import { makePedigree } from '../../src/pedigree/validatePedigree.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';

/** Pearson's X² = Σ (O − E)² / E over cells with E > 0. */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  let x2 = 0;
  observed.forEach((o, i) => {
    const e = expected[i] as number;
    if (e > 0) x2 += (o - e) ** 2 / e;
  });
  return x2;
}

/** Upper 0.001 quantiles of the chi-square distribution by degrees of freedom. */
export const CHI2_999: Readonly<Record<number, number>> = { 1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515, 6: 22.458, 7: 24.322, 8: 26.124, 9: 27.877, 10: 29.588 };

/** F (male) and M (female) founders with children C1..Cn. */
export function nuclearFamily(children = 1): Pedigree {
  return makePedigree([
    { id: 'F', sex: 'male', father: null, mother: null },
    { id: 'M', sex: 'female', father: null, mother: null },
    ...Array.from({ length: children }, (_, i) => ({ id: `C${i + 1}`, sex: 'unknown' as const, father: 'F', mother: 'M' })),
  ]);
}

/** Count of each allele label in a list of genotypes. */
export function alleleCounts(alleles: readonly string[], genotypes: readonly (readonly [string, string | null])[]): number[] {
  const counts = alleles.map(() => 0);
  const index = new Map(alleles.map((a, i) => [a, i]));
  for (const g of genotypes) {
    for (const a of g) {
      if (a === null) continue;
      const i = index.get(a);
      if (i === undefined) throw new Error(`unexpected allele ${a}`);
      counts[i] = (counts[i] as number) + 1;
    }
  }
  return counts;
}
