/**
 * Everything strkin writes as CSV escapes what it echoes (issue 10): a text cell
 * that would start with `=`, `+`, `-`, `@`, tab or carriage return is written
 * with a `'` in front (OWASP), quoted per RFC 4180, and strkin's own readers
 * give back the original name. Numbers are never guarded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rejectedCsv, type RejectedRecord } from '../../src/cli/rejectedRecords.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { parseFrequencies } from '../../src/io/frequencies/parseFrequencies.js';
import { writeFrequenciesLong, writeFrequenciesWide } from '../../src/io/frequencies/writeFrequencies.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { writeProfilesCsv } from '../../src/io/profiles/writeProfilesCsv.js';
import { readDelimited, writeDelimited, type Delimiter } from '../../src/io/text.js';
import { writeSearchCsv } from '../../src/report/searchReport.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import { csvTextCell, neutralizeCsvFormula, restoreCsvFormula } from '../../src/util/csv.js';
import { hostileNameArb, profileArb, withoutSource } from '../arbitraries/profiles.js';

const FORMULA = /^[=+\-@\t\r]/;

/** A plain RFC 4180 reader that keeps cells exactly as written (no guard removed), for checking the raw cells. */
function rawCells(text: string, delimiter: Delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = (): void => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** No cell starts with a formula character (a lone `-`, the missing-allele mark, is not a formula). */
const noFormula = (text: string, delimiter: Delimiter = ','): void => {
  for (const row of rawCells(text, delimiter)) for (const cell of row) if (cell !== '-') expect(cell, JSON.stringify(row)).not.toMatch(FORMULA);
};

const delimiterArb = fc.constantFrom<Delimiter>(',', '\t', ';');

describe('the formula guard', () => {
  it('restoreCsvFormula undoes neutralizeCsvFormula for any text, and a guarded cell never starts with a formula character', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), hostileNameArb, fc.string({ unit: fc.constantFrom("'", '=', '-', '\t', '\r', 'a') })), (text) => {
        const guarded = neutralizeCsvFormula(text);
        expect(restoreCsvFormula(guarded)).toBe(text);
        if (text !== '-') expect(guarded).not.toMatch(FORMULA);
      }),
    );
  });
  it('known cells', () => {
    expect(csvTextCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvTextCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvTextCell('a;b')).toBe('"a;b"');
    expect(csvTextCell('\t=1+1', '\t')).toBe(`"'\t=1+1"`);
    expect(csvTextCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvTextCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvTextCell("'=x")).toBe("''=x");
    expect(csvTextCell("'t Hooft")).toBe("'t Hooft");
    expect(csvTextCell('-')).toBe('-');
    expect(csvTextCell('UHR-0003')).toBe('UHR-0003');
    expect(restoreCsvFormula("'t Hooft")).toBe("'t Hooft");
  });
  it('writeDelimited then readDelimited gives back any text cells, leading tab and CR included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), hostileNameArb, fc.constantFrom('\t=1', '\r+2', ' -3')), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), delimiterArb, (body, delimiter) => {
        const rows = [['a', 'b'], ...body];
        const text = writeDelimited(rows, delimiter);
        noFormula(text, delimiter);
        const read = readDelimited(text, { delimiter });
        // rows of two cells are never blank lines: every row comes back, cell for cell
        expect(read.rows.map((r) => r.cells)).toEqual(body);
      }),
    );
  });
});

describe('profile CSV writers: hostile sample and family names round-trip', () => {
  const hostileProfiles = fc.uniqueArray(
    fc.tuple(profileArb(), hostileNameArb, fc.option(hostileNameArb, { nil: undefined })).map(([p, sample, family]) => ({ ...p, sample, ...(family === undefined ? {} : { family }) })),
    { selector: (p) => p.sample, minLength: 1, maxLength: 6 },
  );
  it.each(['wide', 'genemapper'] as const)('%s layout', (layout) => {
    fc.assert(
      fc.property(hostileProfiles, delimiterArb, (profiles, delimiter) => {
        const text = writeProfilesCsv(profiles, { layout, delimiter });
        noFormula(text, delimiter);
        const read = parseProfiles(text);
        expect(read.profiles.map(withoutSource)).toEqual(profiles);
      }),
    );
  });
});

describe('search CSV: hostile child, family and missing-person names', () => {
  const table = builtinTable();
  const scenario = simulateSearchScenario({ table, seed: 3, families: 3, children: 3, related: 1 });
  const result = searchFamilies(scenario.children, scenario.families, { frequencies: table, topK: 3 });
  it('every text cell guarded and read back; log10LR cells stay numbers (negative ones too)', () => {
    expect(result.matches.some((m) => (m.log10LR ?? 0) < 0)).toBe(true);
    fc.assert(
      fc.property(hostileNameArb, hostileNameArb, hostileNameArb, (child, family, missing) => {
        const renamed = { ...result, matches: result.matches.map((m) => ({ ...m, child, family, missing })) };
        const text = writeSearchCsv(renamed);
        const raw = rawCells(text).slice(1);
        for (const row of raw) {
          for (const cell of row.slice(0, 3)) expect(cell).not.toMatch(FORMULA);
          expect(row.slice(5).every((cell) => cell === '' || cell === 'Inf' || Number.isFinite(Number(cell)))).toBe(true);
        }
        expect(raw.map((row) => row[5])).toEqual(result.matches.map((m) => (m.log10LR === null ? '' : String(m.log10LR))));
        const read = readDelimited(text).rows.map((r) => r.cells.slice(0, 3));
        expect(read).toEqual(result.matches.map(() => [child, family, missing]));
      }),
    );
  });
});

describe('rejected-records CSV (search --rejected)', () => {
  it('ids and reasons guarded and read back', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostileNameArb, hostileNameArb), { minLength: 1, maxLength: 4 }), (pairs) => {
        const records: RejectedRecord[] = pairs.map(([id, reason]) => ({ kind: 'child', id, file: '=f.csv', line: 3, status: 'rejected', reason }));
        const text = rejectedCsv(records);
        noFormula(text);
        expect(readDelimited(text).rows.map((r) => r.cells)).toEqual(pairs.map(([id, reason]) => ['child', id, '=f.csv', '3', reason]));
      }),
    );
  });
});

describe('frequency writers: a hostile locus name', () => {
  it('wide and long layouts read back to the same locus names', () => {
    fc.assert(
      fc.property(hostileNameArb.filter((s) => !/[\r\n]/.test(s)), (locus) => {
        const t = makeFrequencyTable({ name: 't', loci: { [locus]: { '6': 0.5, '7': 0.5 }, TH01: { '8': 1 } } });
        for (const [format, text] of [['wide', writeFrequenciesWide(t)], ['long', writeFrequenciesLong(t)]] as const) {
          noFormula(text);
          expect(Object.keys(parseFrequencies(text, { name: 't', format }).loci).sort()).toEqual(Object.keys(t.loci).sort());
        }
      }),
    );
  });
});
