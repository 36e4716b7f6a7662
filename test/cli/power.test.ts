/**
 * `strkin power` through the CLI on the fixtures: the JSON contract of issue 9,
 * rows sorted by pIdentified, the same figures as the library's familyPower,
 * exit codes, and the built binary giving the same bytes with 1 and 2 threads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { parseFamilies } from '../../src/io/families/parseFamilies.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { familyPower } from '../../src/power/familyPower.js';
import { runCli } from './run.js';

const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const base = ['power', '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--grid-step', '0.01'];

interface PowerJson {
  provenance: { strkinVersion: string; frequencies: { name: string; checksum: string }; mutationModel: string; theta: number; threshold: number; gridStep: number; identificationLR: number; databaseSize: number };
  families: { family: string; missing: string; exclusionPower: number; expectedLog10LR: number; pExceed: { threshold: number; h1: number; h2: number }[]; pIdentified: number; pAboveThreshold: number; suggestions: unknown[] }[];
}

describe('strkin power', () => {
  it('writes the JSON contract, lowest pIdentified first, with the library’s figures', async () => {
    const r = await runCli([...base, '--threads', '1', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as PowerJson;
    expect(out.provenance).toMatchObject({ frequencies: { name: 'nist1036-cauc' }, mutationModel: 'stepwise', theta: 0, threshold: 10000, gridStep: 0.01, identify: 0.9999, priorInDatabase: 0.5, databaseSize: 3 });
    // Three targets: LR* = 0.9999/0.0001 · (3 − 1 + 3·0.5/0.5) = 49,995 (docs/identification.md, "Power").
    expect(out.provenance.identificationLR).toBeCloseTo(49995, 6);
    expect(out.families.map((f) => f.family).sort()).toEqual(['F001', 'F002', 'F003']);
    for (let i = 1; i < out.families.length; i++) expect(out.families[i]?.pIdentified).toBeGreaterThanOrEqual(out.families[i - 1]?.pIdentified as number);
    for (const f of out.families) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['family', 'missing', 'exclusionPower', 'expectedLog10LR', 'pExceed', 'pIdentified', 'suggestions']));
      expect(f.pExceed.map((e) => e.threshold)).toEqual([1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]);
      for (const e of f.pExceed) expect(e.h2).toBeLessThanOrEqual(1 / e.threshold);
      expect(f.pAboveThreshold).toBe(f.pExceed[3]?.h1);
      // LR* lies between 10^4 and 10^5.
      expect(f.pIdentified).toBeLessThanOrEqual(f.pExceed[3]?.h1 as number);
      expect(f.pIdentified).toBeGreaterThanOrEqual(f.pExceed[4]?.h1 as number);
    }
    // The same figures as the library on the same files.
    const refs = parseProfiles(readFileSync(fixture('profiles/reference-families.csv'), 'utf8')).profiles;
    const fams = parseFamilies(readFileSync(fixture('families/relationships.csv'), 'utf8'), { profiles: refs }).families;
    const lib = familyPower(fams, { frequencies: builtinTable(), mutation: 'stepwise', gridStep: 0.01 });
    expect(out.families.map((f) => [f.family, f.missing, f.exclusionPower, f.expectedLog10LR, f.pIdentified])).toEqual(lib.rows.map((f) => [f.family, f.missing, f.exclusionPower, f.expectedLog10LR, f.pIdentified]));
  });
  it('CSV: one row per (family, missing person)', async () => {
    const r = await runCli([...base, '--threads', '1', '--mutation', 'none', '--threshold', '1e6']);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header?.split(',').slice(0, 8)).toEqual(['family', 'missing', 'loci', 'exclusion_power', 'expected_log10LR', 'p_identified', 'p_h1_ge_1e1', 'p_h2_ge_1e1']);
    expect(rows).toHaveLength(3);
    // With threshold 1e6, p_above_threshold (last column) is the 1e6 column.
    for (const row of rows) {
      const c = row.split(',');
      expect(c[c.length - 1]).toBe(c[6 + 2 * 5]);
    }
    expect(r.stderr).toMatch(/families: 3 in, 3 rows/);
  });
  it('--database-size and --identify set the decision rule: one target with LR* = P/(1 − P) = 10^6 gives the 1e6 column', async () => {
    const r = await runCli([...base, '--threads', '1', '--format', 'json', '--database-size', '1', '--identify', String(1e6 / (1e6 + 1))]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as PowerJson;
    expect(out.provenance.databaseSize).toBe(1);
    for (const f of out.families) expect(f.pIdentified).toBe(f.pExceed[5]?.h1);
    const bad = await runCli([...base, '--database-size', '0', '--prior-in-database', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--database-size');
    expect(bad.stderr).toContain('--prior-in-database');
  });
  it('--suggestions: the untyped parent comes first; a family with both parents typed has no parent to suggest', async () => {
    const r = await runCli([...base, '--threads', '1', '--format', 'json', '--suggestions', '1', '--candidates', 'father,mother']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { families: { family: string; suggestions: { relative: string; gain: number; expectedLog10LRGain: number; pIdentified: number }[] }[] };
    const by = (id: string) => out.families.find((f) => f.family === id)?.suggestions ?? [];
    expect(by('F002').map((x) => x.relative)).toEqual(['father']);
    expect(by('F002')[0]?.expectedLog10LRGain).toBeGreaterThan(3);
    expect(by('F002')[0]?.gain).toBeGreaterThan(0);
    expect(by('F003').map((x) => x.relative)).toEqual(['mother']);
    expect(by('F001')).toEqual([]);
  });
  it('exit codes: 2 for bad options, 1 for unreadable input', async () => {
    expect((await runCli([...base, '--grid-step', '1'])).code).toBe(2);
    expect((await runCli([...base, '--threshold', '0'])).code).toBe(2);
    expect((await runCli([...base, '--suggestions', '1.5'])).code).toBe(2);
    expect((await runCli(['power', '--families', fixture('families/nope.csv')])).code).toBe(1);
  });
});

describe('the built strkin binary: power', () => {
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
