import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import type { ProfileFormat } from '../../src/io/profiles/types.js';
import { writeProfilesCsv } from '../../src/io/profiles/writeProfilesCsv.js';
import { writeProfilesJson } from '../../src/io/profiles/writeProfilesJson.js';
import { AUTOSOMAL_LOCI, canonicalLocus, locusKey } from '../../src/profile/loci.js';
import type { Delimiter } from '../../src/io/text.js';
import { profilesArb, withoutSource } from '../arbitraries/profiles.js';

const delimiterArb = fc.constantFrom<Delimiter>(',', '\t', ';');

describe('write then parse returns the same profiles', () => {
  it('CSV, wide layout (format detected)', () => {
    fc.assert(
      fc.property(profilesArb(), delimiterArb, (profiles, delimiter) => {
        const text = writeProfilesCsv(profiles, { layout: 'wide', delimiter });
        const read = parseProfiles(text);
        expect(read.issues).toEqual([]);
        expect(read.profiles.map(withoutSource)).toEqual(profiles);
        expect(read.profiles.every((p) => p.source?.format === 'wide')).toBe(true);
      }),
    );
  });

  it('CSV, GeneMapper layout (format detected)', () => {
    fc.assert(
      fc.property(profilesArb(), delimiterArb, (profiles, delimiter) => {
        const text = writeProfilesCsv(profiles, { layout: 'genemapper', delimiter });
        const read = parseProfiles(text);
        expect(read.issues).toEqual([]);
        expect(read.profiles.map(withoutSource)).toEqual(profiles);
        expect(read.profiles.every((p) => p.source?.format === 'genemapper')).toBe(true);
      }),
    );
  });

  it('JSON, with set-aside loci, and writing again gives the same text', () => {
    fc.assert(
      fc.property(profilesArb(true), (profiles) => {
        const text = writeProfilesJson(profiles);
        const read = parseProfiles(text);
        expect(read.profiles.map(withoutSource)).toEqual(profiles);
        expect(writeProfilesJson(read.profiles)).toBe(text);
      }),
    );
  });
});

describe('any text either parses or throws StrkinError', () => {
  const formats: ProfileFormat[] = ['genemapper', 'wide', 'cmf', 'json'];
  const unit = fc.constantFrom('S', '1', '9.3', ',', ';', '\t', '\n', '\r\n', '"', ' ', '<', '>', '/', '{', '}', '[', ']', ':', 'X', 'TH01', 'AMEL', 'Allele 1', 'Marker', 'Sample', 'null', '-', '\uFEFF');
  const prefixes = [
    '',
    'Sample Name\tMarker\tAllele 1\tAllele 2\n',
    'Sample,TH01.1,TH01.2,FGA,Family\n',
    '<CODISImportFile><SPECIMEN><SPECIMENID>',
    '{"format":"strkin-profiles","version":1,"profiles":[',
  ];
  for (const format of [...formats, undefined]) {
    it(`format ${format ?? 'detected'}`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...prefixes), fc.string({ unit, maxLength: 40 }), fc.string({ maxLength: 20 }), (prefix, body, noise) => {
          try {
            const result = parseProfiles(prefix + body + noise, format === undefined ? {} : { format });
            expect(Array.isArray(result.profiles)).toBe(true);
            expect(result.issues.every((i) => i.severity === 'warning')).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(StrkinError);
          }
        }),
      );
    });
  }

  it('JSON-shaped random values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify({ format: 'strkin-profiles', version: 1, profiles: [value] });
        try {
          parseProfiles(text);
        } catch (error) {
          expect(error).toBeInstanceOf(StrkinError);
        }
      }),
    );
  });
});

describe('locus names', () => {
  it('canonicalLocus is idempotent under spreadsheet spellings', () => {
    const spelling = fc.tuple(fc.constantFrom(...AUTOSOMAL_LOCI), fc.constantFrom('', ' ', '.', '_', '-'), fc.boolean()).map(([locus, sep, upper]) => {
      const spelled = locus.replace(' ', sep);
      return upper ? spelled.toUpperCase() : spelled.toLowerCase();
    });
    fc.assert(
      fc.property(spelling, (name) => {
        const once = canonicalLocus(name);
        expect(once).toBeDefined();
        expect(canonicalLocus(once ?? '')).toBe(once);
      }),
    );
  });

  it('no known locus name plus an allele number ("D8S113" + "2") spells another known locus', () => {
    // The wide reader keeps a header that is itself a locus whole; this guards that rule.
    for (const locus of AUTOSOMAL_LOCI) for (const n of [1, 2, 3]) expect(canonicalLocus(`${locusKey(locus)}${n}`), `${locus}${n}`).toBeUndefined();
  });
});
