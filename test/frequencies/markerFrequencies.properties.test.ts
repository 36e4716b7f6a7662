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
  it('gives frequencies in (0, 1], summing to 1 when renormalised, keeping the table values otherwise', () => {
    fc.assert(
      fc.property(frequencyTableArb({ counts: true }), fc.array(observedAlleleArb, { maxLength: 4 }), ruleArb, fc.boolean(), (table, observed, rule, renormalise) => {
        for (const locus of Object.values(table.loci)) {
          const m = markerFrequencies(table, locus.locus, observed, { ...(rule !== undefined ? { rareAllele: rule } : {}), renormalise });
          expect(m.alleles.length).toBe(m.frequencies.length);
          for (const f of m.frequencies) expect(f > 0 && f <= 1).toBe(true);
          for (const a of observed) expect(m.alleles).toContain(a);
          const sum = m.frequencies.reduce((s, f) => s + f, 0);
          if (renormalise) expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
          else {
            locus.alleles.forEach((a, i) => expect(m.frequencies[m.alleles.indexOf(a)]).toBe(locus.frequencies[i]));
            for (const a of m.rare) expect(m.frequencies[m.alleles.indexOf(a)]).toBe(m.minFrequency);
          }
        }
      }),
    );
  });
});
