/**
 * `strkin search` with X-chromosomal loci in the frequency table: the raw search
 * compares them (columns log10LR_autosomal and log10LR_X), `--ignore-metadata` with
 * X loci is refused, and `search --index` (whose tables are autosomal) refuses X
 * loci with a usage error instead of dropping them. Frequencies are synthetic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { writeFamiliesJson } from '../../src/io/families/familiesJson.js';
import { writeFrequenciesLong } from '../../src/io/frequencies/writeFrequencies.js';
import { writeProfilesCsv } from '../../src/io/profiles/writeProfilesCsv.js';
import { makeGenotype } from '../../src/profile/genotype.js';
import type { Profile, Sex } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { runCli } from './run.js';
import { strkin, tempDir } from './process.js';

const dir = tempDir('search-x');
const at = (f: string): string => join(dir, f);
const th01 = builtinTable('nist1036-cauc').loci.TH01!;
const P17 = 0.1;
const table = makeFrequencyTable({
  name: 'x-synthetic',
  loci: [
    { locus: 'TH01', alleles: th01.alleles, frequencies: th01.frequencies },
    { locus: 'DXS10135', alleles: ['17', '18', '19'], frequencies: [P17, 0.2, 0.7] },
  ],
});
const profile = (sample: string, sex: Sex, genotypes: Record<string, [string, string]>): Profile => ({
  sample,
  sex,
  genotypes: Object.fromEntries(Object.entries(genotypes).map(([l, [a, b]]) => [l, makeGenotype(a, b)])),
  skipped: [],
});
const father = profile('F1:AF', 'male', { TH01: ['6', '7'], DXS10135: ['17', '17'] });
const family: Family = {
  id: 'F1',
  pedigree: { persons: [{ id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'M', sex: 'female', father: 'AF', mother: 'MO' }] },
  missing: ['M'],
  references: { AF: father },
};
writeFileSync(at('freq.csv'), writeFrequenciesLong(table));
writeFileSync(at('families.json'), writeFamiliesJson([family]));
writeFileSync(at('refs.csv'), writeProfilesCsv([father]));
writeFileSync(at('children.csv'), writeProfilesCsv([profile('girl', 'female', { TH01: ['6', '9.3'], DXS10135: ['17', '18'] })]));
const base = ['search', '--families', at('families.json'), '--profiles', at('refs.csv'), '--unidentified', at('children.csv'), '--frequencies', at('freq.csv'), '--mutation', 'none', '--min-loci', '1', '--threads', '1', '--quiet'];

describe('strkin search with X loci', () => {
  it('compares them: CSV columns log10LR_autosomal and log10LR_X, the X part 1/(2 p17) for father 17 and daughter 17/18', async () => {
    const r = await runCli(base);
    expect(r.code, r.stderr).toBe(0);
    const [header, row] = r.stdout.trim().split('\n');
    const cols = header!.split(',');
    expect(cols.slice(-2)).toEqual(['log10LR_autosomal', 'log10LR_X']);
    const cells = row!.split(',');
    expect(Number(cells[cols.indexOf('log10LR_X')])).toBeCloseTo(Math.log10(1 / (2 * P17)), 12);
    expect(Number(cells[cols.indexOf('loci_compared')])).toBe(2);
    const json = await runCli([...base, '--format', 'json']);
    expect(json.stdout).toMatch(/"log10LR_X"/);
    // Worker threads (the built CLI as a process) give the same bytes (the X part of each kept pair travels with the scan).
    const threads = strkin(base.map((a, i) => (i > 0 && base[i - 1] === '--threads' ? '2' : a)));
    expect(threads.code, threads.stderr).toBe(0);
    expect(threads.stdout).toBe(strkin(base).stdout);
    expect(threads.stdout).toBe(r.stdout);
  });

  it('--ignore-metadata with X loci is refused; with --loci TH01 it runs', async () => {
    const r = await runCli([...base, '--ignore-metadata']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/X-chromosomal/);
    expect((await runCli([...base, '--ignore-metadata', '--loci', 'TH01'])).code).toBe(0);
  });

  it('search --index refuses X loci with a usage error (exit 2); an index built and searched with --loci naming the autosomal loci runs', async () => {
    const b = await runCli(['index', 'build', '--families', at('families.json'), '--profiles', at('refs.csv'), '--frequencies', at('freq.csv'), '--mutation', 'none', '--out', at('idx'), '--quiet']);
    expect(b.code, b.stderr).toBe(0);
    const idx = ['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--mutation', 'none', '--min-loci', '1', '--quiet'];
    const r = await runCli(idx);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('X-chromosomal loci are not compared by search --index yet (DXS10135)');
    const withLoci = await runCli([...idx, '--loci', 'DXS10135,TH01']);
    expect(withLoci.code).toBe(2);
    const b2 = await runCli(['index', 'build', '--families', at('families.json'), '--profiles', at('refs.csv'), '--frequencies', at('freq.csv'), '--mutation', 'none', '--loci', 'TH01', '--out', at('idx-auto'), '--quiet']);
    expect(b2.code, b2.stderr).toBe(0);
    const ok = await runCli(['search', '--index', at('idx-auto'), '--unidentified', at('children.csv'), '--mutation', 'none', '--min-loci', '1', '--quiet', '--loci', 'TH01']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe((await runCli([...base, '--loci', 'TH01'])).stdout);
    expect(readFileSync(at('freq.csv'), 'utf8')).toMatch(/DXS10135/);
  });
});
