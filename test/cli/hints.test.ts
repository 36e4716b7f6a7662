/**
 * Errors as `file:line: code: message`, followed by a hint for the common ones
 * (issue 10, section 2), on every command that reads files, run as a process.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HINTS, hintLines } from '../../src/cli/hints.js';
import { strkin, tempDir } from './process.js';

const dir = tempDir('hints');
const missing = join(dir, 'no-such-file.txt');

describe('a missing input file: file-not-found, then one hint, exit 1', () => {
  it.each([
    ['validate', ['validate', missing]],
    ['lr', ['lr', missing]],
    ['search', ['search', '--unidentified', missing, '--families', 'fixtures/families/relationships.csv', '--threads', '1']],
    ['screen', ['screen', '--unidentified', missing, '--references', 'fixtures/profiles/reference-families.csv']],
    ['convert', ['convert', missing, '--to', 'json']],
    ['power', ['power', '--families', missing]],
    ['frequencies check', ['frequencies', 'check', missing]],
  ])('%s', (_name, args) => {
    const r = strkin(args);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith(`${missing}: file-not-found: Cannot read the file (ENOENT`))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('hint: '))).toEqual([`hint: ${HINTS['file-not-found']}`]);
    for (const line of lines) expect(line).toMatch(/^(hint: |\S+: [a-z-]+: |convert: nothing written)/);
  });
});

describe('other common errors get their hint', () => {
  it('a locus the table lacks', () => {
    const r = strkin(['search', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', '--families', 'fixtures/families/relationships.csv', '--profiles', 'fixtures/profiles/reference-families.csv', '--loci', 'FOO', '--threads', '1', '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/locus-not-in-table: .*\n(.*\n)*hint: strkin frequencies show TABLE lists the loci/);
  });
  it('a case that is not JSON', () => {
    const file = join(dir, 'case.json');
    writeFileSync(file, '{"hypotheses": ');
    const r = strkin(['lr', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: bad-json: Not valid JSON .*\\nhint: the file must be valid JSON`));
  });
  it('hints follow the first issue of each code only, and never warnings', () => {
    const issues = [
      { code: 'file-not-found', message: 'a', path: [] },
      { code: 'file-not-found', message: 'b', path: [] },
      { code: 'bad-json', message: 'c', path: [], severity: 'warning' as const },
      { code: 'no-hint-for-this', message: 'd', path: [] },
    ];
    expect(hintLines(issues)).toEqual([`hint: ${HINTS['file-not-found']}`]);
  });
});
