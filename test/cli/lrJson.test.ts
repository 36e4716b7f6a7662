/**
 * The JSON contract for LRs a double cannot hold (docs/case-format.md, "LRs in
 * JSON"): through the built binary, an LR of 1e400 keeps its exact log10LR with
 * `LR: null`; `infinite` and `excluded` are explicit statuses; the output always
 * parses as JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTOSOMAL_LOCI } from '../../src/profile/loci.js';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'strkin-lr-json-'));
const run = (args: readonly string[]): string => execFileSync('node', [cli, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

// 50 loci, allele 7 at frequency 1e-8: a homozygous 7/7 parent and child give LR 1/p = 1e8 per locus, 1e400 in all.
const LOCI = AUTOSOMAL_LOCI.slice(0, 50);
const RARE = 1e-8;

interface Ratio {
  log10LR: number | null;
  LR: number | null;
  status: string;
}

const trio = [
  { id: 'AF', father: null, mother: null, sex: 'male' },
  { id: 'MO', father: null, mother: null, sex: 'female' },
  { id: 'C', father: 'AF', mother: 'MO', sex: 'male' },
];

function caseFile(name: string, h1: unknown[], h2: unknown[], af: readonly [string, string], child: readonly [string, string], loci: readonly string[]): string {
  const file = join(dir, `${name}.json`);
  const kase = {
    id: name,
    hypotheses: { H1: { label: 'H1', individuals: h1 }, H2: { label: 'H2', individuals: h2 } },
    markers: loci.map((name) => ({ name, alleles: ['7', '8'], frequencies: [RARE, 1 - RARE] })),
    genotypes: { AF: Object.fromEntries(loci.map((l) => [l, af])), C: Object.fromEntries(loci.map((l) => [l, child])) },
  };
  writeFileSync(file, JSON.stringify(kase));
  return file;
}

function lrJson(file: string): { total: Ratio; markers: (Ratio & { name: string })[] } {
  const text = run(['lr', file, '--json']);
  expect(text).not.toMatch(/Infinity|NaN/);
  return JSON.parse(text) as { total: Ratio; markers: (Ratio & { name: string })[] };
}

// Each test spawns the built CLI (node start-up, 50 loci).
describe('strkin lr --json beyond a double', { timeout: 60_000 }, () => {
  it('needs the built binary', () => {
    expect(existsSync(cli), 'dist/cli.js is built by `npm test` before the tests run').toBe(true);
  });

  it('an LR of 1e400: exact log10LR, LR null (not representable), status ok', () => {
    const out = lrJson(caseFile('overflow', trio, [], ['7', '7'], ['7', '7'], LOCI));
    expect(out.total.status).toBe('ok');
    expect(out.total.LR).toBeNull();
    expect(out.total.log10LR).toBeCloseTo(400, 9);
    expect(out.markers).toHaveLength(50);
    for (const m of out.markers) {
      expect(m).toMatchObject({ status: 'ok' });
      expect(m.log10LR).toBeCloseTo(8, 12);
      expect(m.LR).toBeCloseTo(1e8, 0);
    }
  });

  it('excluded: log10LR null, LR 0', () => {
    const out = lrJson(caseFile('excluded', trio, [], ['7', '7'], ['8', '8'], LOCI.slice(0, 3)));
    expect(out.total).toEqual({ log10LR: null, LR: 0, status: 'excluded' });
    expect(out.markers[0]).toEqual({ name: LOCI[0], log10LR: null, LR: 0, status: 'excluded' });
  });

  it('infinite (H2 impossible): log10LR null, LR null, status infinite', () => {
    // H1: AF and C unrelated; H2: AF is C's father. An inconsistent pair makes H2 impossible.
    const out = lrJson(caseFile('infinite', [], trio, ['7', '7'], ['8', '8'], LOCI.slice(0, 3)));
    expect(out.total).toEqual({ log10LR: null, LR: null, status: 'infinite' });
    expect(out.markers[0]).toEqual({ name: LOCI[0], log10LR: null, LR: null, status: 'infinite' });
  });

  it('undefined (both impossible, 0/0): log10LR null, LR null (not 0, which would read as an exclusion)', () => {
    // H1: AF is C's father; H2: C is AF's father. An inconsistent pair makes both impossible.
    const reversed = [
      { id: 'C', father: null, mother: null, sex: 'male' },
      { id: 'W', father: null, mother: null, sex: 'female' },
      { id: 'AF', father: 'C', mother: 'W', sex: 'male' },
    ];
    const out = lrJson(caseFile('undefined', trio, reversed, ['7', '7'], ['8', '8'], LOCI.slice(0, 3)));
    expect(out.total).toEqual({ log10LR: null, LR: null, status: 'undefined' });
    expect(out.markers[0]).toEqual({ name: LOCI[0], log10LR: null, LR: null, status: 'undefined' });
  });

  it('the table for people writes the overflowing LR from its exact log10LR', () => {
    const text = run(['lr', caseFile('overflow-table', trio, [], ['7', '7'], ['7', '7'], LOCI)]);
    expect(text).toMatch(/total LR = 1\.0000e\+400 {2}\(log10LR = 400\.0000, ok\)/);
  });
});

describe('strkin search --format json beyond a double', { timeout: 60_000 }, () => {
  it('a pair with LR 1e400 keeps its exact log10LR; an excluded pair has LR 0', () => {
    const header = `Sample,${LOCI.join(',')}\n`;
    const freq = join(dir, 'freq.csv');
    writeFileSync(freq, `Allele,${LOCI.join(',')}\n7,${LOCI.map(() => '0.00000001').join(',')}\n8,${LOCI.map(() => '0.99999999').join(',')}\n`);
    const children = join(dir, 'children.csv');
    writeFileSync(children, `${header}C1,${LOCI.map(() => '7/7').join(',')}\nC2,8/8,${LOCI.slice(1).map(() => '7/7').join(',')}\n`);
    const refs = join(dir, 'refs.csv');
    writeFileSync(refs, `${header}R1,${LOCI.map(() => '7/7').join(',')}\n`);
    const families = join(dir, 'families.csv');
    writeFileSync(families, 'family,sample,relationship\nF1,R1,mother\n');
    const args = ['search', '--unidentified', children, '--families', families, '--profiles', refs, '--frequencies', freq, '--mutation', 'none', '--threads', '1', '--no-progress'];
    const text = run([...args, '--format', 'json']);
    expect(text).not.toMatch(/Infinity|NaN/);
    const rows = (JSON.parse(text) as { matches: (Ratio & { child: string; lociCompared: number })[] }).matches;
    const c1 = rows.find((r) => r.child === 'C1');
    expect(c1).toMatchObject({ LR: null, status: 'ok', lociCompared: 50 });
    expect(c1?.log10LR).toBeCloseTo(400, 9);
    expect(rows.find((r) => r.child === 'C2')).toMatchObject({ log10LR: null, LR: 0, status: 'excluded' });
    // CSV: the LR cell is empty (not "Inf") when it overflows; the log10LR cell is exact.
    const csv = run(args).trim().split('\n').map((l) => l.split(','));
    const row = csv.find((c) => c[0] === 'C1');
    expect(Number(row?.[5])).toBeCloseTo(400, 9);
    expect(row?.[6]).toBe('');
  });
});
