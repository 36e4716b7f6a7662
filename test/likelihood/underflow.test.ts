/**
 * Extreme frequencies (issue: p² underflows below ~1e-154): likelihoods stay in
 * log space, so an allele of frequency 1e-300 gives the right log10LR instead of
 * LR 0 "undefined", and a search does not reject the family as impossible.
 */
import { describe, expect, it } from 'vitest';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';
import { makeGenotype } from '../../src/profile/genotype.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';

const trio: Pedigree = { persons: [{ id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'C', sex: 'unknown', father: 'AF', mother: 'MO' }] };
const sibs: Pedigree = { persons: [...trio.persons, { id: 'C2', sex: 'unknown', father: 'AF', mother: 'MO' }] };

describe('extreme allele frequencies', () => {
  for (const p of [1e-170, 1e-200, 1e-300]) {
    const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b'], frequencies: [p, 1 - p] });
    it(`duo AF aa, C aa with p = ${p}: log10LR = -log10 p (PI 1/p, domain.md §3.1)`, () => {
      const r = kinshipLR({ hypotheses: [trio, { persons: [] }], markers: [marker], genotypes: { AF: { M: ['a', 'a'] }, C: { M: ['a', 'a'] } } });
      expect(r.total.status).toBe('ok');
      expect(r.total.log10LR).toBeCloseTo(-Math.log10(p), 9);
    });
    it(`full siblings aa, aa with untyped parents, p = ${p}: log10LR = log10((1+p)²/(4p²))`, () => {
      const r = kinshipLR({ hypotheses: [sibs, { persons: [] }], markers: [marker], genotypes: { C: { M: ['a', 'a'] }, C2: { M: ['a', 'a'] } } });
      expect(r.total.log10LR).toBeCloseTo(2 * Math.log10(1 + p) - Math.log10(4) - 2 * Math.log10(p), 9);
    });
  }
  it('a search scores a family whose reference carries an allele of frequency 1e-200', () => {
    const table = makeFrequencyTable({ name: 'extreme', loci: { TH01: { '6': 1e-200, '7': 1 - 1e-200 } } });
    const family = { id: 'F', pedigree: trio, missing: ['C'], references: { AF: { sample: 'AF', sex: 'male' as const, genotypes: { TH01: makeGenotype('6', '6') }, skipped: [] } } };
    const child = { sample: 'child', sex: 'unknown' as const, genotypes: { TH01: makeGenotype('6', '6') }, skipped: [] };
    const r = searchFamilies([child], [family], { frequencies: table, mutation: 'none', minLoci: 1 });
    expect(r.accounting.families[0]?.status).toBe('scored');
    expect(r.matches[0]?.log10LR).toBeCloseTo(200, 9);
  });
});
