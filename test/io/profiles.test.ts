import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectProfileFormat } from '../../src/io/profiles/detectProfileFormat.js';
import { parseCmf } from '../../src/io/profiles/parseCmf.js';
import { parseGeneMapper } from '../../src/io/profiles/parseGeneMapper.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { parseProfilesJson } from '../../src/io/profiles/parseProfilesJson.js';
import { parseWideProfiles } from '../../src/io/profiles/parseWideProfiles.js';
import { writeProfilesCsv } from '../../src/io/profiles/writeProfilesCsv.js';
import { writeProfilesJson } from '../../src/io/profiles/writeProfilesJson.js';
import type { Profile } from '../../src/profile/Profile.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/profiles/${name}`, import.meta.url), 'utf8');
const bySample = (profiles: readonly Profile[], sample: string): Profile => {
  const found = profiles.find((p) => p.sample === sample);
  if (found === undefined) throw new Error(`no sample ${sample}`);
  return found;
};
const GLOBALFILER_21 = ['D3S1358', 'vWA', 'D16S539', 'CSF1PO', 'TPOX', 'D8S1179', 'D21S11', 'D18S51', 'D2S441', 'D19S433', 'TH01', 'FGA', 'D22S1045', 'D5S818', 'D13S317', 'D7S820', 'SE33', 'D10S1248', 'D1S1656', 'D12S391', 'D2S1338'];

describe('parseGeneMapper: GeneMapper ID-X export (fixtures/profiles/genemapper-globalfiler.txt)', () => {
  const text = fixture('genemapper-globalfiler.txt');
  const { profiles, issues } = parseGeneMapper(text, { file: 'gm.txt' });

  it('reads six samples with sex, genotypes and source line', () => {
    expect(profiles.map((p) => [p.sample, p.sex, Object.keys(p.genotypes).length])).toEqual([
      ['UHR-0001', 'male', 21],
      ['UHR-0002', 'female', 21],
      ['UHR-0003', 'male', 21],
      ['UHR-0004', 'male', 20],
      ['UHR-0005', 'female', 21],
      ['UHR-0006', 'female', 21],
    ]);
    const first = bySample(profiles, 'UHR-0001');
    // Row 2 of the file: D3S1358 15, 18; row 5: CSF1PO 11, 13.
    expect(first.genotypes['D3S1358']).toEqual(['15', '18']);
    expect(first.genotypes['CSF1PO']).toEqual(['11', '13']);
    expect(first.source).toEqual({ file: 'gm.txt', line: 2, format: 'genemapper' });
    expect(bySample(profiles, 'UHR-0002').source?.line).toBe(26);
    expect(Object.keys(first.genotypes).sort()).toEqual([...GLOBALFILER_21].sort());
  });

  it('reads a homozygote written as one allele with Allele 2 empty', () => {
    // Line 15: UHR-0001 TH01, Allele 1 = 7, Allele 2 and 3 empty.
    const line = text.split('\n')[14];
    expect(line?.split('\t').slice(1, 8)).toEqual(['UHR-0001', 'GlobalFiler_v1X', 'TH01', 'Y', '7', '', '']);
    expect(bySample(profiles, 'UHR-0001').genotypes['TH01']).toEqual(['7', '7']);
  });

  it('sets aside the tri-allelic TPOX of UHR-0004 and the Y markers of males, with warnings', () => {
    expect(bySample(profiles, 'UHR-0004').genotypes['TPOX']).toBeUndefined();
    expect(bySample(profiles, 'UHR-0004').skipped).toEqual([
      { locus: 'TPOX', reason: 'tri-allelic', detail: 'alleles = 8/10/11', line: 78 },
      { locus: 'Yindel', reason: 'y-str', detail: 'alleles = 2', line: 79 },
    ]);
    // The Y-STR DYS391 goes to the Y haplotype (docs/lineage.md); the Y indel is set aside.
    expect(bySample(profiles, 'UHR-0004').y).toEqual({ loci: { DYS391: ['10'] }, flags: [] });
    // Females' empty Y rows are untyped, not set aside, and give no haplotype.
    expect(bySample(profiles, 'UHR-0002').skipped).toEqual([]);
    expect(bySample(profiles, 'UHR-0002').y).toBeUndefined();
    expect(issues.map((i) => i.code).sort()).toEqual(['tri-allelic', ...Array<string>(3).fill('y-str')]);
    expect(issues.every((i) => i.severity === 'warning' && i.file === 'gm.txt')).toBe(true);
  });
});

describe('parseGeneMapper: slim export (fixtures/profiles/genemapper-slim.csv)', () => {
  const { profiles, issues } = parseGeneMapper(fixture('genemapper-slim.csv'));

  it('reads interleaved rows of three samples, canonicalising locus aliases', () => {
    expect(issues).toEqual([]);
    expect(profiles.map((p) => [p.sample, p.sex, p.source?.line])).toEqual([
      ['Case12-Ref-A', 'female', 2],
      ['Case12-Ref-B', 'male', 3],
      ['Case12-Q1', 'male', 4],
    ]);
    for (const p of profiles) expect(Object.keys(p.genotypes).sort()).toEqual(['CSF1PO', 'D13S317', 'D16S539', 'D18S51', 'D21S11', 'D3S1358', 'D5S818', 'D7S820', 'D8S1179', 'FGA', 'Penta D', 'Penta E', 'TH01', 'TPOX', 'vWA']);
    // Line 5: "Case12-Ref-A,D3S1358,15," (homozygote).
    expect(profiles[0]?.genotypes['D3S1358']).toEqual(['15', '15']);
  });
});

describe('parseWideProfiles: reference-family table (fixtures/profiles/reference-families.csv)', () => {
  const { profiles, issues } = parseWideProfiles(fixture('reference-families.csv'));

  it('keeps Family ID and Relationship, and reads AMEL 1 / AMEL 2 as sex', () => {
    expect(issues).toEqual([]);
    expect(profiles.map((p) => [p.sample, p.family, p.relationship, p.sex, Object.keys(p.genotypes).length])).toEqual([
      ['REF-F001-M', 'F001', 'mother', 'female', 21],
      ['REF-F001-F', 'F001', 'father', 'male', 21],
      ['REF-F002-M', 'F002', 'mother', 'female', 21],
      ['REF-F002-S', 'F002', 'full-sibling', 'male', 21],
      ['REF-F003-F', 'F003', 'father', 'male', 21],
      ['REF-F003-S', 'F003', 'full-sibling', 'female', 21],
    ]);
    // Line 2: "F001,REF-F001-M,mother,X,X,15,15,15,17,...,9.3,9.3 (TH01),..."
    expect(profiles[0]?.genotypes['D3S1358']).toEqual(['15', '15']);
    expect(profiles[0]?.genotypes['vWA']).toEqual(['15', '17']);
    expect(profiles[0]?.genotypes['TH01']).toEqual(['9.3', '9.3']);
    expect(profiles[0]?.source).toEqual({ line: 2, format: 'wide' });
  });

  it('gives the found child UHR-0003 one allele from each F001 parent at every locus (fixture consistency)', () => {
    const child = bySample(parseGeneMapper(fixture('genemapper-globalfiler.txt')).profiles, 'UHR-0003');
    const [mother, father] = [profiles[0], profiles[1]];
    for (const locus of GLOBALFILER_21) {
      const [a, b] = child.genotypes[locus] ?? ['?', '?'];
      const m: readonly (string | null)[] = mother?.genotypes[locus] ?? [];
      const f: readonly (string | null)[] = father?.genotypes[locus] ?? [];
      expect((m.includes(a) && f.includes(b)) || (m.includes(b) && f.includes(a)), locus).toBe(true);
    }
  });
});

describe('parseWideProfiles: NIST 1036 genotype layout (fixtures/profiles/nist1036-layout.csv)', () => {
  it('reads Sample, ignores Population and reads the 29 locus pairs named X.1 / X.2', () => {
    const { profiles, issues } = parseWideProfiles(fixture('nist1036-layout.csv'));
    expect(issues).toEqual([]);
    expect(profiles.map((p) => p.sample)).toEqual(['GT90001', 'GT90002', 'GT90003', 'GT90004']);
    for (const p of profiles) expect(Object.keys(p.genotypes)).toHaveLength(29);
    // Row GT90001: CSF1PO.1 = 11, CSF1PO.2 = 12; D19S433 13, 13.2; F13A01 3.2, ...
    expect(profiles[0]?.genotypes['CSF1PO']).toEqual(['11', '12']);
    expect(profiles[0]?.genotypes['D19S433']).toEqual(['13', '13.2']);
    expect(profiles[0]?.genotypes['Penta C']).toBeDefined();
    expect(profiles[0]?.sex).toBe('unknown');
  });

  it('reads one-column genotypes (14,15 and 14/15), _1/_2 and "X 1" names, and semicolons', () => {
    const text = 'Sample ID;Population;D3S1358;vWA_1;vWA_2;Penta D 1;Penta D 2;FGA;AMEL\nS1;Cauc;14,15;16;;12;13;21/-;XY\n';
    expect(parseWideProfiles(text).profiles[0]).toEqual({
      sample: 'S1',
      sex: 'male',
      genotypes: { D3S1358: ['14', '15'], vWA: ['16', '16'], 'Penta D': ['12', '13'], FGA: ['21', null] },
      skipped: [],
      source: { line: 2, format: 'wide' },
    });
  });
});

describe('parseCmf: CODIS CMF 3.2 (fixtures/profiles/codis-cmf32.xml)', () => {
  const text = fixture('codis-cmf32.xml');

  it('reads specimens, loci and alleles, with approximate lines from start tags', () => {
    const { profiles, issues } = parseCmf(text, { file: 'batch.xml' });
    expect(issues).toEqual([]);
    expect(profiles.map((p) => [p.sample, p.sex, p.source?.line])).toEqual([
      ['MP-2024-011-UHR', 'male', 11],
      ['MP-2024-011-MOTHER', 'female', 39],
      ['MP-2024-011-FATHER', 'male', 62],
    ]);
    expect(profiles[0]?.genotypes).toEqual({ D3S1358: ['15', '17'], vWA: ['16', '18'], TH01: ['9.3', '9.3'], FGA: ['21', '22.2'] });
  });

  it('reads the same without the namespace, and with a namespace prefix', () => {
    const plain = parseCmf(text.replace(' xmlns="urn:CODISImportFile-schema"', '')).profiles;
    const prefixed = parseCmf(text.replace(/<(\/?)([A-Z])/g, '<$1cmf:$2').replace('xmlns=', 'xmlns:cmf=')).profiles;
    expect(plain).toEqual(parseCmf(text).profiles);
    expect(prefixed).toEqual(parseCmf(text).profiles);
  });
});

describe('parseProfilesJson (fixtures/profiles/profiles.json)', () => {
  it('reads partial genotypes, set-aside loci, family and relationship', () => {
    const { profiles, issues } = parseProfilesJson(fixture('profiles.json'));
    expect(issues).toEqual([]);
    expect(profiles[1]).toEqual({
      sample: 'REF-F004-F',
      sex: 'male',
      family: 'F004',
      relationship: 'father',
      genotypes: { D3S1358: ['14', '17'], vWA: ['16', '18'], TH01: ['7', '8'], FGA: ['22', '22.2'], D21S11: ['28', '31.2'], D18S51: ['12', null] },
      skipped: [{ locus: 'DYS391', reason: 'y-str', detail: 'alleles = 11', line: 12 }],
      source: { format: 'json' },
    });
  });

  it('writes the fixture back exactly', () => {
    expect(writeProfilesJson(parseProfilesJson(fixture('profiles.json')).profiles)).toBe(fixture('profiles.json'));
  });
});

describe('detectProfileFormat', () => {
  it('recognises every fixture', () => {
    expect(detectProfileFormat(fixture('genemapper-globalfiler.txt'))).toBe('genemapper');
    expect(detectProfileFormat(fixture('genemapper-slim.csv'))).toBe('genemapper');
    expect(detectProfileFormat(fixture('reference-families.csv'))).toBe('wide');
    expect(detectProfileFormat(fixture('nist1036-layout.csv'))).toBe('wide');
    expect(detectProfileFormat(fixture('codis-cmf32.xml'))).toBe('cmf');
    expect(detectProfileFormat(fixture('profiles.json'))).toBe('json');
  });

  it('uses the file name only for blank text', () => {
    expect(detectProfileFormat('', 'a.XML')).toBe('cmf');
    expect(detectProfileFormat(' \n', 'a.json')).toBe('json');
    expect(detectProfileFormat('', 'a.csv')).toBe('wide');
    expect(detectProfileFormat('Sample,TH01\n', 'a.json')).toBe('wide');
    expect(detectProfileFormat('\uFEFF"Sample Name","Marker","Allele.1"\r\n')).toBe('genemapper');
  });
});

describe('parseProfiles', () => {
  it('dispatches on the detected format and reports the file in issues', () => {
    const { profiles, issues } = parseProfiles('Sample,AMEL,TH01,Y indel\nS1,"X,Y",9.3/6,2\n', { file: 'refs.csv' });
    expect(profiles[0]?.genotypes).toEqual({ TH01: ['6', '9.3'] });
    expect(issues).toEqual([
      { code: 'y-str', message: 'Y-chromosomal marker set aside (not autosomal) (locus = "Y indel", sample = "S1")', path: ['S1', 'Y indel'], severity: 'warning', line: 2, file: 'refs.csv' },
    ]);
  });
});

describe('writeProfilesCsv', () => {
  const { profiles } = parseProfilesJson(fixture('profiles.json'));

  it('writes the wide layout', () => {
    expect(writeProfilesCsv(profiles.slice(1))).toMatchInlineSnapshot(`
      "Sample,Family,Relationship,AMEL.1,AMEL.2,D3S1358.1,D3S1358.2,D18S51.1,D18S51.2,D21S11.1,D21S11.2,FGA.1,FGA.2,TH01.1,TH01.2,vWA.1,vWA.2
      REF-F004-F,F004,father,X,Y,14,17,12,-,28,31.2,22,22.2,7,8,16,18
      UHR-0107,,,X,Y,15,17,,,29,31.2,21,22.2,8,9.3,17,18
      "
    `);
  });

  it('writes the GeneMapper layout', () => {
    expect(writeProfilesCsv(profiles.slice(1), { layout: 'genemapper' })).toMatchInlineSnapshot(`
      "Sample Name	Family	Relationship	Marker	Allele 1	Allele 2
      REF-F004-F	F004	father	AMEL	X	Y
      REF-F004-F	F004	father	D3S1358	14	17
      REF-F004-F	F004	father	D18S51	12	-
      REF-F004-F	F004	father	D21S11	28	31.2
      REF-F004-F	F004	father	FGA	22	22.2
      REF-F004-F	F004	father	TH01	7	8
      REF-F004-F	F004	father	vWA	16	18
      UHR-0107			AMEL	X	Y
      UHR-0107			D3S1358	15	17
      UHR-0107			D21S11	29	31.2
      UHR-0107			FGA	21	22.2
      UHR-0107			TH01	8	9.3
      UHR-0107			vWA	17	18
      "
    `);
  });
});
