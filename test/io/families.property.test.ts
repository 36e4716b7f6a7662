import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { writeFamiliesJson } from '../../src/io/families/familiesJson.js';
import { parseFamilies } from '../../src/io/families/parseFamilies.js';
import type { FamiliesFormat } from '../../src/io/families/types.js';
import { writeDelimited } from '../../src/io/text.js';
import { RELATION_WORDS } from '../../src/pedigree/pedigreeFromRelations.js';
import type { Profile } from '../../src/profile/Profile.js';
import { genotypesArb, nameArb, sexArb } from '../arbitraries/profiles.js';

/** A pool of profiles with distinct names (some untyped). */
const poolArb: fc.Arbitrary<Profile[]> = fc.uniqueArray(fc.record({ sample: nameArb, sex: sexArb, genotypes: genotypesArb }), { selector: (p) => p.sample.toLowerCase(), minLength: 1, maxLength: 8 }).map((list) => list.map((p) => ({ ...p, skipped: [] })));

const wordArb = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...RELATION_WORDS, 'brother', 'Sister', 'maternal grandmother', 'son') }, { weight: 1, arbitrary: fc.constantFrom('', 'cousin', 'missing', 'neighbour') });

describe('families files: properties', () => {
  it('write-then-parse round trip of the JSON', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        poolArb,
        fc.uniqueArray(fc.record({ id: nameArb, refs: fc.array(fc.record({ pick: fc.nat(), word: wordArb }), { minLength: 1, maxLength: 4 }), missing: fc.integer({ min: 0, max: 2 }) }), { selector: (f) => f.id, maxLength: 5 }),
        (pool, fams) => {
          const json = JSON.stringify({
            format: 'strkin-families',
            version: 1,
            families: fams.map((f) => ({
              id: f.id,
              ...(f.missing > 0 ? { missing: Array.from({ length: f.missing }, (_, i) => `${f.id}#MP${i}`) } : {}),
              references: f.refs.map((r) => ({ sample: (pool[r.pick % pool.length] as Profile).sample, relationship: r.word })),
            })),
          });
          const first = parseFamilies(json, { profiles: pool });
          accepted += first.families.length;
          const text = writeFamiliesJson(first.families);
          const again = parseFamilies(text, { profiles: pool });
          expect(again.rejected).toEqual([]);
          const strip = (list: typeof first.families) => list.map(({ source: _s, ...f }) => f);
          expect(strip(again.families)).toEqual(strip(first.families));
          expect(writeFamiliesJson(again.families)).toBe(text);
        },
      ),
    );
    expect(accepted).toBeGreaterThan(0); // the property saw real families, not only rejected ones
  });

  it('random text never throws anything but StrkinError, in every format', () => {
    const token = fc.constantFrom('family', 'sample', 'relationship', 'person', 'father', 'mother', 'sex', 'missing', 'role', 'F1', 'R1', 'mother', 'MP', '0', '1', '2', 'yes', 'NA', 'TH01', '6/7', 'x', '');
    const lineArb = fc.tuple(fc.array(token, { maxLength: 8 }), fc.constantFrom(',', ';', '\t', ' ')).map(([cells, d]) => cells.join(d));
    const textArb = fc.oneof(fc.string(), fc.array(lineArb, { maxLength: 8 }).map((ls) => ls.join('\n')), fc.json(), fc.constantFrom('{"format":"strkin-families","version":1,"families":[{"id":"F"}, null, {"id":"G","pedigree":[null,{"id":"A","father":"B"}]}]}'));
    const pool: Profile[] = [{ sample: 'R1', sex: 'female', genotypes: { TH01: ['6', '7'] }, skipped: [] }];
    fc.assert(
      fc.property(textArb, fc.constantFrom<FamiliesFormat | undefined>(undefined, 'relationships', 'pedigree', 'json', 'ped'), (text, format) => {
        try {
          parseFamilies(text, { profiles: pool, ...(format === undefined ? {} : { format }) });
        } catch (error) {
          expect(error).toBeInstanceOf(StrkinError);
        }
      }),
    );
  });

  it('every input family is in families or in rejected, exactly once', () => {
    const famArb = fc.constantFrom('F1', 'F2', 'F3', 'F4', '');
    const relRow = fc.tuple(famArb, fc.constantFrom('R1', 'R2', 'R3', 'nobody', 'r1', ''), wordArb, fc.constantFrom('', 'M', 'F', 'q'));
    const pedRow = fc.tuple(famArb, fc.constantFrom('A', 'B', 'C', 'D', ''), fc.constantFrom('0', 'A', 'B', 'X'), fc.constantFrom('0', 'B', 'C', ''), fc.constantFrom('1', '2', '0', 'z'), fc.constantFrom('', 'R1', 'R2', 'R3', 'nobody'), fc.constantFrom('yes', 'no', '', 'maybe'));
    const pool: Profile[] = [
      { sample: 'R1', sex: 'female', genotypes: { TH01: ['6', '7'] }, skipped: [] },
      { sample: 'R2', sex: 'male', genotypes: { FGA: ['20', '21'] }, skipped: [] },
      { sample: 'R3', sex: 'unknown', genotypes: {}, skipped: [] },
    ];
    const check = (rows: string[][], header: string[], format: FamiliesFormat): void => {
      const r = parseFamilies(writeDelimited([header, ...rows]), { profiles: pool, format });
      const input = [...new Set(rows.map((row) => (row[0] ?? '').trim()).filter((id) => id !== ''))];
      const out = [...r.families.map((f) => f.id), ...r.rejected.map((f) => f.id)];
      expect(out.sort()).toEqual(input.sort());
      for (const f of r.rejected) expect(f.reasons.length).toBeGreaterThan(0);
      // rows without a family are issues, never dropped silently
      const orphans = rows.filter((row) => (row[0] ?? '').trim() === '').length;
      expect(r.issues.filter((i) => i.message.startsWith('Row has no family id')).length).toBe(orphans);
    };
    fc.assert(fc.property(fc.array(relRow, { maxLength: 10 }), (rows) => check(rows, ['family', 'sample', 'relationship', 'sex'], 'relationships')));
    fc.assert(fc.property(fc.array(pedRow, { maxLength: 10 }), (rows) => check(rows, ['family', 'person', 'father', 'mother', 'sex', 'sample', 'missing'], 'pedigree')));
  });
});
