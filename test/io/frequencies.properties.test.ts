import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import type { FrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { FREQUENCY_FORMATS, parseFrequencies } from '../../src/io/frequencies/parseFrequencies.js';
import { writeFrequenciesList, writeFrequenciesLong, writeFrequenciesWide } from '../../src/io/frequencies/writeFrequencies.js';
import { frequencyTableArb } from '../arbitraries/frequencies.js';

/** What a round trip must preserve: everything but name, source and warnings. */
const content = (t: FrequencyTable): unknown => ({ loci: t.loci, population: t.population, n: t.n, checksum: t.checksum });

describe('write then parse returns the same table', () => {
  it('long layout (counts, 2N, population)', () => {
    fc.assert(
      fc.property(frequencyTableArb({ counts: true, population: true }), (table) => {
        expect(content(parseFrequencies(writeFrequenciesLong(table)))).toEqual(content(table));
      }),
    );
  });

  it('long layout (frequencies only, no population)', () => {
    fc.assert(
      fc.property(frequencyTableArb({ counts: false }), (table) => {
        expect(content(parseFrequencies(writeFrequenciesLong(table)))).toEqual(content(table));
      }),
    );
  });

  it('wide layout with each delimiter (2N through the N row, FMIN)', () => {
    fc.assert(
      fc.property(frequencyTableArb({ counts: false, nAlleles: true, fmin: true }), fc.constantFrom(',' as const, ';' as const, '\t' as const), (table, delimiter) => {
        expect(content(parseFrequencies(writeFrequenciesWide(table, delimiter)))).toEqual(content(table));
      }),
    );
  });

  it('list layout', () => {
    fc.assert(
      fc.property(frequencyTableArb({ counts: false }), (table) => {
        expect(content(parseFrequencies(writeFrequenciesList(table)))).toEqual(content(table));
      }),
    );
  });

  it('every layout keeps alleles and frequencies of a full table', () => {
    fc.assert(
      fc.property(frequencyTableArb({ counts: true, fmin: true, population: true }), (table) => {
        const numbers = (t: FrequencyTable): unknown => Object.values(t.loci).map((l) => [l.locus, l.alleles, l.frequencies]);
        for (const text of [writeFrequenciesLong(table), writeFrequenciesWide(table), writeFrequenciesList(table)]) {
          expect(numbers(parseFrequencies(text))).toEqual(numbers(table));
        }
      }),
    );
  });
});

describe('parseFrequencies on random text', () => {
  const unit = fc.constantFrom('A', 'l', 'e', 'L', 'o', 'c', 'u', 's', ',', ';', '\t', '\n', '\r\n', ' ', '0', '1', '6', '9', '.', ',', '-', 'e', '<', '>', '/', '"', '=', 'M ', 'A ', 'N', 'F', 'TH01', 'vWA', 'Allele', 'locus', 'allele', 'frequency', 'population', '<frequencies>', '<marker>', '<name>', '</name>', '<origin name="x" n="2">', '<frequency allele="6">', '</frequency>', '\uFEFF', 'x');
  const textArb = fc.oneof(
    fc.string({ unit, maxLength: 60 }),
    fc.string({ maxLength: 60 }),
    // A valid file with a few characters replaced.
    fc
      .tuple(frequencyTableArb({ counts: true, fmin: true }), fc.constantFrom(writeFrequenciesLong, writeFrequenciesList, (t: FrequencyTable) => writeFrequenciesWide(t, ';')), fc.array(fc.tuple(fc.nat(), fc.string({ unit, maxLength: 3 })), { maxLength: 4 }))
      .map(([table, write, edits]) => {
        let text = write(table);
        for (const [at, insert] of edits) {
          const i = text.length === 0 ? 0 : at % text.length;
          text = text.slice(0, i) + insert + text.slice(i + 1);
        }
        return text;
      }),
  );

  it('either parses or throws a StrkinError, never another exception', () => {
    fc.assert(
      fc.property(textArb, fc.option(fc.constantFrom(...FREQUENCY_FORMATS), { nil: undefined }), (text, format) => {
        try {
          const table = parseFrequencies(text, format !== undefined ? { format } : {});
          for (const locus of Object.values(table.loci)) {
            for (const f of locus.frequencies) expect(f > 0 && f <= 1).toBe(true);
          }
        } catch (error) {
          if (!(error instanceof StrkinError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
