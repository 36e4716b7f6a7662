/**
 * X-chromosomal loci in the search (docs/lineage.md, "X in the search"): closed
 * forms derived by hand from the X transmission rules (a father passes his one X
 * to every daughter, a mother one of her two to every child), the per-type
 * columns, the pairs X is not read for, and the equality with `familyLR`
 * (kinshipLR of the pair alone). Frequencies are synthetic (no openly licensed X
 * table exists): DXS10135 p17 = 0.1, p18 = 0.2, p19 = 0.7.
 */
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { makeGenotype } from '../../src/profile/genotype.js';
import type { Profile, Sex } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { buildFamilyIndex } from '../../src/search/familyIndex.js';
import { encodeChildren } from '../../src/search/encodeChildren.js';
import { scanRange } from '../../src/search/scan.js';
import { planSearch } from '../../src/search/plan.js';
import { searchFamilies, type SearchOptions } from '../../src/search/searchFamilies.js';
import { writeSearchCsv, searchJsonRow } from '../../src/report/searchReport.js';
import { ValidationError } from '../../src/errors/StrkinError.js';

const P17 = 0.1;
const P18 = 0.2;
const th01 = builtinTable('nist1036-cauc').loci.TH01!;
const table = makeFrequencyTable({
  name: 'x-synthetic',
  loci: [
    { locus: 'TH01', alleles: th01.alleles, frequencies: th01.frequencies },
    { locus: 'DXS10135', alleles: ['17', '18', '19'], frequencies: [P17, P18, 0.7] },
  ],
});
const options: SearchOptions = { frequencies: table, mutation: 'none', minLoci: 1, topK: 10 };

const profile = (sample: string, sex: Sex, genotypes: Record<string, [string, string]>): Profile => ({
  sample,
  sex,
  genotypes: Object.fromEntries(Object.entries(genotypes).map(([l, [a, b]]) => [l, makeGenotype(a, b)])),
  skipped: [],
});

/** A trio: father AF, mother MO, missing child M of sex `sex`; references as given. */
function trio(id: string, sex: Sex, references: Record<string, Profile>): Family {
  return {
    id,
    pedigree: {
      persons: [
        { id: 'AF', sex: 'male', father: null, mother: null },
        { id: 'MO', sex: 'female', father: null, mother: null },
        { id: 'M', sex, father: 'AF', mother: 'MO' },
      ],
    },
    missing: ['M'],
    references,
  };
}

const log10 = Math.log10;

describe('X loci in the search: closed forms', () => {
  it('father 17 and a missing daughter: a girl 17/18 gives 1/(2 p17), a girl 17/17 gives 1/p17', () => {
    const family = trio('F', 'female', { AF: profile('AF', 'male', { DXS10135: ['17', '17'] }) });
    const result = searchFamilies([profile('het', 'female', { DXS10135: ['17', '18'] }), profile('hom', 'female', { DXS10135: ['17', '17'] })], [family], options);
    const het = result.matches.find((m) => m.child === 'het');
    const hom = result.matches.find((m) => m.child === 'hom');
    expect(het?.LR).toBeCloseTo(1 / (2 * P17), 12);
    expect(hom?.LR).toBeCloseTo(1 / P17, 12);
    expect(het?.lociCompared).toBe(1);
    expect(het?.byType?.autosomal).toBe(0);
    expect(het?.byType?.X).toBeCloseTo(log10(1 / (2 * P17)), 12);
  });

  it('mother 17/18 and a missing son: a boy 17 (written 17/17) gives 1/(2 p17); mother 17/17 gives 1/p17', () => {
    const het = trio('A', 'male', { MO: profile('MO', 'female', { DXS10135: ['17', '18'] }) });
    const hom = trio('B', 'male', { MO: profile('MO', 'female', { DXS10135: ['17', '17'] }) });
    const result = searchFamilies([profile('boy', 'male', { DXS10135: ['17', '17'] })], [het, hom], options);
    expect(result.matches.find((m) => m.family === 'A')?.LR).toBeCloseTo(1 / (2 * P17), 12);
    expect(result.matches.find((m) => m.family === 'B')?.LR).toBeCloseTo(1 / P17, 12);
  });

  it('father and a missing son: the father passes no X to a son, the X LR is 1 (the locus is typed and compared, as in familyLR)', () => {
    const family = trio('F', 'male', { AF: profile('AF', 'male', { DXS10135: ['19', '19'] }) });
    const boy = profile('boy', 'male', { DXS10135: ['17', '17'] });
    const m = searchFamilies([boy], [family], options).matches[0];
    expect(m?.LR).toBeCloseTo(1, 12);
    expect(m?.lociCompared).toBe(familyLR(boy, family, 'M', options).markers.length);
  });

  it('with theta > 0 a boy is one draw from the urn: mother 17/18, boy 17, equals familyLR (kinshipLR) to 1e-10', () => {
    const family = trio('F', 'male', { MO: profile('MO', 'female', { DXS10135: ['17', '18'] }) });
    const boy = profile('boy', 'male', { DXS10135: ['17', '17'] });
    const o = { ...options, theta: 0.03 };
    const m = searchFamilies([boy], [family], o).matches[0];
    const alone = familyLR(boy, family, 'M', o);
    expect(alone.markers.length).toBe(1);
    expect(Math.abs((m?.log10LR as number) - (alone.total.log10LR as number))).toBeLessThan(1e-10);
  });

  it('autosomal and X together: the total is the product, byType splits it, CSV and JSON carry log10LR_X', () => {
    const family = trio('F', 'female', { AF: profile('AF', 'male', { DXS10135: ['17', '17'], TH01: ['6', '7'] }) });
    const girl = profile('girl', 'female', { DXS10135: ['17', '18'], TH01: ['6', '9.3'] });
    const result = searchFamilies([girl], [family], options);
    const m = result.matches[0]!;
    const alone = familyLR(girl, family, 'M', options);
    expect(m.lociCompared).toBe(2);
    expect(Math.abs((m.log10LR as number) - (alone.total.log10LR as number))).toBeLessThan(1e-10);
    expect(m.byType?.X).toBeCloseTo(log10(1 / (2 * P17)), 12);
    expect((m.byType?.autosomal as number) + (m.byType?.X as number)).toBeCloseTo(m.log10LR as number, 12);
    expect(result.provenance.xLoci?.loci).toEqual(['DXS10135']);
    expect(result.provenance.xLoci?.independence).toMatch(/independent/);
    const csv = writeSearchCsv(result).split('\n');
    expect(csv[0]).toMatch(/,log10LR_autosomal,log10LR_X$/);
    expect(csv[1]?.split(',').length).toBe(csv[0]?.split(',').length);
    const row = searchJsonRow(m);
    expect(row.log10LR_X).toBeCloseTo(log10(1 / (2 * P17)), 12);
    expect(row.log10LR_Y).toBeUndefined();
  });
});

describe('X loci in the search: the pairs X is not read for', () => {
  const father = profile('AF', 'male', { DXS10135: ['17', '17'], TH01: ['6', '7'] });

  it('a child of unknown sex: X not compared (noted), only the autosomal loci count', () => {
    const family = trio('F', 'female', { AF: father });
    const child = profile('c', 'unknown', { DXS10135: ['17', '18'], TH01: ['6', '9.3'] });
    const result = searchFamilies([child], [family], options);
    const m = result.matches[0]!;
    expect(m.lociCompared).toBe(1);
    expect(m.byType?.X).toBe(0);
    expect(Math.abs((m.log10LR as number) - (familyLR(child, family, 'M', options).total.log10LR as number))).toBeLessThan(1e-10);
    expect(result.childNotes.some((n) => n.child === 'c' && n.locus === 'DXS10135' && /sex is unknown/.test(n.reason))).toBe(true);
  });

  it('a missing person of unknown sex: X not compared for that target', () => {
    const family = trio('F', 'unknown', { AF: father });
    const child = profile('c', 'female', { DXS10135: ['17', '18'], TH01: ['6', '9.3'] });
    const m = searchFamilies([child], [family], options).matches[0]!;
    expect(m.lociCompared).toBe(1);
    expect(m.byType?.X).toBe(0);
    expect(Math.abs((m.log10LR as number) - (familyLR(child, family, 'M', options).total.log10LR as number))).toBeLessThan(1e-10);
  });

  it('a male child with two different X alleles: the locus counted as untyped, with a note', () => {
    const family = trio('F', 'male', { MO: profile('MO', 'female', { DXS10135: ['17', '18'], TH01: ['6', '7'] }) });
    const child = profile('c', 'male', { DXS10135: ['17', '18'], TH01: ['6', '9.3'] });
    const result = searchFamilies([child], [family], options);
    expect(result.matches[0]?.lociCompared).toBe(1);
    expect(result.childNotes.some((n) => n.child === 'c' && n.locus === 'DXS10135' && /one X allele/.test(n.reason))).toBe(true);
  });

  it('a male child and a missing daughter (sexes differ) are excluded by the sex filter; ignoreMetadata with X loci is a bad-option error', () => {
    const family = trio('F', 'female', { AF: father });
    const boy = profile('b', 'male', { DXS10135: ['17', '17'], TH01: ['6', '9.3'] });
    const result = searchFamilies([boy], [family], options);
    expect(result.matches).toEqual([]);
    expect(result.accounting.children[0]?.pairsExcluded).toBe(1);
    expect(() => searchFamilies([boy], [family], { ...options, ignoreMetadata: true })).toThrow(ValidationError);
    // Without X loci the option works as before.
    expect(searchFamilies([boy], [family], { ...options, ignoreMetadata: true, loci: ['TH01'] }).matches).toHaveLength(1);
  });

  it('a reference typed at X without a sex rejects the family with the reason', () => {
    const family: Family = {
      id: 'F',
      pedigree: { persons: [{ id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'M', sex: 'female', father: 'AF', mother: 'MO' }, { id: 'S', sex: 'unknown', father: 'AF', mother: 'MO' }] },
      missing: ['M'],
      references: { S: profile('S', 'unknown', { DXS10135: ['17', '18'], TH01: ['6', '7'] }) },
    };
    const result = searchFamilies([profile('c', 'female', { DXS10135: ['17', '18'], TH01: ['6', '9.3'] })], [family], options);
    expect(result.accounting.families[0]?.reasons.join(' ')).toMatch(/sex/);
  });
});

describe('X loci where the search does not compare them', () => {
  it('planSearch without xLoci lists X loci as unused; naming one in loci is x-locus-not-supported', () => {
    const family = trio('F', 'female', { AF: profile('AF', 'male', { DXS10135: ['17', '17'], TH01: ['6', '7'] }) });
    const plan = planSearch([family], [], { frequencies: table });
    expect(plan.loci.map((l) => l.name)).toEqual(['TH01']);
    expect(plan.unusedLoci.find((u) => u.locus === 'DXS10135')?.reason).toMatch(/X-chromosomal/);
    expect(plan.provenance.xLoci).toBeUndefined();
    expect(() => planSearch([family], [], { frequencies: table, loci: ['TH01', 'DXS10135'] })).toThrow(/X-chromosomal loci are not compared where xLoci is off/);
    expect(planSearch([family], [], { frequencies: table, xLoci: true }).loci.map((l) => [l.name, l.chromosome])).toEqual([
      ['TH01', undefined],
      ['DXS10135', 'X'],
    ]);
  });

  it('searchFamilies with xLoci false is the autosomal search, and a table without X loci gives no per-type fields', () => {
    const family = trio('F', 'female', { AF: profile('AF', 'male', { DXS10135: ['17', '17'], TH01: ['6', '7'] }) });
    const girl = profile('girl', 'female', { DXS10135: ['17', '18'], TH01: ['6', '9.3'] });
    const off = searchFamilies([girl], [family], { ...options, xLoci: false });
    const autosomal = searchFamilies([girl], [family], { ...options, loci: ['TH01'] });
    expect(off.matches).toEqual(autosomal.matches);
    expect(off.matches[0]?.byType).toBeUndefined();
    expect(writeSearchCsv(autosomal).split('\n')[0]).not.toMatch(/log10LR_/);
  });

  it('scan parts carry the X part of each kept pair; the scan equals the search', () => {
    const family = trio('F', 'female', { AF: profile('AF', 'male', { DXS10135: ['17', '17'], TH01: ['6', '7'] }) });
    const girl = profile('girl', 'female', { DXS10135: ['17', '18'], TH01: ['6', '9.3'] });
    const plan = planSearch([family], [girl], { ...options, xLoci: true });
    const index = buildFamilyIndex([family], { plan });
    const scan = scanRange(index, encodeChildren([girl], plan), 0, index.targets.length, options);
    expect(scan.childLnX?.[0]).toBeCloseTo(Math.log(1 / (2 * P17)), 12);
  });
});
