/**
 * `strkin power` and `strkin simulate --family` with X-chromosomal loci in the
 * frequency table: both use them for a missing person of known sex (the X part of
 * the father–daughter figures is the closed form of test/power/xPower.test.ts),
 * and the JSON provenance names them. Frequencies are synthetic.
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
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { familyPower } from '../../src/power/familyPower.js';
import { runCli } from './run.js';
import { tempDir } from './process.js';

const dir = tempDir('power-x');
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
const father: Profile = { sample: 'F1:AF', sex: 'male', genotypes: { TH01: makeGenotype('6', '7'), DXS10135: makeGenotype('17', '17') }, skipped: [] };
const family: Family = {
  id: 'F1',
  pedigree: { persons: [{ id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'M', sex: 'female', father: 'AF', mother: 'MO' }] },
  missing: ['M'],
  references: { AF: father },
};
writeFileSync(at('freq.csv'), writeFrequenciesLong(table));
writeFileSync(at('families.json'), writeFamiliesJson([family]));
writeFileSync(at('refs.csv'), writeProfilesCsv([father]));

describe('strkin power with X loci', () => {
  it('uses them for a daughter: exclusion power over TH01 and DXS10135, the library\'s figures, provenance xLoci', async () => {
    const r = await runCli(['power', '--families', at('families.json'), '--profiles', at('refs.csv'), '--frequencies', at('freq.csv'), '--mutation', 'none', '--threads', '1', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { provenance: { xLoci?: { loci: string[] } }; families: { exclusionPower: number; expectedLog10LR: number }[] };
    expect(out.provenance.xLoci?.loci).toEqual(['DXS10135']);
    const lib = familyPower([family], { frequencies: table, mutation: 'none' });
    expect(lib.rows[0]?.loci).toBe(2);
    expect(out.families[0]?.exclusionPower).toBe(lib.rows[0]?.exclusionPower);
    // Loci independent: 1 − (1 − e_TH01)(1 − e_X), e_X = (1 − p17)² for a father 17 and a daughter.
    const eTH01 = (1 - (th01.frequencies[th01.alleles.indexOf('6')] as number) - (th01.frequencies[th01.alleles.indexOf('7')] as number)) ** 2;
    expect(out.families[0]?.exclusionPower).toBeCloseTo(1 - (1 - eTH01) * (1 - (1 - P17) ** 2), 12);
  });
  it('simulate --family draws the daughter at X too (mean log10 LR within 4 standard errors of the exact expectation)', async () => {
    const r = await runCli(['simulate', '--family', at('families.json'), '--profiles', at('refs.csv'), '--frequencies', at('freq.csv'), '--mutation', 'none', '--loci', 'TH01,DXS10135', '-n', '4000', '--seed', '7', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const lib = familyPower([family], { frequencies: table, mutation: 'none' });
    const out = JSON.parse(r.stdout) as { provenance: { loci: string[] }; distributions: { truth: string; loci: number; summary: { meanLog10LR: number; quantiles: { log10LR: number }[] } }[] };
    expect(out.provenance.loci).toEqual(['TH01', 'DXS10135']);
    const h1 = out.distributions.find((d) => d.truth === 'H1');
    expect(h1?.loci).toBe(2);
    // Standard error at most (range / 2)/√n; within 4 of them of the exact E[log10 LR | H1] (without X it is about 0.4 lower).
    const q = h1?.summary.quantiles.map((x) => x.log10LR) ?? [];
    const se = (Math.max(...q) - Math.min(...q)) / 2 / Math.sqrt(4000);
    expect(Math.abs((h1?.summary.meanLog10LR ?? 0) - (lib.rows[0]?.expectedLog10LR as number))).toBeLessThan(4 * se + 1e-3);
  });
});
