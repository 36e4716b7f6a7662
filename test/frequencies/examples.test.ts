// The @example blocks of the frequency exports, run as written (style.md §7).
import { describe, expect, it } from 'vitest';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { frequencyTableChecksum } from '../../src/frequencies/checksum.js';
import { DEFAULT_TABLE_NAME, builtinTable } from '../../src/frequencies/builtin.js';
import { describeFrequencyOptions, minimumFrequency } from '../../src/frequencies/rareAllele.js';
import { markerFrequencies } from '../../src/frequencies/markerFrequencies.js';
import { detectFrequencyFormat, parseFrequencies, safeParseFrequencies } from '../../src/io/frequencies/parseFrequencies.js';
import { writeFrequenciesList, writeFrequenciesLong, writeFrequenciesWide } from '../../src/io/frequencies/writeFrequencies.js';

describe('TSDoc examples', () => {
  it('core', () => {
    const table = makeFrequencyTable({ name: 'demo', loci: { TH01: { '6': 0.25, '9.3': 0.75 } } });
    expect(table.loci['TH01']?.alleles).toEqual(['6', '9.3']);
    const a = makeFrequencyTable({ name: 'a', loci: { TH01: { '6': 0.5, '7': 0.5 } } });
    expect(frequencyTableChecksum(a) === a.checksum).toBe(true);
    const cauc = builtinTable(DEFAULT_TABLE_NAME);
    expect(cauc.n).toBe(361);
    expect(cauc.loci['TH01']?.nAlleles).toBe(722);
    expect(minimumFrequency(builtinTable('nist1036-cauc'), 'TH01', { rule: '5/2N' })).toBeCloseTo(5 / 722, 15);
    expect(describeFrequencyOptions({ rareAllele: { rule: '5/2N' } })).toBe('rare alleles 5/(2N); frequencies of each case divided by their sum');
    const t = makeFrequencyTable({ name: 't', n: 50, loci: { TH01: { '6': 0.5, '7': 0.5 } } });
    expect(markerFrequencies(t, 'TH01', ['7', '9.3'])).toEqual({ locus: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.5 / 1.05, 0.5 / 1.05, 0.05 / 1.05], rare: ['9.3'], minFrequency: 0.05 });
  });

  it('io', () => {
    expect(detectFrequencyFormat('Allele,TH01\n6,0.2\n')).toBe('wide');
    expect(detectFrequencyFormat('TH01\n6\t0.2\n')).toBe('list');
    const table = parseFrequencies('Allele;TH01\n6;0,25\n9.3;0,75\nN;100\n', { name: 'demo' });
    expect(table.loci['TH01']?.frequencies).toEqual([0.25, 0.75]);
    expect(table.loci['TH01']?.nAlleles).toBe(200);
    const result = safeParseFrequencies('Allele,TH01\n6,0.5\n');
    expect(result.ok ? [] : result.error.issues.map((i) => i.code)).toEqual(['frequency-sum']);
    const small = makeFrequencyTable({ name: 't', loci: { TH01: { '6': 0.5, '7': 0.5 } } });
    expect(writeFrequenciesWide(small)).toBe('Allele,TH01\n6,0.5\n7,0.5\n');
    expect(writeFrequenciesLong(small)).toBe('locus,allele,frequency\nTH01,6,0.5\nTH01,7,0.5\n');
    expect(writeFrequenciesList(small)).toBe('TH01\n6\t0.5\n7\t0.5\n');
  });
});
