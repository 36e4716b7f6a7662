import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markerFrequencies } from '../../src/frequencies/markerFrequencies.js';
import type { RareAlleleRule } from '../../src/frequencies/rareAllele.js';
import { frequencyTableArb, observedAlleleArb } from '../arbitraries/frequencies.js';

const ruleArb: fc.Arbitrary<RareAlleleRule | undefined> = fc.constantFrom<RareAlleleRule | undefined>(
  undefined,
  { rule: '5/2N' },
  { rule: '1/2N' },
  { rule: '1/(2N+1)' },
  { rule: 'fixed', value: 0.001 },
  { rule: 'fixed', value: 0.2 },
);

describe('markerFrequencies (properties)', () => {
  it('gives frequencies in (0, 1] summing to 1: the table values and the rule minimum for unseen alleles, divided by their sum', () => {
    fc.assert(
      fc.property(frequencyTableArb({ counts: true }), fc.array(observedAlleleArb, { maxLength: 4 }), ruleArb, (table, observed, rule) => {
        for (const locus of Object.values(table.loci)) {
          const m = markerFrequencies(table, locus.locus, observed, rule !== undefined ? { rareAllele: rule } : {});
          expect(m.alleles.length).toBe(m.frequencies.length);
          for (const f of m.frequencies) expect(f > 0 && f <= 1).toBe(true);
          for (const a of observed) expect(m.alleles).toContain(a);
          const sum = m.frequencies.reduce((s, f) => s + f, 0);
          expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
          const scale = locus.frequencies.reduce((s, f) => s + f, 0) + m.rare.length * (m.minFrequency ?? 0);
          locus.alleles.forEach((a, i) => expect(m.frequencies[m.alleles.indexOf(a)]).toBeCloseTo((locus.frequencies[i] as number) / scale, 14));
          for (const a of m.rare) expect(m.frequencies[m.alleles.indexOf(a)]).toBeCloseTo((m.minFrequency as number) / scale, 14);
        }
      }),
    );
  });

  it('depends only on the alleles given: the same allele space whatever order or repeats', () => {
    fc.assert(
      fc.property(frequencyTableArb({ counts: true }), fc.array(observedAlleleArb, { maxLength: 4 }), (table, observed) => {
        for (const locus of Object.values(table.loci)) {
          const a = markerFrequencies(table, locus.locus, observed);
          const b = markerFrequencies(table, locus.locus, [...observed].reverse().concat(observed));
          expect(b).toEqual(a);
        }
      }),
    );
  });
});
