// The memoised consistency pass of the power distributions gives the flags of the
// search's own pass (consistencyWithoutMutation), bit for bit, on random evidence
// over a few pedigree shapes, autosomal and X, with and without cache hits.
import { describe, expect, it } from 'vitest';
import { consistencyWithoutMutation } from '../../src/search/caseSpaces.js';
import { lumpedConsistency } from '../../src/power/locusDistributions.js';
import type { AlleleEvidence } from '../../src/likelihood/peel.js';
import type { Sex } from '../../src/profile/Profile.js';
import { makeRandom } from '../../src/simulate/random.js';

// Persons: 0 father, 1 mother, 2 query child, 3 full sibling, 4 paternal grandmother (of 0), 5 paternal grandfather.
const father = [5, -1, 0, 0, -1, -1];
const mother = [4, -1, 1, 1, -1, -1];
const sex: Sex[] = ['male', 'female', 'female', 'male', 'female', 'male'];

describe('lumpedConsistency equals consistencyWithoutMutation', () => {
  it('on 300 random evidence patterns (12 alleles, typed subsets of relatives), autosomal and X', () => {
    const random = makeRandom(20261201);
    const nA = 12;
    const G = (nA * (nA + 1)) / 2;
    let differing = 0;
    for (let t = 0; t < 300; t++) {
      const x = t % 2 === 1;
      const evidence: AlleleEvidence[] = father.map(() => null);
      for (const i of [0, 1, 3, 4]) {
        if (random.float() < 0.5) continue;
        const a = random.int(0, nA - 1);
        // Few distinct alleles, so that patterns repeat (cache hits); a male at X is one allele.
        const b = x && sex[i] === 'male' ? a : random.float() < 0.3 ? a : random.int(0, 3);
        evidence[i] = [Math.min(a, b), Math.max(a, b)];
      }
      const want = new Uint8Array(G);
      const got = new Uint8Array(G);
      consistencyWithoutMutation(father, mother, 'L', nA, evidence, 2, want, 0, false, x ? sex : undefined);
      lumpedConsistency(father, mother, 'L', nA, evidence, 2, got, x ? sex : undefined);
      expect(Array.from(got)).toEqual(Array.from(want));
      if (want.some((v) => v === 1)) differing++;
    }
    // Not vacuous: most patterns exclude some genotypes.
    expect(differing).toBeGreaterThan(100);
  });
});
