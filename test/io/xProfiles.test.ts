/**
 * X-STR loci in lab exports: read as X markers (canonical names of the registry,
 * Argus X-12 and others) instead of being set aside; a male's X typed as one
 * allele or as a homozygote a,a is one allele (stored a/a); a male with two
 * different alleles at an X locus is an error; the search and pairwise LRs leave
 * X loci out with a reason.
 */
import { describe, expect, it } from 'vitest';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { writeProfilesCsv } from '../../src/io/profiles/writeProfilesCsv.js';
import { canonicalLocus, locusKind } from '../../src/profile/loci.js';
import { ARGUS_X12_LINKAGE_GROUPS, linkedXLoci, X_LOCI } from '../../src/profile/xLoci.js';
import { pairwiseLR } from '../../src/likelihood/pairwiseLR.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { ParseError } from '../../src/errors/StrkinError.js';
import { planSearch } from '../../src/search/plan.js';

const ARGUS_X12 = ['DXS10135', 'DXS10074', 'DXS10148', 'DXS10101', 'DXS10146', 'DXS10134', 'DXS7132', 'DXS10079', 'DXS7423', 'DXS10103', 'HPRTB', 'DXS8378'];

describe('X-STR locus registry', () => {
  it('knows the twelve Argus X-12 loci as X loci, in four linkage groups of three', () => {
    for (const l of ARGUS_X12) {
      expect(canonicalLocus(l.toLowerCase())).toBe(l);
      expect(locusKind(l)).toBe('x');
      expect(X_LOCI).toContain(l);
    }
    expect(ARGUS_X12_LINKAGE_GROUPS.flatMap((g) => g.loci).sort()).toEqual([...ARGUS_X12].sort());
    expect(ARGUS_X12_LINKAGE_GROUPS.map((g) => g.loci.length)).toEqual([3, 3, 3, 3]);
    expect(canonicalLocus('DXS-10135')).toBe('DXS10135');
    expect(canonicalLocus('HPRT')).toBe('HPRTB');
    expect(locusKind('TH01')).toBe('autosomal');
  });

  it('finds the linked loci of a list', () => {
    expect(linkedXLoci(['DXS10148', 'DXS8378', 'DXS7132', 'DXS10103', 'HPRTB', 'DXS10101'])).toEqual([
      { group: 'I', loci: ['DXS10148', 'DXS8378'] },
      { group: 'III', loci: ['DXS10103', 'HPRTB', 'DXS10101'] },
    ]);
    expect(linkedXLoci(['DXS10148', 'DXS7132', 'DXS10103', 'DXS10146'])).toEqual([]);
  });
});

describe('X-STR loci in profile exports', () => {
  const wide = 'Sample,AMEL,TH01,DXS10135,DXS 8378,HPRTB\nM1,"X,Y",6/9.3,17,"10,10",12\nF1,X,7/8,17/18,10/11,13\n';

  it('reads X loci as genotypes (a male typed as one allele or as a,a is one allele, stored a/a)', () => {
    const { profiles, issues } = parseProfiles(wide, { file: 'x.csv' });
    expect(issues).toEqual([]);
    expect(profiles[0]?.sex).toBe('male');
    expect(profiles[0]?.genotypes).toEqual({ TH01: ['6', '9.3'], DXS10135: ['17', '17'], DXS8378: ['10', '10'], HPRTB: ['12', '12'] });
    expect(profiles[0]?.skipped).toEqual([]);
    expect(profiles[1]?.genotypes).toEqual({ TH01: ['7', '8'], DXS10135: ['17', '18'], DXS8378: ['10', '11'], HPRTB: ['13', '13'] });
  });

  it('keeps X loci when profiles are written back', () => {
    const { profiles } = parseProfiles(wide);
    const again = parseProfiles(writeProfilesCsv(profiles));
    expect(again.profiles.map((p) => p.genotypes)).toEqual(profiles.map((p) => p.genotypes));
  });

  it('reads X loci from a GeneMapper export too', () => {
    const text = 'Sample Name\tMarker\tAllele 1\tAllele 2\nM1\tAMEL\tX\tY\nM1\tDXS7423\t15\t\nM1\tDXS10101\t30.2\t30.2\n';
    const { profiles, issues } = parseProfiles(text);
    expect(issues).toEqual([]);
    expect(profiles[0]?.genotypes).toEqual({ DXS7423: ['15', '15'], DXS10101: ['30.2', '30.2'] });
  });

  it('rejects a male (by amelogenin) with two different alleles at an X locus (x-heterozygous-male)', () => {
    let issues: readonly unknown[] = [];
    try {
      parseProfiles('Sample,AMEL,DXS10135\nM1,"X,Y",17/18\n', { file: 'x.csv' });
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      issues = (e as ParseError).issues;
    }
    expect(issues).toEqual([
      { code: 'x-heterozygous-male', message: 'A male (by amelogenin) has one X allele; two different alleles at an X locus are an error (sample = "M1", locus = DXS10135, alleles = 17/18)', path: ['M1', 'DXS10135'], line: 2, file: 'x.csv' },
    ]);
  });
});

describe('X loci outside kinshipLR', () => {
  it('a plan without xLoci (power) does not compare X loci: it lists them as unused with the reason; the search plans them', () => {
    const table = makeFrequencyTable({ name: 'synthetic', loci: { TH01: { '6': 0.5, '7': 0.5 }, DXS10135: { '17': 0.4, '18': 0.6 } } });
    const { profiles } = parseProfiles('Sample,AMEL,TH01,DXS10135\nC1,"X,Y",6/7,17\n');
    const plan = planSearch([], profiles, { frequencies: table, loci: ['TH01'] });
    expect(plan.loci.map((l) => l.name)).toEqual(['TH01']);
    expect(plan.unusedLoci).toEqual([{ locus: 'DXS10135', reason: 'X-chromosomal: not compared where xLoci is off (searchFamilies, strkin search, the family index and power compare X loci by default)' }]);
    expect(planSearch([], profiles, { frequencies: table, loci: ['TH01', 'DXS10135'], xLoci: true }).loci.map((l) => l.name)).toEqual(['TH01', 'DXS10135']);
  });

  it('pairwise IBD LRs leave X loci out (untyped, with a note)', () => {
    const table = makeFrequencyTable({ name: 'synthetic', loci: { DXS10135: { '17': 0.4, '18': 0.6 } } });
    const result = pairwiseLR({ relationship: 'parent-child', genotypes1: { DXS10135: ['17', '17'] }, genotypes2: { DXS10135: ['17', '18'] }, frequencies: table });
    expect(result.markers).toEqual([{ name: 'DXS10135', lnLR: 0, log10LR: 0, LR: 1, status: 'untyped', note: 'X-chromosomal locus: pairwise IBD LRs are autosomal only' }]);
    expect(result.lociCompared).toBe(0);
  });
});
