/**
 * `strkin validate` and `strkin lr` through the CLI entry (exit codes,
 * issue lines, the JSON contracts of DESIGN.md).
 */
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'strkin-cli-'));
const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const cases = (JSON.parse(readFileSync(new URL('../fixtures/validation/cases.json', import.meta.url), 'utf8')) as { cases: Record<string, unknown>[] }).cases;

describe('strkin validate', () => {
  it('summarises a GeneMapper export and exits 0', async () => {
    const r = await runCli(['validate', fixture('profiles/genemapper-globalfiler.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 profiles');
    expect(r.stdout).toMatch(/UHR-0004: male, 20 loci; set aside: TPOX \(tri-allelic\)/);
    expect(r.stderr).toMatch(/genemapper-globalfiler\.txt:\d+: tri-allelic: /);
  });
  it('JSON output has profiles with genotypes and skipped loci', async () => {
    const r = await runCli(['validate', '--json', fixture('profiles/genemapper-globalfiler.txt')]);
    const out = JSON.parse(r.stdout) as { profiles: { sample: string; genotypes: Record<string, unknown>; skipped: { locus: string; reason: string }[] }[]; issues: unknown[] };
    expect(out.profiles).toHaveLength(6);
    expect(out.profiles.find((p) => p.sample === 'UHR-0004')?.skipped).toContainEqual(expect.objectContaining({ locus: 'TPOX', reason: 'tri-allelic' }));
    expect(Array.isArray(out.issues)).toBe(true);
  });
  it('reads a frequency file', async () => {
    const r = await runCli(['validate', fixture('frequencies/wide.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('frequency table');
  });
  it('exits 1 and lists every issue as file:line: code: message', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Sample,D3S1358_1,D3S1358_2,TH01_1,TH01_2\nS1,15,abc,6,9\nS2,15,16,6,7\nS2,15,16,6,7\n');
    const r = await runCli(['validate', bad]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: [a-z-]+: `));
  });
  it('exits 1 for a missing file and 2 for a usage error', async () => {
    expect((await runCli(['validate', join(dir, 'nope.csv')])).code).toBe(1);
    expect((await runCli(['validate'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});

describe('strkin lr', () => {
  const write = (c: Record<string, unknown>) => {
    const f = join(dir, `${String(c['id'])}.json`);
    writeFileSync(f, JSON.stringify(c));
    return f;
  };
  it('prints exactly the contract JSON (and agrees with the validation value)', async () => {
    const c = cases.find((x) => x['id'] === 'mu-028') as Record<string, unknown> & { expected: { lr_total: number } };
    const r = await runCli(['lr', write(c), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { total: { log10LR: number; LR: number }; markers: { name: string; log10LR: number | null; LR: number; status: string }[] };
    expect(Object.keys(out.total)).toEqual(expect.arrayContaining(['log10LR', 'LR']));
    expect(Math.abs(out.total.LR - c.expected.lr_total) / c.expected.lr_total).toBeLessThan(1e-9);
    for (const m of out.markers) expect(['ok', 'excluded', 'undefined', 'untyped']).toContain(m.status);
  });
  it('an excluded case gives log10LR null and LR 0', async () => {
    const c = cases.find((x) => x['id'] === 'mu-043') as Record<string, unknown>;
    const out = JSON.parse((await runCli(['lr', write(c), '--json'])).stdout) as { total: { log10LR: null; LR: number } };
    expect(out.total).toMatchObject({ log10LR: null, LR: 0 });
  });
  it('prints a per-locus table for people', async () => {
    const c = cases.find((x) => x['id'] === 'pw-003') as Record<string, unknown>;
    const r = await runCli(['lr', write(c)]);
    expect(r.stdout).toMatch(/total LR = 125269/);
    expect(r.stdout).toMatch(/^D3S1358\s+2\.84998/m);
  });
  it('takes frequencies from a built-in table for markers given by name', async () => {
    const c = {
      id: 'table-duo',
      theta: 0,
      frequencies: 'nist1036-cauc',
      hypotheses: { H1: { individuals: [{ id: 'AF', father: null, mother: null, sex: 'male' }, { id: 'MO', father: null, mother: null, sex: 'female' }, { id: 'C', father: 'AF', mother: 'MO', sex: 'male' }] }, H2: { individuals: [] } },
      markers: ['TH01', 'D3S1358'],
      genotypes: { AF: { TH01: ['6', '9.3'], D3S1358: ['15', '16'] }, C: { TH01: ['9.3', '9.3'], D3S1358: ['16', '17'] } },
    };
    const r = await runCli(['lr', write(c), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { total: { LR: number }; provenance: { frequencies: { name: string } } };
    expect(out.provenance.frequencies.name).toBe('nist1036-cauc');
    expect(out.total.LR).toBeGreaterThan(1);
  });
  it('bad case files exit 1 with issues', async () => {
    const f = join(dir, 'broken.json');
    writeFileSync(f, '{"hypotheses": {}, "markers": []');
    const r = await runCli(['lr', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.json: bad-json: /);
  });
});
