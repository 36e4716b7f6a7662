/**
 * The conventions of every command (issue 10), run as a process: `--help` with
 * an example, `--version`, `--out` never replacing a file without `--force`,
 * `--quiet`, data on stdout and messages on stderr, exit codes 0/1/2, and the
 * search CSV escaping what it echoes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDelimited } from '../../src/engine.js';
import { STRKIN_VERSION } from '../../src/index.js';
import { REPO, strkin, tempDir } from './process.js';

const dir = tempDir('conventions');
const COMMANDS = [['validate'], ['lr'], ['search'], ['screen'], ['convert'], ['frequencies'], ['frequencies', 'list'], ['frequencies', 'show'], ['frequencies', 'check'], ['simulate'], ['demo'], ['power']];

describe('--help and --version on every command', () => {
  it.each(COMMANDS)('strkin %s', (...command) => {
    const help = strkin([...command, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/\nExample:\n {2}\$ strkin \S+/);
    expect(help.stdout).toMatch(/-V, --version/);
    const version = strkin([...command, '--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`${STRKIN_VERSION}\n`);
  });
  it('strkin --help lists the new commands; an unknown option is a usage error', () => {
    const help = strkin(['--help']);
    for (const name of ['frequencies', 'convert', 'screen']) expect(help.stdout).toMatch(new RegExp(`^ {2}${name}\\b`, 'm'));
    expect(strkin(['convert', '--bogus']).code).toBe(2);
    expect(strkin(['frequencies', 'show']).code).toBe(2);
  });
});

describe('--out never replaces an existing file without --force', () => {
  const cases: [string, string[]][] = [
    ['convert', ['convert', 'fixtures/profiles/codis-cmf32.xml', '--to', 'wide']],
    ['screen', ['screen', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', '--references', 'fixtures/profiles/reference-families.csv', '--relationships', 'parent-child']],
    ['search', ['search', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', '--families', 'fixtures/families/relationships.csv', '--profiles', 'fixtures/profiles/reference-families.csv', '--threads', '1', '--no-progress']],
  ];
  it.each(cases)('%s: exit 2 and the file untouched; with --force, replaced; --quiet leaves stderr empty', (name, args) => {
    const out = join(dir, `${name}.out`);
    writeFileSync(out, 'PREVIOUS\n');
    const refused = strkin([...args, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${out}: out-exists: The output file exists; give --force to replace it, or another name (--out = ${JSON.stringify(out)})`);
    expect(readFileSync(out, 'utf8')).toBe('PREVIOUS\n');
    const forced = strkin([...args, '--out', out, '--force', '--quiet']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toBe('');
    expect(forced.stderr).not.toMatch(/written|pairs scored|children: /);
    expect(readFileSync(out, 'utf8')).not.toBe('PREVIOUS\n');
  });
});

describe('search --format csv escapes the names it echoes', () => {
  it('a child named =HYPERLINK(...) is written as text, not as a live formula, and reads back by name', () => {
    const name = '=HYPERLINK("http://x","y")';
    const children = readFileSync(join(REPO, 'fixtures/profiles/genemapper-globalfiler.txt'), 'utf8').split('UHR-0003').join(`"${name.replace(/"/g, '""')}"`);
    const file = join(dir, 'children.txt');
    writeFileSync(file, children);
    const r = strkin(['search', '--unidentified', file, '--families', 'fixtures/families/relationships.csv', '--profiles', 'fixtures/profiles/reference-families.csv', '--threads', '1', '--no-progress', '--top', '2']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((line) => line.includes('HYPERLINK'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.startsWith(`"'=HYPERLINK(""http://x"",""y"")",`)).toBe(true);
    for (const line of r.stdout.split('\n')) expect(line).not.toMatch(/^[=+@\t\r-]|,[=+@\t\r-][^0-9.]/);
    expect(readDelimited(r.stdout).rows.filter((row) => row.cells[0] === name).length).toBe(rows.length);
  });
});
