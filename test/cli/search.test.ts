/**
 * `strkin search` and `strkin demo` through the CLI: the output contract of
 * DESIGN.md, hand-checkable results on the fixtures, exit codes, and the
 * built binary giving the same bytes with 1 and 2 worker threads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const base = ['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--top', '3', '--no-progress'];
const dir = mkdtempSync(join(tmpdir(), 'strkin-search-'));

describe('strkin search', () => {
  it('writes the CSV contract and ranks the true families first', async () => {
    const r = await runCli([...base, '--threads', '1']);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toBe('child,family,missing,rank_for_child,rank_for_family,log10LR,LR,posterior,loci_compared,loci_inconsistent_without_mutation');
    const first = (child: string) => rows.map((l) => l.split(',')).find((c) => c[0] === child && c[3] === '1');
    // The fixtures' reference table was written so that UHR-0003 is the missing child of F001 and UHR-0005 of F002.
    expect(first('UHR-0003')?.[1]).toBe('F001');
    expect(first('UHR-0005')?.[1]).toBe('F002');
    expect(Number(first('UHR-0003')?.[5])).toBeGreaterThan(10);
    // the values docs/getting-started.md quotes: log10 LR about 19.5 and 7.1, no inconsistent locus; every other child's best LR far below 1
    expect(Number(first('UHR-0003')?.[5])).toBeCloseTo(19.5, 1);
    expect(Number(first('UHR-0005')?.[5])).toBeCloseTo(7.1, 1);
    expect([first('UHR-0003')?.[9], first('UHR-0005')?.[9]]).toEqual(['0', '0']);
    for (const child of ['UHR-0001', 'UHR-0002', 'UHR-0004', 'UHR-0006']) expect(Number(first(child)?.[5])).toBeLessThan(-10);
    expect(r.stderr).toMatch(/children: 6 in, 6 scored/);
    expect(r.stderr).toMatch(/families: 3 in, 3 scored/);
  });
  it('JSON output is valid JSON without NaN, and a threshold filters rows', async () => {
    const r = await runCli([...base, '--threads', '1', '--format', 'json', '--threshold', '1000']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { matches: { child: string; family: string; LR: number; log10LR: number | null; posterior: number }[] };
    expect(out.matches.length).toBeGreaterThanOrEqual(2);
    for (const m of out.matches) expect(m.LR).toBeGreaterThanOrEqual(1000);
    expect(r.stderr).toMatch(/expected chance matches at most/);
  });
  it('--out writes a file', async () => {
    const out = join(dir, 'm.csv');
    const r = await runCli([...base, '--threads', '1', '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
  it('exit codes: 2 for usage errors, 1 for unreadable input', async () => {
    expect((await runCli(['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt')])).code).toBe(2);
    expect((await runCli([...base, '--top', '0'])).code).toBe(2);
    const bad = join(dir, 'bad-children.csv');
    writeFileSync(bad, 'Sample,TH01_1,TH01_2\nC1,6,abc\n');
    const r = await runCli(['search', '--unidentified', bad, '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--threads', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-children\.csv:2: bad-allele: /);
  });
});

// Spawns the built CLI twice with worker threads: slow on a loaded machine.
describe('the built strkin binary', { timeout: 60_000 }, () => {
  const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
  it('gives the same bytes with 1 and 2 worker threads', () => {
    expect(existsSync(cli), 'dist/cli.js is built by `npm test` before the tests run').toBe(true);
    const run = (threads: string) => execFileSync('node', [cli, ...base, '--threads', threads, '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const one = run('1');
    const two = run('2');
    expect(JSON.parse(one)).toBeTruthy();
    expect(two).toBe(one);
  });
});

describe('a pair’s LR does not depend on the rest of the run (built binary)', () => {
  const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
  it('adding unrelated children and families, with alleles the table lacks, leaves every shared pair’s log10LR identical', () => {
    const loci = ['D3S1358', 'vWA', 'TH01', 'FGA', 'D21S11', 'D18S51', 'D8S1179', 'D16S539'];
    const header = `Sample,${loci.map((l) => `${l}_1,${l}_2`).join(',')}\n`;
    const row = (id: string, alleles: readonly string[]) => `${id},${alleles.join(',')}\n`;
    const common = ['15', '16', '17', '18', '9.3', '6', '21', '22', '29', '30', '13', '14', '12', '13', '11', '12'];
    const rare = ['99', '16', '17', '6.1', '9.3', 'OL', '40.3', '22', '29', '35.1', '13', '31', '12', '13', '11', '4'];
    const extraChildren = join(dir, 'extra-children.csv');
    writeFileSync(extraChildren, header + row('X-C1', rare) + row('X-C2', common) + row('X-C3', [...rare].reverse()));
    const extraRefs = join(dir, 'extra-refs.csv');
    writeFileSync(extraRefs, header + row('X-REF-1', rare) + row('X-REF-2', common));
    const families = join(dir, 'families-plus.csv');
    writeFileSync(families, `${readFileSync(fixture('families/relationships.csv'), 'utf8').trimEnd()}\nX001,X-REF-1,mother,Missing X001,female\nX001,X-REF-2,father,Missing X001,male\n`);
    const run = (args: readonly string[]) => JSON.parse(execFileSync('node', [cli, 'search', ...args, '--top', '50', '--min-loci', '4', '--format', 'json', '--no-progress'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { matches: { child: string; family: string; missing: string; log10LR: number | null }[] };
    const alone = run(['--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--threads', '1']);
    const crowded = run(['--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--unidentified', extraChildren, '--families', families, '--profiles', fixture('profiles/reference-families.csv'), '--profiles', extraRefs, '--threads', '2']);
    const key = (m: { child: string; family: string; missing: string }) => `${m.child}|${m.family}|${m.missing}`;
    const after = new Map(crowded.matches.map((m) => [key(m), m.log10LR]));
    expect(alone.matches.length).toBeGreaterThan(5);
    expect(crowded.matches.length).toBeGreaterThan(alone.matches.length);
    for (const m of alone.matches) expect(after.get(key(m)), key(m)).toBe(m.log10LR);
  });
});

// Simulates, builds family tables and searches: seconds on a loaded machine.
describe('strkin demo', { timeout: 60_000 }, () => {
  it('runs a small seeded scenario and reports how many true families ranked first', async () => {
    const r = await runCli(['demo', '--families', '60', '--children', '20', '--related', '12', '--seed', '5', '--threads', '1']);
    expect(r.code, r.stderr).toBe(0);
    const m = /True family ranked first: (\d+) of 12 related children/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(9);
    expect(r.stdout).toMatch(/children: 20 in, 20 scored/);
  });
});
