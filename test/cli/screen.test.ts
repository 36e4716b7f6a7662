/** `strkin screen`, run as a process on the fixtures: the library's screenRelatives on the command line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTable, parseProfiles, screenRelatives, writeSearchCsv } from '../../src/index.js';
import { REPO, strkin } from './process.js';

const args = ['screen', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', '--references', 'fixtures/profiles/reference-families.csv'];
const read = (p: string) => parseProfiles(readFileSync(join(REPO, p), 'utf8'), { file: p }).profiles;

describe('strkin screen', () => {
  it('gives exactly the CSV of screenRelatives with the same settings', () => {
    const r = strkin([...args, '--relationships', 'parent-child,full-siblings', '--top', '3']);
    expect(r.code, r.stderr).toBe(0);
    const result = screenRelatives(read('fixtures/profiles/genemapper-globalfiler.txt'), read('fixtures/profiles/reference-families.csv'), {
      frequencies: builtinTable(),
      relationships: ['parent-child', 'full-siblings'],
      topK: 3,
      mutation: 'stepwise',
      theta: 0,
    });
    expect(r.stdout).toBe(writeSearchCsv(result));
    expect(r.stdout).toMatch(/^UHR-0003,REF-F001-F~parent-child,M,1,1,/m);
    expect(r.stderr).toMatch(/screen: 6 unidentified x 6 references x 2 relationships \(parent-child, full-siblings\)/);
    expect(r.stderr).toMatch(/^pairs scored: 72 /m);
  });
  it('--format json --threshold: rows with LR at or above the threshold; --quiet: no summary', () => {
    const r = strkin([...args, '--format', 'json', '--threshold', '1000', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { matches: { family: string; LR: number }[] };
    expect(out.matches.length).toBeGreaterThan(0);
    for (const m of out.matches) {
      expect(m.LR).toBeGreaterThanOrEqual(1000);
      expect(m.family).toMatch(/~(parent-child|full-siblings|half-siblings)$/);
    }
    expect(r.stderr).not.toMatch(/pairs scored|screen: /);
  });
  it('usage errors (exit 2): an unknown relationship, a bad threshold, no references', () => {
    const bad = strkin([...args, '--relationships', 'parent-child,cousin']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option --relationships: bad-option: Unknown relationship; use a comma-separated list of parent-child, full-siblings, half-siblings/);
    expect(strkin([...args, '--threshold', '-1']).code).toBe(2);
    expect(strkin(['screen', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt']).code).toBe(2);
  });
  it('an unreadable profile file: exit 1 with file:line: code', () => {
    const r = strkin(['screen', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', '--references', 'fixtures/families/relationships.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fixtures\/families\/relationships\.csv(:\d+)?: [a-z-]+: /m);
  });
});
