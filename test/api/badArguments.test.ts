/**
 * Library misuse from plain JavaScript (issue 13, item 9): the main public
 * entry points check their arguments and throw a StrkinError `bad-argument`
 * naming the argument, never a raw TypeError.
 */
import { describe, expect, it } from 'vitest';
// module paths, not the package entry: which entry lists which name is another matter (test/surface)
import { StrkinError } from '../../src/errors/StrkinError.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { familiesFromProfiles } from '../../src/io/families/familiesFromProfiles.js';
import { writeFamiliesJson } from '../../src/io/families/familiesJson.js';
import { writeProfilesCsv } from '../../src/io/profiles/writeProfilesCsv.js';
import { writeProfilesJson } from '../../src/io/profiles/writeProfilesJson.js';
import { founders, parentsOf } from '../../src/pedigree/queries.js';
import { makePedigree, validatePedigree } from '../../src/pedigree/validatePedigree.js';
import { parseAllele, readAlleleCell } from '../../src/profile/allele.js';
import { canonicalLocus, locusKind } from '../../src/profile/loci.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';
import { simulateProfile } from '../../src/simulate/simulateProfile.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'no error';
  } catch (error) {
    return error instanceof StrkinError ? `${error.code}: ${error.issues[0]?.message}` : `${(error as Error).name}: ${(error as Error).message}`;
  }
};
const call = (f: unknown, ...args: unknown[]) => () => (f as (...a: unknown[]) => unknown)(...args);

describe('bad-argument from the public entry points', () => {
  const wrong: unknown[] = [undefined, null, 42, 'text', {}, [1]];
  const cases: [string, (value: unknown) => () => unknown][] = [
    ['searchFamilies children', (v) => call(searchFamilies, v, [], { frequencies: builtinTable() })],
    ['searchFamilies families', (v) => call(searchFamilies, [], v, { frequencies: builtinTable() })],
    ['searchFamilies options', (v) => call(searchFamilies, [], [], v)],
    ['makeFrequencyTable', (v) => call(makeFrequencyTable, v)],
    ['makePedigree', (v) => call(makePedigree, v)],
    ['validatePedigree', (v) => call(validatePedigree, v)],
    ['founders', (v) => call(founders, v)],
    ['parentsOf', (v) => call(parentsOf, v, 'x')],
    ['familiesFromProfiles', (v) => call(familiesFromProfiles, v)],
    ['writeProfilesCsv', (v) => call(writeProfilesCsv, v)],
    ['writeProfilesJson', (v) => call(writeProfilesJson, v)],
    ['writeFamiliesJson', (v) => call(writeFamiliesJson, v)],
    ['simulateProfile', (v) => call(simulateProfile, v, ['TH01'], {})],
    ['simulateSearchScenario', (v) => call(simulateSearchScenario, v)],
  ];
  it.each(cases)('%s', (_name, make) => {
    for (const value of wrong) {
      const got = codeOf(make(value));
      // some values are valid input of the wrong shape (an empty object): those must still be StrkinErrors
      expect(got, String(value)).toMatch(/^(bad-argument|[a-z-]+): |^no error$/);
      expect(got).not.toMatch(/^(TypeError|RangeError|Error)/);
    }
    expect(codeOf(make(null))).toMatch(/^bad-argument: Expected an? (array|object|string) \(.* = null\)$/);
  });
  it('locus and allele helpers', () => {
    expect(codeOf(call(canonicalLocus, undefined))).toBe('bad-argument: Expected a string (name = undefined)');
    expect(codeOf(call(locusKind, 5))).toBe('bad-argument: Expected a string (name = 5)');
    expect(codeOf(call(parseAllele, 9.3))).toBe('bad-argument: Expected a string (text = 9.3)');
    expect(readAlleleCell(null as never)).toEqual({ kind: 'invalid', reason: 'not text (null)' });
    expect(codeOf(call(builtinTable, null))).toBe('bad-argument: Expected a string (name = null)');
  });
});
