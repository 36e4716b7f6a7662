/**
 * `strkin search` with X-chromosomal loci in the frequency table: the raw search
 * compares them (columns log10LR_autosomal and log10LR_X), `--ignore-metadata` with
 * X loci is refused, and `search --index` compares X loci as the raw search does
 * (byte-identical output on 1 and 2 threads). Frequencies are synthetic.
 */
import { writeFileSync } from 'node:fs';
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
import { linkedTable, table as xTable, world, X_LINKED } from '../arbitraries/xWorld.js';

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

  it('search --index compares X loci as the raw search: the same bytes on 1 and 2 threads, after an add too (missing persons and children of unknown sex included)', () => {
    const xw = world(9, 'w', 10, 5);
    writeFileSync(at('x-freq.csv'), writeFrequenciesLong(xTable));
    writeFileSync(at('x-families-a.json'), writeFamiliesJson(xw.families.slice(0, 6)));
    writeFileSync(at('x-families-b.json'), writeFamiliesJson(xw.families.slice(6)));
    writeFileSync(at('x-families.json'), writeFamiliesJson(xw.families));
    writeFileSync(at('x-refs.csv'), writeProfilesCsv(xw.families.flatMap((f) => Object.values(f.references))));
    // A child drawn male whose X was dropped as a female's would be refused by the reader (x-heterozygous-male): written of unknown sex.
    const heterozygousX = (p: Profile): boolean => Object.entries(p.genotypes).some(([l, g]) => l.startsWith('DX') || l === 'HPRTB' ? g[1] !== null && g[0] !== g[1] : false);
    writeFileSync(at('x-children.csv'), writeProfilesCsv(xw.children.map((c) => (c.sex === 'male' && heterozygousX(c) ? { ...c, sex: 'unknown' as const } : c))));
    const model = ['--frequencies', at('x-freq.csv'), '--mutation', 'none'];
    const raw = strkin(['search', '--families', at('x-families.json'), '--profiles', at('x-refs.csv'), '--unidentified', at('x-children.csv'), ...model, '--min-loci', '1', '--threads', '1', '--quiet', '--format', 'json']);
    expect(raw.code, raw.stderr).toBe(0);
    expect(raw.stdout).toMatch(/"log10LR_X": -?\d/);
    const b = strkin(['index', 'build', '--families', at('x-families-a.json'), '--profiles', at('x-refs.csv'), ...model, '--shard-families', '2', '--out', at('x-idx'), '--quiet']);
    expect(b.code, b.stderr).toBe(0);
    const add = strkin(['index', 'add', '--index', at('x-idx'), '--families', at('x-families-b.json'), '--profiles', at('x-refs.csv'), '--quiet']);
    expect(add.code, add.stderr).toBe(0);
    for (const threads of ['1', '2']) {
      const r = strkin(['search', '--index', at('x-idx'), '--unidentified', at('x-children.csv'), '--mutation', 'none', '--min-loci', '1', '--threads', threads, '--quiet', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(raw.stdout);
    }
  });

  it('--x-linkage: the index records the mode; a search asking another is refused by name; each mode gives the raw search\'s bytes', () => {
    const xw = world(11, 'l', 10, 5, X_LINKED);
    writeFileSync(at('l-freq.csv'), writeFrequenciesLong(linkedTable));
    writeFileSync(at('l-families.json'), writeFamiliesJson(xw.families));
    writeFileSync(at('l-refs.csv'), writeProfilesCsv(xw.families.flatMap((f) => Object.values(f.references))));
    const heterozygousX = (p: Profile): boolean => Object.entries(p.genotypes).some(([l, g]) => (X_LINKED.includes(l) ? g[1] !== null && g[0] !== g[1] : false));
    writeFileSync(at('l-children.csv'), writeProfilesCsv(xw.children.map((c) => (c.sex === 'male' && heterozygousX(c) ? { ...c, sex: 'unknown' as const } : c))));
    const model = ['--frequencies', at('l-freq.csv'), '--mutation', 'none'];
    const search = ['--unidentified', at('l-children.csv'), '--mutation', 'none', '--min-loci', '1', '--threads', '1', '--quiet', '--format', 'json'];
    const raw = (mode: string[]): string => {
      const r = strkin(['search', '--families', at('l-families.json'), '--profiles', at('l-refs.csv'), '--frequencies', at('l-freq.csv'), ...search, ...mode]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const safe = raw([]);
    const unlinked = raw(['--x-linkage', 'unlinked']);
    expect(raw(['--x-linkage', 'safe'])).toBe(safe);
    expect(safe).toMatch(/"linkage": "safe: /);
    expect(unlinked).toMatch(/"linkage": "unlinked: /);
    expect(unlinked).not.toBe(safe); // some family of the world is not linkage-safe
    const build = (dirName: string, mode: string[]): void => {
      const b = strkin(['index', 'build', '--families', at('l-families.json'), '--profiles', at('l-refs.csv'), ...model, '--out', at(dirName), '--quiet', ...mode]);
      expect(b.code, b.stderr).toBe(0);
    };
    build('l-safe', []);
    build('l-unlinked', ['--x-linkage', 'unlinked']);
    const fromIndex = (dirName: string, mode: string[]): ReturnType<typeof strkin> => strkin(['search', '--index', at(dirName), ...search, ...mode]);
    expect(fromIndex('l-safe', []).stdout).toBe(safe);
    expect(fromIndex('l-unlinked', ['--x-linkage', 'unlinked']).stdout).toBe(unlinked);
    const refused = fromIndex('l-unlinked', []);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('X linkage (index = unlinked, asked = safe)');
    const info = strkin(['index', 'info', at('l-unlinked')]);
    expect(info.stdout).toContain('X loci compared (X linkage unlinked)');
  });
});
