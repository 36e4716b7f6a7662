import { describe, expect, it } from 'vitest';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { searchFamilies, type SearchResult } from '../../src/search/searchFamilies.js';
import { posteriorFromLnLR } from '../../src/search/posterior.js';
import { screenRelatives } from '../../src/search/screenRelatives.js';
import { writeSearchCsv, writeSearchJson } from '../../src/report/searchReport.js';

// domain.md §6 frequencies: pa = .1, pb = .2, pc = .05, pd = .3 (alleles 6, 7, 8, 9), rest .35.
const table = makeFrequencyTable({ name: 'hand', n: 500, loci: { TH01: { '6': 0.1, '7': 0.2, '8': 0.05, '9': 0.3, '9.3': 0.35 } } });
const A = '6';
const B = '7';
const C = '8';
const prof = (sample: string, g: Genotype | null, sex: Profile['sex'] = 'unknown'): Profile => ({ sample, sex, genotypes: g === null ? {} : { TH01: g }, skipped: [] });
const trioPed: Pedigree = {
  persons: [
    { id: 'F', sex: 'male', father: null, mother: null },
    { id: 'Mo', sex: 'female', father: null, mother: null },
    { id: 'M', sex: 'unknown', father: 'F', mother: 'Mo' },
  ],
};
const trio = (id: string, f: Genotype | null, mo: Genotype | null): Family => ({
  id,
  pedigree: trioPed,
  missing: ['M'],
  references: { ...(f !== null ? { F: prof(`${id}F`, f, 'male') } : {}), ...(mo !== null ? { Mo: prof(`${id}Mo`, mo, 'female') } : {}) },
});
const plain = { frequencies: table, mutation: 'none' as const, minLoci: 1 };
const match = (r: SearchResult, child: string, family: string) => r.matches.find((m) => m.child === child && m.family === family);

describe('searchFamilies: hand-checked values (no mutation, theta 0)', () => {
  const families = [trio('T1', makeGenotype(A, A), makeGenotype(B, B)), trio('D1', makeGenotype(A, A), null)];
  const children = [prof('ab', makeGenotype(A, B)), prof('aa', makeGenotype(A, A)), prof('ac', makeGenotype(A, C))];
  const r = searchFamilies(children, families, plain);

  it('trio F aa, Mo bb, child ab: LR = 1/(2 pa pb) = 25', () => {
    const m = match(r, 'ab', 'T1');
    expect(m?.LR).toBeCloseTo(25, 10);
    expect(m?.log10LR).toBeCloseTo(Math.log10(25), 12);
    expect(m?.lociCompared).toBe(1);
    expect(m?.lociInconsistent).toBe(0);
  });
  it('duo F aa, child aa: LR = pa / pa² = 10; child ab: pb/(2 pa pb) = 5', () => {
    expect(match(r, 'aa', 'D1')?.LR).toBeCloseTo(10, 10);
    expect(match(r, 'ab', 'D1')?.LR).toBeCloseTo(5, 10);
  });
  it('an impossible child is excluded: LR 0, log10LR null, one locus inconsistent, ranked last', () => {
    const m = match(r, 'ac', 'T1');
    expect(m).toMatchObject({ LR: 0, log10LR: null, lociInconsistent: 1, posterior: 0, chanceMatchBound: null, rankForChild: 2 });
  });
  it('the posterior uses the default prior 1/(families + 1)', () => {
    expect(r.settings.prior).toBeCloseTo(1 / 3, 15);
    expect(match(r, 'ab', 'T1')?.posterior).toBeCloseTo((25 / 3) / (25 / 3 + 2 / 3), 12);
  });
  it('with stepwise mutation the impossible child gets a small positive LR, still counted inconsistent', () => {
    const rm = searchFamilies(children, families, { ...plain, mutation: 'stepwise' });
    const m = match(rm, 'ac', 'T1');
    expect(m?.LR).toBeGreaterThan(0);
    expect(m?.LR).toBeLessThan(0.01);
    expect(m?.lociInconsistent).toBe(1);
    expect(match(rm, 'ab', 'T1')?.lociInconsistent).toBe(0);
    expect(rm.provenance.mutationModel).toBe('stepwise');
  });
  it('theta 0.01: duo aa, aa = 7.906976744 (domain.md §6)', () => {
    const rt = searchFamilies([prof('aa', makeGenotype(A, A))], [trio('D1', makeGenotype(A, A), null)], { ...plain, theta: 0.01 });
    expect(rt.matches[0]?.LR).toBeCloseTo(7.906976744, 8);
  });
  it('theta 0.03: trio M aa, AF bc, C ab is 2.433035714 against a random father; against two random parents it is that / P(a | M aa, urn)', () => {
    // Here H2 replaces both parents: LR = P(ab | Mo aa, F bc) / P(ab | unrelated, urn after aa, bc).
    const rt = searchFamilies([prof('ab', makeGenotype(A, B))], [trio('T', makeGenotype(B, C), makeGenotype(A, A))], { ...plain, theta: 0.03 });
    const t = 0.03;
    // urn after a, a, b, c (n = 4): first draw a: (2t + (1-t)pa)/(1+3t); then b: (t + (1-t)pb)/(1+4t); two orders.
    const pAB = (2 * ((2 * t + (1 - t) * 0.1) / (1 + 3 * t)) * ((t + (1 - t) * 0.2) / (1 + 4 * t)));
    expect(rt.matches[0]?.LR).toBeCloseTo(0.5 / pAB, 8);
  });
});

describe('searchFamilies: accounting and rejections', () => {
  const bad: Family[] = [
    { id: 'nomissing', pedigree: trioPed, missing: [], references: { F: prof('x', makeGenotype(A, A)) } },
    { id: 'typedmissing', pedigree: trioPed, missing: ['M'], references: { M: prof('y', makeGenotype(A, A)) } },
    { id: 'stranger', pedigree: trioPed, missing: ['M'], references: { Z: prof('z', makeGenotype(A, A)) } },
    { id: 'untyped', pedigree: trioPed, missing: ['M'], references: { F: prof('u', null) } },
    trio('ok', makeGenotype(A, B), null),
    trio('ok', makeGenotype(A, A), null),
  ];
  const children = [prof('c1', makeGenotype(A, B)), prof('c1', makeGenotype(A, A)), prof('empty', null), prof('partial', makeGenotype(A, null))];
  const r = searchFamilies(children, bad, plain);
  it('every child and family appears, scored or rejected with a reason', () => {
    expect(r.accounting.childrenIn).toBe(4);
    expect(r.accounting.children.length).toBe(4);
    expect(r.accounting.familiesIn).toBe(6);
    expect(r.accounting.families.length).toBe(6);
    const status = Object.fromEntries(r.accounting.families.map((f) => [`${f.id}:${f.status}`, f.reasons.join('; ')]));
    expect(Object.keys(status).sort()).toEqual(['nomissing:rejected', 'ok:rejected', 'ok:scored', 'stranger:rejected', 'typedmissing:rejected', 'untyped:rejected']);
    expect(status['nomissing:rejected']).toContain('no missing person');
    expect(status['ok:rejected']).toContain('given twice');
    expect(r.accounting.children.map((c) => `${c.id}:${c.status}`).sort()).toEqual(['c1:rejected', 'c1:scored', 'empty:rejected', 'partial:rejected']);
    expect(r.childNotes.map((n) => n.child)).toEqual(['partial']);
  });
  it('pairs below the minimum loci compared are insufficient data, not scored', () => {
    const r2 = searchFamilies([prof('c', makeGenotype(A, B))], [trio('ok', makeGenotype(A, B), null)], { ...plain, minLoci: 2 });
    expect(r2.matches).toEqual([]);
    expect(r2.accounting.children[0]).toMatchObject({ status: 'insufficient-data', pairsScored: 0, pairsInsufficient: 1 });
    expect(r2.accounting.families[0]).toMatchObject({ status: 'insufficient-data' });
  });
  it('threshold filters and gives the chance-match bound pairs / threshold', () => {
    const r3 = searchFamilies([prof('ab', makeGenotype(A, B)), prof('ac', makeGenotype(A, C))], [trio('T1', makeGenotype(A, A), makeGenotype(B, B))], { ...plain, threshold: 10 });
    expect(r3.matches.map((m) => m.child)).toEqual(['ab']);
    expect(r3.chanceMatchBound).toBe(2 / 10);
    expect(r3.matches[0]?.chanceMatchBound).toBeCloseTo(2 / 25, 12);
  });
  it('rejects a bad prior and bad theta', () => {
    expect(() => searchFamilies([], [], { ...plain, prior: 1 })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-option: Prior must be in (0, 1) (prior = 1)]`);
    expect(() => searchFamilies([], [], { ...plain, theta: -1 })).toThrow(/Theta must be in \[0, 1\)/);
  });
});

describe('posteriorFromLnLR', () => {
  it('is LR·π/(LR·π + 1 − π), stable for huge and tiny LRs', () => {
    expect(posteriorFromLnLR(Math.log(1e6), 1 / 1001)).toBeCloseTo(1e6 / 1001 / (1e6 / 1001 + 1000 / 1001), 12);
    expect(posteriorFromLnLR(5000, 0.5)).toBe(1);
    expect(posteriorFromLnLR(-5000, 0.5)).toBe(0);
    expect(posteriorFromLnLR(-700, 0.5)).toBeGreaterThan(0);
    expect(posteriorFromLnLR(Number.NEGATIVE_INFINITY, 0.1)).toBe(0);
    expect(() => posteriorFromLnLR(0, 0)).toThrow(RangeError);
  });
});

describe('screenRelatives', () => {
  it('parent-child ab/ab = (pa+pb)/(4 pa pb) = 3.75; full sibs ab/ab = 8.375 (domain.md §6)', () => {
    const r = screenRelatives([prof('c', makeGenotype(A, B))], [prof('R1', makeGenotype(A, B))], { ...plain, relationships: ['parent-child', 'full-siblings', 'half-siblings'] });
    expect(match(r, 'c', 'R1~parent-child')?.LR).toBeCloseTo(3.75, 10);
    expect(match(r, 'c', 'R1~full-siblings')?.LR).toBeCloseTo(8.375, 10);
    expect(match(r, 'c', 'R1~half-siblings')?.LR).toBeCloseTo(2.375, 10);
  });
});

describe('writers', () => {
  const r = searchFamilies([prof('ab', makeGenotype(A, B)), prof('a,"c', makeGenotype(A, C))], [trio('T1', makeGenotype(A, A), makeGenotype(B, B))], plain);
  it('CSV: header and rows, empty cell for a log10LR of LR 0, quoted ids', () => {
    const lines = writeSearchCsv(r).split('\n');
    expect(lines[0]).toBe('child,family,missing,rank_for_child,rank_for_family,log10LR,LR,posterior,loci_compared,loci_inconsistent_without_mutation');
    expect(lines[1]).toBe('"a,""c",T1,M,1,2,,0,0,1,1');
    const row = (lines[2] ?? '').split(',');
    expect(row.slice(0, 5)).toEqual(['ab', 'T1', 'M', '1', '1']);
    expect(Number(row[5])).toBeCloseTo(Math.log10(25), 12);
    expect(Number(row[6])).toBeCloseTo(25, 10);
    expect(Number(row[7])).toBeCloseTo(25 / 26, 12);
    expect(row.slice(8)).toEqual(['1', '0']);
    expect(lines[3]).toBe('');
  });
  it('JSON never holds NaN or Infinity (null instead)', () => {
    const text = writeSearchJson(r);
    expect(text).not.toMatch(/NaN|Infinity/);
    const json = JSON.parse(text) as { matches: { log10LR: number | null; LR: number | null }[]; provenance: { strkinVersion: string } };
    expect(json.matches.find((m) => m.LR === 0)?.log10LR).toBeNull();
    expect(json.provenance.strkinVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('planSearch: allele lists', () => {
  it('merges the alleles seen under every spelling of a locus name, references and children alike', async () => {
    const { planSearch } = await import('../../src/search/plan.js');
    const spelled = (sample: string, locus: string, g: Genotype): Profile => ({ sample, sex: 'unknown', genotypes: { [locus]: g }, skipped: [] });
    const family: Family = { ...trio('T1', null, null), references: { F: spelled('T1F', 'THO1', makeGenotype('5', A)) } };
    const children = [spelled('c1', 'TH01', makeGenotype('10', B)), spelled('c2', 'th01', makeGenotype('11', '11'))];
    const plan = planSearch([family], children, plain);
    expect(plan.loci.map((l) => l.name)).toEqual(['TH01']);
    expect(plan.loci[0]?.rare).toEqual(['5', '10', '11']);
    expect(plan.loci[0]?.alleles).toEqual(['5', '6', '7', '8', '9', '9.3', '10', '11']);
    // A locus typed in children only is not planned (no reference is typed at it) and is listed as unused.
    const childOnly = planSearch([trio('T2', makeGenotype(A, A), null)], [spelled('c3', 'D8S1179', makeGenotype('12', '13'))], plain);
    expect(childOnly.unusedLoci).toEqual([{ locus: 'D8S1179', reason: 'not in the frequency table' }]);
  });
});

describe('only StrkinErrors become rejections', () => {
  it('a bug (here a TypeError from a reference profile) while building a family propagates instead of rejecting the family', async () => {
    const { buildFamilyIndex } = await import('../../src/search/familyIndex.js');
    const { planSearch } = await import('../../src/search/plan.js');
    const family = trio('T1', makeGenotype(A, A), null);
    const plan = planSearch([family], [], plain);
    let armed = false;
    const genotypes = { get TH01(): Genotype {
      if (armed) throw new TypeError('simulated bug');
      return makeGenotype(A, A);
    } };
    const broken: Family = { ...family, references: { F: { sample: 'T1F', sex: 'male', genotypes, skipped: [] } } };
    armed = true;
    expect(() => buildFamilyIndex([broken], { plan })).toThrow(TypeError);
  });
  it('an invalid pedigree is a rejection with the reason, and the search goes on', () => {
    const cyclic: Family = { ...trio('X', makeGenotype(A, A), null), pedigree: { persons: [{ id: 'F', sex: 'male', father: 'M', mother: 'Mo' }, { id: 'Mo', sex: 'female', father: null, mother: null }, { id: 'M', sex: 'unknown', father: 'F', mother: 'Mo' }] } };
    const r = searchFamilies([prof('aa', makeGenotype(A, A))], [cyclic, trio('T1', makeGenotype(A, A), null)], plain);
    expect(r.accounting.families.find((f) => f.id === 'X')?.status).toBe('rejected');
    expect(r.accounting.families.find((f) => f.id === 'T1')?.status).toBe('scored');
  });
});
