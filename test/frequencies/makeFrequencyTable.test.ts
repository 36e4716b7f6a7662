import { describe, expect, it } from 'vitest';
import { FREQUENCY_SUM_TOLERANCE, makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { ValidationError } from '../../src/errors/StrkinError.js';

const issuesOf = (fn: () => unknown): unknown[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => [i.code, i.line, i.message]);
    throw error;
  }
  throw new Error('did not throw');
};

describe('makeFrequencyTable', () => {
  it('canonicalises loci and alleles and sorts alleles', () => {
    const t = makeFrequencyTable({ name: ' demo ', loci: { THO1: { '9.30': 0.3, '10': 0.1, '06': 0.6 } } });
    expect(t.name).toBe('demo');
    expect(t.loci['TH01']).toEqual({ locus: 'TH01', alleles: ['6', '9.3', '10'], frequencies: [0.6, 0.3, 0.1] });
  });

  it('computes frequencies from counts and keeps the counts and 2N', () => {
    const t = makeFrequencyTable({ name: 'c', loci: [{ locus: 'vWA', alleles: ['17', '16'], counts: [3, 1] }] });
    expect(t.loci['vWA']).toEqual({ locus: 'vWA', alleles: ['16', '17'], frequencies: [0.25, 0.75], counts: [1, 3], nAlleles: 4 });
  });

  it('accepts sums within the named tolerance 0.5e-3', () => {
    expect(FREQUENCY_SUM_TOLERANCE).toBe(0.0005);
    expect(() => makeFrequencyTable({ name: 'x', loci: { TH01: { '6': 0.5, '7': 0.5004 } } })).not.toThrow();
    expect(() => makeFrequencyTable({ name: 'x', loci: { TH01: { '6': 0.5, '7': 0.5006 } } })).toThrow(ValidationError);
  });

  it('keeps an unknown locus as written, with a warning', () => {
    const t = makeFrequencyTable({ name: 'x', loci: { D99S999: { '6': 1 } } });
    expect(t.loci['D99S999']?.alleles).toEqual(['6']);
    expect(t.warnings?.map((w) => [w.code, w.severity, w.message])).toMatchInlineSnapshot(`
      [
        [
          "unknown-locus",
          "warning",
          "Unknown locus name, kept as written (locus = "D99S999")",
        ],
      ]
    `);
  });

  it('gives the same checksum for the same numbers under another name, a different one otherwise', () => {
    const a = makeFrequencyTable({ name: 'a', citation: 'x', loci: { TH01: { '6': 0.5, '7': 0.5 } } });
    const b = makeFrequencyTable({ name: 'b', loci: { TH01: { '7': 0.5, '6': 0.5 } } });
    const c = makeFrequencyTable({ name: 'a', loci: { TH01: { '6': 0.4, '7': 0.6 } } });
    expect(a.checksum).toBe(b.checksum);
    expect(a.checksum).not.toBe(c.checksum);
  });

  it('reports every problem at once, with line and locus', () => {
    const issues = issuesOf(() =>
      makeFrequencyTable(
        {
          name: 'bad',
          loci: [
            { locus: 'TH01', alleles: ['6', '7'], frequencies: [-0.1, 1.1], line: 1, lines: [2, 3] },
            { locus: 'vWA', alleles: ['16', '17'], frequencies: [Number.NaN, 0.5], line: 5, lines: [6, 7] },
            { locus: 'FGA', alleles: ['20', '21'], frequencies: [0.4, 0.4], line: 9, lines: [10, 11] },
            { locus: 'D3S1358', alleles: ['15', '15.0'], frequencies: [0.5, 0.5], line: 13, lines: [14, 15] },
            { locus: 'THO1', alleles: ['6'], frequencies: [1], line: 17 },
            { locus: 'TPOX', alleles: ['x8'], frequencies: [1], line: 19, lines: [20] },
          ],
        },
        { file: 'bad.txt' },
      ),
    );
    expect(issues).toMatchInlineSnapshot(`
      [
        [
          "frequency-range",
          2,
          "Frequency must be in (0, 1] (TH01 6 frequency = -0.1)",
        ],
        [
          "frequency-range",
          3,
          "Frequency must be in (0, 1] (TH01 7 frequency = 1.1)",
        ],
        [
          "bad-frequency",
          6,
          "Frequency is not a finite number (vWA 16 frequency = NaN)",
        ],
        [
          "frequency-sum",
          9,
          "Frequencies do not sum to 1 within 0.0005 (FGA sum = 0.8)",
        ],
        [
          "duplicate-allele",
          15,
          "Allele appears twice at D3S1358 (first at line 14) (allele = "15.0")",
        ],
        [
          "duplicate-locus",
          17,
          "Locus appears twice (first at line 1) (locus = "THO1")",
        ],
        [
          "bad-allele",
          20,
          "Unreadable allele at TPOX: not an allele designation (allele = "x8")",
        ],
      ]
    `);
  });

  it('rejects bad input', () => {
    expect(() => makeFrequencyTable({ name: 'x', loci: {} })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: empty-table: The frequency table has no loci]`);
    expect(() => makeFrequencyTable({ name: '', loci: { TH01: { '6': 1 } } })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-name: A frequency table needs a name (name = "")]`);
    expect(() => makeFrequencyTable({ name: 'x', n: 0, loci: { TH01: { '6': 1 } } })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-sample-size: Sample size must be a positive integer (n = 0)]`);
    expect(() => makeFrequencyTable({ name: 'x', loci: [{ locus: 'TH01', alleles: ['6', '7'], counts: [1, 2], nAlleles: 4 }] })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: count-sum: Allele counts at TH01 sum to 3, not to the number of alleles (nAlleles = 4)]`);
    expect(() => makeFrequencyTable({ name: 'x', loci: [{ locus: 'TH01', alleles: ['6', '7'], counts: [1, 1], frequencies: [0.4, 0.6] }] })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: count-mismatch: Frequency differs from count / nAlleles = 1/2 (TH01 6 frequency = 0.4) (and 1 more issue)]`);
    expect(() => makeFrequencyTable({ name: 'x', loci: [{ locus: 'TH01', alleles: ['6', '7'], counts: [1.5, -1] }] })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-count: Allele count must be a non-negative integer (TH01 6 count = 1.5) (and 1 more issue)]`);
    expect(() => makeFrequencyTable({ name: 'x', loci: [{ locus: 'TH01', alleles: [], frequencies: [] }] })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: empty-locus: Locus has no alleles (locus = "TH01")]`);
    expect(() => makeFrequencyTable({ name: 'x', loci: [{ locus: 'TH01', alleles: ['6'], frequencies: [1], fmin: 2 }] })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-fmin: Minimum frequency at TH01 must be in (0, 1] (fmin = 2)]`);
  });
});
