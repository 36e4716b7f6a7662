/**
 * A locus named `constructor` (or another Object.prototype member) through the
 * CLI (issue 13, item 2): `lr`, `search --loci` and `simulate --loci` crashed
 * with a stack trace (exit 70). Now the name is an ordinary locus name: found
 * when the table has it, a clear `locus-not-in-table` when it does not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'strkin-names-'));
const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const kase = (markers: unknown[], genotypes: Record<string, Record<string, string[]>>) => ({
  theta: 0,
  hypotheses: {
    H1: { label: 'AF is the father of C', individuals: [{ id: 'AF', father: null, mother: null, sex: 'male' }, { id: 'MO', father: null, mother: null, sex: 'female' }, { id: 'C', father: 'AF', mother: 'MO', sex: 'male' }] },
    H2: { label: 'unrelated', individuals: [] },
  },
  markers,
  genotypes,
});

describe('a locus named constructor on the command line', () => {
  // wide.csv with TH01 renamed: a table that has a locus `constructor`
  const table = join(dir, 'freq.csv');
  writeFileSync(table, readFileSync(fixture('frequencies/wide.csv'), 'utf8').replace('Allele,TH01,', 'Allele,constructor,'));

  it.each(['constructor', 'toString', '__proto__'])('lr with marker %s not in the table: locus-not-in-table, exit 1', async (name) => {
    const file = join(dir, `case-${name}.json`);
    writeFileSync(file, JSON.stringify(kase([name], { AF: { [name]: ['6', '9.3'] }, C: { [name]: ['9.3', '9.3'] } })));
    const r = await runCli(['lr', file, '--frequencies', fixture('frequencies/wide.csv'), '--json']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/locus-not-in-table/);
  });
  it('lr with marker constructor in the table: the same LR as TH01', async () => {
    const named = join(dir, 'case-named.json');
    writeFileSync(named, JSON.stringify(kase(['constructor'], { AF: { constructor: ['6', '9.3'] }, C: { constructor: ['9.3', '9.3'] } })));
    const r = await runCli(['lr', named, '--frequencies', table, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const th01 = join(dir, 'case-th01.json');
    writeFileSync(th01, JSON.stringify(kase(['TH01'], { AF: { TH01: ['6', '9.3'] }, C: { TH01: ['9.3', '9.3'] } })));
    const r2 = await runCli(['lr', th01, '--frequencies', fixture('frequencies/wide.csv'), '--json']);
    expect((JSON.parse(r.stdout) as { total: unknown }).total).toEqual((JSON.parse(r2.stdout) as { total: unknown }).total);
  });
  it('search --loci constructor: a clear error, exit 1', async () => {
    const r = await runCli(['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--loci', 'constructor,TH01', '--threads', '1', '--no-progress']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/locus-not-in-table: .*\(locus = "constructor"\)/);
  });
  it('simulate --loci constructor: a clear error, exit 1; with the table that has it, it runs', async () => {
    const r = await runCli(['simulate', '--loci', 'constructor', '-n', '5', '--seed', '1']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/locus-not-in-table/);
    const ok = await runCli(['simulate', '--loci', 'constructor', '--frequencies', table, '-n', '5', '--seed', '1']);
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('the built binary with worker threads: a reference and a missing person named __proto__ / constructor', () => {
  const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
  it('gives the rows of the original names, with 1 and 2 threads', () => {
    const families = readFileSync(fixture('families/relationships.csv'), 'utf8');
    const refs = readFileSync(fixture('profiles/reference-families.csv'), 'utf8');
    writeFileSync(join(dir, 'fam.csv'), families.split('REF-F001-M').join('__proto__').split('Missing F001').join('constructor'));
    writeFileSync(join(dir, 'refs.csv'), refs.split('REF-F001-M').join('__proto__'));
    const run = (fam: string, ref: string, threads: string) =>
      execFileSync('node', [cli, 'search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', fam, '--profiles', ref, '--top', '3', '--no-progress', '--threads', threads], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const base = run(fixture('families/relationships.csv'), fixture('profiles/reference-families.csv'), '1');
    const back = (csv: string) => csv.split('constructor').join('Missing F001');
    expect(back(run(join(dir, 'fam.csv'), join(dir, 'refs.csv'), '1'))).toBe(base);
    expect(back(run(join(dir, 'fam.csv'), join(dir, 'refs.csv'), '2'))).toBe(base);
  });
});
