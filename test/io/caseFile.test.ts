/** The case format reader: known cases, table-backed markers, and bad input. */
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors/StrkinError.js';
import { parseCase, safeParseCase } from '../../src/io/caseFile.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';

const duo = {
  id: 'd1',
  theta: 0,
  hypotheses: {
    H1: { label: 'AF father of C', individuals: [{ id: 'AF', father: null, mother: null, sex: 'male' }, { id: 'MO', father: null, mother: null, sex: 'female' }, { id: 'C', father: 'AF', mother: 'MO', sex: 'male' }] },
    H2: { label: 'unrelated', individuals: [] },
  },
  markers: [{ name: 'M', alleles: ['a', 'b'], frequencies: [0.1, 0.9], mutation: { female: { model: 'none' }, male: { model: 'equal', rate: 0.001 } } }],
  genotypes: { AF: { M: ['a', 'a'] }, C: { M: ['a', 'b'] } },
  expected: { ignored: true },
};

describe('parseCase', () => {
  it('reads hypotheses, markers with mutation, genotypes and labels', () => {
    const c = parseCase(JSON.stringify(duo));
    expect(c.id).toBe('d1');
    expect(c.labels).toEqual(['H1: AF father of C', 'H2: unrelated']);
    expect(c.hypotheses[0]?.persons.find((p) => p.id === 'C')).toEqual({ id: 'C', sex: 'male', father: 'AF', mother: 'MO' });
    expect(c.markers[0]?.male).not.toBeNull();
    expect(c.markers[0]?.female).toBeNull();
    expect(c.genotypes['C']?.['M']).toEqual(['a', 'b']);
  });
  it('accepts a one-case collection and numeric allele labels', () => {
    const c = parseCase({ format: 'kinship-lr-oracle-cases', cases: [{ ...duo, genotypes: { AF: { M: ['a', 'a'] } } }] });
    expect(c.markers).toHaveLength(1);
    const numeric = parseCase({ ...duo, markers: [{ name: 'M', alleles: [9, 10], frequencies: [0.5, 0.5] }], genotypes: { AF: { M: [9, 10] } } });
    expect(numeric.genotypes['AF']?.['M']).toEqual(['9', '10']);
  });
  it('takes markers given by name from a resolver', () => {
    const c = parseCase({ ...duo, markers: ['M'] }, { resolveMarker: (name, observed) => makeMarkerModel({ name, alleles: [...observed, 'z'], frequencies: [0.1, 0.2, 0.7] }) });
    expect(c.markers[0]?.alleles).toEqual(['a', 'b', 'z']);
  });
  it('rejects bad input with every issue at once', () => {
    const result = safeParseCase({ theta: 2, hypotheses: { H1: { individuals: 'x' } }, markers: [{ name: 'M', alleles: ['a', 'a'], frequencies: [0.5, 1.5] }, 'N'], genotypes: { A: { M: 'ab' } } }, { file: 'c.json' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ParseError);
    expect(result.error.issues.map((i) => i.code)).toEqual(['bad-theta', 'missing-field', 'missing-field', 'bad-genotype', 'duplicate-allele', 'frequency-range', 'missing-frequencies']);
    expect(result.error.issues.every((i) => i.file === 'c.json')).toBe(true);
    expect(() => parseCase('{not json', { file: 'x.json' })).toThrowErrorMatchingInlineSnapshot(`[ParseError: x.json: bad-json: Not valid JSON (Expected property name or '}' in JSON at position 1)]`);
    expect(() => parseCase({ cases: [duo, duo] })).toThrow(/many-cases/);
  });
  it('theta: the one rule of kinshipLR and the search (a number in [0, 1))', () => {
    const messages = [1, -0.5, '0.1', { x: 1 }].map((theta) => {
      const r = safeParseCase({ ...duo, theta });
      return r.ok ? 'ok' : r.error.message;
    });
    expect(messages).toMatchInlineSnapshot(`
      [
        "bad-theta: Theta must be in [0, 1) (theta = 1)",
        "bad-theta: Theta must be in [0, 1) (theta = -0.5)",
        "bad-theta: Theta must be in [0, 1) (theta = "0.1")",
        "bad-theta: Theta must be in [0, 1) (theta = {"x":1})",
      ]
    `);
    expect(parseCase({ ...duo, theta: null }).theta).toBe(0);
  });
});

describe('parseCase questions what it used to accept (issue: reliability, item 7)', () => {
  it('inline frequencies summing to 0.6 are refused with frequency-sum', () => {
    expect(() => parseCase({ ...duo, markers: [{ name: 'M', alleles: ['a', 'b'], frequencies: [0.1, 0.5] }] })).toThrowErrorMatchingInlineSnapshot(`[ParseError: frequency-sum: Allele frequencies must sum to 1 within 0.0005 (marker = M, sum = 0.6)]`);
  });
  it('a genotype at a marker the case does not list (a typo) is refused with unknown-marker', () => {
    expect(() => parseCase({ ...duo, genotypes: { AF: { M: ['a', 'a'], TH0l: ['6', '7'] }, C: { M: ['a', 'b'] } } })).toThrowErrorMatchingInlineSnapshot(`[ParseError: unknown-marker: Genotype at a marker that "markers" does not list (person = AF, marker = TH0l)]`);
  });
});
