/**
 * Metadata in files: `sex` and `born` columns of profile files (every reader
 * with a column layout), `born` on missing-person rows of every families
 * format, the sex/amelogenin conflict, and the writers' round trips.
 */
import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { writeFamiliesJson } from '../../src/io/families/familiesJson.js';
import { parseFamilies } from '../../src/io/families/parseFamilies.js';
import { parseGeneMapper } from '../../src/io/profiles/parseGeneMapper.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { parseProfilesJson } from '../../src/io/profiles/parseProfilesJson.js';
import { parseWideProfiles } from '../../src/io/profiles/parseWideProfiles.js';
import { writeProfilesCsv } from '../../src/io/profiles/writeProfilesCsv.js';
import { writeProfilesJson } from '../../src/io/profiles/writeProfilesJson.js';
import { formatBirthYears, readBornCell } from '../../src/profile/born.js';
import type { Profile } from '../../src/profile/Profile.js';

const issuesOf = (f: () => unknown): { code: string; line?: number; message: string }[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof StrkinError) return e.issues.map((i) => ({ code: i.code, ...(i.line === undefined ? {} : { line: i.line }), message: i.message }));
    throw e;
  }
  return [];
};

describe('readBornCell', () => {
  it('reads years, ranges and unknown; rejects the rest with a reason', () => {
    expect(readBornCell('2014')).toEqual({ kind: 'years', born: { from: 2014, to: 2014 } });
    expect(readBornCell(' 2012 - 2015 ')).toEqual({ kind: 'years', born: { from: 2012, to: 2015 } });
    expect(readBornCell('2012–2015')).toEqual({ kind: 'years', born: { from: 2012, to: 2015 } });
    expect(readBornCell(2010)).toEqual({ kind: 'years', born: { from: 2010, to: 2010 } });
    for (const u of ['', 'unknown', 'NA', '?', '-']) expect(readBornCell(u)).toEqual({ kind: 'unknown' });
    for (const bad of ['14', '2015-2012', '2014-15', 'ten', '2014.5', '0999']) expect(readBornCell(bad).kind).toBe('invalid');
    expect(formatBirthYears(undefined)).toBe('');
  });
});

describe('profile files: sex and born columns', () => {
  it('wide table: columns in any position, any case; sex column wins over untyped amelogenin', () => {
    const { profiles } = parseWideProfiles('BORN,Sample,TH01,SEX\n2012-2015,C1,6/9.3,f\n,C2,7/8,\n2014,C3,6/6,Male\n');
    expect(profiles.map((p) => [p.sample, p.sex, p.born])).toEqual([
      ['C1', 'female', { from: 2012, to: 2015 }],
      ['C2', 'unknown', undefined],
      ['C3', 'male', { from: 2014, to: 2014 }],
    ]);
    expect(profiles[0]?.genotypes).toEqual({ TH01: ['6', '9.3'] });
  });

  it('wide table: a sex column that contradicts amelogenin is an error for that sample with its line', () => {
    const text = 'Sample,Sex,AMEL,TH01\nC1,female,X/X,6/7\nC2,female,X/Y,6/7\n';
    expect(issuesOf(() => parseWideProfiles(text, { file: 'kids.csv' }))).toEqual([{ code: 'sex-conflict', line: 3, message: 'The sex column contradicts amelogenin (sample = "C2", sex = female, amelogenin = male)' }]);
  });

  it('wide table: an unreadable born or sex cell is bad-value with the line', () => {
    const issues = issuesOf(() => parseWideProfiles('Sample,Born,Sex,TH01\nC1,2015-2012,f,6/7\nC2,2014,boy?,6/7\n'));
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['bad-value', 2],
      ['bad-value', 3],
    ]);
    expect(issues[0]?.message).toContain('born = "2015-2012"');
  });

  it('GeneMapper: sex and born on any row of the sample; two different values conflict; amelogenin conflict', () => {
    const text = 'Sample Name\tMarker\tAllele 1\tAllele 2\tYear of Birth\tGender\nC1\tTH01\t6\t7\t2013\t\nC1\tAMEL\tX\t\t\tF\n';
    const { profiles } = parseGeneMapper(text);
    expect(profiles.map((p) => [p.sex, p.born])).toEqual([['female', { from: 2013, to: 2013 }]]);
    const clash = 'Sample Name\tMarker\tAllele 1\tAllele 2\tBorn\tSex\nC1\tTH01\t6\t7\t2013\tM\nC1\tAMEL\tX\t\t2014\t\n';
    expect(issuesOf(() => parseGeneMapper(clash)).map((i) => [i.code, i.line])).toEqual([
      ['conflicting-value', 3],
      ['sex-conflict', 2],
    ]);
  });

  it('JSON: born as a year, a range or null; sex field against an AMEL genotype', () => {
    const doc = (p: object): string => JSON.stringify({ format: 'strkin-profiles', version: 1, profiles: [p] });
    expect(parseProfilesJson(doc({ sample: 'C1', sex: 'male', born: 2014, genotypes: { TH01: ['6', '7'] } })).profiles[0]?.born).toEqual({ from: 2014, to: 2014 });
    expect(parseProfilesJson(doc({ sample: 'C1', born: '2012-2015' })).profiles[0]?.born).toEqual({ from: 2012, to: 2015 });
    expect(parseProfilesJson(doc({ sample: 'C1', born: null })).profiles[0]?.born).toBeUndefined();
    expect(issuesOf(() => parseProfilesJson(doc({ sample: 'C1', born: [2014] }))).map((i) => i.code)).toEqual(['bad-value']);
    expect(issuesOf(() => parseProfilesJson(doc({ sample: 'C1', sex: 'female', genotypes: { AMEL: ['X', 'Y'] } }))).map((i) => i.code)).toEqual(['sex-conflict']);
  });

  it('writers round-trip sex and born (CSV wide, GeneMapper, JSON)', () => {
    const profiles: Profile[] = [
      { sample: 'C1', sex: 'female', born: { from: 2012, to: 2015 }, genotypes: { TH01: ['6', '9.3'] }, skipped: [] },
      { sample: 'C2', sex: 'male', genotypes: { TH01: ['7', '7'] }, skipped: [] },
      { sample: 'C3', sex: 'unknown', born: { from: 2014, to: 2014 }, genotypes: { TH01: ['8', '9'] }, skipped: [] },
    ];
    const strip = (ps: readonly Profile[]) => ps.map((p) => ({ sample: p.sample, sex: p.sex, born: p.born, genotypes: p.genotypes }));
    expect(strip(parseProfiles(writeProfilesCsv(profiles)).profiles)).toEqual(strip(profiles));
    expect(strip(parseProfiles(writeProfilesCsv(profiles, { layout: 'genemapper' })).profiles)).toEqual(strip(profiles));
    expect(strip(parseProfilesJson(writeProfilesJson(profiles)).profiles)).toEqual(strip(profiles));
    expect(writeProfilesCsv(profiles).split('\n')[0]).toBe('Sample,Born,AMEL.1,AMEL.2,TH01.1,TH01.2');
  });
});

describe('families files: born on missing-person rows', () => {
  const R1: Profile = { sample: 'R1', sex: 'female', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
  const R2: Profile = { sample: 'R2', sex: 'male', genotypes: { TH01: ['6', '7'] }, skipped: [] };

  it('relationship table: the missing row carries born; a reference row with born is a warning, not used', () => {
    const text = 'family,sample,relationship,missing,sex,born\nF1,,missing,MP1,female,2012-2014\nF1,R1,mother,MP1,,\nF2,,missing,MP2,,\nF2,R2,father,MP2,,1980\n';
    const { families, rejected, issues } = parseFamilies(text, { profiles: [R1, R2], file: 'fam.csv' });
    expect(rejected).toEqual([]);
    expect(families.map((f) => f.born)).toEqual([{ MP1: { from: 2012, to: 2014 } }, undefined]);
    expect(issues.map((i) => [i.code, i.severity, i.line])).toEqual([['unused-born', 'warning', 5]]);
  });

  it('relationship table: an unreadable born rejects the family with file:line', () => {
    const { rejected } = parseFamilies('family,sample,relationship,born\nF1,,missing,20x4\nF1,R1,mother,\n', { profiles: [R1], file: 'fam.csv' });
    expect(rejected[0]?.reasons[0]).toMatch(/^fam\.csv:2: bad-value: Year of birth not readable/);
  });

  it('explicit pedigree table, JSON and .ped read born of the missing person; JSON round-trips', () => {
    const ped = 'family,person,father,mother,sex,sample,missing,Birth Year\nF1,M,,,female,R1,no,\nF1,X,,,male,,no,\nF1,C,X,M,male,,yes,2015\n';
    const a = parseFamilies(ped, { profiles: [R1] });
    expect(a.families[0]?.born).toEqual({ C: { from: 2015, to: 2015 } });
    const json = writeFamiliesJson(a.families);
    expect(json).toContain('"missing":true,"born":"2015"');
    expect(parseFamilies(json, { profiles: [R1] }).families[0]?.born).toEqual({ C: { from: 2015, to: 2015 } });
    const rel = JSON.stringify({ format: 'strkin-families', version: 1, families: [{ id: 'F1', missing: [{ id: 'MP', sex: 'male', born: '2010-2012' }], references: [{ sample: 'R1', relationship: 'mother' }] }] });
    expect(parseFamilies(rel, { profiles: [R1] }).families[0]?.born).toEqual({ MP: { from: 2010, to: 2012 } });
    const bad = JSON.stringify({ format: 'strkin-families', version: 1, families: [{ id: 'F1', missing: [{ id: 'MP', born: 'soon' }], references: [{ sample: 'R1', relationship: 'mother' }] }] });
    expect(parseFamilies(bad, { profiles: [R1] }).rejected).toHaveLength(1);
    const pedFile = 'famid\tid\tfid\tmid\tsex\tborn\nF1\tR1\t0\t0\t2\t0\nF1\tD\t0\t0\t1\tNA\nF1\tMP\tD\tR1\t1\t2013-2016\n';
    const c = parseFamilies(pedFile, { profiles: [R1], file: 'f.ped' });
    expect(c.rejected).toEqual([]);
    expect(c.families[0]?.born).toEqual({ MP: { from: 2013, to: 2016 } });
  });
});
