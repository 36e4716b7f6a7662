import { describe, expect, it } from 'vitest';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';

// A GeneMapper-style export of at least 50 MB, generated here: every sample has
// the same 24 marker rows (with Size / Height / quality columns) under its own name.
const HEADER = 'Sample File\tSample Name\tPanel\tMarker\tDye\tAllele 1\tAllele 2\tAllele 3\tSize 1\tSize 2\tSize 3\tHeight 1\tHeight 2\tHeight 3\tAE\tGQ\n';
const MARKERS: readonly (readonly [string, string, string])[] = [
  ['D3S1358', '15', '17'], ['vWA', '16', '18'], ['D16S539', '11', '12'], ['CSF1PO', '10', '12'], ['TPOX', '8', ''], ['Yindel', '2', ''],
  ['AMEL', 'X', 'Y'], ['D8S1179', '13', '14'], ['D21S11', '29', '30.2'], ['D18S51', '14', '17'], ['DYS391', '10', ''], ['D2S441', '11', '14'],
  ['D19S433', '13', '14.2'], ['TH01', '6', '9.3'], ['FGA', '21', '22.2'], ['D22S1045', '15', '16'], ['D5S818', '11', '12'], ['D13S317', '11', ''],
  ['D7S820', '10', '11'], ['SE33', '17', '28.2'], ['D10S1248', '13', '15'], ['D1S1656', '15', '16.3'], ['D12S391', '18', '20'], ['D2S1338', '17', '23'],
];

describe('a 50 MB GeneMapper export', () => {
  it('parses every row', () => {
    const block = MARKERS.map(([marker, a, b]) => `A01_@.hid\t@\tGlobalFiler_v1X\t${marker}\tB\t${a}\t${b}\t\t120.51\t${b === '' ? '' : '128.43'}\t\t1532\t${b === '' ? '' : '1410'}\t\t\t1.0\n`).join('');
    const samples = Math.ceil((50 * 1024 * 1024) / block.length) + 1;
    const parts: string[] = [HEADER];
    for (let s = 0; s < samples; s++) parts.push(block.replaceAll('@', `S${String(s).padStart(7, '0')}`));
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);

    const { profiles, issues } = parseProfiles(text, { file: 'big.txt' });
    expect(profiles).toHaveLength(samples);
    // 24 rows a sample: 21 autosomal genotypes, AMEL as sex, 2 Y markers set aside with a warning each.
    expect(profiles.reduce((n, p) => n + Object.keys(p.genotypes).length + p.skipped.length + 1, 0)).toBe(samples * MARKERS.length);
    expect(issues).toHaveLength(samples * 2);
    const last = profiles[samples - 1];
    expect(last?.sample).toBe(`S${String(samples - 1).padStart(7, '0')}`);
    expect(last?.source?.line).toBe(2 + (samples - 1) * MARKERS.length);
    expect(last?.genotypes['TH01']).toEqual(['6', '9.3']);
    expect(last?.sex).toBe('male');
  });
});
