/**
 * Fuzzing every parser (issue 13): for any input, text or bytes, a parser
 * either returns a value or throws a StrkinError whose every issue has a code,
 * the file name, and a line (1-based) or a path. Never a TypeError, a
 * RangeError, a hang or a non-StrkinError.
 *
 * Inputs: the fixture files of each format with random edits (cut, insert
 * delimiters, quotes, line ends, markup, hostile names, huge numbers),
 * random text, and random bytes (invalid UTF-8, UTF-16 marks).
 *
 * `npm test` runs 300 inputs per format; `npm run fuzz` runs 100,000 per
 * format with a fixed seed (FC_SEED to replay, STRKIN_FUZZ_RUNS to change,
 * STRKIN_FUZZ_ONLY=<format name> for one format).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { parseCase } from '../../src/io/caseFile.js';
import { parseFamilies } from '../../src/io/families/parseFamilies.js';
import { parseFrequencies } from '../../src/io/frequencies/parseFrequencies.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import type { Profile } from '../../src/profile/Profile.js';

const RUNS = Number(process.env['STRKIN_FUZZ_RUNS'] ?? 300);
const TIMEOUT = RUNS > 1000 ? 6 * 3600_000 : 60_000;
const FILE = 'fuzz-input.txt';
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const refs: Profile[] = parseProfiles(fixture('profiles/reference-families.csv')).profiles;

const PIECES = ['\n', '\r', '\r\n', ',', ';', '\t', '"', '""', ' ', '/', '.', '-', '<', '>', '</', '/>', '<!--', ']]>', '&amp;', '&#0;', '{', '}', '[', ']', ':', 'null', 'true', '0', '1', '9.3', '-1', '1e308', 'NaN', 'Infinity',
  '99999999999999999999', 'x'.repeat(300), '__proto__', 'constructor', 'toString', 'TH01', 'vWA', 'AMEL', 'X', 'Y', 'OL', 'NA', 'missing', 'mother', 'father', 'yes', 'M', 'MP', '0/0', '\uFEFF', '\u0000', 'é', '\uFFFD', '😀'];

/** A base text with random edits: each edit cuts up to 8 characters at a position and inserts a few pieces. */
const edited = (bases: readonly string[]): fc.Arbitrary<string> =>
  fc
    .record({
      base: fc.constantFrom(...bases),
      edits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 3 })), { maxLength: 6 }),
    })
    .map(({ base, edits }) => {
      let text = base;
      for (const [at, cut, insert] of edits) {
        const i = text.length === 0 ? 0 : at % (text.length + 1);
        text = text.slice(0, i) + insert.join('') + text.slice(i + cut);
      }
      return text;
    });

/** Text, or the same as bytes (sometimes with a bad byte or a UTF-16 mark). */
const input = (bases: readonly string[]): fc.Arbitrary<string | Uint8Array> =>
  fc.oneof(
    { weight: 6, arbitrary: edited(bases) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 30 }) },
    { weight: 2, arbitrary: fc.tuple(edited(bases), fc.nat(), fc.constantFrom(0xe9, 0xff, 0xc0, 0x80, 0xed, 0xfe, 0x00)).map(([t, at, byte]) => {
      const bytes = Buffer.from(t, 'utf8');
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      return Uint8Array.from([...bytes.subarray(0, i), byte, ...bytes.subarray(i)]);
    }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );

/** The only allowed outcomes: a value, or a StrkinError whose issues each have a code, the file, and a line or a path. */
function outcome(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof StrkinError)) throw new Error(`not a StrkinError: ${(error as Error)?.stack ?? String(error)}`);
    if (error.issues.length === 0) throw new Error('a StrkinError without issues');
    for (const issue of error.issues) {
      const bad =
        !/^[a-z][a-z0-9-]*$/.test(issue.code) ? 'code' :
        typeof issue.message !== 'string' || issue.message === '' ? 'message' :
        issue.file !== FILE ? 'file' :
        issue.line !== undefined && !(Number.isInteger(issue.line) && issue.line >= 1) ? 'line' :
        !Array.isArray(issue.path) ? 'path' : undefined;
      if (bad !== undefined) throw new Error(`issue without a proper ${bad}: ${JSON.stringify(issue)}`);
    }
  }
}

const formats: [string, readonly string[], (text: string | Uint8Array) => unknown][] = [
  ['profiles: GeneMapper', [fixture('profiles/genemapper-globalfiler.txt').slice(0, 3000), fixture('profiles/genemapper-slim.csv')], (t) => parseProfiles(t, { file: FILE, format: 'genemapper' })],
  ['profiles: wide', [fixture('profiles/reference-families.csv'), fixture('profiles/nist1036-layout.csv').slice(0, 3000)], (t) => parseProfiles(t, { file: FILE, format: 'wide' })],
  ['profiles: CMF XML', [fixture('profiles/codis-cmf32.xml')], (t) => parseProfiles(t, { file: FILE, format: 'cmf' })],
  ['profiles: JSON', [fixture('profiles/profiles.json')], (t) => parseProfiles(t, { file: FILE, format: 'json' })],
  ['profiles: detected', [fixture('profiles/genemapper-slim.csv'), fixture('profiles/codis-cmf32.xml'), fixture('profiles/profiles.json')], (t) => parseProfiles(t, { file: FILE })],
  ['families: relationship table', [fixture('families/relationships.csv')], (t) => parseFamilies(t, { file: FILE, format: 'relationships', profiles: refs })],
  ['families: explicit pedigree', [fixture('families/pedigree.csv')], (t) => parseFamilies(t, { file: FILE, format: 'pedigree', profiles: refs })],
  ['families: JSON', [fixture('families/families.json')], (t) => parseFamilies(t, { file: FILE, format: 'json', profiles: refs })],
  ['families: .ped', [fixture('families/families.ped')], (t) => parseFamilies(t, { file: FILE, format: 'ped' })],
  ['frequencies: wide', [fixture('frequencies/wide.csv'), fixture('frequencies/wide-semicolon.csv')], (t) => parseFrequencies(t, { file: FILE, format: 'wide' })],
  ['frequencies: list', [fixture('frequencies/list.txt')], (t) => parseFrequencies(t, { file: FILE, format: 'list' })],
  ['frequencies: merlin', [fixture('frequencies/merlin.freq')], (t) => parseFrequencies(t, { file: FILE, format: 'merlin' })],
  ['frequencies: long', [fixture('frequencies/long.csv'), fixture('frequencies/long-simple.csv')], (t) => parseFrequencies(t, { file: FILE, format: 'long' })],
  ['frequencies: STRidER XML', [fixture('frequencies/strider.xml')], (t) => parseFrequencies(t, { file: FILE, format: 'strider-xml' })],
  ['frequencies: detected', [fixture('frequencies/wide.csv'), fixture('frequencies/list.txt'), fixture('frequencies/strider.xml')], (t) => parseFrequencies(t, { file: FILE })],
  ['case file', [JSON.stringify({ theta: 0, hypotheses: { H1: { individuals: [{ id: 'AF', father: null, mother: null, sex: 'male' }, { id: 'C', father: 'AF', mother: 'MO', sex: 'male' }, { id: 'MO', father: null, mother: null, sex: 'female' }] }, H2: { individuals: [] } }, markers: [{ name: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.2, 0.3, 0.5] }], genotypes: { AF: { TH01: ['6', '9.3'] }, C: { TH01: ['9.3', '9.3'] } } })], (t) => parseCase(t, { file: FILE })],
];

const only = process.env['STRKIN_FUZZ_ONLY'];
const selected = only === undefined || only === '' ? formats : formats.filter(([name]) => name === only);

describe(`every parser returns a value or throws a located StrkinError (${RUNS} inputs per format)`, () => {
  it('the format list names every format (for STRKIN_FUZZ_ONLY)', () => {
    if (selected.length === 0) throw new Error(`no format named ${JSON.stringify(only)}; formats: ${formats.map(([n]) => n).join(' | ')}`);
  });
  it.each(selected)('%s', (_name, bases, parse) => {
    fc.assert(fc.property(input(bases), (text) => outcome(() => parse(text))), { numRuns: RUNS });
  }, TIMEOUT);
});
