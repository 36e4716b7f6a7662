/**
 * With theta > 0 the search enumerates founder genotypes, up to
 * THETA_ENUMERATION_LIMIT combinations. Whether a family is searched must depend
 * on the family, the table and the model only (domain.md §5), never on a child of
 * the run bringing alleles the table lacks (which widen the space): the family is
 * admitted only if the enumeration fits for a child with two such alleles.
 *
 * The case: a missing child and a typed sibling, both parents untyped. H2 (the
 * child as one more founder) has three untyped founders, so G³ combinations with
 * G = n(n+1)/2 genotypes of n alleles: n = 8 → 46,656, 10 → 166,375 (fits the
 * limit of 200,000), 12 → 474,552.
 */
import { describe, expect, it } from 'vitest';
import { makeFrequencyTable, type FrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { THETA_ENUMERATION_LIMIT } from '../../src/likelihood/peel.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { searchFamilies, type SearchOptions } from '../../src/search/searchFamilies.js';

/** One locus, alleles 10..(10+n-1), equal frequencies. */
function table(n: number): FrequencyTable {
  const alleles = Array.from({ length: n }, (_, i) => String(10 + i));
  return makeFrequencyTable({ name: `flat${n}`, n: 1000, loci: { D8S1179: Object.fromEntries(alleles.map((a) => [a, 1 / n])) } });
}
const prof = (sample: string, a: string, b: string): Profile => ({ sample, sex: 'unknown', genotypes: { D8S1179: [a, b] }, skipped: [] });
const family: Family = {
  id: 'SIB',
  pedigree: {
    persons: [
      { id: 'F', sex: 'male', father: null, mother: null },
      { id: 'Mo', sex: 'female', father: null, mother: null },
      { id: 'S', sex: 'female', father: 'F', mother: 'Mo' },
      { id: 'M', sex: 'unknown', father: 'F', mother: 'Mo' },
    ],
  },
  missing: ['M'],
  references: { S: prof('SIB-S', '10', '11') },
};
const common = prof('common', '10', '12');
const rare = prof('rare', '40', '41.2');
const options = (n: number): SearchOptions => ({ frequencies: table(n), mutation: 'none', theta: 0.02, minLoci: 1 });

describe('theta > 0: a family is searched or not by its own data alone', () => {
  it('the limit is the one the arithmetic above assumes', () => {
    expect(THETA_ENUMERATION_LIMIT).toBe(200_000);
  });

  it('8 alleles (10 with a child’s two unseen ones: 166,375 combinations): searched, with or without a child carrying unseen alleles, each pair as computed alone', () => {
    const o = options(8);
    const alone = searchFamilies([common], [family], o);
    const crowded = searchFamilies([common, rare], [family], o);
    expect(alone.accounting.families[0]?.status).toBe('scored');
    expect(crowded.accounting.families[0]?.status).toBe('scored');
    const a = alone.matches.find((m) => m.child === 'common');
    const c = crowded.matches.find((m) => m.child === 'common');
    expect(Object.is(a?.lnLR, c?.lnLR)).toBe(true);
    const r = crowded.matches.find((m) => m.child === 'rare');
    const exact = familyLR(rare, family, 'M', o).total.log10LR as number;
    expect(Math.abs((r?.log10LR as number) - exact)).toBeLessThan(1e-10);
  });

  it('10 alleles (12 with a child’s two unseen ones: 474,552): rejected with the reason, with or without such a child', () => {
    const o = options(10);
    for (const children of [[common], [common, rare]]) {
      const result = searchFamilies(children, [family], o);
      const outcome = result.accounting.families[0];
      expect(outcome?.status).toBe('rejected');
      expect(outcome?.reasons).toEqual([
        'theta correction for a child with two alleles the table lacks would need 4.75e+5 founder-genotype combinations, more than the limit of 200000; use theta = 0 or type more references (locus = D8S1179)',
      ]);
      expect(result.matches).toEqual([]);
    }
    // The pair alone, on its own space (10 alleles), fits the limit: familyLR computes it.
    expect(familyLR(common, family, 'M', o).total.log10LR).toEqual(expect.any(Number));
  });
});
