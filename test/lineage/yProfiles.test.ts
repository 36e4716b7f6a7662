// Y-STR loci in lab exports: the profile builder keeps them as a haplotype (docs/lineage.md).
import { describe, expect, it } from 'vitest';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { canonicalYLocus, Y_KITS, yKit } from '../../src/profile/yLoci.js';

describe('Y loci in profile files', () => {
  it('reads a GeneMapper export: single-copy loci, DYS385 as one locus with two alleles, aliases', () => {
    const text = [
      'Sample Name\tMarker\tAllele 1\tAllele 2',
      'M1\tDYS19\t14\t',
      'M1\tDYS385 a/b\t13\t16',
      'M1\tGATA H4\t12\t',
      'M1\tDYS389 II\t29\t',
      'M1\tTH01\t6\t9.3',
    ].join('\n');
    const { profiles, issues } = parseProfiles(text, { file: 'gm.txt' });
    expect(issues).toEqual([]);
    expect(profiles[0]?.y).toEqual({ loci: { DYS19: ['14'], DYS385: ['13', '16'], 'Y-GATA-H4': ['12'], DYS389II: ['29'] }, flags: [] });
    expect(profiles[0]?.genotypes).toEqual({ TH01: ['6', '9.3'] });
  });

  it('merges per-copy columns of multi-copy loci into one unordered set (wide table)', () => {
    const { profiles } = parseProfiles('Sample,DYS385a,DYS385b,DYF387S1a,DYF387S1b,DYS527 a,DYS527 b,DYS459a,DYS459b\nM1,16,13,36,35,20,20,9,10\n');
    expect(profiles[0]?.y?.loci).toEqual({ DYF387S1: ['35', '36'], DYS385: ['13', '16'], DYS459: ['9', '10'], DYS527: ['20', '20'] });
    // The order of the copies does not matter.
    const swapped = parseProfiles('Sample,DYS385b,DYS385a\nM1,16,13\n').profiles[0]?.y?.loci;
    expect(swapped).toEqual({ DYS385: ['13', '16'] });
  });

  it('a multi-copy locus written with one allele carries it on both copies; a single-copy locus written twice is one allele', () => {
    const { profiles, issues } = parseProfiles('Sample,DYS385,DYS19\nM1,11,"14,14"\n');
    expect(profiles[0]?.y?.loci).toEqual({ DYS385: ['11', '11'], DYS19: ['14'] });
    expect(issues).toEqual([]);
  });

  it('flags a duplication and a null allele with file and line, and keeps them as data', () => {
    const text = ['Sample Name\tMarker\tAllele 1\tAllele 2', 'M1\tDYS19\t14\t15', 'M1\tDYS448\tnull\t', 'M1\tDYS385\t11\t13\t'].join('\n');
    const { profiles, issues } = parseProfiles(text, { file: 'gm.txt' });
    expect(profiles[0]?.y?.loci).toEqual({ DYS19: ['14', '15'], DYS385: ['11', '13'], DYS448: ['null'] });
    expect(profiles[0]?.y?.flags).toEqual([
      { locus: 'DYS19', kind: 'duplication', detail: 'alleles = 14/15', line: 2 },
      { locus: 'DYS448', kind: 'null-allele', detail: 'alleles = null', line: 3 },
    ]);
    expect(issues.map((i) => [i.code, i.file, i.line, i.severity])).toEqual([
      ['y-duplication', 'gm.txt', 2, 'warning'],
      ['y-null-allele', 'gm.txt', 3, 'warning'],
    ]);
    expect(issues[0]?.message).toBe('More than one allele at a single-copy Y locus (duplication); kept as data (sample = "M1", locus = DYS19, alleles = 14/15)');
  });

  it('flags a multi-copy locus with three alleles; a Y locus given twice is an error', () => {
    expect(parseProfiles('Sample,DYS385\nM1,11/13/14\n').profiles[0]?.y?.flags.map((f) => f.kind)).toEqual(['copy-count']);
    expect(() => parseProfiles('Sample,DYS385,DYS385a\nM1,11/13,12\n')).toThrow(/Y locus given twice|same locus/);
  });

  it('gives no haplotype to a profile without Y-STRs; the Y indel stays set aside', () => {
    const { profiles } = parseProfiles('Sample,AMEL,Y indel,TH01\nF1,X,,6/7\n');
    expect(profiles[0]?.y).toBeUndefined();
  });

  it('an unreadable Y allele is an error with the line', () => {
    expect(() => parseProfiles('Sample,DYS19\nM1,1x\n', { file: 'w.csv' })).toThrow(/w\.csv:2: bad-allele/);
  });
});

describe('Y locus names and kits', () => {
  it.each([
    ['DYS385a', { locus: 'DYS385', copy: 'a' }],
    ['DYS385 b', { locus: 'DYS385', copy: 'b' }],
    ['DYS385a/b', { locus: 'DYS385' }],
    ['dyf387s1A', { locus: 'DYF387S1', copy: 'a' }],
    ['Y-GATA-H4', { locus: 'Y-GATA-H4' }],
    ['YGATAH4', { locus: 'Y-GATA-H4' }],
    ['GATA_H4.1', { locus: 'Y-GATA-H4' }],
    ['DYS389-I', { locus: 'DYS389I' }],
    ['DYS 389 II', { locus: 'DYS389II' }],
    ['DYS999', { locus: 'DYS999' }],
    ['TH01', undefined],
  ])('%s', (name, expected) => {
    expect(canonicalYLocus(name)).toEqual(expected);
  });

  it('registers the Y loci of Yfiler (17 markers), Yfiler Plus (27), PowerPlex Y23 (23): manufacturers\' lists', () => {
    const markers = (id: string): number => (yKit(id)?.loci ?? []).reduce((n, l) => n + (l === 'DYS385' || l === 'DYF387S1' ? 2 : 1), 0);
    expect(markers('Yfiler')).toBe(17);
    expect(markers('Yfiler Plus')).toBe(27);
    expect(markers('PowerPlex Y23')).toBe(23);
    for (const kit of Y_KITS) for (const l of kit.loci) expect(canonicalYLocus(l)?.locus).toBe(l);
  });
});

describe('Y haplotypes in strkin profile JSON', () => {
  it('round-trips through writeProfilesJson and parseProfilesJson', async () => {
    const { writeProfilesJson } = await import('../../src/io/profiles/writeProfilesJson.js');
    const { parseProfilesJson } = await import('../../src/io/profiles/parseProfilesJson.js');
    const { profiles } = parseProfiles('Sample,TH01,DYS19,DYS385a,DYS385b,DYS448\nM1,6/7,14,16,13,null\n');
    const text = writeProfilesJson(profiles);
    const back = parseProfilesJson(text);
    // The flags are derived again (without the CSV line numbers).
    expect(back.profiles[0]?.y?.loci).toEqual(profiles[0]?.y?.loci);
    expect(back.profiles[0]?.y?.flags.map((f) => [f.locus, f.kind])).toEqual([['DYS448', 'null-allele']]);
    expect(writeProfilesJson(back.profiles)).toBe(text);
    expect(back.issues.map((i) => i.code)).toEqual(['y-null-allele']);
  });
});
