/**
 * Safe writes (issue 13, item 3): `--out` goes to a temporary file beside the
 * target and is renamed over it; a bad target is refused before any work; a
 * failed write leaves an existing file untouched and says why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPath, writeFileSafely } from '../../src/cli/files.js';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'strkin-out-'));
const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const base = ['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--top', '3', '--no-progress', '--threads', '1'];
const codeOf = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (error) {
    return error instanceof StrkinError ? error.code : `not a StrkinError: ${String(error)}`;
  }
};

describe('strkin search --out: the target is checked before any work', () => {
  it('a missing folder: usage error (exit 2), no search run, no stack trace', async () => {
    const r = await runCli([...base, '--out', join(dir, 'no-such-folder', 'm.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out-folder-missing: The output folder does not exist/);
    expect(r.stderr).not.toMatch(/children: |internal error| {4}at /);
  });
  it('a directory: usage error (exit 2)', async () => {
    const r = await runCli([...base, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out-is-directory: /);
    expect(r.stderr).not.toMatch(/children: /);
  });
  it.skipIf(process.getuid?.() === 0)('a read-only folder: usage error (exit 2)', async () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const r = await runCli([...base, '--out', join(ro, 'm.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out-not-writable: /);
  });
  it.skipIf(!existsSync('/dev/full'))('/dev/full: a clear write-failed error, exit 1', async () => {
    const r = await runCli([...base, '--out', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\/dev\/full: write-failed: Cannot write the output file; nothing was replaced \(ENOSPC/);
    expect(r.stderr).not.toMatch(/internal error| {4}at /);
  });
  it('an input file as --out or --rejected: usage error (exit 2), the input untouched', async () => {
    const families = join(dir, 'families.csv');
    writeFileSync(families, readFileSync(fixture('families/relationships.csv')));
    const args = ['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', families, '--profiles', fixture('profiles/reference-families.csv'), '--threads', '1'];
    const r = await runCli([...args, '--out', families]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out-is-input: The output would overwrite an input file/);
    expect(readFileSync(families, 'utf8')).toBe(readFileSync(fixture('families/relationships.csv'), 'utf8'));
    expect((await runCli([...args, '--rejected', join(dir, '.', 'families.csv')])).code).toBe(2);
  });
  it('a symbolic link as --out: the file it points to is replaced, the link kept', async () => {
    const real = join(dir, 'real.csv');
    const link = join(dir, 'link.csv');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    const r = await runCli([...base, '--out', link, '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toMatch(/^child,family/);
  });
  it('an existing target: refused without --force (exit 2); with it, replaced whole, and no temporary file is left', async () => {
    const out = join(dir, 'good.csv');
    writeFileSync(out, 'PREVIOUS RESULT\n');
    const refused = await runCli([...base, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/out-exists: The output file exists; give --force to replace it/);
    expect(readFileSync(out, 'utf8')).toBe('PREVIOUS RESULT\n');
    const r = await runCli([...base, '--out', out, '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^child,family,missing/);
    expect(readdirSync(dir).filter((f) => f.includes('strkin-tmp'))).toEqual([]);
  });
});

describe('writeFileSafely / checkOutputPath', () => {
  it('refuses bad targets with a code', () => {
    expect(codeOf(() => checkOutputPath(dir))).toBe('out-is-directory');
    expect(codeOf(() => checkOutputPath(`${dir}/`))).toBe('out-is-directory');
    expect(codeOf(() => checkOutputPath(join(dir, 'x', 'y.csv')))).toBe('out-folder-missing');
    expect(codeOf(() => checkOutputPath(undefined))).toBeUndefined();
    expect(codeOf(() => checkOutputPath('-'))).toBeUndefined();
  });
  it('keeps the mode of a file it replaces', () => {
    const out = join(dir, 'mode.csv');
    writeFileSync(out, 'old');
    chmodSync(out, 0o640);
    writeFileSafely(out, 'new');
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(execFileSync('stat', ['-c', '%a', out], { encoding: 'utf8' }).trim()).toBe('640');
  });
  it.skipIf(!existsSync('/dev/full'))('a write error on a device leaves nothing half-done and names the file', () => {
    expect(codeOf(() => writeFileSafely('/dev/full', 'x'.repeat(100_000)))).toBe('write-failed');
  });
});

describe('the built binary killed mid-write (file-size limit) leaves the previous result whole', () => {
  const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
  it('ulimit -f: the existing --out file is untouched', () => {
    const out = join(dir, 'previous.csv');
    writeFileSync(out, 'PREVIOUS RESULT\n');
    // 1 KiB file-size limit; the JSON output is larger, so the write fails (or the process is killed by SIGXFSZ)
    const args = [cli, ...base, '--format', 'json', '--out', out, '--force'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('bash', ['-c', `ulimit -f 1; exec node ${args}`], { encoding: 'utf8' });
    expect(r.status === 0).toBe(false);
    expect(readFileSync(out, 'utf8')).toBe('PREVIOUS RESULT\n');
    expect(r.stderr).toMatch(/previous\.csv: write-failed: Cannot write the output file; nothing was replaced \(EFBIG/);
    expect(readdirSync(dir).filter((f) => f.includes('strkin-tmp'))).toEqual([]);
  });
});
