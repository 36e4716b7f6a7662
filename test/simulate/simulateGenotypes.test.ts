// Gene dropping tested against theoretical moments (style.md: simulators
// tested against theory). Seeds are fixed, so every test is deterministic;
// tolerances are ~4 standard errors or the chi-square 0.1% point.
import { describe, expect, it } from 'vitest';
import { ModelError, StrkinError, ValidationError } from '../../src/errors/StrkinError.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { makePedigree } from '../../src/pedigree/validatePedigree.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import type { Genotype } from '../../src/profile/genotype.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateGenotypes } from '../../src/simulate/simulateGenotypes.js';
import { CHI2_999, alleleCounts, chiSquare, nuclearFamily } from './helpers.js';

const FIVE = makeMarkerModel({ name: 'M5', alleles: ['8', '9', '10', '11', '12'], frequencies: [0.1, 0.2, 0.3, 0.25, 0.15] });

/** n unrelated founders. */
function founders(n: number) {
  return makePedigree(Array.from({ length: n }, (_, i) => ({ id: `P${i}`, sex: 'unknown' as const, father: null, mother: null })));
}

const genotypesOf = (data: Record<string, Record<string, Genotype>>, marker: string): Genotype[] => Object.values(data).map((g) => g[marker] as Genotype);

describe('simulateGenotypes: founders', () => {
  it('allele frequencies of many founders match the marker (chi-square, df 4)', () => {
    const { genotypes } = simulateGenotypes(founders(10_000), [FIVE], makeRandom(1));
    const counts = alleleCounts(FIVE.alleles, genotypesOf(genotypes, 'M5') as [string, string][]);
    const expected = [...FIVE.frequencies].map((p) => p * 20_000);
    expect(chiSquare(counts, expected)).toBeLessThan(CHI2_999[4] as number);
  });

  it('genotypes are in Hardy-Weinberg proportions: P(homozygous) = Σ p²', () => {
    const { genotypes } = simulateGenotypes(founders(20_000), [FIVE], makeRandom(2));
    const hom = genotypesOf(genotypes, 'M5').filter((g) => g[0] === g[1]).length / 20_000;
    const expected = [...FIVE.frequencies].reduce((s, p) => s + p * p, 0); // 0.235
    expect(Math.abs(hom - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / 20_000));
  });

  it('theta > 0: founders follow the Balding-Nichols urn, P(aa) = p(θ + (1−θ)p) and P(two founders aa) per NRC II 4.10', () => {
    const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b'], frequencies: [0.3, 0.7] });
    const t = 0.1;
    const p = 0.3;
    const pair = founders(2);
    const random = makeRandom(3);
    const runs = 20_000;
    let firstAA = 0;
    let bothAA = 0;
    for (let r = 0; r < runs; r++) {
      const { genotypes } = simulateGenotypes(pair, [marker], random, { theta: t });
      const g0 = genotypes['P0']?.['M'];
      const g1 = genotypes['P1']?.['M'];
      if (g0?.[0] === 'a' && g0[1] === 'a') {
        firstAA++;
        if (g1?.[0] === 'a' && g1[1] === 'a') bothAA++;
      }
    }
    const pAA = p * (t + (1 - t) * p); // 0.111
    const pAAgivenAA = ((2 * t + (1 - t) * p) * (3 * t + (1 - t) * p)) / ((1 + t) * (1 + 2 * t)); // 0.2008
    expect(Math.abs(firstAA / runs - pAA)).toBeLessThan(4 * Math.sqrt((pAA * (1 - pAA)) / runs));
    expect(Math.abs(bothAA / runs - pAA * pAAgivenAA)).toBeLessThan(4 * Math.sqrt((pAA * pAAgivenAA) / runs));
    // without theta the second founder is independent: P(aa | aa) = p² = 0.09
    expect(pAAgivenAA).toBeGreaterThan(p * p);
  });
});

describe('simulateGenotypes: transmission', () => {
  it('without mutation a child has one allele of each parent, always', () => {
    const random = makeRandom(4);
    const ped = nuclearFamily(3);
    let failures = 0;
    for (let r = 0; r < 2000; r++) {
      const { genotypes } = simulateGenotypes(ped, [FIVE], random);
      const [f1, f2] = genotypes['F']?.['M5'] as [string, string];
      const [m1, m2] = genotypes['M']?.['M5'] as [string, string];
      for (const c of ['C1', 'C2', 'C3']) {
        const [a, b] = genotypes[c]?.['M5'] as [string, string];
        const fromFather = (x: string): boolean => x === f1 || x === f2;
        const fromMother = (x: string): boolean => x === m1 || x === m2;
        if (!((fromFather(a) && fromMother(b)) || (fromFather(b) && fromMother(a)))) failures++;
      }
    }
    expect(failures).toBe(0);
  });

  it('full siblings share 0, 1, 2 alleles IBD with proportions 1/4, 1/2, 1/4 (parents fixed with four distinct alleles)', () => {
    const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b', 'c', 'd'], frequencies: [0.25, 0.25, 0.25, 0.25] });
    const random = makeRandom(5);
    const counts = [0, 0, 0];
    const runs = 4000;
    for (let r = 0; r < runs; r++) {
      const { genotypes } = simulateGenotypes(nuclearFamily(2), [marker], random, { typed: ['C1', 'C2'], conditionOn: { F: { M: ['a', 'b'] }, M: { M: ['c', 'd'] } } });
      const g1 = genotypes['C1']?.['M'] as [string, string];
      const g2 = genotypes['C2']?.['M'] as [string, string];
      const shared = g1.filter((x) => g2.includes(x)).length;
      counts[shared] = (counts[shared] as number) + 1;
    }
    expect(chiSquare(counts, [runs / 4, runs / 2, runs / 4])).toBeLessThan(CHI2_999[2] as number);
  });

  it('full-sibling IBD by plain gene dropping over many loci: founders carry nearly unique alleles', () => {
    // 400 equally frequent alleles: identity by state differs from IBD with probability < 1%
    const alleles = Array.from({ length: 400 }, (_, i) => String(i + 1));
    const markers = Array.from({ length: 50 }, (_, k) => makeMarkerModel({ name: `L${k}`, alleles, frequencies: alleles.map(() => 1 / 400) }));
    const random = makeRandom(6);
    const counts = [0, 0, 0];
    for (let r = 0; r < 40; r++) {
      const { genotypes } = simulateGenotypes(relationshipPedigree('full-siblings'), markers, random, { typed: ['A', 'B'] });
      for (const m of markers) {
        const a = genotypes['A']?.[m.name] as [string, string];
        const b = genotypes['B']?.[m.name] as [string, string];
        const shared = a[0] === a[1] ? (b.includes(a[0]) ? (b[0] === b[1] ? 2 : 1) : 0) : a.filter((x) => b.includes(x)).length;
        counts[shared] = (counts[shared] as number) + 1;
      }
    }
    const n = 2000;
    expect(Math.abs((counts[0] as number) / n - 0.25)).toBeLessThan(0.04);
    expect(Math.abs((counts[1] as number) / n - 0.5)).toBeLessThan(0.045);
    expect(Math.abs((counts[2] as number) / n - 0.25)).toBeLessThan(0.04);
  });

  it('mutation: transmitted alleles follow p·M (female matrix only; male none)', () => {
    const marker = makeMarkerModel({
      name: 'M',
      alleles: ['8', '9', '10', '11'],
      frequencies: [0.1, 0.2, 0.3, 0.4],
      mutation: { female: { model: 'stepwise', rate: 0.6, range: 0.5, rate2: 0 }, male: { model: 'none' } },
    });
    const n = 4;
    const M = marker.female as Float64Array;
    const p = [...marker.frequencies];
    const pM = p.map((_, j) => p.reduce((s, pi, i) => s + pi * (M[i * n + j] as number), 0));
    // a child's two alleles: one from the mother through M, one from the father unchanged
    const expectedFreq = p.map((pj, j) => (pj + (pM[j] as number)) / 2);
    // children of one couple are not independent, so simulate many couples
    const random = makeRandom(8);
    const children: Genotype[] = [];
    for (let r = 0; r < 10_000; r++) children.push(simulateGenotypes(nuclearFamily(1), [marker], random, { typed: ['C1'] }).genotypes['C1']?.['M'] as Genotype);
    const counts = alleleCounts(marker.alleles, children);
    expect(chiSquare(counts, expectedFreq.map((f) => f * 20_000))).toBeLessThan(CHI2_999[3] as number);
    // and the mutation is visible: p·M differs from p
    expect(Math.abs((pM[0] as number) - 0.1)).toBeGreaterThan(0.03);
  });

  it('mutation rate 1: every transmitted allele changes (two alleles, equal model)', () => {
    const marker = makeMarkerModel({
      name: 'M',
      alleles: ['a', 'b'],
      frequencies: [0.2, 0.8],
      mutation: { female: { model: 'equal', rate: 1 }, male: { model: 'equal', rate: 1 } },
    });
    const random = makeRandom(9);
    let failures = 0;
    let childA = 0;
    const runs = 5000;
    for (let r = 0; r < runs; r++) {
      const { genotypes } = simulateGenotypes(nuclearFamily(1), [marker], random);
      const flip = (x: string): string => (x === 'a' ? 'b' : 'a');
      const f = genotypes['F']?.['M'] as [string, string];
      const m = genotypes['M']?.['M'] as [string, string];
      const c = genotypes['C1']?.['M'] as [string, string];
      const ok = [f[0], f[1]].some((x) => [m[0], m[1]].some((y) => {
        const pair = [flip(x), flip(y)].sort();
        return pair[0] === c[0] && pair[1] === c[1];
      }));
      if (!ok) failures++;
      childA += c.filter((x) => x === 'a').length;
    }
    expect(failures).toBe(0);
    // allele a had frequency 0.2 in founders, 0.8 after one flip
    expect(Math.abs(childA / (2 * runs) - 0.8)).toBeLessThan(4 * Math.sqrt(0.16 / (2 * runs)));
  });

  it('the father transmits through the male matrix and the mother through the female one', () => {
    const marker = makeMarkerModel({
      name: 'M',
      alleles: ['a', 'b'],
      frequencies: [0.5, 0.5],
      mutation: { female: { model: 'none' }, male: { model: 'equal', rate: 1 } },
    });
    const random = makeRandom(10);
    let failures = 0;
    for (let r = 0; r < 500; r++) {
      // father aa must transmit b; mother aa transmits a: child ab
      const { genotypes } = simulateGenotypes(nuclearFamily(1), [marker], random, { typed: ['C1'], conditionOn: { F: { M: ['a', 'a'] }, M: { M: ['a', 'a'] } } });
      const c = genotypes['C1']?.['M'];
      if (!(c?.[0] === 'a' && c[1] === 'b')) failures++;
    }
    expect(failures).toBe(0);
  });
});

describe('simulateGenotypes: options and reproducibility', () => {
  const markers: MarkerModel[] = [FIVE, makeMarkerModel({ name: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.2, 0.3, 0.5] })];

  it('same seed gives identical output; different seeds differ; the seed is recorded', () => {
    const ped = nuclearFamily(4);
    const a = simulateGenotypes(ped, markers, makeRandom(11));
    const b = simulateGenotypes(ped, markers, makeRandom(11));
    const c = simulateGenotypes(ped, markers, makeRandom(12));
    expect(a).toEqual(b);
    expect(a.seed).toBe(11);
    expect(c.genotypes).not.toEqual(a.genotypes);
  });

  it('typed selects people; an id not in the pedigree is an unrelated founder; default is everyone', () => {
    const ped = nuclearFamily(1);
    expect(Object.keys(simulateGenotypes(ped, markers, makeRandom(1)).genotypes).sort()).toEqual(['C1', 'F', 'M']);
    const some = simulateGenotypes(ped, markers, makeRandom(1), { typed: ['C1', 'X'] });
    expect(Object.keys(some.genotypes)).toEqual(['C1', 'X']);
    expect(Object.keys(some.genotypes['X'] ?? {})).toEqual(['M5', 'TH01']);
  });

  it('conditionOn: fixed people are returned as given and others are drawn given them', () => {
    const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b', 'c'], frequencies: [0.2, 0.3, 0.5] });
    const random = makeRandom(13);
    for (let r = 0; r < 50; r++) {
      const { genotypes } = simulateGenotypes(nuclearFamily(1), [marker], random, { conditionOn: { F: { M: ['a', 'a'] }, M: { M: ['b', 'b'] } } });
      expect(genotypes['F']?.['M']).toEqual(['a', 'a']);
      expect(genotypes['C1']?.['M']).toEqual(['a', 'b']);
    }
  });

  it('conditionOn: a child of ab x ab parents is aa, ab, bb with probabilities 1/4, 1/2, 1/4', () => {
    const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b', 'c'], frequencies: [0.2, 0.3, 0.5] });
    const random = makeRandom(14);
    const counts = [0, 0, 0];
    for (let r = 0; r < 2000; r++) {
      const c = simulateGenotypes(nuclearFamily(1), [marker], random, { typed: ['C1'], conditionOn: { F: { M: ['a', 'b'] }, M: { M: ['a', 'b'] } } }).genotypes['C1']?.['M'] as [string, string];
      const k = c[0] === 'a' && c[1] === 'a' ? 0 : c[0] === 'a' && c[1] === 'b' ? 1 : 2;
      counts[k] = (counts[k] as number) + 1;
    }
    expect(chiSquare(counts, [500, 1000, 500])).toBeLessThan(CHI2_999[2] as number);
  });

  describe('rejects bad input', () => {
    const ped = nuclearFamily(1);
    it('theta outside [0, 1)', () => {
      expect(() => simulateGenotypes(ped, markers, makeRandom(1), { theta: 1 })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-theta: Theta must be in [0, 1) (theta = 1)]`);
      expect(() => simulateGenotypes(ped, markers, makeRandom(1), { theta: -0.1 })).toThrow(ValidationError);
    });
    it('duplicated markers and typed ids', () => {
      expect(() => simulateGenotypes(ped, [FIVE, FIVE], makeRandom(1))).toThrow(/Marker listed twice/);
      expect(() => simulateGenotypes(ped, [FIVE], makeRandom(1), { typed: ['C1', 'C1'] })).toThrow(/listed twice among the typed/);
    });
    it('a cycle', () => {
      const cyclic = { persons: [
        { id: 'A', sex: 'male' as const, father: 'B', mother: 'C' },
        { id: 'B', sex: 'male' as const, father: 'A', mother: 'C' },
        { id: 'C', sex: 'female' as const, father: null, mother: null },
      ] };
      expect(() => simulateGenotypes(cyclic, [FIVE], makeRandom(1))).toThrow(/cycle/);
    });
    it('a fixed allele not in the marker', () => {
      expect(() => simulateGenotypes(ped, [FIVE], makeRandom(1), { conditionOn: { F: { M5: ['7', '8'] } } })).toThrow(StrkinError);
    });
    it('fixed genotypes impossible under the pedigree', () => {
      let error: unknown;
      try {
        simulateGenotypes(nuclearFamily(2), [FIVE], makeRandom(1), { typed: ['C2'], conditionOn: { F: { M5: ['8', '8'] }, M: { M5: ['8', '8'] }, C1: { M5: ['9', '9'] } } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).code).toBe('impossible-condition');
    });
  });
});
