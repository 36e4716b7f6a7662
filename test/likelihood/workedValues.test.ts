/**
 * The worked values of domain.md §6 (recomputed independently by the domain
 * guide's authors), each as a named test through the pedigree engine
 * (kinshipLR). Frequencies pa=.1, pb=.2, pc=.05, pd=.3 unless stated; the
 * rest of the allele mass is an extra allele "z".
 */
import { describe, expect, it } from 'vitest';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import type { SexSpecificMutation } from '../../src/mutation/mutationMatrix.js';
import type { Pedigree, Person } from '../../src/pedigree/Pedigree.js';
import { relationshipPedigree, type Relationship } from '../../src/pedigree/relationshipPedigree.js';
import { makeGenotype } from '../../src/profile/genotype.js';

const founder = (id: string, sex: Person['sex']): Person => ({ id, sex, father: null, mother: null });
const child = (id: string, father: string, mother: string): Person => ({ id, sex: 'unknown', father, mother });
const UNRELATED: Pedigree = { persons: [] };

function marker(freqs: Record<string, number>, mutation?: SexSpecificMutation) {
  const rest = 1 - Object.values(freqs).reduce((a, b) => a + b, 0);
  const alleles = Object.keys(freqs);
  const frequencies = Object.values(freqs);
  if (rest > 1e-12) {
    alleles.push('z');
    frequencies.push(rest);
  }
  return makeMarkerModel({ name: 'M', alleles, frequencies, ...(mutation ? { mutation } : {}) });
}
const STD = { a: 0.1, b: 0.2, c: 0.05, d: 0.3 };
const g = (s: string) => makeGenotype(s[0] as string, s[1] as string);

function lr(h1: Pedigree, genotypes: Record<string, string>, opts: { freqs?: Record<string, number>; theta?: number; h2?: Pedigree } = {}): number {
  const m = marker(opts.freqs ?? STD);
  const data = Object.fromEntries(Object.entries(genotypes).map(([id, gt]) => [id, { M: g(gt) }]));
  return kinshipLR({ hypotheses: [h1, opts.h2 ?? UNRELATED], markers: [m], genotypes: data, theta: opts.theta ?? 0 }).total.LR;
}

const DUO: Pedigree = { persons: [founder('AF', 'male'), founder('MO', 'female'), child('C', 'AF', 'MO')] };
const TRIO_H2: Pedigree = { persons: [founder('AF', 'male'), founder('TF', 'male'), founder('MO', 'female'), child('C', 'TF', 'MO')] };
const pair = (relationship: Relationship): Pedigree => relationshipPedigree(relationship, { a: 'A', b: 'B' });

describe('domain.md §6 worked values', () => {
  const cases: [string, () => number, number][] = [
    ['duo AF aa, C aa, pa=.05', () => lr(DUO, { AF: 'aa', C: 'aa' }, { freqs: { a: 0.05 } }), 20],
    ['duo AF ab, C ab', () => lr(DUO, { AF: 'ab', C: 'ab' }), 3.75],
    ['duo AF ab, C ac', () => lr(DUO, { AF: 'ab', C: 'ac' }), 2.5],
    ['duo AF aa, C ab', () => lr(DUO, { AF: 'aa', C: 'ab' }), 5],
    ['duo AF bb, C ac, no mutation', () => lr(DUO, { AF: 'bb', C: 'ac' }), 0],
    ['trio M aa, C ab, AF bb', () => lr(DUO, { MO: 'aa', C: 'ab', AF: 'bb' }, { h2: TRIO_H2 }), 5],
    ['trio M aa, C ab, AF bc', () => lr(DUO, { MO: 'aa', C: 'ab', AF: 'bc' }, { h2: TRIO_H2 }), 2.5],
    ['trio M ab, C ab, AF ab', () => lr(DUO, { MO: 'ab', C: 'ab', AF: 'ab' }, { h2: TRIO_H2 }), 3.333333333],
    ['trio M ab, C ab, AF ac', () => lr(DUO, { MO: 'ab', C: 'ab', AF: 'ac' }, { h2: TRIO_H2 }), 1.666666667],
    ['trio M ab, C aa, AF ab', () => lr(DUO, { MO: 'ab', C: 'aa', AF: 'ab' }, { h2: TRIO_H2 }), 5],
    ['full sibs aa,aa', () => lr(pair('full-siblings'), { A: 'aa', B: 'aa' }), 30.25],
    ['full sibs ab,ab', () => lr(pair('full-siblings'), { A: 'ab', B: 'ab' }), 8.375],
    ['full sibs aa,ab', () => lr(pair('full-siblings'), { A: 'aa', B: 'ab' }), 2.75],
    ['full sibs ab,ac', () => lr(pair('full-siblings'), { A: 'ab', B: 'ac' }), 1.5],
    ['full sibs ab,cd', () => lr(pair('full-siblings'), { A: 'ab', B: 'cd' }), 0.25],
    ['half sibs aa,aa', () => lr(pair('half-siblings'), { A: 'aa', B: 'aa' }), 5.5],
    ['half sibs ab,ab', () => lr(pair('half-siblings'), { A: 'ab', B: 'ab' }), 2.375],
    ['grandparent aa, grandchild ab', () => lr(pair('grandparent'), { A: 'aa', B: 'ab' }), 3],
    ['first cousins aa,aa', () => lr(pair('first-cousins'), { A: 'aa', B: 'aa' }), 3.25],
    ['first cousins ab,ac', () => lr(pair('first-cousins'), { A: 'ab', B: 'ac' }), 1.375],
    ['duo aa,aa, theta .01', () => lr(DUO, { AF: 'aa', C: 'aa' }, { theta: 0.01 }), 7.906976744],
    ['duo ab,ab, theta .03', () => lr(DUO, { AF: 'ab', C: 'ab' }, { theta: 0.03 }), 3.269649888],
    ['duo AF ab, C ac, theta .03', () => lr(DUO, { AF: 'ab', C: 'ac' }, { theta: 0.03 }), 2.086614173],
    ['duo AF aa, C ab, theta .03', () => lr(DUO, { AF: 'aa', C: 'ab' }, { theta: 0.03 }), 3.375796178],
    ['trio M aa, C ab, AF bb, theta .01', () => lr(DUO, { MO: 'aa', C: 'ab', AF: 'bb' }, { h2: TRIO_H2, theta: 0.01 }), 4.724770642],
    ['trio M aa, C ab, AF bc, theta .03', () => lr(DUO, { MO: 'aa', C: 'ab', AF: 'bc' }, { h2: TRIO_H2, theta: 0.03 }), 2.433035714],
    ['trio M ab, C ab, AF ab, theta .03', () => lr(DUO, { MO: 'ab', C: 'ab', AF: 'ab' }, { h2: TRIO_H2, theta: 0.03 }), 2.652068127],
    ['full sibs aa,aa, theta .01', () => lr(pair('full-siblings'), { A: 'aa', B: 'aa' }, { theta: 0.01 }), 20.98089701],
    ['full sibs ab,ab, theta .03', () => lr(pair('full-siblings'), { A: 'ab', B: 'ab' }, { theta: 0.03 }), 6.682174494],
    ['half sibs ab,ab, theta .03', () => lr(pair('half-siblings'), { A: 'ab', B: 'ab' }, { theta: 0.03 }), 2.134824944],
  ];
  it.each(cases)('%s', (_name, compute, expected) => {
    const value = compute();
    if (expected === 0) expect(value).toBe(0);
    else expect(Math.abs(value - expected) / expected).toBeLessThan(5e-9);
  });

  it('single aa, p=.3, theta .01: P(aa) = 0.0921', () => {
    const m = marker({ a: 0.3 });
    const result = kinshipLR({ hypotheses: [{ persons: [founder('X', 'male')] }, UNRELATED], markers: [m], genotypes: { X: { M: g('aa') } }, theta: 0.01 });
    expect(Math.exp(result.lnLikelihoods[0] as number)).toBeCloseTo(0.0921, 12);
  });

  const ladder = (labels: string[], p: number[], mutation: SexSpecificMutation) => makeMarkerModel({ name: 'M', alleles: labels, frequencies: p, mutation });
  it('duo AF 10/10, C 11/11; ladder 8..12, male equal mu=.002, female none: 0.0025', () => {
    const m = ladder(['8', '9', '10', '11', '12'], [0.1, 0.2, 0.3, 0.2, 0.2], { female: { model: 'none' }, male: { model: 'equal', rate: 0.002 } });
    const r = kinshipLR({ hypotheses: [DUO, UNRELATED], markers: [m], genotypes: { AF: { M: ['10', '10'] }, C: { M: ['11', '11'] } } });
    expect(Math.abs(r.total.LR - 0.0025) / 0.0025).toBeLessThan(1e-9);
    expect(r.noMutation?.LR).toBe(0);
    expect(r.inconsistentLoci).toBe(1);
  });
  const trioLadder = ['9', '10', '11', '12', '13', '14', '15'];
  const trioP = [0.05, 0.15, 0.25, 0.25, 0.15, 0.1, 0.05];
  const trioGenotypes = { MO: { M: ['10', '11'] as const }, C: { M: ['11', '13'] as const }, AF: { M: ['12', '14'] as const } };
  it('trio M 10/11, C 11/13, AF 12/14; male stepwise mu=.002 range=.5 rate2=0: 0.004173088799', () => {
    const m = ladder(trioLadder, trioP, { female: { model: 'none' }, male: { model: 'stepwise', rate: 0.002, range: 0.5, rate2: 0 } });
    const r = kinshipLR({ hypotheses: [DUO, TRIO_H2], markers: [m], genotypes: trioGenotypes });
    expect(Math.abs(r.total.LR - 0.004173088799) / 0.004173088799).toBeLessThan(1e-9);
  });
  it('same, plus female stepwise mu=.0005: 0.004172566559', () => {
    const m = ladder(trioLadder, trioP, { female: { model: 'stepwise', rate: 0.0005, range: 0.5, rate2: 0 }, male: { model: 'stepwise', rate: 0.002, range: 0.5, rate2: 0 } });
    const r = kinshipLR({ hypotheses: [DUO, TRIO_H2], markers: [m], genotypes: trioGenotypes });
    expect(Math.abs(r.total.LR - 0.004172566559) / 0.004172566559).toBeLessThan(1e-9);
  });
});
