import { describe, expect, it } from 'vitest';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { markerFrequencies } from '../../src/frequencies/markerFrequencies.js';
import { DEFAULT_MIN_FREQUENCY, describeFrequencyOptions, minimumFrequency } from '../../src/frequencies/rareAllele.js';

// An invented table: TH01 with 2N = 200 at the locus; vWA with no per-locus 2N (table n = 50, so 2N = 100).
const table = makeFrequencyTable({
  name: 'demo',
  n: 50,
  loci: [
    { locus: 'TH01', alleles: ['6', '7', '9.3'], counts: [50, 100, 50], nAlleles: 200 },
    { locus: 'vWA', alleles: ['16', '17'], frequencies: [0.4, 0.6] },
    { locus: 'D3S1358', alleles: ['15', '16'], frequencies: [0.5, 0.5], fmin: 0.002 },
  ],
});
const noN = makeFrequencyTable({ name: 'no-n', loci: { TH01: { '6': 0.5, '7': 0.5 } } });

describe('minimumFrequency', () => {
  it('applies each rule with N from the locus (2N = 200)', () => {
    expect(minimumFrequency(table, 'TH01', { rule: '5/2N' })).toBe(5 / 200); // 0.025
    expect(minimumFrequency(table, 'TH01', { rule: '1/2N' })).toBe(1 / 200); // 0.005
    expect(minimumFrequency(table, 'TH01', { rule: '1/(2N+1)' })).toBe(1 / 201); // 0.004975...
    expect(minimumFrequency(table, 'TH01', { rule: 'fixed', value: 0.001 })).toBe(0.001);
    expect(minimumFrequency(table, 'TH01', { rule: 'error' })).toBeUndefined();
  });

  it('falls back to the table n (N = 50, 2N = 100)', () => {
    expect(minimumFrequency(table, 'vWA', { rule: '5/2N' })).toBe(0.05);
    expect(minimumFrequency(table, 'VWA', { rule: '1/(2N+1)' })).toBe(1 / 101);
  });

  it('defaults to FMIN, else 5/(2N), else 0.001', () => {
    expect(minimumFrequency(table, 'D3S1358')).toBe(0.002);
    expect(minimumFrequency(table, 'TH01')).toBe(0.025);
    expect(minimumFrequency(noN, 'TH01')).toBe(DEFAULT_MIN_FREQUENCY);
    expect(DEFAULT_MIN_FREQUENCY).toBe(0.001);
  });

  it('gives 5/722 for nist1036-cauc TH01 (N = 361)', () => {
    expect(minimumFrequency(builtinTable('nist1036-cauc'), 'TH01', { rule: '5/2N' })).toBeCloseTo(0.006925208, 9);
  });

  it('caps at 1 for tiny N', () => {
    const tiny = makeFrequencyTable({ name: 'tiny', loci: [{ locus: 'TH01', alleles: ['6', '7'], counts: [1, 1] }] });
    expect(minimumFrequency(tiny, 'TH01', { rule: '5/2N' })).toBe(1);
  });

  it('rejects bad input', () => {
    expect(() => minimumFrequency(table, 'FGA')).toThrowErrorMatchingInlineSnapshot(`[ValidationError: locus-not-in-table: Frequency table demo has no frequencies for this locus (locus = "FGA")]`);
    expect(() => minimumFrequency(noN, 'TH01', { rule: '5/2N' })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: sample-size-unknown: Rule 5/2N needs the sample size N, which table no-n does not give for TH01; use a fixed rule (locus = "TH01")]`);
    expect(() => minimumFrequency(table, 'TH01', { rule: 'fixed', value: 0 })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-option: A fixed minimum frequency must be in (0, 1] (rareAllele.value = 0)]`);
    expect(() => minimumFrequency(table, 'TH01', { rule: 'fixed', value: Number.NaN })).toThrow(/bad|fixed/);
  });
});

describe('markerFrequencies', () => {
  it('adds observed alleles missing from the table at the rule minimum, then divides by the sum', () => {
    const m = markerFrequencies(table, 'TH01', ['7', '8', 'OL', '<5', '09.30']);
    expect(m.locus).toBe('TH01');
    expect(m.alleles).toEqual(['<5', '6', '7', '8', '9.3', 'OL']);
    expect(m.rare).toEqual(['<5', '8', 'OL']);
    expect(m.minFrequency).toBe(0.025);
    // table 0.25 + 0.5 + 0.25 plus three rare alleles at 0.025: sum 1.075
    m.frequencies.forEach((f, i) => expect(f).toBeCloseTo([0.025, 0.25, 0.5, 0.025, 0.25, 0.025][i]! / 1.075, 15));
  });

  it('uses the rule of the options', () => {
    const m = markerFrequencies(table, 'THO1', ['8'], { rareAllele: { rule: 'fixed', value: 0.1 } });
    expect(m.alleles).toEqual(['6', '7', '8', '9.3']);
    expect(m.frequencies.map((f) => Number(f.toFixed(12)))).toEqual([0.25 / 1.1, 0.5 / 1.1, 0.1 / 1.1, 0.25 / 1.1].map((f) => Number(f.toFixed(12))));
  });

  it('returns the table unchanged when nothing is rare', () => {
    const m = markerFrequencies(table, 'vWA', ['16', '17'], { rareAllele: { rule: 'error' } });
    expect(m).toEqual({ locus: 'vWA', alleles: ['16', '17'], frequencies: [0.4, 0.6], rare: [], minFrequency: undefined });
    expect(m.frequencies[0]! + m.frequencies[1]!).toBe(1);
  });

  it('rejects bad input', () => {
    expect(() => markerFrequencies(table, 'FGA', ['20'])).toThrowErrorMatchingInlineSnapshot(`[ValidationError: locus-not-in-table: Frequency table demo has no frequencies for this locus (locus = "FGA")]`);
    expect(() => markerFrequencies(table, 'TH01', ['8', 'OL'], { rareAllele: { rule: 'error' } })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: rare-allele: Allele not in frequency table demo and rare alleles are rejected (TH01 allele = "8") (and 1 more issue)]`);
    expect(() => markerFrequencies(table, 'TH01', ['9,3'])).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-allele: Unreadable observed allele at TH01 (allele = "9,3")]`);
  });
});

describe('describeFrequencyOptions', () => {
  it('describes each rule', () => {
    const tail = '; frequencies of each case divided by their sum';
    expect(describeFrequencyOptions({ rareAllele: { rule: '5/2N' } })).toBe(`rare alleles 5/(2N)${tail}`);
    expect(describeFrequencyOptions({ rareAllele: { rule: '1/(2N+1)' } })).toBe(`rare alleles 1/(2N+1)${tail}`);
    expect(describeFrequencyOptions({ rareAllele: { rule: '1/2N' } })).toBe(`rare alleles 1/(2N)${tail}`);
    expect(describeFrequencyOptions({ rareAllele: { rule: 'fixed', value: 0.001 } })).toBe(`rare alleles fixed 0.001${tail}`);
    expect(describeFrequencyOptions({ rareAllele: { rule: 'error' } })).toBe(`rare alleles rejected${tail}`);
    expect(describeFrequencyOptions()).toBe(`rare alleles FMIN where given, else 5/(2N) where N is known, else 0.001${tail}`);
  });
});
