/**
 * Input decoding (issue 13, item 8) and library misuse (item 9).
 * - CR-only line ends (spreadsheet "CSV (Macintosh)") read like LF files.
 * - Invalid UTF-8 (a Latin-1 export) is refused with `bad-encoding` and the
 *   line, never replaced by U+FFFD.
 * - Allele labels are canonicalised as strings: long numeric labels are not
 *   rounded into one another; absurd ones are refused.
 * - Every parse function takes a string or bytes (Buffer, Uint8Array,
 *   ArrayBuffer); anything else is a StrkinError `bad-argument`, and the
 *   safeParse functions never throw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { decodeText, firstInvalidUtf8 } from '../../src/io/decodeText.js';
import { parseCase, safeParseCase } from '../../src/io/caseFile.js';
import { detectFamiliesFormat, parseFamilies, safeParseFamilies } from '../../src/io/families/parseFamilies.js';
import { detectFrequencyFormat, parseFrequencies, safeParseFrequencies } from '../../src/io/frequencies/parseFrequencies.js';
import { detectProfileFormat } from '../../src/io/profiles/detectProfileFormat.js';
import { parseCmf } from '../../src/io/profiles/parseCmf.js';
import { parseGeneMapper } from '../../src/io/profiles/parseGeneMapper.js';
import { parseProfiles, safeParseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { parseProfilesJson } from '../../src/io/profiles/parseProfilesJson.js';
import { parseWideProfiles } from '../../src/io/profiles/parseWideProfiles.js';
import { readDelimited } from '../../src/io/text.js';
import { readAlleleCell } from '../../src/profile/allele.js';

const fixturePath = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url);
const fixture = (name: string): string => readFileSync(fixturePath(name), 'utf8');
const cr = (text: string): string => text.replace(/\r?\n/g, '\r');
const thrown = (f: () => unknown): StrkinError | string => {
  try {
    f();
    return 'no error';
  } catch (error) {
    return error instanceof StrkinError ? error : `not a StrkinError: ${String(error)}`;
  }
};

describe('CR-only line ends are line ends', () => {
  it.each(['profiles/genemapper-globalfiler.txt', 'profiles/genemapper-slim.csv', 'profiles/reference-families.csv', 'profiles/nist1036-layout.csv', 'profiles/codis-cmf32.xml', 'profiles/profiles.json'])('profiles: %s', (name) => {
    const lf = parseProfiles(fixture(name), { file: name });
    const mac = parseProfiles(cr(fixture(name)), { file: name });
    expect(lf.profiles.length).toBeGreaterThan(0);
    expect(mac.profiles).toEqual(lf.profiles);
    expect(mac.issues).toEqual(lf.issues);
  });
  it.each(['families/relationships.csv', 'families/pedigree.csv', 'families/families.ped', 'families/families.json'])('families: %s', (name) => {
    const profiles = parseProfiles(fixture('profiles/reference-families.csv')).profiles;
    const lf = parseFamilies(fixture(name), { file: name, profiles });
    const mac = parseFamilies(cr(fixture(name)), { file: name, profiles });
    expect(lf.families.length).toBeGreaterThan(0);
    expect(mac.families.map((f) => [f.id, f.missing, Object.keys(f.references)])).toEqual(lf.families.map((f) => [f.id, f.missing, Object.keys(f.references)]));
  });
  it.each(['wide.csv', 'wide-semicolon.csv', 'list.txt', 'merlin.freq', 'long-simple.csv', 'strider.xml'])('frequencies: %s', (name) => {
    const lf = parseFrequencies(fixture(`frequencies/${name}`), { file: name });
    const mac = parseFrequencies(cr(fixture(`frequencies/${name}`)), { file: name });
    expect(mac.checksum).toBe(lf.checksum);
  });
  it('line numbers count CR-only lines', () => {
    const e = thrown(() => parseProfiles('Sample,TH01_1,TH01_2\rS1,6,7\rS2,6,abc\r'));
    expect(e instanceof StrkinError && e.issues[0]?.line).toBe(3);
  });
});

describe('invalid UTF-8 is refused with its line, never replaced', () => {
  // "José" in Latin-1: 0xE9 alone is not UTF-8
  const latin1 = Buffer.concat([Buffer.from('Sample,TH01_1,TH01_2\nS1,6,7\nJos'), Buffer.from([0xe9]), Buffer.from(',6,9.3\n')]);
  it('bad-encoding with line and column', () => {
    const e = thrown(() => parseProfiles(latin1, { file: 'latin1.csv' }));
    expect(e instanceof StrkinError).toBe(true);
    const issue = (e as StrkinError).issues[0];
    expect(issue).toMatchObject({ code: 'bad-encoding', file: 'latin1.csv', line: 3, column: 4 });
    expect(issue?.message).toBe('The file is not valid UTF-8; save it as UTF-8 (it may be a Latin-1 or Windows-1252 export) (byte = 0xE9, offset = 31)');
  });
  it('the same name in UTF-8 is read as written', () => {
    const utf8 = Buffer.from('Sample,TH01_1,TH01_2\nJosé,6,9.3\n');
    expect(parseProfiles(utf8).profiles[0]?.sample).toBe('José');
  });
  it('UTF-16 with a byte-order mark (spreadsheet "Unicode text") is decoded', () => {
    const text = 'Sample\tTH01_1\tTH01_2\r\nJosé\t6\t9.3\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(parseProfiles(le).profiles[0]?.sample).toBe('José');
  });
  it('firstInvalidUtf8 finds overlong forms, surrogates and truncated sequences', () => {
    expect(firstInvalidUtf8(Buffer.from('aé€𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });
});

describe('allele labels are canonicalised as strings', () => {
  it('long labels are refused, never rounded together', () => {
    expect(readAlleleCell('99999999999999999999')).toEqual({ kind: 'invalid', reason: 'repeat number too large (at most 3 digits)' });
    expect(readAlleleCell('1'.repeat(400)).kind).toBe('invalid');
    expect(readAlleleCell('1000').kind).toBe('invalid');
    expect(readAlleleCell('<99999999999999999999').kind).toBe('invalid');
  });
  it('zeros are dropped by string rules', () => {
    expect(readAlleleCell('007')).toEqual({ kind: 'allele', allele: '7' });
    expect(readAlleleCell('012.30')).toEqual({ kind: 'allele', allele: '12.3' });
    expect(readAlleleCell('999')).toEqual({ kind: 'allele', allele: '999' });
    expect(readAlleleCell('00')).toEqual({ kind: 'missing' });
  });
  it('a profile and a frequency file with such an allele: bad-allele with the line', () => {
    const e = thrown(() => parseProfiles('Sample,TH01_1,TH01_2\nS1,6,99999999999999999999\n'));
    expect(e instanceof StrkinError && e.issues.map((i) => [i.code, i.line])).toEqual([['bad-allele', 2]]);
    const f = thrown(() => parseFrequencies('Allele,TH01\n6,0.5\n99999999999999999999,0.5\n'));
    expect(f instanceof StrkinError && f.issues.map((i) => i.code)).toContain('bad-allele');
  });
});

describe('library misuse: wrong argument types', () => {
  const parsers: [string, (input: never, options?: never) => unknown][] = [
    ['parseProfiles', parseProfiles as never],
    ['parseGeneMapper', parseGeneMapper as never],
    ['parseWideProfiles', parseWideProfiles as never],
    ['parseCmf', parseCmf as never],
    ['parseProfilesJson', parseProfilesJson as never],
    ['parseFamilies', parseFamilies as never],
    ['parseFrequencies', parseFrequencies as never],
    ['readDelimited', readDelimited as never],
    ['detectProfileFormat', detectProfileFormat as never],
    ['detectFamiliesFormat', detectFamiliesFormat as never],
    ['detectFrequencyFormat', detectFrequencyFormat as never],
  ];
  const wrong: unknown[] = [undefined, null, 42, {}, [], true, Symbol('x'), () => 'x'];
  it.each(parsers)('%s: bad-argument for every non-text input', (_name, parse) => {
    for (const value of wrong) {
      const e = thrown(() => parse(value as never));
      expect(e instanceof StrkinError && e.code, String(typeof value)).toBe('bad-argument');
    }
  });
  it.each(parsers.slice(0, 7))('%s: bad-argument for options that are not an object', (_name, parse) => {
    for (const options of [null, 'file.csv', 3]) expect((thrown(() => parse('x' as never, options as never)) as StrkinError).code).toBe('bad-argument');
  });
  it('parseProfiles(fs.readFileSync(file)) reads the bytes as UTF-8', () => {
    const bytes = readFileSync(fixturePath('profiles/genemapper-globalfiler.txt'));
    expect(parseProfiles(bytes).profiles).toEqual(parseProfiles(bytes.toString('utf8')).profiles);
    expect(parseFrequencies(readFileSync(fixturePath('frequencies/wide.csv'))).loci['TH01']).toBeDefined();
    const u8 = new Uint8Array(readFileSync(fixturePath('families/families.json')));
    expect(parseFamilies(u8, { profiles: parseProfiles(fixture('profiles/reference-families.csv')).profiles }).families.length).toBeGreaterThan(0);
  });
  it('safeParse functions never throw: Buffer, undefined, null, numbers', () => {
    for (const safe of [safeParseProfiles, safeParseFamilies, safeParseFrequencies, safeParseCase] as ((input: unknown) => { ok: boolean })[]) {
      expect(safe(Buffer.from('')).ok).toBe(false);
      for (const value of wrong) expect(safe(value).ok).toBe(false);
    }
    expect(safeParseProfiles(Buffer.from('Sample,TH01_1,TH01_2\nS1,6,7\n')).ok).toBe(true);
  });
  it('parseFamilies: a profiles option that is not a list or a Map', () => {
    expect((thrown(() => parseFamilies('family,sample,relationship\nF1,R1,mother\n', { profiles: {} as never })) as StrkinError).code).toBe('bad-argument');
  });
  it('parseCase takes bytes too', () => {
    const kase = { hypotheses: { H1: { individuals: [] }, H2: { individuals: [] } }, markers: [{ name: 'TH01', alleles: ['6'], frequencies: [1] }], genotypes: {} };
    expect(parseCase(Buffer.from(JSON.stringify(kase))).markers).toHaveLength(1);
    expect(decodeText('a\rb\rc')).toBe('a\nb\nc');
    expect(decodeText('a\rb\r\nc\n')).toBe('a\rb\r\nc\n'); // a CR in an LF file is data (a quoted cell)
  });
});

describe('case files: numeric allele labels JSON cannot hold exactly', () => {
  const kase = (alleles: string, genotype: string) =>
    `{"hypotheses": {"H1": {"individuals": []}, "H2": {"individuals": []}}, "markers": [{"name": "TH01", "alleles": ${alleles}, "frequencies": [0.5, 0.5]}], "genotypes": {"A": {"TH01": ${genotype}}}}`;
  it('a huge number is refused (JSON would have rounded it), a string is kept as written', () => {
    const e = thrown(() => parseCase(kase('[99999999999999999999, 100000000000000000000]', '["6", "6"]')));
    expect(e instanceof StrkinError && e.issues.map((i) => i.code)).toEqual(['bad-marker']);
    const g = thrown(() => parseCase(kase('["6", "7"]', '[99999999999999999999, 6]')));
    expect(g instanceof StrkinError && g.issues.map((i) => i.code)).toEqual(['bad-genotype']);
    expect(parseCase(kase('[9.3, 10]', '[9.3, 10]')).genotypes['A']?.['TH01']).toEqual(['9.3', '10']);
  });
});
