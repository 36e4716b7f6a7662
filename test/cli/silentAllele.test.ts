/**
 * `--silent-frequency` and the case field `silent` through the CLI entry
 * (docs/statistics.md, "Silent alleles"; docs/case-format.md).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'strkin-silent-'));
const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const DUO = { H1: { individuals: [{ id: 'AF', sex: 'male' }, { id: 'MO', sex: 'female' }, { id: 'C', father: 'AF', mother: 'MO' }] }, H2: { individuals: [] } };

function caseFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}
const lrOf = (stdout: string): { total: { LR: number; status: string }; provenance: { silentFrequencies?: { marker: string; frequency: number }[] } } => JSON.parse(stdout) as never;

describe('strkin lr with silent alleles', () => {
  // Father 6/6, child 7/7, p6 = .1, p7 = .2 (table), s = .05: LR = s / ((p6' + 2s)(p7' + 2s)), p' = p(1 − s).
  const s = 0.05;
  const expected = s / ((0.1 * (1 - s) + 2 * s) * (0.2 * (1 - s) + 2 * s));
  const inline = (silent?: number) => ({ hypotheses: DUO, markers: [{ name: 'TH01', alleles: ['6', '7', '8'], frequencies: [0.1, 0.2, 0.7], ...(silent !== undefined ? { silent } : {}) }], genotypes: { AF: { TH01: ['6', '6'] }, C: { TH01: ['7', '7'] } } });

  it('reads the marker field "silent": opposite homozygotes are no exclusion', async () => {
    const r = await runCli(['lr', caseFile('silent.json', inline(s)), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = lrOf(r.stdout);
    expect(out.total.LR).toBeCloseTo(expected, 12);
    expect(out.provenance.silentFrequencies).toEqual([{ marker: 'TH01', frequency: s }]);
    const plain = await runCli(['lr', caseFile('plain.json', inline()), '--json']);
    expect(lrOf(plain.stdout).total.status).toBe('excluded');
  });

  it('--silent-frequency applies to markers without the field; the case field wins', async () => {
    const r = await runCli(['lr', caseFile('plain2.json', inline()), '--json', '--silent-frequency', String(s)]);
    expect(lrOf(r.stdout).total.LR).toBeCloseTo(expected, 12);
    const perLocus = await runCli(['lr', caseFile('plain3.json', inline()), '--json', '--silent-frequency', `THO1=${s}`]);
    expect(lrOf(perLocus.stdout).total.LR).toBeCloseTo(expected, 12);
    const own = await runCli(['lr', caseFile('own.json', inline(0)), '--json', '--silent-frequency', '0.2']);
    expect(lrOf(own.stdout).total.status).toBe('excluded');
  });

  it('a bad value is a usage error (exit 2), a bad case field an input error (exit 1)', async () => {
    const usage = await runCli(['lr', caseFile('u.json', inline()), '--silent-frequency', '1']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('option --silent-frequency: bad-silent-frequency: Silent allele frequency must be a number in [0, 1) (silentFrequency = 1)');
    expect((await runCli(['lr', caseFile('u2.json', inline()), '--silent-frequency', 'TH01=0.1,TH01=0.2'])).code).toBe(2);
    const bad = await runCli(['lr', caseFile('bad.json', inline(-0.1))]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad-silent-frequency: Silent allele frequency must be a number in \[0, 1\) \(marker = TH01, silent = -0\.1\)/);
  });
});

describe('strkin search, power and simulate with --silent-frequency', () => {
  const search = ['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--threads', '1', '--no-progress'];

  it('search: --silent-frequency 0 gives the same output as no option, a positive one changes it and is recorded', async () => {
    const plain = await runCli([...search, '--quiet']);
    const zero = await runCli([...search, '--quiet', '--silent-frequency', '0']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(zero.stdout).toBe(plain.stdout);
    const on = await runCli([...search, '--quiet', '--silent-frequency', '0.01', '--format', 'json']);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toContain('"silentFrequencies"');
  });

  it('power and simulate take the option', async () => {
    const power = await runCli(['power', '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--threads', '1', '--silent-frequency', '0.01']);
    expect(power.code, power.stderr).toBe(0);
    const sim = await runCli(['simulate', '--relatives', 'mother', '--loci', 'TH01,FGA', '-n', '20', '--seed', '3', '--silent-frequency', 'TH01=0.05']);
    expect(sim.code, sim.stderr).toBe(0);
    expect(sim.stdout).toContain('silent alleles TH01 0.05');
    expect((await runCli(['simulate', '--silent-frequency', '-1'])).code).toBe(2);
  });
});
