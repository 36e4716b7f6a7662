/**
 * X-chromosomal markers: closed forms derived by hand from the transmission rules
 * (docs/lineage.md), through `kinshipLR`. Frequencies p_a = 0.1, p_b = 0.2, p_c = 0.7
 * (synthetic; no openly licensed X frequency table exists).
 */
import { describe, expect, it } from 'vitest';
import { kinshipLR, type KinshipCase } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { lnLikelihood } from '../../src/likelihood/peel.js';
import type { Pedigree, Person } from '../../src/pedigree/Pedigree.js';
import { ValidationError } from '../../src/errors/StrkinError.js';

const PA = 0.1;
const PB = 0.2;
const xMarker = (name = 'DXS10135', mutation?: MarkerModel['mutation']): MarkerModel =>
  makeMarkerModel({ name, alleles: ['a', 'b', 'c'], frequencies: [PA, PB, 0.7], chromosome: 'X', ...(mutation ? { mutation } : {}) });

const person = (id: string, sex: Person['sex'], father: string | null = null, mother: string | null = null): Person => ({ id, sex, father, mother });
const UNRELATED: Pedigree = { persons: [] };
const fatherDaughter: Pedigree = { persons: [person('AF', 'male'), person('MO', 'female'), person('D', 'female', 'AF', 'MO')] };
const fatherSon: Pedigree = { persons: [person('AF', 'male'), person('MO', 'female'), person('S', 'male', 'AF', 'MO')] };
const motherSon: Pedigree = { persons: [person('F', 'male'), person('MO', 'female'), person('S', 'male', 'F', 'MO')] };
const paternalHalfSisters: Pedigree = {
  persons: [person('F', 'male'), person('M1', 'female'), person('M2', 'female'), person('S1', 'female', 'F', 'M1'), person('S2', 'female', 'F', 'M2')],
};

function lr(h1: Pedigree, genotypes: KinshipCase['genotypes'], theta = 0, marker = xMarker()): number {
  return kinshipLR({ hypotheses: [h1, UNRELATED], markers: [marker], genotypes, theta }).total.LR;
}

describe('X markers: closed forms', () => {
  it('father-daughter paternity index: 1/p_a for a homozygous daughter a/a', () => {
    expect(lr(fatherDaughter, { AF: { DXS10135: ['a', 'a'] }, D: { DXS10135: ['a', 'a'] } })).toBeCloseTo(1 / PA, 12);
  });

  it('father-daughter paternity index: 1/(2 p_a) for a daughter a/b sharing a with her father', () => {
    expect(lr(fatherDaughter, { AF: { DXS10135: ['a', 'a'] }, D: { DXS10135: ['a', 'b'] } })).toBeCloseTo(1 / (2 * PA), 12);
  });

  it('a male written as a partial genotype [a, null] is the same as a/a', () => {
    expect(lr(fatherDaughter, { AF: { DXS10135: ['a', null] }, D: { DXS10135: ['a', 'b'] } })).toBeCloseTo(1 / (2 * PA), 12);
  });

  it('father-daughter without a shared allele is an exclusion without mutation', () => {
    const result = kinshipLR({ hypotheses: [fatherDaughter, UNRELATED], markers: [xMarker()], genotypes: { AF: { DXS10135: ['c', 'c'] }, D: { DXS10135: ['a', 'b'] } } });
    expect(result.total.status).toBe('excluded');
  });

  it('father-daughter with mutation: the father transmits through the male matrix (equal model, rate mu: mu/2 for a/b vs father c)', () => {
    const mu = 0.004;
    const marker = xMarker('DXS10135', { female: { model: 'none' }, male: { model: 'equal', rate: mu } });
    // H1: AF=c passes a with mu/2, b from the mother (p_b), or b with mu/2 and a from the mother (p_a).
    // P(D = ab | AF = c) = (mu/2)·p_b + (mu/2)·p_a; H2: 2 p_a p_b.
    const expected = ((mu / 2) * PB + (mu / 2) * PA) / (2 * PA * PB);
    expect(lr(fatherDaughter, { AF: { DXS10135: ['c', 'c'] }, D: { DXS10135: ['a', 'b'] } }, 0, marker)).toBeCloseTo(expected, 12);
  });

  it('paternal grandmother a/b and granddaughter a/c: 1/(4 p_a) (the father, untyped, passes one of his mother\'s two X alleles)', () => {
    const h1: Pedigree = { persons: [person('GF', 'male'), person('GM', 'female'), person('F', 'male', 'GF', 'GM'), person('MO', 'female'), person('D', 'female', 'F', 'MO')] };
    expect(lr(h1, { GM: { DXS10135: ['a', 'b'] }, D: { DXS10135: ['a', 'c'] } })).toBeCloseTo(1 / (4 * PA), 12);
  });

  it('mother-son: 1/p_a for a homozygous mother a/a, 1/(2 p_a) for a/b', () => {
    expect(lr(motherSon, { MO: { DXS10135: ['a', 'a'] }, S: { DXS10135: ['a', 'a'] } })).toBeCloseTo(1 / PA, 12);
    expect(lr(motherSon, { MO: { DXS10135: ['a', 'b'] }, S: { DXS10135: ['a', 'a'] } })).toBeCloseTo(1 / (2 * PA), 12);
  });

  it('father-son: the X says nothing (LR 1), even when they share no allele', () => {
    expect(lr(fatherSon, { AF: { DXS10135: ['a', 'a'] }, S: { DXS10135: ['a', 'a'] } })).toBeCloseTo(1, 12);
    expect(lr(fatherSon, { AF: { DXS10135: ['a', 'a'] }, S: { DXS10135: ['b', 'b'] } })).toBeCloseTo(1, 12);
  });

  it('paternal half-sisters share their father\'s X: aa,aa gives 1/p_a; ab,ab gives (p_a+p_b)/(4 p_a p_b)', () => {
    expect(lr(paternalHalfSisters, { S1: { DXS10135: ['a', 'a'] }, S2: { DXS10135: ['a', 'a'] } })).toBeCloseTo(1 / PA, 12);
    expect(lr(paternalHalfSisters, { S1: { DXS10135: ['a', 'b'] }, S2: { DXS10135: ['a', 'b'] } })).toBeCloseTo((PA + PB) / (4 * PA * PB), 12);
  });
});

describe('X markers: theta (a male is one draw from the urn)', () => {
  it('a single typed male with allele frequency 0.3 has likelihood 0.3 at any theta', () => {
    const marker = makeMarkerModel({ name: 'X1', alleles: ['a', 'b'], frequencies: [0.3, 0.7], chromosome: 'X' });
    for (const theta of [0, 0.01, 0.03, 0.1, 0.5]) {
      const ln = lnLikelihood({ father: [-1], mother: [-1], marker, evidence: [[0, 0]], theta, sex: ['male'] });
      expect(Math.exp(ln), `theta ${theta}`).toBeCloseTo(0.3, 14);
    }
  });

  it('two unrelated males a, a: p_a·(theta + (1−theta)·p_a) (one draw each)', () => {
    const marker = makeMarkerModel({ name: 'X1', alleles: ['a', 'b'], frequencies: [0.3, 0.7], chromosome: 'X' });
    const theta = 0.05;
    const ln = lnLikelihood({ father: [-1, -1], mother: [-1, -1], marker, evidence: [[0, 0], [0, -1]], theta, sex: ['male', 'male'] });
    expect(Math.exp(ln)).toBeCloseTo(0.3 * (theta + (1 - theta) * 0.3), 14);
  });

  it('father-daughter at theta: (1+θ)/(2θ+(1−θ)p_a) for a/a and (1+θ)/(2(θ+(1−θ)p_a)) for a/b', () => {
    // H1: AF a (p_a), the mother passes a: the next draw after one a, θ+(1−θ)p_a.
    // H2: AF a, then D's two alleles from the same urn: (θ+(1−θ)p_a)(2θ+(1−θ)p_a)/(1+θ).
    for (const theta of [0.01, 0.03]) {
      expect(lr(fatherDaughter, { AF: { DXS10135: ['a', 'a'] }, D: { DXS10135: ['a', 'a'] } }, theta)).toBeCloseTo((1 + theta) / (2 * theta + (1 - theta) * PA), 11);
      expect(lr(fatherDaughter, { AF: { DXS10135: ['a', 'a'] }, D: { DXS10135: ['a', 'b'] } }, theta)).toBeCloseTo((1 + theta) / (2 * (theta + (1 - theta) * PA)), 11);
    }
  });
});

describe('X markers: input rules', () => {
  it('rejects a heterozygous male (x-heterozygous-male)', () => {
    expect(() => lr(fatherDaughter, { AF: { DXS10135: ['a', 'b'] }, D: { DXS10135: ['a', 'b'] } })).toThrowError(ValidationError);
    try {
      lr(fatherDaughter, { AF: { DXS10135: ['a', 'b'] }, D: { DXS10135: ['a', 'b'] } });
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.code)).toEqual(['x-heterozygous-male']);
      expect((e as ValidationError).issues[0]?.message).toMatchInlineSnapshot(`"A male has one X allele; two different alleles at an X marker are an error (person = AF, marker = DXS10135, genotype = a/b)"`);
    }
  });

  it('rejects a typed person of unknown sex at an X marker (x-sex-unknown), and a sex that differs between hypotheses', () => {
    const h1: Pedigree = { persons: [person('AF', 'male'), person('MO', 'female'), person('D', 'unknown', 'AF', 'MO')] };
    const codes = (f: () => unknown): string[] => {
      try {
        f();
      } catch (e) {
        return (e as ValidationError).issues.map((i) => i.code);
      }
      return [];
    };
    expect(codes(() => lr(h1, { AF: { DXS10135: ['a', 'a'] }, D: { DXS10135: ['a', 'b'] } }))).toEqual(['x-sex-unknown']);
    const h2: Pedigree = { persons: [person('D', 'male')] };
    expect(codes(() => kinshipLR({ hypotheses: [fatherDaughter, h2], markers: [xMarker()], genotypes: { D: { DXS10135: ['a', 'b'] } } }))).toContain('sex-conflict');
  });

  it('a father of unknown declared sex is male by his role', () => {
    const h1: Pedigree = { persons: [person('AF', 'unknown'), person('MO', 'female'), person('D', 'female', 'AF', 'MO')] };
    expect(lr(h1, { AF: { DXS10135: ['a', 'a'] }, D: { DXS10135: ['a', 'a'] } })).toBeCloseTo(1 / PA, 12);
  });
});

describe('X markers: evidence types and linkage', () => {
  const autosomal = makeMarkerModel({ name: 'TH01', alleles: ['a', 'b', 'c'], frequencies: [PA, PB, 0.7] });

  it('reports the autosomal and X LRs apart; the total is their product', () => {
    const result = kinshipLR({
      hypotheses: [fatherDaughter, UNRELATED],
      markers: [autosomal, xMarker()],
      genotypes: { AF: { TH01: ['a', 'a'], DXS10135: ['a', 'a'] }, D: { TH01: ['a', 'b'], DXS10135: ['a', 'a'] } },
    });
    expect(result.byEvidenceType?.autosomal.LR).toBeCloseTo(1 / (2 * PA), 12);
    expect(result.byEvidenceType?.X.LR).toBeCloseTo(1 / PA, 12);
    expect(result.total.LR).toBeCloseTo(1 / (2 * PA) / PA, 10);
    expect(result.warnings).toBeUndefined();
  });

  it('an autosomal-only case has no per-type split', () => {
    const result = kinshipLR({ hypotheses: [fatherDaughter, UNRELATED], markers: [autosomal], genotypes: { AF: { TH01: ['a', 'a'] }, D: { TH01: ['a', 'b'] } } });
    expect(result.byEvidenceType).toBeUndefined();
  });

  it('notes two typed X markers of one Argus X-12 linkage group: linkage-safe pedigrees say the product is exact, others warn', () => {
    const genotypes = { AF: { DXS10148: ['a', 'a'], DXS8378: ['a', 'a'], HPRTB: ['a', 'a'] }, D: { DXS10148: ['a', 'b'], DXS8378: ['a', 'a'], HPRTB: ['a', 'a'] } } as const;
    const result = kinshipLR({ hypotheses: [fatherDaughter, UNRELATED], markers: [xMarker('DXS10148'), xMarker('DXS8378'), xMarker('HPRTB')], genotypes });
    // A father and his daughter: linkage-safe (no woman has a child in the pedigree), so the product is exact under linkage equilibrium.
    expect(result.warnings?.map((w) => w.code)).toEqual(['x-linked-markers-safe']);
    expect(result.warnings?.[0]?.message).toMatchInlineSnapshot(`"X markers of one Argus X-12 linkage group are used together; every hypothesis's pedigree is linkage-safe for them (every woman with a child a founder with one child), so the product of their LRs is exact under linkage equilibrium (group = I, markers = DXS10148, DXS8378)"`);
    // Two maternal brothers (a mother of two typed children): not linkage-safe, the generic warning.
    const brothers = { persons: [{ id: 'F', sex: 'male' as const, father: null, mother: null }, { id: 'MO', sex: 'female' as const, father: null, mother: null }, { id: 'B1', sex: 'male' as const, father: 'F', mother: 'MO' }, { id: 'B2', sex: 'male' as const, father: 'F', mother: 'MO' }] };
    const apart = { persons: brothers.persons.map((p) => ({ ...p, father: null, mother: null })) };
    const sons = kinshipLR({ hypotheses: [brothers, apart], markers: [xMarker('DXS10148'), xMarker('DXS8378')], genotypes: { B1: { DXS10148: ['a', 'a'], DXS8378: ['a', 'a'] }, B2: { DXS10148: ['a', 'a'], DXS8378: ['b', 'b'] } } });
    expect(sons.warnings?.map((w) => w.code)).toEqual(['x-linked-markers']);
    expect(sons.warnings?.[0]?.message).toMatchInlineSnapshot(`"X markers of one Argus X-12 linkage group are used together and treated as unlinked; their LRs are multiplied as if independent (group = I, markers = DXS10148, DXS8378)"`);
    // Untyped markers are not "used".
    const one = kinshipLR({ hypotheses: [fatherDaughter, UNRELATED], markers: [xMarker('DXS10148'), xMarker('DXS8378')], genotypes: { AF: { DXS10148: ['a', 'a'] }, D: { DXS10148: ['a', 'b'] } } });
    expect(one.warnings).toBeUndefined();
  });
});
