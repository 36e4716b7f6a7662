// Gene dropping at X markers, tested against the transmission rules and
// theoretical moments. Seeds are fixed, so every test is deterministic;
// tolerances are ~4 standard errors. Frequencies are synthetic.
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors/StrkinError.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { makePedigree } from '../../src/pedigree/validatePedigree.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateGenotypes } from '../../src/simulate/simulateGenotypes.js';

const P = [0.1, 0.3, 0.6];
const markers = (count: number): MarkerModel[] => Array.from({ length: count }, (_, k) => makeMarkerModel({ name: `X${k}`, alleles: ['a', 'b', 'c'], frequencies: P, chromosome: 'X' }));
const family = makePedigree([
  { id: 'F', sex: 'male', father: null, mother: null },
  { id: 'M', sex: 'female', father: null, mother: null },
  { id: 'D', sex: 'female', father: 'F', mother: 'M' },
  { id: 'S', sex: 'male', father: 'F', mother: 'M' },
]);

describe('simulateGenotypes at X markers', () => {
  const N = 4000;
  const ms = markers(N);
  const { genotypes } = simulateGenotypes(family, ms, makeRandom(11));
  const at = (id: string, k: number): readonly [string, string | null] => genotypes[id]?.[`X${k}`] as readonly [string, string | null];

  it('males carry one allele (written a/a); a daughter always carries her father\'s X; a son carries one of his mother\'s', () => {
    for (let k = 0; k < N; k++) {
      const [f1, f2] = at('F', k);
      const [s1, s2] = at('S', k);
      expect(f1).toBe(f2);
      expect(s1).toBe(s2);
      expect(at('D', k)).toContain(f1);
      expect(at('M', k)).toContain(s1);
    }
  });

  it('a male founder\'s allele has the population frequency (one draw): P(a) = 0.1', () => {
    const a = Array.from({ length: N }, (_, k) => at('F', k)[0]).filter((x) => x === 'a').length / N;
    expect(Math.abs(a - 0.1)).toBeLessThan(4 * Math.sqrt((0.1 * 0.9) / N));
  });

  it('a son shares his father\'s allele only by chance: P = Σ p² = 0.46', () => {
    const same = Array.from({ length: N }, (_, k) => at('F', k)[0] === at('S', k)[0]).filter(Boolean).length / N;
    const expected = P.reduce((s, p) => s + p * p, 0);
    expect(Math.abs(same - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / N));
  });

  it('theta > 0: two unrelated males share an allele with probability θ + (1−θ)Σp² (one urn draw each)', () => {
    const two = makePedigree([
      { id: 'A', sex: 'male', father: null, mother: null },
      { id: 'B', sex: 'male', father: null, mother: null },
    ]);
    const theta = 0.2;
    const sim = simulateGenotypes(two, ms, makeRandom(12), { theta }).genotypes;
    const same = ms.filter((m) => (sim['A']?.[m.name] as readonly string[])[0] === (sim['B']?.[m.name] as readonly string[])[0]).length / N;
    const expected = theta + (1 - theta) * P.reduce((s, p) => s + p * p, 0);
    expect(Math.abs(same - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / N));
  });

  it('conditional simulation: given the father a, the daughter always carries a and her other allele has the population frequency', () => {
    const few = ms.slice(0, 500);
    const conditionOn = { F: Object.fromEntries(few.map((m) => [m.name, ['a', 'a'] as const])) };
    const sim = simulateGenotypes(family, few, makeRandom(13), { conditionOn, typed: ['D', 'S'] }).genotypes;
    let aa = 0;
    for (const m of few) {
      const d = sim['D']?.[m.name] as readonly string[];
      expect(d).toContain('a');
      if (d[0] === 'a' && d[1] === 'a') aa += 1;
      const s = sim['S']?.[m.name] as readonly string[];
      expect(s[0]).toBe(s[1]);
    }
    expect(Math.abs(aa / few.length - 0.1)).toBeLessThan(4 * Math.sqrt((0.1 * 0.9) / few.length));
  });

  it('refuses a simulated person of unknown sex (x-sex-unknown)', () => {
    const ped = makePedigree([{ id: 'U', sex: 'unknown', father: null, mother: null }]);
    expect(() => simulateGenotypes(ped, ms.slice(0, 1), makeRandom(1))).toThrowError(ModelError);
  });
});
