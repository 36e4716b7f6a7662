// Which relative next: the figures with a candidate typed, averaged over the
// candidate's genotype, against brute-force enumeration over every (candidate,
// child) genotype combination.
import { describe, expect, it } from 'vitest';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { pedigreeFromRelations } from '../../src/pedigree/pedigreeFromRelations.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { planSearch } from '../../src/search/plan.js';
import { SUGGESTION_TOLERANCE, validatePowerOptions, type PowerOptions } from '../../src/power/powerFigures.js';
import { candidatePower, candidateRelatives, suggestRelatives } from '../../src/power/suggestRelatives.js';
import { familyPower } from '../../src/power/familyPower.js';

const table = makeFrequencyTable({ name: 'tiny', n: 100, loci: { TH01: { '6': 0.2, '7': 0.3, '8': 0.5 }, vWA: { '14': 0.6, '15': 0.1, '16': 0.3 } } });
const loci = ['TH01', 'vWA'];
const g = (a: string, b: string): Genotype => makeGenotype(a, b);
const profile = (sample: string, genotypes: Record<string, Genotype>): Profile => ({ sample, sex: 'unknown', genotypes, skipped: [] });
const all: Genotype[][] = loci.map((l) => {
  const a = table.loci[l]?.alleles as readonly string[];
  const out: Genotype[] = [];
  for (let hi = 0; hi < a.length; hi++) for (let lo = 0; lo <= hi; lo++) out.push(g(a[lo] as string, a[hi] as string));
  return out;
});
const combos: Record<string, Genotype>[] = all[0]!.flatMap((x) => all[1]!.map((y) => ({ TH01: x, vWA: y })));

const family: Family = {
  id: 'F',
  pedigree: pedigreeFromRelations({ id: 'M' }, [{ id: 'MO', relation: 'mother' }, { id: 'GM', relation: 'grandmother-paternal' }]),
  missing: ['M'],
  references: { MO: profile('MO', { TH01: g('6', '7'), vWA: g('14', '16') }), GM: profile('GM', { TH01: g('8', '8') }) },
};

describe('candidateRelatives', () => {
  it('names untyped parents and grandparents by relation, and adds a full sibling and missing grandparents', () => {
    const rel = candidateRelatives(family, 'M').map((c) => c.relative).sort();
    expect(rel).toEqual(expect.arrayContaining(['father', 'full-sibling', 'grandfather-paternal', 'grandfather-maternal', 'grandmother-maternal']));
    expect(rel).not.toContain('mother');
    // An aunt or uncle on each side: a child of the paternal grandparents (GM is in the pedigree), and of added maternal grandparents.
    expect(rel).toEqual(expect.arrayContaining(['aunt-uncle-paternal', 'aunt-uncle-maternal']));
    const au = candidateRelatives(family, 'M').find((c) => c.relative === 'aunt-uncle-paternal');
    const person = au?.pedigree.persons.find((p) => p.id === au.person);
    const father = au?.pedigree.persons.find((p) => p.id === au.pedigree.persons.find((q) => q.id === 'M')?.father);
    expect([person?.father, person?.mother]).toEqual([father?.father, father?.mother]);
    expect(person?.mother).toBe('GM');
  });
  it('with two missing persons, neither is a candidate for the other', () => {
    const rel = candidateRelatives(two, 'M1');
    expect(rel.map((c) => c.person)).not.toContain('M2');
    expect(rel.map((c) => c.person)).not.toContain('M1');
    expect(rel.map((c) => c.relative)).toEqual(expect.arrayContaining(['father', 'full-sibling', 'aunt-uncle-paternal']));
  });
});

/** Two missing siblings taken together, their mother typed. */
const two: Family = {
  id: 'T2',
  pedigree: pedigreeFromRelations([{ id: 'M1' }, { id: 'M2' }], [{ id: 'MO', relation: 'mother' }]),
  missing: ['M1', 'M2'],
  references: { MO: profile('MO', { TH01: g('6', '8'), vWA: g('14', '15') }) },
};

/** candidatePower against brute force over every (candidate, child) genotype pair. */
function checkCandidate(fam: Family, missing: string, relative: string, options: PowerOptions): void {
  const c = candidateRelatives(fam, missing).find((x) => x.relative === relative);
  if (c === undefined) throw new Error('no candidate');
  const plan = planSearch([fam], [], { ...options, loci });
  const xs = [-2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3].map((x) => 10 ** x);
  const settings = validatePowerOptions({ thresholds: xs, threshold: 10 });
  const fig = candidatePower(fam, missing, c, plan, settings);
  const rows: { ln1: number; ln2: number; log10LR: number; inc: boolean }[] = [];
  for (const cg of combos) {
    const withC: Family = { ...fam, pedigree: c.pedigree, references: { ...fam.references, [c.person]: profile('C', cg) } };
    for (const child of combos) {
      const r = familyLR(profile('child', child), withC, missing, { ...options, loci });
      rows.push({ ln1: r.lnLikelihoods[0] as number, ln2: r.lnLikelihoods[1] as number, log10LR: r.total.log10LR ?? Number.NEGATIVE_INFINITY, inc: r.inconsistentLoci > 0 });
    }
  }
  const z1 = rows.reduce((s, o) => s + Math.exp(o.ln1), 0);
  const z2 = rows.reduce((s, o) => s + Math.exp(o.ln2), 0);
  const p1 = rows.map((o) => Math.exp(o.ln1) / z1);
  const p2 = rows.map((o) => Math.exp(o.ln2) / z2);
  expect(fig?.expectedLog10LR).toBeCloseTo(rows.reduce((s, o, i) => s + (p1[i]! > 0 ? p1[i]! * o.log10LR : 0), 0), 9);
  expect(fig?.exclusionPower).toBeCloseTo(rows.reduce((s, o, i) => s + (o.inc ? p2[i]! : 0), 0), 12);
  const err = (fig?.maxLog10Error ?? 0) + 1e-9;
  const ex = (p: number[], x: number) => rows.reduce((s, o, i) => s + (o.log10LR >= x ? p[i]! : 0), 0);
  for (const e of fig?.pExceed ?? []) {
    const x = Math.log10(e.threshold);
    // H1 within the grid's bound and massError; H2 (tilted, the default) within a further factor 10^(±maxLog10Error).
    const massError = fig?.massError ?? 0;
    const tilt = 10 ** (fig?.maxLog10Error ?? 0);
    expect(e.h1).toBeGreaterThanOrEqual(ex(p1, x + err) - 1e-12 - massError);
    expect(e.h1).toBeLessThanOrEqual(ex(p1, x - err) + 1e-12);
    expect(e.h2).toBeGreaterThanOrEqual(ex(p2, x + err) / tilt - 1e-12 - massError * 10 ** -x);
    expect(e.h2).toBeLessThanOrEqual(ex(p2, x - err) * tilt + 1e-12);
  }
}

describe('candidatePower equals brute force over (candidate, child) genotypes', () => {
  it.each([
    ['father, no mutation', 'father', { frequencies: table, mutation: 'none' as const }],
    ['full sibling, stepwise mutation', 'full-sibling', { frequencies: table, mutation: 'stepwise' as const }],
    ['maternal grandmother (added), equal mutation', 'grandmother-maternal', { frequencies: table, mutation: 'equal' as const }],
    ['paternal aunt or uncle, no mutation', 'aunt-uncle-paternal', { frequencies: table, mutation: 'none' as const }],
  ])('%s', (_name, relative, options: PowerOptions) => {
    checkCandidate(family, 'M', relative, options);
  });
  it('two missing siblings: the father for M1 (M2 summed out), stepwise mutation', () => {
    checkCandidate(two, 'M1', 'father', { frequencies: table, mutation: 'stepwise' });
  });
});

describe('stratified average at loci with more than 3·suggestionStrata candidate genotypes', () => {
  it('is exact while every genotype fits (strata 2: up to 6), a one-genotype stand-in below (strata 1), deterministic', () => {
    const c = candidateRelatives(family, 'M').find((x) => x.relative === 'father');
    if (c === undefined) throw new Error('no candidate');
    const plan = planSearch([family], [], { frequencies: table, mutation: 'none', loci });
    const at = (strata: number) => candidatePower(family, 'M', c, plan, validatePowerOptions({ suggestionStrata: strata }));
    const exact = at(32);
    expect(at(2)).toEqual(exact);
    const one = at(1);
    // One genotype per locus stands for the father: a valid but different distribution.
    expect(one?.expectedLog10LR).not.toBeCloseTo(exact?.expectedLog10LR as number, 3);
    expect(one?.pIdentified).toBeGreaterThanOrEqual(0);
    expect(one?.pIdentified).toBeLessThanOrEqual(1);
    expect(at(1)).toEqual(one);
  });
});

describe('suggestRelatives', () => {
  it('ranks by gain in pIdentified; a father adds more than a grandparent; a relative behind the typed mother adds nothing', () => {
    const s = suggestRelatives(family, 'M', { frequencies: table, mutation: 'none', threshold: 10 });
    expect(s.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < s.length; i++) expect(s[i]!.gain).toBeLessThanOrEqual(s[0]!.gain);
    const gain = (r: string) => s.find((x) => x.relative === r)?.expectedLog10LRGain as number;
    expect(gain('father')).toBeGreaterThan(gain('grandfather-paternal'));
    expect(gain('grandfather-paternal')).toBeGreaterThan(0.01);
    // The mother is typed: her parents are independent of the child given her genotype.
    expect(Math.abs(gain('grandmother-maternal'))).toBeLessThan(1e-12);
    expect(s.find((x) => x.relative === 'grandmother-maternal')?.gain).toBeCloseTo(0, 12);
    expect(suggestRelatives(family, 'M', { frequencies: table, candidates: ['father'] }).map((x) => x.relative)).toEqual(['father']);
  });
  it('each suggestion carries candidatePower\'s figures (its grid asked for pIdentified alone, within SUGGESTION_TOLERANCE)', () => {
    const options = { frequencies: table, mutation: 'stepwise' as const, threshold: 10, databaseSize: 3 };
    const plan = planSearch([family], [], options);
    const settings = validatePowerOptions(options);
    const s = suggestRelatives(family, 'M', options);
    for (const c of candidateRelatives(family, 'M')) {
      const full = candidatePower(family, 'M', c, plan, settings);
      const one = s.find((x) => x.person === c.person);
      expect(one?.exclusionPower).toBe(full?.exclusionPower);
      expect(one?.expectedLog10LR).toBe(full?.expectedLog10LR);
      expect(Math.abs((one?.pIdentified ?? 0) - (full?.pIdentified ?? 1))).toBeLessThanOrEqual(SUGGESTION_TOLERANCE + 1e-12);
    }
  });
  it('a family with two missing persons: one row each, each with its own suggestions', () => {
    const r = familyPower([two], { frequencies: table, mutation: 'none', suggestions: 3, candidates: ['father', 'aunt-uncle-paternal', 'aunt-uncle-maternal'] });
    expect(r.rows.map((x) => x.missing).sort()).toEqual(['M1', 'M2']);
    for (const row of r.rows) {
      expect(row.suggestions.map((x) => x.relative)[0]).toBe('father');
      // The maternal aunt or uncle stands behind the typed mother: no gain.
      expect(row.suggestions.find((x) => x.relative === 'aunt-uncle-maternal')?.expectedLog10LRGain).toBeCloseTo(0, 12);
      expect(row.suggestions.find((x) => x.relative === 'aunt-uncle-paternal')?.expectedLog10LRGain).toBeGreaterThan(0.01);
    }
  });
});
