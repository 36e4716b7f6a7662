import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StrkinError, formatIssue } from '../../src/errors/StrkinError.js';
import { detectDelimiter, eachDelimitedRow, readDelimited, stripBom, writeDelimited, type Delimiter } from '../../src/io/text.js';

function issueOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof StrkinError) return error.issues.map((i) => formatIssue(i)).join('\n');
    throw error;
  }
  throw new Error('expected a StrkinError');
}

describe('detectDelimiter', () => {
  it('picks the most frequent separator outside quotes', () => {
    expect(detectDelimiter('Sample Name\tMarker\tAllele 1')).toBe('\t');
    expect(detectDelimiter('Allele;TH01;FGA')).toBe(';');
    expect(detectDelimiter('Sample,TH01.1,TH01.2')).toBe(',');
    expect(detectDelimiter('"a;b;c",x,y')).toBe(',');
    expect(detectDelimiter('Sample')).toBe(',');
  });
});

describe('stripBom', () => {
  it('removes one leading byte-order mark only', () => {
    expect(stripBom('\uFEFFa')).toBe('a');
    expect(stripBom('a\uFEFF')).toBe('a\uFEFF');
  });
});

describe('readDelimited', () => {
  it('reads header, rows and line numbers, skipping blank lines', () => {
    const table = readDelimited('\n\nSample,TH01\nS1,9.3\n\n  \nS2,6\n');
    expect(table).toEqual({
      delimiter: ',',
      header: ['Sample', 'TH01'],
      headerLine: 3,
      rows: [
        { cells: ['S1', '9.3'], line: 4 },
        { cells: ['S2', '6'], line: 7 },
      ],
    });
  });

  it('handles CRLF, a BOM and a missing final line break', () => {
    const table = readDelimited('\uFEFFSample;TH01\r\nS1;9.3\r\nS2;6');
    expect(table.header).toEqual(['Sample', 'TH01']);
    expect(table.rows).toEqual([
      { cells: ['S1', '9.3'], line: 2 },
      { cells: ['S2', '6'], line: 3 },
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, keeping exact line numbers', () => {
    const text = 'Sample,Note,TH01\n"S,1","said ""hi""",6\n"S2","two\r\nlines\nhere",7\nS3,x,8\n';
    expect(readDelimited(text).rows).toEqual([
      { cells: ['S,1', 'said "hi"', '6'], line: 2 },
      { cells: ['S2', 'two\r\nlines\nhere', '7'], line: 3 },
      { cells: ['S3', 'x', '8'], line: 6 },
    ]);
  });

  it('keeps a stray quote inside an unquoted field, and text after a closing quote, as literal text', () => {
    expect(readDelimited('a,b\n5"6,"x"y\n').rows[0]?.cells).toEqual(['5"6', 'xy']);
  });

  it('reads an empty quoted last field and a quoted field at the end of the text', () => {
    expect(readDelimited('a,b\n1,""\n2,"z"').rows.map((r) => r.cells)).toEqual([['1', ''], ['2', 'z']]);
  });

  it('uses a forced delimiter', () => {
    expect(readDelimited('a,b;c\n1,2;3\n', { delimiter: ';' }).header).toEqual(['a,b', 'c']);
  });

  it('rejects bad input', () => {
    expect(issueOf(() => readDelimited('', { file: 'x.csv' }))).toMatchInlineSnapshot(`"x.csv: empty-file: The file is empty (no header line)"`);
    expect(issueOf(() => readDelimited('\uFEFF\r\n  \n'))).toMatchInlineSnapshot(`"empty-file: The file is empty (no header line)"`);
    expect(issueOf(() => readDelimited('a,b\n1,2\n3,"open\n4,5\n', { file: 'q.csv' }))).toMatchInlineSnapshot(`"q.csv:3: bad-quoting: Unbalanced quotes: a quoted field is never closed (line = 3)"`);
  });
});

describe('eachDelimitedRow', () => {
  it('visits rows one at a time and stops when the header callback returns undefined', () => {
    const seen: number[] = [];
    const head = eachDelimitedRow('x\ty\n1\t2\n3\t4\n', {}, () => (_cells, line) => seen.push(line));
    expect(head).toEqual({ delimiter: '\t', header: ['x', 'y'], headerLine: 1 });
    expect(seen).toEqual([2, 3]);
    let visited = 0;
    // A broken quote after the header is never reached when reading stops at the header.
    eachDelimitedRow('x,y\n"broken\n', {}, () => undefined);
    eachDelimitedRow('x,y\n1,2\n', {}, () => () => visited++);
    expect(visited).toBe(1);
  });
});

describe('writeDelimited', () => {
  it('quotes cells that need it', () => {
    expect(writeDelimited([['Sample', 'Note'], ['S1', 'a,b'], ['S2', 'say "x"'], ['S3', ' pad ']])).toBe('Sample,Note\nS1,"a,b"\nS2,"say ""x"""\nS3," pad "\n');
    expect(writeDelimited([['a', 'b;c']], ';')).toBe('a;"b;c"\n');
  });

  it('is read back by readDelimited (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ' ', ',', ';', '\t', '"', '\n', '\r', '.', 'é'), maxLength: 6 });
    const delimiter = fc.constantFrom<Delimiter>(',', '\t', ';');
    fc.assert(
      fc.property(delimiter, fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 6 }), (d, width, body) => {
        const header = Array.from({ length: width }, (_, i) => `col${i}`);
        // Rows that read as blank (one empty-looking cell) are skipped by design; keep rows non-blank.
        const rows = body.map((r) => r.slice(0, width)).filter((r) => !(r.length === 1 && (r[0] ?? '').trim() === ''));
        const table = readDelimited(writeDelimited([header, ...rows], d), { delimiter: d });
        expect(table.header).toEqual(header);
        expect(table.rows.map((r) => r.cells)).toEqual(rows);
        // Line numbers: each row starts after the line breaks of the rows before it.
        let line = 2;
        table.rows.forEach((row, i) => {
          expect(row.line).toBe(line);
          line += 1 + (rows[i] ?? []).join('').split('\n').length - 1;
        });
      }),
    );
  });
});
