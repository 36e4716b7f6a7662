/**
 * Input files through the CLI (issue 13, items 8 and 10): invalid UTF-8 is
 * refused with file and line, CR-only files are read, a file over the size
 * limit is refused from its size before it is read, and a bad `--format` is a
 * usage error.
 */
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'strkin-input-'));
const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;

describe('encodings and line ends', () => {
  it('a Latin-1 name: bad-encoding with file and line, exit 1', async () => {
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('Sample,TH01_1,TH01_2\nS1,6,7\nJos'), Buffer.from([0xe9]), Buffer.from(',6,9.3\n')]));
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}:3: bad-encoding: The file is not valid UTF-8; save it as UTF-8 (it may be a Latin-1 or Windows-1252 export) (byte = 0xE9, offset = 31)\n`);
  });
  it('a CR-only ("CSV (Macintosh)") export reads like the LF file', async () => {
    const file = join(dir, 'mac.csv');
    writeFileSync(file, readFileSync(fixture('profiles/reference-families.csv'), 'utf8').replace(/\r?\n/g, '\r'));
    const mac = await runCli(['validate', file]);
    const lf = await runCli(['validate', fixture('profiles/reference-families.csv')]);
    expect(mac.code, mac.stderr).toBe(0);
    expect(mac.stdout).toMatch(/: 6 profiles\n/);
    expect(mac.stdout.split('\n').slice(1)).toEqual(lf.stdout.split('\n').slice(1));
  });
});

describe('files that cannot be read', () => {
  it('a missing file and a folder: file-not-found / file-unreadable, exit 1', async () => {
    const missing = await runCli(['validate', join(dir, 'no-such-file.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such-file\.csv: file-not-found: Cannot read the file \(ENOENT/);
    const folder = await runCli(['validate', dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/file-unreadable: Cannot read the file \(EISDIR/);
  });
});

describe('file size limit', () => {
  it('a 1 GiB file is refused from its size, before it is read', async () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, 'Sample,TH01_1,TH01_2\n');
    truncateSync(big, 1024 * 1024 * 1024); // sparse: no disk used, and never read
    const started = performance.now();
    const r = await runCli(['validate', big]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${big}: file-too-large: The file is larger than the 256 MiB limit; split it, or raise the limit with --max-file-size (at most 512) (size = 1024 MiB)`);
  });
  it('--max-file-size lowers or raises the limit, for validate, lr and search', async () => {
    const file = join(dir, 'two-mib.csv');
    writeFileSync(file, 'Sample,TH01_1,TH01_2\n');
    truncateSync(file, 2 * 1024 * 1024);
    const r = await runCli(['validate', file, '--max-file-size', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/file-too-large: The file is larger than the 1\.0 MiB limit/);
    const s = await runCli(['search', '--unidentified', file, '--families', fixture('families/relationships.csv'), '--max-file-size', '1', '--threads', '1']);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/file-too-large/);
    const l = await runCli(['lr', file, '--max-file-size', '1']);
    expect(l.stderr).toMatch(/file-too-large/);
    expect((await runCli(['validate', file, '--max-file-size', '600'])).code).toBe(2);
    expect((await runCli(['validate', fixture('profiles/genemapper-slim.csv'), '--max-file-size', '1'])).code).toBe(0);
  });
});

describe('validate --format', () => {
  it('an unknown layout is a usage error (exit 2)', async () => {
    const r = await runCli(['validate', '--format', 'bogus', fixture('profiles/genemapper-slim.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/option '--format <format>' argument 'bogus' is invalid/);
  });
  it('a layout of the other kind is a usage error', async () => {
    expect((await runCli(['validate', '--kind', 'profiles', '--format', 'list', fixture('profiles/genemapper-slim.csv')])).code).toBe(2);
  });
  it('a frequency layout implies a frequency file', async () => {
    const r = await runCli(['validate', '--format', 'list', fixture('frequencies/list.txt')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('frequency table');
  });
});
