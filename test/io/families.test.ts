import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familiesFromProfiles } from '../../src/io/families/familiesFromProfiles.js';
import { writeFamiliesJson } from '../../src/io/families/familiesJson.js';
import { detectFamiliesFormat, parseFamilies } from '../../src/io/families/parseFamilies.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { parentsOf } from '../../src/pedigree/queries.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const profiles = parseProfiles(fixture('profiles/reference-families.csv'), { file: 'reference-families.csv' }).profiles;
const bySample = (name: string): Profile | undefined => profiles.find((p) => p.sample === name);
const person = (f: Family | undefined, id: string) => f?.pedigree.persons.find((p) => p.id === id);
const summary = (f: Family) => ({ id: f.id, missing: f.missing, references: Object.fromEntries(Object.entries(f.references).map(([k, v]) => [k, v.sample])) });

describe('relationship table (fixtures/families/relationships.csv)', () => {
  const { families, rejected, issues } = parseFamilies(fixture('families/relationships.csv'), { file: 'relationships.csv', profiles });

  it('reads every family of reference-families.csv, with tolerant column names', () => {
    expect(rejected).toEqual([]);
    expect(issues).toEqual([]);
    expect(families.map(summary)).toEqual([
      { id: 'F001', missing: ['Missing F001'], references: { 'REF-F001-M': 'REF-F001-M', 'REF-F001-F': 'REF-F001-F' } },
      { id: 'F002', missing: ['F002:missing'], references: { 'REF-F002-M': 'REF-F002-M', 'REF-F002-S': 'REF-F002-S' } },
      { id: 'F003', missing: ['Daughter F003'], references: { 'REF-F003-F': 'REF-F003-F', 'REF-F003-S': 'REF-F003-S' } },
    ]);
    expect(families[0]?.source).toEqual({ file: 'relationships.csv', line: 2 });
  });

  it('builds the pedigrees with pedigreeFromRelations', () => {
    const [f1, f2, f3] = families;
    expect(f1 && parentsOf(f1.pedigree, 'Missing F001')).toEqual({ father: 'REF-F001-F', mother: 'REF-F001-M' });
    expect(f2 && parentsOf(f2.pedigree, 'REF-F002-S')).toEqual({ father: 'F002:missing.father', mother: 'REF-F002-M' });
    expect(f3 && parentsOf(f3.pedigree, 'REF-F003-S')).toEqual(f3 && parentsOf(f3.pedigree, 'Daughter F003'));
    expect(person(f3, 'Daughter F003')?.sex).toBe('female'); // from the missing row's sex cell
    expect(person(f2, 'REF-F002-S')?.sex).toBe('male'); // a neutral word takes the amelogenin sex
    expect(f1?.references['REF-F001-M']).toBe(bySample('REF-F001-M'));
  });

  it('the wide reference-family table itself is a relationship table with genotypes inline', () => {
    const wide = parseFamilies(fixture('profiles/reference-families.csv'), { file: 'reference-families.csv' });
    expect(wide.rejected).toEqual([]);
    expect(wide.families.map(summary)).toEqual([
      { id: 'F001', missing: ['F001:missing'], references: { 'REF-F001-M': 'REF-F001-M', 'REF-F001-F': 'REF-F001-F' } },
      { id: 'F002', missing: ['F002:missing'], references: { 'REF-F002-M': 'REF-F002-M', 'REF-F002-S': 'REF-F002-S' } },
      { id: 'F003', missing: ['F003:missing'], references: { 'REF-F003-F': 'REF-F003-F', 'REF-F003-S': 'REF-F003-S' } },
    ]);
    expect(wide.families[1]?.references['REF-F002-M']?.genotypes['TH01']).toEqual(['9.3', '9.3']);
    const direct = familiesFromProfiles(profiles);
    expect(direct.families.map(summary)).toEqual(wide.families.map(summary));
    expect(direct.families[0]?.source).toEqual({ file: 'reference-families.csv', line: 2 });
  });
});

describe('explicit pedigree (fixtures/families/pedigree.csv)', () => {
  const { families, rejected, issues } = parseFamilies(fixture('families/pedigree.csv'), { file: 'pedigree.csv', profiles });

  it('a family with two missing siblings and a family with grandparents', () => {
    expect([rejected, issues]).toEqual([[], []]);
    expect(families.map(summary)).toEqual([
      { id: 'F002', missing: ['MP1', 'MP2'], references: { mum: 'REF-F002-M', sib: 'REF-F002-S' } },
      { id: 'G1', missing: ['MP'], references: { grandpa: 'REF-F001-F', grandma: 'REF-F001-M' } },
    ]);
    const [f2, g1] = families;
    expect(f2?.pedigree.persons.filter((p) => p.father === 'dad' && p.mother === 'mum').map((p) => p.id)).toEqual(['MP1', 'MP2', 'sib']);
    expect(person(g1, 'father')).toEqual({ id: 'father', sex: 'male', father: 'grandpa', mother: 'grandma' });
    expect(person(g1, 'mother')).toEqual({ id: 'mother', sex: 'female', father: null, mother: null }); // NA = no parent
    expect(person(g1, 'MP')?.sex).toBe('unknown'); // sex 0
  });

  it('a role column marks the missing person', () => {
    const text = 'Family,Person,FID,MID,Sex,Sample,Role\nA,F,0,0,1,REF-F001-F,reference\nA,M,0,0,2,,\nA,C,F,M,0,,Missing\n';
    const { families: fams } = parseFamilies(text, { profiles });
    expect(fams.map(summary)).toEqual([{ id: 'A', missing: ['C'], references: { F: 'REF-F001-F' } }]);
  });
});

describe('families JSON and .ped', () => {
  it('reads fixtures/families/families.json (both family shapes)', () => {
    const { families, rejected } = parseFamilies(fixture('families/families.json'), { file: 'families.json', profiles });
    expect(rejected).toEqual([]);
    expect(families.map(summary)).toEqual([
      { id: 'F001', missing: ['F001-child'], references: { 'REF-F001-M': 'REF-F001-M', 'REF-F001-F': 'REF-F001-F' } },
      { id: 'F002', missing: ['MP1', 'MP2'], references: { 'REF-F002-M': 'REF-F002-M', 'REF-F002-S': 'REF-F002-S' } },
      { id: 'F003', missing: ['MP'], references: { F: 'REF-F003-F', S: 'REF-F003-S' } },
    ]);
    expect(person(families[1], 'MP1')?.sex).toBe('male');
    expect(families[0]?.source).toEqual({ file: 'families.json' });
  });

  it('reads fixtures/families/families.ped with genotypes from the marker columns', () => {
    const { families, rejected, issues } = parseFamilies(fixture('families/families.ped'), { file: 'families.ped' });
    expect([rejected, issues]).toEqual([[], []]);
    expect(families.map((f) => ({ id: f.id, missing: f.missing, refs: Object.keys(f.references) }))).toEqual([
      { id: 'T1', missing: ['MP'], refs: ['F', 'M'] },
      { id: 'T2', missing: ['MP1'], refs: ['GM'] },
    ]);
    const f = families[0]?.references['F'];
    expect([f?.sex, f?.genotypes]).toEqual(['male', { TH01: ['6', '9.3'], FGA: ['21', '22'], vWA: ['16', '18'] }]);
    expect(f?.source).toEqual({ file: 'families.ped', line: 2, format: 'ped' });
    expect(person(families[1], 'P')).toEqual({ id: 'P', sex: 'male', father: 'GF', mother: 'GM' });
  });

  it('a .ped without header or markers joins genotypes by person id', () => {
    const { families } = parseFamilies('1 REF-F001-F 0 0 1\n1 M 0 0 2\n1 MP REF-F001-F M 0\n', { file: 'x.ped', profiles });
    expect(families.map(summary)).toEqual([{ id: '1', missing: ['MP'], references: { 'REF-F001-F': 'REF-F001-F' } }]);
  });

  it('a .ped header without famid takes the family id from the file name; a missing column flags the missing person', () => {
    const { families } = parseFamilies('id fid mid sex missing sample\nD 0 0 1 0 REF-F001-F\nM 0 0 2 0 0\nC D M 0 1 0\n', { file: 'cases/case-7.ped', profiles });
    expect(families.map(summary)).toEqual([{ id: 'case-7', missing: ['C'], references: { D: 'REF-F001-F' } }]);
  });
});

describe('joining genotypes', () => {
  it('exact first, then trimmed and case-insensitive with a warning', () => {
    const { families, issues } = parseFamilies('family,sample,relationship\nF1, ref-f001-m ,mother\n', { profiles, file: 'r.csv' });
    expect(families[0]?.references['ref-f001-m']).toBe(bySample('REF-F001-M'));
    expect(issues.map((i) => `${i.line}: ${i.code}: ${i.message} [${i.severity}]`)).toMatchInlineSnapshot(`
      [
        "2: sample-case: Sample matched to a profile ignoring case and spaces (family = "F1", sample = "ref-f001-m", profile = "REF-F001-M") [warning]",
      ]
    `);
  });

  it('accepts a Map of profiles; references typed with different kits keep their own loci', () => {
    const a: Profile = { sample: 'A', sex: 'female', genotypes: { TH01: ['6', '7'] }, skipped: [] };
    const b: Profile = { sample: 'B', sex: 'male', genotypes: { SE33: ['20', '21'], FGA: ['22', '22'] }, skipped: [] };
    const { families } = parseFamilies('family,sample,relationship\nF,A,mother\nF,B,father\n', { profiles: new Map([['A', a], ['B', b]]) });
    expect(Object.values(families[0]?.references ?? {}).map((p) => Object.keys(p.genotypes))).toEqual([['TH01'], ['SE33', 'FGA']]);
  });

  it('a reference sample in two families is allowed, with a warning', () => {
    const { families, issues } = parseFamilies('family,sample,relationship\nF1,REF-F001-M,mother\nF2,REF-F001-M,aunt-maternal\n', { profiles });
    expect(families.map((f) => f.id)).toEqual(['F1', 'F2']);
    expect(issues.map((i) => `${i.code}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "shared-reference: Reference sample is also used in another family (family = "F2", sample = "REF-F001-M", other = "F1")",
      ]
    `);
  });

  it('every relation word and synonym is accepted', () => {
    const words = ['mother', 'father', 'full-sibling', 'half-sibling-maternal', 'half-sibling-paternal', 'grandmother-maternal', 'grandfather-maternal', 'grandmother-paternal', 'grandfather-paternal', 'aunt-maternal', 'uncle-maternal', 'aunt-paternal', 'uncle-paternal', 'child', 'first-cousin-maternal', 'first-cousin-paternal', 'Maternal Grandmother', 'brother', 'sister', 'son', 'daughter', 'half_sister_paternal', 'cousin-maternal'];
    const refs: Profile[] = words.map((_, i) => ({ sample: `R${i}`, sex: 'unknown', genotypes: { TH01: ['6', '7'] }, skipped: [] }));
    // one family per word (a family has one mother)
    const text = 'family,sample,relationship\n' + words.map((w, i) => `F${i},R${i},${w}`).join('\n') + '\n';
    const { families, rejected } = parseFamilies(text, { profiles: refs });
    expect(rejected).toEqual([]);
    expect(families).toHaveLength(words.length);
  });
});

describe('writeFamiliesJson', () => {
  it('round-trips every fixture', () => {
    for (const [name, profs] of [['families/relationships.csv', profiles], ['families/pedigree.csv', profiles], ['families/families.json', profiles]] as const) {
      const first = parseFamilies(fixture(name), { profiles: profs });
      const text = writeFamiliesJson(first.families);
      const again = parseFamilies(text, { profiles: profs });
      expect(again.rejected).toEqual([]);
      expect(again.families.map(({ source: _s, ...f }) => f)).toEqual(first.families.map(({ source: _s, ...f }) => f));
      expect(writeFamiliesJson(again.families)).toBe(text);
    }
  });

  it('writes .ped families when given their inline profiles', () => {
    const ped = parseFamilies(fixture('families/families.ped')).families;
    const inline = ped.flatMap((f) => Object.values(f.references));
    const again = parseFamilies(writeFamiliesJson(ped), { profiles: inline }).families;
    expect(again.map(({ source: _s, ...f }) => f)).toEqual(ped.map(({ source: _s, ...f }) => f));
  });
});

describe('detectFamiliesFormat', () => {
  it('by name and content', () => {
    expect(detectFamiliesFormat('', 'f.json')).toBe('json');
    expect(detectFamiliesFormat(' {"format":"strkin-families"}')).toBe('json');
    expect(detectFamiliesFormat('1 1 0 0 1\n', 'x.txt')).toBe('ped');
    expect(detectFamiliesFormat('a,b,c\n', 'x.ped')).toBe('ped');
    expect(detectFamiliesFormat('#famid\tid\tfid\tmid\tsex\tTH01\n')).toBe('ped');
    expect(detectFamiliesFormat('\uFEFF"family";"person";"fid";"mid";"sex";"sample";"missing"\n')).toBe('pedigree');
    expect(detectFamiliesFormat('Family ID\tSample Name\tKinship\n')).toBe('relationships');
  });
});
