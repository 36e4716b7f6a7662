/** `strkin frequencies list | show NAME | check FILE`, run as a process on the fixtures. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TABLES, builtinTable } from '../../src/index.js';
import { strkin, tempDir } from './process.js';

const dir = tempDir('freq');

describe('strkin frequencies list', () => {
  it('names every built-in table with N, loci, its SHA-256 and the citation; the default subcommand', () => {
    const r = strkin(['frequencies', 'list']);
    expect(r.code, r.stderr).toBe(0);
    for (const t of BUILTIN_TABLES) expect(r.stdout).toContain(`${t.name}\t${t.population}\tN = ${t.n}\t29 loci\tsha256 ${builtinTable(t.name).checksum}`);
    expect(r.stdout).toMatch(/citation: Hill C\.R\., Duewer D\.L\., Kline M\.C\., et al\. \(2013\)/);
    expect(strkin(['frequencies']).stdout).toBe(r.stdout);
  });
  it('--json', () => {
    const r = strkin(['frequencies', 'list', '--json']);
    const out = JSON.parse(r.stdout) as { tables: { name: string; checksum: string; n: number; citation: string; source: string }[] };
    expect(out.tables.map((t) => t.name)).toEqual(BUILTIN_TABLES.map((t) => t.name));
    expect(out.tables[2]).toMatchObject({ name: 'nist1036-cauc', n: 361, checksum: builtinTable('nist1036-cauc').checksum });
    expect(out.tables.every((t) => t.citation.includes('doi:10.1016/j.fsigen.2012.12.004') && t.source.includes('strbase'))).toBe(true);
  });
});

describe('strkin frequencies show', () => {
  it('a built-in table: alleles, frequencies and counts per locus', () => {
    const r = strkin(['frequencies', 'show', 'nist1036-cauc']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^TH01 \(2N = 722\)$/m);
    const th01 = builtinTable('nist1036-cauc').loci['TH01'];
    const i = th01?.alleles.indexOf('9.3') ?? -1;
    expect(r.stdout).toContain(`  9.3    ${th01?.frequencies[i]?.toFixed(6)}  ${th01?.counts?.[i]}`);
  });
  it('--json, and a frequency file by path', () => {
    const out = JSON.parse(strkin(['frequencies', 'show', 'nist1036-afam', '--json']).stdout) as { name: string; loci: { locus: string; alleles: { allele: string; frequency: number; count: number }[] }[] };
    expect(out.name).toBe('nist1036-afam');
    expect(out.loci).toHaveLength(29);
    for (const l of out.loci) expect(l.alleles.reduce((s, a) => s + a.frequency, 0)).toBeCloseTo(1, 9);
    const file = strkin(['frequencies', 'show', 'fixtures/frequencies/list.txt']);
    expect(file.code, file.stderr).toBe(0);
    expect(file.stdout).toMatch(/^table list, \d+ loci/);
  });
  it('an unknown name: file-not-found with a hint, exit 1', () => {
    const r = strkin(['frequencies', 'show', 'nist1036-martian']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^nist1036-martian: file-not-found: /m);
    expect(r.stderr).toMatch(/hint: built-in tables are nist1036-afam, /);
  });
});

describe('strkin frequencies check', () => {
  it.each(['wide.csv', 'wide-semicolon.csv', 'list.txt', 'merlin.freq', 'long-simple.csv', 'strider.xml'])('fixtures/frequencies/%s: valid, summarised, exit 0', (name) => {
    const r = strkin(['frequencies', 'check', `fixtures/frequencies/${name}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^locus +alleles +N +sum +min freq +rare-allele default$/m);
  });
  it('the summary: loci, alleles, N, sums and the rare-allele default with its rule', () => {
    const r = strkin(['frequencies', 'check', 'fixtures/frequencies/wide.csv', '--json']);
    const out = JSON.parse(r.stdout) as { valid: boolean; table: { checksum: string }; loci: { locus: string; alleles: number; n: number | null; sum: number; rareAlleleDefault: number; rareAlleleRule: string }[] };
    expect(out.valid).toBe(true);
    expect(out.loci.map((l) => l.locus)).toEqual(['TH01', 'vWA', 'D3S1358']);
    expect(out.loci[0]).toMatchObject({ alleles: 6, n: 100, rareAlleleDefault: 0.005, rareAlleleRule: 'FMIN' });
    for (const l of out.loci) expect(l.sum).toBeCloseTo(1, 9);
    // a list file gives no N: the default is the fixed floor
    const list = JSON.parse(strkin(['frequencies', 'check', 'fixtures/frequencies/list.txt', '--json']).stdout) as { loci: { n: number | null; rareAlleleRule: string }[] };
    expect(list.loci.every((l) => l.n === null && l.rareAlleleRule === 'fixed 0.001')).toBe(true);
  });
  it('a bad file: every issue as file:line: code: message, exit 1, no summary', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Allele,TH01,FGA\n6,0.3,0.5\n7,0.3,abc\n8,,0.5\n');
    const r = strkin(['frequencies', 'check', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?: [a-z-]+: `));
    expect(r.stderr).toMatch(/bad-sum|sum/);
    const json = JSON.parse(strkin(['frequencies', 'check', bad, '--json']).stdout) as { valid: boolean; issues: { code: string; line: number | null }[] };
    expect(json.valid).toBe(false);
    expect(json.issues.length).toBe(lines.length);
  });
  it('a profile file is not a frequency file: exit 1, with a hint', () => {
    const r = strkin(['frequencies', 'check', 'fixtures/profiles/genemapper-slim.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fixtures\/profiles\/genemapper-slim\.csv:1: unknown-format: /m);
    expect(r.stderr).toMatch(/^hint: give --format wide\|list\|merlin\|long\|strider-xml; a profile file is checked with strkin validate$/m);
  });
});
