/**
 * Power with X-chromosomal loci (docs/statistics.md, "Power"; docs/lineage.md): the
 * per-locus distributions of a missing person of known sex at X, against brute-force
 * enumeration of every child genotype (weighed by familyLR's likelihoods, which the
 * search's X tests tie to kinshipLR), and closed forms derived by hand from the X
 * transmission rules (a father passes his one X to every daughter and none to a son,
 * a mother one of her two to every child). Frequencies are synthetic (no openly
 * licensed X table exists): DXS10135 p17 = 0.1, p18 = 0.2, p19 = 0.7.
 */
import { describe, expect, it } from 'vitest';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile, Sex } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { planSearch } from '../../src/search/plan.js';
import { familyDistributions } from '../../src/power/locusDistributions.js';
import { powerFigures, validatePowerOptions, type PowerOptions } from '../../src/power/powerFigures.js';
import { familyPower } from '../../src/power/familyPower.js';
import { candidateRelatives, candidatePower, suggestRelatives } from '../../src/power/suggestRelatives.js';

const P17 = 0.1;
const P18 = 0.2;
const table = makeFrequencyTable({
  name: 'x-synthetic',
  loci: [
    { locus: 'TH01', alleles: ['6', '7', '8'], frequencies: [0.2, 0.3, 0.5] },
    { locus: 'DXS10135', alleles: ['17', '18', '19'], frequencies: [P17, P18, 0.7] },
    { locus: 'DXS7132', alleles: ['12', '13', '14'], frequencies: [0.25, 0.35, 0.4] },
  ],
});
const g = (a: string, b: string): Genotype => makeGenotype(a, b);
const profile = (sample: string, sex: Sex, genotypes: Record<string, Genotype>): Profile => ({ sample, sex, genotypes, skipped: [] });

interface P {
  readonly id: string;
  readonly sex: Sex;
  readonly father?: string;
  readonly mother?: string;
}
function family(id: string, persons: readonly P[], missing: string, references: Record<string, Profile>): Family {
  return { id, pedigree: { persons: persons.map((p) => ({ id: p.id, sex: p.sex, father: p.father ?? null, mother: p.mother ?? null })) }, missing: [missing], references };
}

/** The child's possible genotypes at a locus: hemizygous a (written a/a) for a male at X. */
function genotypesOf(locus: string, sex: Sex): Genotype[] {
  const a = table.loci[locus]?.alleles as readonly string[];
  const out: Genotype[] = [];
  const hemizygous = sex === 'male' && locus.startsWith('DXS');
  for (let hi = 0; hi < a.length; hi++) for (let lo = 0; lo <= hi; lo++) if (!hemizygous || lo === hi) out.push(g(a[lo] as string, a[hi] as string));
  return out;
}

interface Outcome {
  readonly p1: number;
  readonly p2: number;
  readonly log10LR: number;
  readonly inconsistent: boolean;
}

/** Every combination of the child's genotypes at `loci`, weighed by P(child, references | H) from familyLR. */
function bruteForce(fam: Family, options: PowerOptions, loci: readonly string[]): Outcome[] {
  const missing = fam.missing[0] as string;
  const sex = fam.pedigree.persons.find((p) => p.id === missing)?.sex ?? 'unknown';
  const per = loci.map((l) => genotypesOf(l, sex));
  const raw: { ln1: number; ln2: number; log10LR: number; inconsistent: boolean }[] = [];
  const combo = (i: number, chosen: Record<string, Genotype>): void => {
    if (i === loci.length) {
      const r = familyLR(profile('child', sex, chosen), fam, missing, { ...options, loci });
      expect(r.markers.length).toBe(loci.length);
      const [ln1, ln2] = r.lnLikelihoods as [number, number];
      raw.push({ ln1, ln2, log10LR: r.total.log10LR ?? Number.NEGATIVE_INFINITY, inconsistent: r.inconsistentLoci > 0 });
      return;
    }
    for (const gt of per[i] as Genotype[]) combo(i + 1, { ...chosen, [loci[i] as string]: gt });
  };
  combo(0, {});
  const z1 = raw.reduce((s, o) => s + Math.exp(o.ln1), 0);
  const z2 = raw.reduce((s, o) => s + Math.exp(o.ln2), 0);
  return raw.map((o) => ({ p1: Math.exp(o.ln1) / z1, p2: Math.exp(o.ln2) / z2, log10LR: o.log10LR, inconsistent: o.inconsistent }));
}

const exceed = (outcomes: readonly Outcome[], key: 'p1' | 'p2', x: number): number => outcomes.reduce((s, o) => s + (o.log10LR >= x ? o[key] : 0), 0);

function targetOf(fam: Family, options: PowerOptions) {
  const d = familyDistributions(fam, planSearch([fam], [], { ...options, xLoci: true }));
  if (!d.ok) throw new Error(d.reasons.join('; '));
  return d.targets[0] as NonNullable<(typeof d.targets)[number]>;
}

function checkAgainstBruteForce(fam: Family, options: PowerOptions): void {
  const target = targetOf(fam, options);
  const loci = target.loci.map((l) => l.locus);
  expect(loci.some((l) => l.startsWith('DXS'))).toBe(true);
  const outcomes = bruteForce(fam, options, loci);
  const thresholds = Array.from({ length: 25 }, (_, i) => 10 ** (-2 + i / 4));
  for (const grid of [{ exactH2: true }, {}] as const) {
    const fig = powerFigures(target, validatePowerOptions({ thresholds, ...grid }));
    expect(fig.expectedLog10LR).toBeCloseTo(outcomes.reduce((s, o) => s + (o.p1 > 0 ? o.p1 * o.log10LR : 0), 0), 9);
    expect(fig.exclusionPower).toBeCloseTo(outcomes.reduce((s, o) => s + (o.inconsistent ? o.p2 : 0), 0), 12);
    const err = fig.maxLog10Error + 1e-9;
    const tilt = 'exactH2' in grid ? 1 : 10 ** fig.maxLog10Error;
    for (const e of fig.pExceed) {
      const x = Math.log10(e.threshold);
      expect(e.h1).toBeGreaterThanOrEqual(exceed(outcomes, 'p1', x + err) - 1e-12);
      expect(e.h1).toBeLessThanOrEqual(exceed(outcomes, 'p1', x - err) + 1e-12);
      expect(e.h2).toBeGreaterThanOrEqual(exceed(outcomes, 'p2', x + err) / tilt - 1e-12);
      expect(e.h2).toBeLessThanOrEqual(exceed(outcomes, 'p2', x - err) * tilt + 1e-12);
    }
  }
}

const trio = (sex: Sex): P[] => [{ id: 'AF', sex: 'male' }, { id: 'MO', sex: 'female' }, { id: 'M', sex, father: 'AF', mother: 'MO' }];

describe('power at X loci equals brute-force enumeration over the child\'s genotypes', () => {
  it('father and a missing daughter (autosomal and two X loci), no mutation', () => {
    checkAgainstBruteForce(family('FD', trio('female'), 'M', { AF: profile('AF', 'male', { TH01: g('6', '7'), DXS10135: g('17', '17'), DXS7132: g('13', '13') }) }), { frequencies: table, mutation: 'none' });
  });
  it('mother and a missing son (hemizygous), stepwise mutation', () => {
    checkAgainstBruteForce(family('MS', trio('male'), 'M', { MO: profile('MO', 'female', { TH01: g('6', '8'), DXS10135: g('17', '18'), DXS7132: g('12', '14') }) }), { frequencies: table, mutation: 'stepwise' });
  });
  it('paternal grandmother and a missing granddaughter (father untyped), equal mutation', () => {
    const persons: P[] = [{ id: 'GF', sex: 'male' }, { id: 'GM', sex: 'female' }, { id: 'AF', sex: 'male', father: 'GF', mother: 'GM' }, { id: 'MO', sex: 'female' }, { id: 'M', sex: 'female', father: 'AF', mother: 'MO' }];
    checkAgainstBruteForce(family('GD', persons, 'M', { GM: profile('GM', 'female', { DXS10135: g('17', '19'), DXS7132: g('13', '14') }) }), { frequencies: table, mutation: 'equal' });
  });
  it('father and a missing daughter with theta 0.02 (the H2 urn: a girl two draws after the father\'s one)', () => {
    checkAgainstBruteForce(family('FT', trio('female'), 'M', { AF: profile('AF', 'male', { DXS10135: g('18', '18'), DXS7132: g('12', '12') }) }), { frequencies: table, mutation: 'none', theta: 0.02 });
  });
  it('mother and a missing son with theta 0.03', () => {
    checkAgainstBruteForce(family('MT', trio('male'), 'M', { MO: profile('MO', 'female', { DXS10135: g('17', '19') }) }), { frequencies: table, mutation: 'none', theta: 0.03 });
  });
});

describe('power at X loci: closed forms', () => {
  const one = (fam: Family) => {
    const r = familyPower([fam], { frequencies: table, mutation: 'none', loci: ['DXS10135'] });
    expect(r.rows).toHaveLength(1);
    return r.rows[0] as NonNullable<(typeof r.rows)[number]>;
  };
  it('father–daughter exclusion: a girl unrelated to a father of allele a carries no a with probability (1 − p_a)²', () => {
    // A daughter always carries her father's X allele; an unrelated girl's two alleles are independent draws.
    const row = one(family('F', trio('female'), 'M', { AF: profile('AF', 'male', { DXS10135: g('17', '17') }) }));
    expect(row.exclusionPower).toBeCloseTo((1 - P17) ** 2, 12);
    // E[log10 LR | H1]: her maternal allele is a with probability p_a (LR 1/p_a), else another (LR 1/(2 p_a)).
    expect(row.expectedLog10LR).toBeCloseTo(P17 * Math.log10(1 / P17) + (1 - P17) * Math.log10(1 / (2 * P17)), 12);
  });
  it('mother–son exclusion: a boy unrelated to a mother a/b has neither with probability 1 − p_a − p_b (1 − p_a for a/a)', () => {
    const het = one(family('H', trio('male'), 'M', { MO: profile('MO', 'female', { DXS10135: g('17', '18') }) }));
    expect(het.exclusionPower).toBeCloseTo(1 - P17 - P18, 12);
    // The son shows a or b with probability 1/2 each: LR (1/2)/p.
    expect(het.expectedLog10LR).toBeCloseTo(0.5 * Math.log10(1 / (2 * P17)) + 0.5 * Math.log10(1 / (2 * P18)), 12);
    const hom = one(family('A', trio('male'), 'M', { MO: profile('MO', 'female', { DXS10135: g('17', '17') }) }));
    expect(hom.exclusionPower).toBeCloseTo(1 - P17, 12);
    expect(hom.expectedLog10LR).toBeCloseTo(Math.log10(1 / P17), 12);
    expect(hom.pExceed.find((e) => e.threshold === 1e1)?.h2).toBeCloseTo(P17, 12);
  });
  it('father–son: the father passes no X to a son, so X says nothing (exclusion 0, every LR 1)', () => {
    const row = one(family('S', trio('male'), 'M', { AF: profile('AF', 'male', { DXS10135: g('17', '17') }) }));
    expect(row.exclusionPower).toBe(0);
    expect(row.expectedLog10LR).toBeCloseTo(0, 12);
    expect(row.pExceed[0]?.h1).toBe(0);
  });
  it('a missing person of unknown sex: X loci are not used (as in the search); autosomal loci are', () => {
    const r = familyPower([family('U', trio('unknown'), 'M', { AF: profile('AF', 'male', { TH01: g('6', '7'), DXS10135: g('17', '17') }) })], { frequencies: table, mutation: 'none' });
    expect(r.rows[0]?.loci).toBe(1);
    expect(r.loci).toContain('DXS10135');
    const only = familyPower([family('U', trio('unknown'), 'M', { AF: profile('AF', 'male', { DXS10135: g('17', '17') }) })], { frequencies: table, mutation: 'none' });
    expect(only.rows).toHaveLength(0);
    expect(only.rejected[0]?.reasons.join(' ')).toContain('no reference is typed');
  });
  it('X is used by default and listed as unused with xLoci false', () => {
    const fam = family('F', trio('female'), 'M', { AF: profile('AF', 'male', { TH01: g('6', '7'), DXS10135: g('17', '17') }) });
    expect(familyPower([fam], { frequencies: table, mutation: 'none' }).rows[0]?.loci).toBe(2);
    const off = familyPower([fam], { frequencies: table, mutation: 'none', xLoci: false });
    expect(off.rows[0]?.loci).toBe(1);
    expect(off.loci).not.toContain('DXS10135');
  });
});

describe('suggestions at X loci', () => {
  const fam = family('G', trio('female'), 'M', { MO: profile('MO', 'female', { TH01: g('6', '7'), DXS10135: g('17', '18') }) });
  const options = { frequencies: table, mutation: 'none' as const };
  it('a father for a missing daughter gains at X too: the candidate figures equal brute force over (father, child) at X', () => {
    const plan = planSearch([fam], [], { ...options, xLoci: true, loci: ['DXS10135'] });
    const father = candidateRelatives(fam, 'M').find((c) => c.relative === 'father');
    expect(father).toBeDefined();
    const fig = candidatePower(fam, 'M', father!, plan, validatePowerOptions({}));
    // By hand: the father is hemizygous f with probability p_f (a founder); the daughter is f plus
    // one of the mother's 17/18 (1/2 each); her LR is P(d | mother, father f) / HW(d).
    const p: Record<string, number> = { '17': P17, '18': P18, '19': 0.7 };
    const key = (a: string, b: string): string => [a, b].sort().join('/');
    const hw = (a: string, b: string): number => (a === b ? p[a]! ** 2 : 2 * p[a]! * p[b]!);
    let expected = 0;
    for (const f of ['17', '18', '19']) {
      for (const m of ['17', '18']) {
        const d = key(f, m);
        const given = ['17', '18'].reduce((s, mm) => s + (key(f, mm) === d ? 0.5 : 0), 0);
        expected += p[f]! * 0.5 * Math.log10(given / hw(f, m));
      }
    }
    expect(fig?.expectedLog10LR).toBeCloseTo(expected, 12);
  });
  it('a candidate of unknown sex (full sibling) counts as untyped at X: no X gain on an X-only family', () => {
    const s = suggestRelatives(fam, 'M', { ...options, loci: ['DXS10135'] });
    expect(s.find((x) => x.relative === 'full-sibling')?.expectedLog10LRGain).toBeCloseTo(0, 12);
    expect(s.find((x) => x.relative === 'father')?.expectedLog10LRGain).toBeGreaterThan(0.1);
  });
});
