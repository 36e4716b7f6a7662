/**
 * Names never change results (issue 13, item 2). Ids, sample names, locus and
 * marker names come from input files; strkin used plain objects as maps, so
 * `__proto__` vanished (or replaced a prototype) and `constructor`,
 * `hasOwnProperty`, `toString` were found where nothing was stored. Each test
 * renames something in a fixture to such a name and checks that the result is
 * the same as under the original name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { findLocus } from '../../src/frequencies/rareAllele.js';
import { parseCase } from '../../src/io/caseFile.js';
import { parseFamilies } from '../../src/io/families/parseFamilies.js';
import { parseFrequencies } from '../../src/io/frequencies/parseFrequencies.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { genotypeAt, type Profile } from '../../src/profile/Profile.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const HOSTILE = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'];
const replaceAll = (text: string, from: string, to: string): string => text.split(from).join(to);

const children = parseProfiles(fixture('profiles/genemapper-globalfiler.txt'), { file: 'g.txt' }).profiles;
const table = builtinTable();

/** Every match of a search, with the renamed name put back, sorted. */
function search(familiesText: string, profilesText: string | undefined, file: string, from?: string, to?: string): string[] {
  const refs = profilesText === undefined ? [] : parseProfiles(profilesText, { file: 'refs.csv' }).profiles;
  const parsed = parseFamilies(familiesText, { file, profiles: refs });
  const result = searchFamilies(children, parsed.families, { frequencies: table, minLoci: 1, topK: 100 });
  const back = (s: string): string => (from !== undefined && to !== undefined && s === to ? from : s);
  return [
    ...parsed.rejected.map((r) => `rejected ${back(r.id)}`),
    ...result.accounting.families.filter((f) => f.status !== 'scored').map((f) => `family ${JSON.stringify(f)}`),
    ...parsed.families.map((f) => `refs ${f.id}: ${Object.keys(f.references).map(back).sort().join(',')}`),
    ...result.matches.map((m) => `${m.child} ${m.family} ${back(m.missing)} ${m.log10LR?.toFixed(10)} ${m.lociCompared}`),
  ].sort();
}

describe('families: a reference or person named __proto__ (and other Object.prototype names)', () => {
  const refs = fixture('profiles/reference-families.csv');
  it.each(HOSTILE)('relationship table, reference sample %s', (name) => {
    const base = search(fixture('families/relationships.csv'), refs, 'relationships.csv');
    const renamed = search(replaceAll(fixture('families/relationships.csv'), 'REF-F001-M', name), replaceAll(refs, 'REF-F001-M', name), 'relationships.csv', 'REF-F001-M', name);
    expect(renamed).toEqual(base);
    expect(base.some((l) => l.startsWith('refs F001: REF-F001-F,REF-F001-M'))).toBe(true);
  });
  it.each(HOSTILE)('relationship table, missing person %s', (name) => {
    const base = search(fixture('families/relationships.csv'), refs, 'relationships.csv');
    const renamed = search(replaceAll(fixture('families/relationships.csv'), 'Missing F001', name), refs, 'relationships.csv', 'Missing F001', name);
    expect(renamed).toEqual(base);
  });
  it.each(HOSTILE)('explicit pedigree, person and sample %s', (name) => {
    const text = fixture('families/pedigree.csv');
    const base = search(text, refs, 'pedigree.csv');
    const renamed = search(replaceAll(replaceAll(text, 'mum', name), 'REF-F002-M', name), replaceAll(refs, 'REF-F002-M', name), 'pedigree.csv', 'mum', name);
    expect(renamed).toEqual(base);
    const renamedMissing = search(replaceAll(text, 'MP1', name), refs, 'pedigree.csv', 'MP1', name);
    expect(renamedMissing).toEqual(base);
  });
  it.each(HOSTILE)('families JSON, reference sample and missing person %s', (name) => {
    const text = fixture('families/families.json');
    const base = search(text, refs, 'families.json');
    expect(search(replaceAll(text, 'REF-F001-M', name), replaceAll(refs, 'REF-F001-M', name), 'families.json', 'REF-F001-M', name)).toEqual(base);
    expect(search(replaceAll(text, '"MP"', JSON.stringify(name)), refs, 'families.json', 'MP', name)).toEqual(base);
  });
  it.each(HOSTILE)('.ped, person %s', (name) => {
    const text = fixture('families/families.ped');
    const base = search(text, undefined, 'families.ped');
    expect(base.some((l) => l.startsWith('refs T1: F,M'))).toBe(true);
    const renamed = replaceAll(text, '\tF\t0\t0\t1', `\t${name}\t0\t0\t1`).replace('\tMP\tF\tM', `\tMP\t${name}\tM`);
    expect(search(renamed, undefined, 'families.ped', 'F', name)).toEqual(base);
  });
});

describe('profiles: a sample named __proto__ and a locus named constructor', () => {
  const check = (text: string, original: string, name: string): void => {
    const base = parseProfiles(text).profiles.find((p) => p.sample === original) as Profile;
    const renamed = parseProfiles(replaceAll(text, original, name)).profiles.find((p) => p.sample === name) as Profile;
    expect(renamed).toBeDefined();
    expect({ ...renamed.genotypes }).toEqual({ ...base.genotypes });
    expect(genotypeAt(renamed, 'constructor')).toBe('-');
  };
  it.each(HOSTILE)('GeneMapper, wide, CMF XML and JSON, sample %s', (name) => {
    check(fixture('profiles/genemapper-slim.csv'), 'Case12-Ref-A', name);
    check(fixture('profiles/genemapper-globalfiler.txt'), 'UHR-0003', name);
    check(fixture('profiles/reference-families.csv'), 'REF-F001-M', name);
    check(fixture('profiles/codis-cmf32.xml'), 'MP-2024-011-UHR', name);
    check(fixture('profiles/profiles.json'), 'REF-F004-M', name);
  });
  it.each(HOSTILE)('a locus named %s is set aside as unknown, never stored or found', (name) => {
    const text = `Sample,TH01 1,TH01 2,${name}\nS1,6,7,8/9\n`;
    const result = parseProfiles(text);
    const p = result.profiles[0] as Profile;
    expect(Object.keys(p.genotypes)).toEqual(['TH01']);
    expect(p.skipped.map((s) => s.locus)).toEqual([name]);
    expect(genotypeAt(p, name)).toBe('-');
    const json = JSON.stringify({ format: 'strkin-profiles', version: 1, profiles: [{ sample: 'S1', genotypes: { TH01: ['6', '7'], [name]: ['8', '9'] } }] });
    const fromJson = parseProfiles(json).profiles[0] as Profile;
    expect(Object.keys(fromJson.genotypes)).toEqual(['TH01']);
  });
});

describe('frequency files: loci named __proto__ and constructor, in every layout', () => {
  const layouts = ['wide.csv', 'wide-semicolon.csv', 'list.txt', 'merlin.freq', 'long-simple.csv', 'long.csv', 'strider.xml'];
  it.each(layouts)('%s', (file) => {
    const text = fixture(`frequencies/${file}`);
    const options = { file, name: 'x', ...(file === 'long.csv' ? { population: 'Demo' } : {}) };
    const base = parseFrequencies(text, options);
    const names = Object.keys(base.loci);
    expect(names.length).toBeGreaterThanOrEqual(2);
    const [first, second] = names as [string, string];
    // rename the first two loci (as spelled in the file) to hostile names
    const spelled = (canonical: string): string => (text.includes(canonical) ? canonical : canonical.toUpperCase());
    let renamed = text;
    for (const [from, to] of [[spelled(first), '__proto__'], [spelled(second), 'constructor']] as const) {
      renamed = renamed.replace(new RegExp(`(^|[\\s,;>"=])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s,;<"]|$)`, 'gm'), `$1${to}`);
    }
    const hostile = parseFrequencies(renamed, options);
    expect(Object.keys(hostile.loci).sort()).toEqual(names.map((n) => (n === first ? '__proto__' : n === second ? 'constructor' : n)).sort());
    expect(findLocus(hostile, '__proto__')?.alleles).toEqual(base.loci[first]?.alleles);
    expect(findLocus(hostile, 'constructor')?.frequencies).toEqual(base.loci[second]?.frequencies);
    expect(findLocus(hostile, 'toString')).toBeUndefined();
    expect(findLocus(base, 'constructor')).toBeUndefined();
  });
});

describe('case files: a person named __proto__ and a marker named constructor', () => {
  const kase = {
    theta: 0,
    hypotheses: {
      H1: { label: 'AF is the father of C', individuals: [{ id: 'AF', father: null, mother: null, sex: 'male' }, { id: 'MO', father: null, mother: null, sex: 'female' }, { id: 'C', father: 'AF', mother: 'MO', sex: 'male' }] },
      H2: { label: 'unrelated', individuals: [] },
    },
    markers: [
      { name: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.2, 0.3, 0.5] },
      { name: 'FGA', alleles: ['20', '21', '22'], frequencies: [0.1, 0.1, 0.8] },
    ],
    genotypes: { AF: { TH01: ['6', '9.3'], FGA: ['20', '21'] }, C: { TH01: ['9.3', '6'], FGA: ['20', '20'] } },
  };
  const lr = (text: string): number[] => {
    const result = kinshipLR(parseCase(text));
    return [result.total.LR, ...result.markers.map((m) => m.LR)];
  };
  const base = lr(JSON.stringify(kase));
  it('the reference value', () => {
    // TH01: AF 6/9.3, C 9.3/6: LR = 1/(4 * 0.2) + 1/(4 * 0.5) = 1.75; FGA: AF 20/21, C 20/20: LR = 1/(2 * 0.1) = 5
    expect(base[1]).toBeCloseTo(1.75, 12);
    expect(base[2]).toBeCloseTo(5, 12);
  });
  it.each(HOSTILE)('person %s', (name) => {
    const text = JSON.stringify(kase).split('"AF"').join(JSON.stringify(name));
    expect(lr(text)).toEqual(base);
  });
  it.each(HOSTILE)('marker %s', (name) => {
    const text = JSON.stringify(kase).split('"FGA"').join(JSON.stringify(name));
    expect(lr(text)).toEqual(base);
  });
});
