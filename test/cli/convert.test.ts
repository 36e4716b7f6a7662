/** `strkin convert`, run as a process on the fixtures: counts in = written + rejected, every layout read back. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfiles, type Profile } from '../../src/index.js';
import { REPO, strkin, tempDir } from './process.js';

const dir = tempDir('convert');
const fixture = (p: string): string => readFileSync(join(REPO, 'fixtures', p), 'utf8');
const strip = (p: Profile): Omit<Profile, 'source' | 'skipped'> => {
  const { source: _s, skipped: _k, ...rest } = p;
  return rest;
};

describe('strkin convert', () => {
  it.each([
    ['profiles/codis-cmf32.xml', 'wide'],
    ['profiles/codis-cmf32.xml', 'genemapper'],
    ['profiles/genemapper-globalfiler.txt', 'wide'],
    ['profiles/reference-families.csv', 'genemapper'],
    ['profiles/profiles.json', 'wide'],
    ['profiles/nist1036-layout.csv', 'json'],
  ])('%s --to %s: the same profiles read back, counts on stderr', (input, to) => {
    const out = join(dir, `${input.replace(/\W/g, '_')}.${to}`);
    const r = strkin(['convert', `fixtures/${input}`, '--to', to, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const original = parseProfiles(fixture(input)).profiles;
    const back = parseProfiles(readFileSync(out, 'utf8')).profiles;
    expect(back.map(strip)).toEqual(original.map(strip));
    expect(r.stderr).toContain(`convert: ${original.length} profiles in (1 file), ${original.length} written as ${to}, 0 rejected`);
  });
  it('--to json keeps set-aside loci; a CSV layout says they are not kept', () => {
    const json = strkin(['convert', 'fixtures/profiles/genemapper-globalfiler.txt', '--to', 'json']);
    expect(json.code).toBe(0);
    const back = parseProfiles(json.stdout).profiles;
    expect(back.flatMap((p) => p.skipped.map((s) => s.locus))).toContain('Yindel');
    // Y-STRs are kept as the haplotype (docs/lineage.md), in every layout.
    expect(back.find((p) => p.sample === 'UHR-0001')?.y?.loci).toEqual({ DYS391: ['10'] });
    const wide = strkin(['convert', 'fixtures/profiles/genemapper-globalfiler.txt', '--to', 'wide']);
    expect(wide.stderr).toMatch(/set-aside loci \(listed above\) are kept only by --to json/);
  });
  it('several files; a sample given twice is rejected with its reason: in = written + rejected, exit 1', () => {
    const out = join(dir, 'twice.json');
    const r = strkin(['convert', 'fixtures/profiles/codis-cmf32.xml', 'fixtures/profiles/profiles.json', 'fixtures/profiles/codis-cmf32.xml', '--to', 'json', '--out', out]);
    expect(r.code).toBe(1);
    const written = parseProfiles(readFileSync(out, 'utf8')).profiles.length;
    const m = /convert: (\d+) profiles in \(3 files\), (\d+) written as json, (\d+) rejected/.exec(r.stderr);
    expect(m).not.toBeNull();
    const [inCount, outCount, rejected] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
    expect(outCount).toBe(written);
    expect(inCount).toBe(outCount + rejected);
    expect(rejected).toBe(3);
    expect(r.stderr.match(/^fixtures\/profiles\/codis-cmf32\.xml:\d+: duplicate-sample: Sample already read from another file/gm)).toHaveLength(3);
  });
  it('a file that cannot be read: every issue, nothing written, exit 1', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Sample,TH01_1,TH01_2\nC1,6,abc\n');
    const out = join(dir, 'never.csv');
    const r = strkin(['convert', 'fixtures/profiles/codis-cmf32.xml', bad, '--to', 'wide', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:2: bad-allele: /);
    expect(r.stderr).toMatch(/convert: nothing written: 1 of 2 files could not be read/);
    expect(() => readFileSync(out)).toThrow();
  });
  it('--to cmf: a CODIS CMF 3.2 file that reads back; a layout that does not exist is a usage error', () => {
    const r = strkin(['convert', 'fixtures/profiles/reference-families.csv', '--to', 'cmf']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<CODISImportFile xmlns="urn:CODISImportFile-schema">/);
    const strip2 = (p: Profile) => ({ sample: p.sample, sex: p.sex, genotypes: p.genotypes });
    expect(parseProfiles(r.stdout).profiles.map(strip2)).toEqual(parseProfiles(fixture('profiles/reference-families.csv')).profiles.map(strip2));
    expect(r.stderr).toMatch(/family and relationship columns are not carried by CMF/);
    expect(strkin(['convert', 'fixtures/profiles/codis-cmf32.xml']).code).toBe(2);
    expect(strkin(['convert', 'fixtures/profiles/codis-cmf32.xml', '--to', 'excel']).code).toBe(2);
  });
  it('a sample named as a spreadsheet formula is written guarded and read back by name', () => {
    const input = join(dir, 'hostile.csv');
    const name = '=HYPERLINK("http://x","y")';
    writeFileSync(input, `Sample,Family,TH01 1,TH01 2\n"${name.replace(/"/g, '""')}",@SUM(1),6,9.3\n-1+2,+F,7,8\n`);
    const r = strkin(['convert', input, '--to', 'wide']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",'@SUM(1),,,6,9.3`);
    expect(r.stdout.split('\n')[2]).toBe(`'-1+2,'+F,,,7,8`);
    expect(parseProfiles(r.stdout).profiles.map((p) => [p.sample, p.family])).toEqual([[name, '@SUM(1)'], ['-1+2', '+F']]);
  });
});
