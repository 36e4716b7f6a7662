/** writeProfilesCmf: parseCmf reads back the same sample, sex and genotypes, hostile names included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCmf } from '../../src/io/profiles/parseCmf.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { writeProfilesCmf } from '../../src/io/profiles/writeProfilesCmf.js';
import type { Profile } from '../../src/profile/Profile.js';
import { hostileNameArb, profileArb } from '../arbitraries/profiles.js';

const core = (p: Profile) => ({ sample: p.sample, sex: p.sex, genotypes: p.genotypes });

describe('writeProfilesCmf', () => {
  it('round-trips through parseCmf (and is detected as CMF)', () => {
    const profiles = fc.uniqueArray(
      fc.tuple(profileArb(), fc.oneof(hostileNameArb.filter((s) => !s.includes('\r')), fc.constantFrom('a<b', 'x&y', "it's", 'q"q', 'c]]>d', '&amp;'))).map(([p, sample]) => ({ ...p, sample })),
      { selector: (p) => p.sample, maxLength: 5 },
    );
    fc.assert(
      fc.property(profiles, (list) => {
        const xml = writeProfilesCmf(list);
        expect(parseCmf(xml).profiles.map(core)).toEqual(list.map(core));
        expect(parseProfiles(xml).profiles.map(core)).toEqual(list.map(core));
      }),
    );
  });
  it('writes the header fields given, and refuses a name XML cannot hold', () => {
    const xml = writeProfilesCmf([], { sourceLab: 'XX0000001', kit: 'GlobalFiler' });
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<CODISImportFile xmlns="urn:CODISImportFile-schema">\n  <HEADERVERSION>3.2</HEADERVERSION>\n  <MESSAGETYPE>Import</MESSAGETYPE>\n  <SOURCELAB>XX0000001</SOURCELAB>\n  <KIT>GlobalFiler</KIT>\n</CODISImportFile>\n');
    for (const sample of ['a\u0001b', 'a\rb']) expect(() => writeProfilesCmf([{ sample, sex: 'unknown', genotypes: {}, skipped: [] }])).toThrow(/a CMF file cannot carry/);
  });
});
