import { describe, expect, it } from 'vitest';
import { BUILTIN_TABLES, DEFAULT_TABLE_NAME, builtinTable } from '../../src/frequencies/builtin.js';
import { frequencyTableChecksum } from '../../src/frequencies/checksum.js';
import { StrkinError } from '../../src/errors/StrkinError.js';

describe('builtinTable', () => {
  it('has the five NIST 1036 populations with the stated N (data README: AfAm 342, Cauc 361, Hisp 236, Asian 97, All 1036)', () => {
    expect(BUILTIN_TABLES.map((t) => [t.name, t.n])).toEqual([
      ['nist1036-afam', 342],
      ['nist1036-asian', 97],
      ['nist1036-cauc', 361],
      ['nist1036-hisp', 236],
      ['nist1036-all', 1036],
    ]);
    for (const info of BUILTIN_TABLES) {
      const table = builtinTable(info.name);
      expect(table.n).toBe(info.n);
      expect(Object.keys(table.loci)).toHaveLength(29);
      expect(table.warnings).toBeUndefined();
      expect(table.citation).toContain('doi:10.1016/j.fsigen.2012.12.004');
      expect(table.citation).toContain('doi:10.1016/j.fsigen.2017.08.011');
      // The largest 2N at any locus is 2 x N (only two genotypes are missing in the whole data set).
      expect(Math.max(...Object.values(table.loci).map((l) => l.nAlleles ?? 0))).toBe(2 * info.n);
    }
  });

  it('defaults to nist1036-cauc', () => {
    expect(DEFAULT_TABLE_NAME).toBe('nist1036-cauc');
    expect(builtinTable()).toBe(builtinTable('nist1036-cauc'));
    expect(builtinTable('NIST1036-Cauc')).toBe(builtinTable());
  });

  it('matches the documented AfAm TH01 example (forensicpopdata, as recorded in the data README)', () => {
    const th01 = builtinTable('nist1036-afam').loci['TH01'];
    expect(th01?.nAlleles).toBe(684);
    const at = (a: string): number => th01?.frequencies[th01.alleles.indexOf(a)] ?? Number.NaN;
    expect(at('5')).toBeCloseTo(0.004385965, 9);
    expect(at('6')).toBeCloseTo(0.131578947, 9);
    expect(at('9.3')).toBeCloseTo(0.096491228, 9);
    expect(th01?.alleles).toEqual(['5', '6', '7', '8', '9', '9.3', '10']);
    expect(th01?.counts).toEqual([3, 90, 279, 134, 109, 66, 3]);
  });

  it('uses canonical locus names (vWA, Penta D)', () => {
    const table = builtinTable('nist1036-all');
    expect(table.loci['vWA']).toBeDefined();
    expect(table.loci['Penta D']).toBeDefined();
    expect(table.loci['Penta E']?.locus).toBe('Penta E');
  });

  it('has a stable checksum equal to the content hash', () => {
    const table = builtinTable('nist1036-cauc');
    expect(table.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(frequencyTableChecksum(table)).toBe(table.checksum);
    expect(builtinTable('nist1036-afam').checksum).not.toBe(table.checksum);
  });

  it('rejects an unknown name, listing the available ones', () => {
    expect(() => builtinTable('nist1036-eur')).toThrowErrorMatchingInlineSnapshot(`[ValidationError: unknown-table: Unknown built-in frequency table; available: nist1036-afam, nist1036-asian, nist1036-cauc, nist1036-hisp, nist1036-all (name = "nist1036-eur")]`);
    expect(() => builtinTable('x')).toThrow(StrkinError);
  });
});

describe('builtin 2N per locus (docs/frequencies.md)', () => {
  it('is 2 x N except where the source has a missing genotype', () => {
    expect(builtinTable('nist1036-afam').loci['TPOX']?.nAlleles).toBe(682);
    expect(builtinTable('nist1036-hisp').loci['Penta D']?.nAlleles).toBe(470);
    expect(builtinTable('nist1036-all').loci['TPOX']?.nAlleles).toBe(2070);
    expect(builtinTable('nist1036-all').loci['Penta D']?.nAlleles).toBe(2070);
    const exceptions = new Set(['nist1036-afam TPOX', 'nist1036-hisp Penta D', 'nist1036-all TPOX', 'nist1036-all Penta D']);
    for (const { name } of BUILTIN_TABLES) {
      const table = builtinTable(name);
      for (const [locus, l] of Object.entries(table.loci)) if (!exceptions.has(`${name} ${locus}`)) expect(l.nAlleles, `${name} ${locus}`).toBe(2 * (table.n ?? 0));
    }
  });
});
