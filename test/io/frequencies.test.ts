import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError, StrkinError } from '../../src/errors/StrkinError.js';
import { detectFrequencyFormat, parseFrequencies, safeParseFrequencies } from '../../src/io/frequencies/parseFrequencies.js';
import { writeFrequenciesList, writeFrequenciesLong, writeFrequenciesWide } from '../../src/io/frequencies/writeFrequencies.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { FrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { frequencyTableChecksum } from '../../src/frequencies/checksum.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/frequencies/${name}`, import.meta.url), 'utf8');

/** The numbers of a table (what every layout carries). */
const numbers = (t: FrequencyTable): Record<string, [string[], number[]]> =>
  Object.fromEntries(Object.values(t.loci).map((l) => [l.locus, [[...l.alleles], [...l.frequencies]]]));

/** Every issue of a failed parse as `line: code: message`. */
const problems = (text: string, options: Parameters<typeof parseFrequencies>[1] = {}): string[] => {
  const result = safeParseFrequencies(text, options);
  if (result.ok) throw new Error('expected a failure');
  return result.error.issues.map((i) => `${i.line ?? '-'}: ${i.code}: ${i.message}`);
};

const DEMO = {
  TH01: [['6', '7', '8', '9', '9.3', '10'], [0.2, 0.2, 0.1, 0.15, 0.3, 0.05]],
  vWA: [['14', '15', '16', '17', '18', '19'], [0.1, 0.1, 0.2, 0.3, 0.2, 0.1]],
  D3S1358: [['14', '15', '16', '17', '18'], [0.15, 0.25, 0.25, 0.2, 0.15]],
};

describe('detectFrequencyFormat', () => {
  it('recognises each fixture', () => {
    expect(detectFrequencyFormat(fixture('wide.csv'))).toBe('wide');
    expect(detectFrequencyFormat(fixture('wide-semicolon.csv'))).toBe('wide');
    expect(detectFrequencyFormat(fixture('list.txt'))).toBe('list');
    expect(detectFrequencyFormat(fixture('merlin.freq'))).toBe('merlin');
    expect(detectFrequencyFormat(fixture('long.csv'))).toBe('long');
    expect(detectFrequencyFormat(fixture('long-simple.csv'))).toBe('long');
    expect(detectFrequencyFormat(fixture('strider.xml'))).toBe('strider-xml');
    expect(detectFrequencyFormat('\uFEFFAllele\tTH01\r\n6\t1\r\n')).toBe('wide');
    expect(detectFrequencyFormat('a,b,c\n1,2,3\n')).toBeUndefined();
    expect(detectFrequencyFormat('')).toBeUndefined();
  });
});

describe('parseFrequencies: fixtures', () => {
  it('reads the same numbers from every layout', () => {
    for (const name of ['wide.csv', 'wide-semicolon.csv', 'list.txt', 'merlin.freq', 'long-simple.csv', 'strider.xml']) {
      const table = parseFrequencies(fixture(name), { file: `fixtures/frequencies/${name}`, population: name === 'strider.xml' ? 'Demo' : undefined as unknown as string });
      expect(numbers(table), name).toEqual(DEMO);
    }
  });

  it('reads N and FMIN rows of a wide table', () => {
    const table = parseFrequencies(fixture('wide.csv'), { file: 'fixtures/frequencies/wide.csv' });
    expect(table.name).toBe('wide');
    expect(table.source).toBe('fixtures/frequencies/wide.csv');
    expect(table.loci['TH01']?.nAlleles).toBe(200);
    expect(table.loci['TH01']?.fmin).toBe(0.005);
    expect(parseFrequencies(fixture('wide-semicolon.csv')).loci['vWA']?.nAlleles).toBe(200);
  });

  it('reads counts, 2N and population from a long table, choosing the population', () => {
    const demo = parseFrequencies(fixture('long.csv'), { population: 'Demo' });
    expect(demo.population).toBe('Demo');
    expect(demo.name).toBe('Demo');
    expect(numbers(demo)).toEqual(DEMO);
    expect(demo.loci['TH01']?.counts).toEqual([40, 40, 20, 30, 60, 10]);
    expect(demo.loci['TH01']?.nAlleles).toBe(200);
    const other = parseFrequencies(fixture('long.csv'), { population: 'other' });
    expect(other.population).toBe('Other');
    expect(other.loci['TH01']?.nAlleles).toBe(100);
    expect(problems(fixture('long.csv'))).toMatchInlineSnapshot(`
      [
        "1: ambiguous-population: The file has 2 populations; choose one with the population option: "Demo", "Other" (populations = 2)",
      ]
    `);
    expect(problems(fixture('long.csv'), { population: 'Cauc' })).toMatchInlineSnapshot(`
      [
        "1: unknown-population: Population not in the file; available: "Demo", "Other" (population = "Cauc")",
      ]
    `);
  });

  it('reads the STRidER n as individuals (2N = 2n)', () => {
    const table = parseFrequencies(fixture('strider.xml'));
    expect(table.population).toBe('Demo');
    expect(table.loci['D3S1358']?.nAlleles).toBe(200);
  });

  it('gives the same checksum for the same numbers in different layouts', () => {
    const list = parseFrequencies(fixture('list.txt'));
    const merlin = parseFrequencies(fixture('merlin.freq'));
    const simple = parseFrequencies(fixture('long-simple.csv'));
    expect(merlin.checksum).toBe(list.checksum);
    expect(simple.checksum).toBe(list.checksum);
  });

  it('accepts a list with CRLF, a BOM, comments, spaces instead of tabs and a locus name with a space', () => {
    const table = parseFrequencies('\uFEFF# demo\r\nPenta D\r\n9 0.5\r\n10\t0,5\r\n\r\nTHO1\r\n6\t1\r\n');
    expect(numbers(table)).toEqual({ 'Penta D': [['9', '10'], [0.5, 0.5]], TH01: [['6'], [1]] });
  });
});

describe('parseFrequencies: rejects bad input', () => {
  it('negative frequency', () => {
    expect(problems('Allele,TH01\n6,-0.2\n7,1.2\n', { file: 'f.csv' })).toMatchInlineSnapshot(`
      [
        "2: frequency-range: Frequency must be in (0, 1] (TH01 6 frequency = -0.2)",
        "3: frequency-range: Frequency must be in (0, 1] (TH01 7 frequency = 1.2)",
      ]
    `);
  });

  it('NaN and non-numeric frequencies', () => {
    expect(problems('TH01\n6\tabc\n7\tNaN\n8\t1\n', { file: 'f.txt' })).toMatchInlineSnapshot(`
      [
        "2: bad-frequency: Frequency is not a number (TH01 6 frequency = "abc")",
        "3: bad-frequency: Frequency is not a number (TH01 7 frequency = "NaN")",
      ]
    `);
  });

  it('frequencies summing to 0.8', () => {
    expect(problems('locus,allele,frequency\nTH01,6,0.4\nTH01,7,0.4\nvWA,16,1\n', { file: 'f.csv' })).toMatchInlineSnapshot(`
      [
        "2: frequency-sum: Frequencies do not sum to 1 within 0.0005 (TH01 sum = 0.8)",
      ]
    `);
  });

  it('duplicated allele', () => {
    expect(problems('M TH01\nA 6 0.5\nA 06 0.5\n', { file: 'f.freq' })).toMatchInlineSnapshot(`
      [
        "3: duplicate-allele: Allele appears twice at TH01 (first at line 2) (allele = "06")",
      ]
    `);
  });

  it('empty file', () => {
    expect(() => parseFrequencies('', { file: 'empty.csv' })).toThrowErrorMatchingInlineSnapshot(`[ParseError: empty.csv: empty-file: The file is empty (length = 0)]`);
    expect(() => parseFrequencies('\uFEFF\r\n  \r\n')).toThrowErrorMatchingInlineSnapshot(`[ParseError: empty-file: The file is empty (length = 0)]`);
    expect(() => parseFrequencies('Allele,TH01\n')).toThrowErrorMatchingInlineSnapshot(`[ParseError: line 1: empty-locus: Locus has no alleles (locus = "TH01")]`);
  });

  it('wrong delimiter', () => {
    expect(problems('Allele,TH01,vWA\n6;0,5;\n7;0,5;\n', { file: 'f.csv' })).toMatchInlineSnapshot(`
      [
        "2: bad-row: Row does not split into the header's 3 columns on ","; wrong delimiter? (row = "6;0,5;")",
        "3: bad-row: Row does not split into the header's 3 columns on ","; wrong delimiter? (row = "7;0,5;")",
      ]
    `);
    expect(() => parseFrequencies('Allele|TH01|vWA\n6|0.5|\n')).toThrowErrorMatchingInlineSnapshot(`[ParseError: line 1: unknown-format: Cannot tell the layout of this frequency file (wide, list, merlin, long, strider-xml); give the format option (first line = "Allele|TH01|vWA")]`);
    expect(problems('locus allele frequency\nTH01 6 1\n', { format: 'long' })).toMatchInlineSnapshot(`
      [
        "1: bad-header: A long frequency table needs columns locus, allele and frequency or count; wrong delimiter? (header = "locus allele frequency")",
      ]
    `);
  });

  it('BOM and CRLF are accepted, and line numbers stay right', () => {
    const text = '\uFEFFAllele;TH01\r\n6;0,5\r\n7;0,4\r\n';
    expect(problems(text)).toMatchInlineSnapshot(`
      [
        "1: frequency-sum: Frequencies do not sum to 1 within 0.0005 (TH01 sum = 0.9)",
      ]
    `);
    expect(numbers(parseFrequencies('\uFEFFAllele;TH01\r\n6;0,5\r\n7;0,5\r\n'))).toEqual({ TH01: [['6', '7'], [0.5, 0.5]] });
  });

  it('more wide-table problems, all at once', () => {
    expect(problems('Allele,TH01,THO1,\n6,0.5,1,\nx,0.5,,\nN,abc,,\n', { file: 'w.csv' })).toMatchInlineSnapshot(`
      [
        "1: duplicate-locus: Locus appears twice (first at line 1) (locus = "THO1")",
        "3: bad-allele: Unreadable allele: not an allele designation (allele = "x")",
        "4: bad-sample-size: Sample size N must be a positive number of individuals (TH01 N = "abc")",
      ]
    `);
  });

  it('bad XML', () => {
    expect(problems('<frequencies><marker><name>TH01</name>', { file: 'f.xml' })).toMatchInlineSnapshot(`
      [
        "1: bad-xml: Not well-formed XML: Invalid '[ "frequencies", "marker"]' found. (code = InvalidXml)",
      ]
    `);
    expect(problems('<?xml version="1.0"?>\n<other/>\n')).toMatchInlineSnapshot(`
      [
        "1: bad-xml: Expected a <frequencies> root element (root = "other")",
      ]
    `);
    const two = '<frequencies><marker><name>TH01</name><origin name="A" n="10"><frequency allele="6">1</frequency></origin><origin name="B" n="5"><frequency allele="6">1</frequency></origin></marker></frequencies>';
    expect(problems(two)).toMatchInlineSnapshot(`
      [
        "1: ambiguous-population: The file has 2 populations; choose one with the population option: "A", "B" (populations = 2)",
      ]
    `);
    expect(parseFrequencies(two, { population: 'B' }).loci['TH01']?.nAlleles).toBe(10);
    expect(problems('<frequencies>\n<marker><name>TH01</name><origin name="A">\n<frequency allele="6">0.5</frequency>\n<frequency allele="7">x</frequency>\n</origin></marker></frequencies>')).toMatchInlineSnapshot(`
      [
        "4: bad-frequency: Frequency is not a number (TH01 7 frequency = "x")",
      ]
    `);
  });

  it('unknown MERLIN lines', () => {
    expect(problems('M TH01\nF 0.5 0.5\nA 6 1\nX\n')).toMatchInlineSnapshot(`
      [
        "2: unsupported: MERLIN F lines (frequencies of numbered alleles) are not supported; write A allele frequency (line = "F 0.5 0.5")",
        "4: bad-row: Expected M locus or A allele frequency (line = "X")",
      ]
    `);
  });

  it('throws ParseError, which safeParseFrequencies returns', () => {
    expect(() => parseFrequencies('Allele,TH01\n6,2\n')).toThrow(ParseError);
    const r = safeParseFrequencies('Allele,TH01\n6,1\n');
    expect(r.ok && r.value.loci['TH01']?.frequencies).toEqual([1]);
    expect(() => parseFrequencies('Allele,TH01\n6,2\n')).toThrow(StrkinError);
  });
});

describe('writers', () => {
  const table = parseFrequencies(fixture('long.csv'), { population: 'Demo' });

  it('write the documented layouts', () => {
    expect(writeFrequenciesWide(parseFrequencies(fixture('wide.csv')))).toBe(fixture('wide.csv'));
    expect(writeFrequenciesList(parseFrequencies(fixture('list.txt')))).toBe(fixture('list.txt'));
    expect(writeFrequenciesLong(parseFrequencies(fixture('long-simple.csv')))).toBe(fixture('long-simple.csv'));
    expect(writeFrequenciesLong(table).split('\n').slice(0, 3)).toEqual(['population,locus,allele,count,n_alleles,frequency', 'Demo,TH01,6,40,200,0.2', 'Demo,TH01,7,40,200,0.2']);
    expect(writeFrequenciesWide(table, ';').split('\n')[0]).toBe('Allele;TH01;vWA;D3S1358');
  });

  it('round-trip the built-in table through the long layout, checksum included', () => {
    const builtin = builtinTable('nist1036-hisp');
    const back = parseFrequencies(writeFrequenciesLong(builtin), { name: builtin.name });
    expect(back.loci).toEqual(builtin.loci);
    // The table's n (individuals) is not carried by the long layout; everything else is.
    expect(back.checksum).toBe(frequencyTableChecksum({ loci: builtin.loci }));
    expect(back.checksum).not.toBe(builtin.checksum);
    expect(back.population).toBe('Hisp');
  });
});
