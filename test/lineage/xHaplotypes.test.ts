// X linkage groups with haplotype frequencies (src/lineage/xHaplotypes.ts, src/io/lineage/xHaplotypeFile.ts):
// closed forms, brute-force enumeration of founder haplotypes and maternal meioses on random pedigrees,
// the equivalence with unlinked loci for product frequencies, the file reader and `strkin lr`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXHaplotypeFrequencies } from '../../src/io/lineage/xHaplotypeFile.js';
import { kinshipLR, type GenotypeData } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { kinshipEvidence } from '../../src/lineage/kinshipEvidence.js';
import { xHaplotypeKinshipLR, type XHaplotypeGroup } from '../../src/lineage/xHaplotypes.js';
import type { Pedigree, Person } from '../../src/pedigree/Pedigree.js';
import type { Genotype } from '../../src/profile/genotype.js';
import { runCli } from '../cli/run.js';
import { dropHaplotypes, xPedigreeArb, type Ped, type Typing } from '../arbitraries/xHaplotypeDrop.js';

const L1 = 'DXS10148';
const L2 = 'DXS10135';
const xMarker = (name: string, alleles: string[], freqs: number[]): MarkerModel => makeMarkerModel({ name, alleles, frequencies: freqs, chromosome: 'X' });
const person = (id: string, sex: 'male' | 'female', father: string | null = null, mother: string | null = null): Person => ({ id, sex, father, mother });
const founders = (ped: Pedigree): Pedigree => ({ persons: ped.persons.map((p) => ({ ...p, father: null, mother: null })) });

/** Two loci with alleles 1, 2 and haplotype frequencies q (keys `a-b`). */
function twoLoci(q: Record<string, number>): { group: XHaplotypeGroup; markers: MarkerModel[] } {
  const p1 = ['1', '2'].map((a) => Object.entries(q).filter(([k]) => k.split('-')[0] === a).reduce((s, [, v]) => s + v, 0));
  const p2 = ['1', '2'].map((a) => Object.entries(q).filter(([k]) => k.split('-')[1] === a).reduce((s, [, v]) => s + v, 0));
  return {
    group: { name: 'I', loci: [L1, L2], haplotypes: Object.entries(q).map(([k, f]) => ({ alleles: k.split('-'), frequency: f })) },
    markers: [xMarker(L1, ['1', '2'], p1), xMarker(L2, ['1', '2'], p2)],
  };
}
const q = { '1-1': 0.4, '1-2': 0.1, '2-1': 0.2, '2-2': 0.3 };

describe('xHaplotypeKinshipLR closed forms', () => {
  const { group, markers } = twoLoci(q);
  it('father and daughter a/a at both loci: LR = 1/q_h (the father passes his haplotype whole)', () => {
    const ped: Pedigree = { persons: [person('F', 'male'), person('M', 'female'), person('D', 'female', 'F', 'M')] };
    const genotypes: GenotypeData = { F: { [L1]: ['1', null], [L2]: ['2', null] }, D: { [L1]: ['1', '1'], [L2]: ['2', '2'] } };
    const r = xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers, genotypes }, { groups: [group] });
    expect(r.total.LR).toBeCloseTo(1 / 0.1, 10);
    expect(r.markers.map((m) => m.name)).toEqual([`X haplotype I (${L1}+${L2})`]);
    expect(r.xHaplotypes[0]).toMatchObject({ group: 'I', loci: [L1, L2], resolutions: 1, unseen: [] });
  });

  it('mother of unknown phase and son: LR = q_bd / (2(q_ac q_bd + q_ad q_bc)), a sum over her two phases', () => {
    const ped: Pedigree = { persons: [person('F', 'male'), person('M', 'female'), person('S', 'male', 'F', 'M')] };
    const genotypes: GenotypeData = { M: { [L1]: ['1', '2'], [L2]: ['1', '2'] }, S: { [L1]: ['1', null], [L2]: ['1', null] } };
    const r = xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers, genotypes }, { groups: [group] });
    expect(r.total.LR).toBeCloseTo(q['2-2'] / (2 * (q['1-1'] * q['2-2'] + q['1-2'] * q['2-1'])), 12);
    expect(r.xHaplotypes[0]?.resolutions).toBe(2);
  });

  it('two maternal brothers with one haplotype h: (1 + q_h)/(2 q_h), not the product of the loci\'s (1 + p)/(2p)', () => {
    const prod = { '1-1': 0.3 * 0.6, '1-2': 0.3 * 0.4, '2-1': 0.7 * 0.6, '2-2': 0.7 * 0.4 };
    const t = twoLoci(prod);
    const ped: Pedigree = { persons: [person('F', 'male'), person('M', 'female'), person('B1', 'male', 'F', 'M'), person('B2', 'male', 'F', 'M')] };
    const genotypes: GenotypeData = { B1: { [L1]: ['1', null], [L2]: ['1', null] }, B2: { [L1]: ['1', null], [L2]: ['1', null] } };
    const kase = { hypotheses: [ped, founders(ped)], markers: t.markers, genotypes };
    const linked = xHaplotypeKinshipLR(kase, { groups: [t.group] });
    expect(linked.total.LR).toBeCloseTo((1 + 0.18) / (2 * 0.18), 10);
    expect(kinshipLR(kase).total.LR).toBeCloseTo(((1 + 0.3) / 0.6) * ((1 + 0.6) / 1.2), 10);
  });

  it('a son of a father and his daughter: the son\'s X is his grandfather-father\'s haplotype whole or his grandmother\'s', () => {
    // F typed h = 1-1; D = daughter of F and G; S = son of F and D. P(S = h | F) = 1/2 + q_h/2 linked, Π_l (1/2 + p_l/2) unlinked.
    const prod = { '1-1': 0.3 * 0.6, '1-2': 0.3 * 0.4, '2-1': 0.7 * 0.6, '2-2': 0.7 * 0.4 };
    const t = twoLoci(prod);
    const ped: Pedigree = { persons: [person('G', 'female'), person('F', 'male'), person('D', 'female', 'F', 'G'), person('S', 'male', 'F', 'D')] };
    const genotypes: GenotypeData = { F: { [L1]: ['1', null], [L2]: ['1', null] }, S: { [L1]: ['1', null], [L2]: ['1', null] } };
    const kase = { hypotheses: [ped, founders(ped)], markers: t.markers, genotypes };
    expect(xHaplotypeKinshipLR(kase, { groups: [t.group] }).total.LR).toBeCloseTo((0.5 + 0.18 / 2) / 0.18, 10);
    expect(kinshipLR(kase).total.LR).toBeCloseTo(((0.5 + 0.15) / 0.3) * ((0.5 + 0.3) / 0.6), 10);
  });

  it('unseen haplotypes: 1/(N + 1) with counts, the space divided by its sum; with frequencies the option is needed', () => {
    const counted: XHaplotypeGroup = { name: 'I', loci: [L1, L2], haplotypes: [{ alleles: ['1', '1'], count: 6 }, { alleles: ['2', '2'], count: 3 }] };
    const ped: Pedigree = { persons: [person('F', 'male'), person('M', 'female'), person('D', 'female', 'F', 'M')] };
    const genotypes: GenotypeData = { F: { [L1]: ['1', null], [L2]: ['2', null] }, D: { [L1]: ['1', '1'], [L2]: ['2', '2'] } };
    const r = xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers, genotypes }, { groups: [counted] });
    // 1-2 unseen: 1/10; space 6/9 + 3/9 + 1/10 divided by its sum 1.1
    expect(r.xHaplotypes[0]).toMatchObject({ unseen: ['1-2'], unseenFrequency: 0.1 });
    expect(r.total.LR).toBeCloseTo(1.1 / 0.1, 10);
    const freqs: XHaplotypeGroup = { ...counted, haplotypes: [{ alleles: ['1', '1'], frequency: 0.6 }, { alleles: ['2', '2'], frequency: 0.4 }] };
    expect(() => xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers, genotypes }, { groups: [freqs] })).toThrow(/not in the group's table, which gives frequencies, not counts: give unseenFrequency \(--x-haplotype-unseen\) \(group = I, haplotypes = 1-2\)/);
    expect(xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers, genotypes }, { groups: [freqs], unseenFrequency: 0.05 }).total.LR).toBeCloseTo(1.05 / 0.05, 10);
  });

  it('marginalises the table onto the loci the case types, and keeps other markers as they are', () => {
    const three: XHaplotypeGroup = { name: 'I', loci: [L1, L2, 'DXS8378'], haplotypes: [{ alleles: ['1', '2', '9'], frequency: 0.05 }, { alleles: ['1', '2', '10'], frequency: 0.05 }, { alleles: ['1', '1', '10'], frequency: 0.4 }, { alleles: ['2', '1', '10'], frequency: 0.2 }, { alleles: ['2', '2', '10'], frequency: 0.3 }] };
    const ped: Pedigree = { persons: [person('F', 'male'), person('M', 'female'), person('D', 'female', 'F', 'M')] };
    const other = xMarker('HPRTB', ['11', '12'], [0.25, 0.75]);
    const genotypes: GenotypeData = { F: { [L1]: ['1', null], [L2]: ['2', null], HPRTB: ['11', null] }, D: { [L1]: ['1', '1'], [L2]: ['2', '2'], HPRTB: ['11', '12'] } };
    const r = xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers: [...markers, other], genotypes }, { groups: [three] });
    expect(r.markers.map((m) => [m.name, m.LR])).toEqual([['HPRTB', expect.closeTo(2, 10)], [`X haplotype I (${L1}+${L2})`, expect.closeTo(10, 10)]]);
    expect(r.byEvidenceType?.X.LR).toBeCloseTo(20, 10);
  });

  it('kinshipEvidence with xHaplotypes: the X evidence type is the haplotype marker\'s', () => {
    const ped: Pedigree = { persons: [person('F', 'male'), person('M', 'female'), person('D', 'female', 'F', 'M')] };
    const genotypes: GenotypeData = { F: { [L1]: ['1', null], [L2]: ['2', null] }, D: { [L1]: ['1', '2'], [L2]: ['2', '2'] } };
    const kase = { hypotheses: [ped, founders(ped)], markers, genotypes };
    const e = kinshipEvidence({ ...kase, xHaplotypes: { groups: [group] } });
    const direct = xHaplotypeKinshipLR(kase, { groups: [group] });
    expect(e.byType.X?.lnLR).toBeCloseTo(direct.total.lnLR, 14);
    expect(e.total.lnLR).toBeCloseTo(direct.total.lnLR, 14);
    // daughter 1/2, 2/2: her paternal X is 1-2 (from F), her maternal X 2-2: q_22 under H1; H2 2 q_12 q_22
    expect(e.total.LR).toBeCloseTo(1 / (2 * q['1-2']), 10);
  });

  it('refuses mutation, partial typing and a heterozygous male', () => {
    const ped: Pedigree = { persons: [person('F', 'male'), person('M', 'female'), person('D', 'female', 'F', 'M')] };
    const mutating = makeMarkerModel({ name: L1, alleles: ['1', '2'], frequencies: [0.5, 0.5], chromosome: 'X', mutation: { female: { model: 'equal', rate: 0.001 }, male: { model: 'equal', rate: 0.001 } } });
    const g: GenotypeData = { F: { [L1]: ['1', null], [L2]: ['2', null] }, D: { [L1]: ['1', '1'] } };
    expect(() => xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers: [mutating, markers[1] as MarkerModel], genotypes: g }, { groups: [group] })).toThrow(expect.objectContaining({ code: 'x-haplotype-mutation' }));
    expect(() => xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers, genotypes: g }, { groups: [group] })).toThrow(/must be typed at every locus of the group the case uses \(person = D, group = I/);
    expect(() => xHaplotypeKinshipLR({ hypotheses: [ped, founders(ped)], markers, genotypes: { F: { [L1]: ['1', '2'], [L2]: ['2', null] } } }, { groups: [group] })).toThrow(expect.objectContaining({ code: 'x-heterozygous-male' }));
  });
});

// ---------------------------------------------------------------------------------------------
// Brute force: every founder's haplotypes (a man one, a woman two) and every maternal meiosis
// enumerated; a man's X is one of his mother's, a woman's paternal X her father's whole haplotype.



function bruteLikelihood(ped: Ped, haps: readonly (readonly number[])[], freq: readonly number[], typing: Typing): number {
  const n = ped.sex.length;
  const H = haps.length;
  // slots: per person [paternal/only, maternal]
  const slots: number[][] = Array.from({ length: n }, () => [-1, -1]);
  let total = 0;
  const matches = (i: number): boolean => {
    const t = typing[i];
    if (t === null || t === undefined) return true;
    const s = slots[i] as number[];
    return t.every((g, l) => {
      if (ped.sex[i] === 'male') return (haps[s[0] as number] as number[])[l] === g[0];
      const x = (haps[s[0] as number] as number[])[l] as number;
      const y = (haps[s[1] as number] as number[])[l] as number;
      return (x === g[0] && y === g[1]) || (x === g[1] && y === g[0]);
    });
  };
  const visit = (i: number, p: number): void => {
    if (p === 0) return;
    if (i === n) {
      total += p;
      return;
    }
    const s = slots[i] as number[];
    const f = ped.father[i] as number;
    const m = ped.mother[i] as number;
    const maternal = (k: (x: number) => void): void => {
      const ms = slots[m] as number[];
      k(ms[0] as number);
      k(ms[1] as number);
    };
    if (f < 0) {
      for (let a = 0; a < H; a++) {
        s[0] = a;
        if (ped.sex[i] === 'male') {
          if (matches(i)) visit(i + 1, p * (freq[a] as number));
        } else
          for (let b = 0; b < H; b++) {
            s[1] = b;
            if (matches(i)) visit(i + 1, p * (freq[a] as number) * (freq[b] as number));
          }
      }
    } else if (ped.sex[i] === 'male') {
      maternal((x) => {
        s[0] = x;
        if (matches(i)) visit(i + 1, p / 2);
      });
    } else {
      s[0] = (slots[f] as number[])[0] as number;
      maternal((x) => {
        s[1] = x;
        if (matches(i)) visit(i + 1, p / 2);
      });
    }
  };
  visit(0, 1);
  return total;
}

const pedArb = xPedigreeArb(5);

function toCase(ped: Ped, typing: Typing): { hypotheses: Pedigree[]; genotypes: GenotypeData } {
  const id = (i: number): string => `p${i}`;
  const h1: Pedigree = { persons: ped.sex.map((s, i) => person(id(i), s, (ped.father[i] as number) < 0 ? null : id(ped.father[i] as number), (ped.mother[i] as number) < 0 ? null : id(ped.mother[i] as number))) };
  const genotypes: Record<string, Record<string, Genotype>> = {};
  typing.forEach((t, i) => {
    if (t === null) return;
    genotypes[id(i)] = Object.fromEntries(t.map((g, l) => [[L1, L2][l] as string, [String(g[0]), g.length > 1 ? String(g[1]) : null] as Genotype]));
  });
  return { hypotheses: [h1, founders(h1)], genotypes };
}

describe('xHaplotypeKinshipLR against brute-force enumeration', () => {
  // Every combination of the loci's alleles is in the table, so no phase resolution meets an unseen haplotype.
  const haps = [[1, 1], [1, 2], [2, 1], [2, 2], [3, 1], [3, 2]];
  const hapArb = fc.array(fc.integer({ min: 1, max: 20 }), { minLength: haps.length, maxLength: haps.length }).map((w) => w.map((x) => x / w.reduce((a, b) => a + b, 0)));

  it('each hypothesis\'s likelihood equals enumeration of founder haplotypes and maternal meioses (phase unknown)', () => {
    fc.assert(
      fc.property(pedArb, hapArb, (ped, freq) => {
        const typing = dropHaplotypes(ped, haps);
        if (typing.every((t) => t === null)) return;
        const group: XHaplotypeGroup = { name: 'I', loci: [L1, L2], haplotypes: haps.map((h, k) => ({ alleles: h.map(String), frequency: freq[k] as number })) };
        const m1 = ['1', '2', '3'].map((a) => haps.reduce((s, h, k) => s + (String(h[0]) === a ? (freq[k] as number) : 0), 0));
        const markers = [xMarker(L1, ['1', '2', '3'], m1), xMarker(L2, ['1', '2'], [1, 2].map((a) => haps.reduce((s, h, k) => s + (h[1] === a ? (freq[k] as number) : 0), 0)))];
        const kase = toCase(ped, typing);
        const r = xHaplotypeKinshipLR({ ...kase, markers }, { groups: [group] });
        const lnL = r.markers[0]?.lnLikelihoods ?? [];
        const unrelated: Ped = { ...ped, father: ped.father.map(() => -1), mother: ped.mother.map(() => -1) };
        expect(lnL[0]).toBeCloseTo(Math.log(bruteLikelihood(ped, haps, freq, typing)), 9);
        expect(lnL[1]).toBeCloseTo(Math.log(bruteLikelihood(unrelated, haps, freq, typing)), 9);
      }),
      { numRuns: 80 },
    );
  });

  // Swapping one locus's alleles between a mother's two X's leaves the data's law unchanged only when
  // her two X's are independent founder draws and one child carries one of them.
  it('product frequencies give the unlinked LR when every mother is a founder with one child', () => {
    fc.assert(
      fc.property(pedArb, fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })), (ped, [a, b]) => {
        const children = ped.mother.filter((m) => m >= 0);
        fc.pre(new Set(children).size === children.length && children.every((m) => ped.mother[m] === -1));
        const p1 = [a / 10, 1 - a / 10];
        const p2 = [b / 10, 1 - b / 10];
        const full = [[1, 1], [1, 2], [2, 1], [2, 2]];
        const typing = dropHaplotypes(ped, full);
        fc.pre(typing.some((t) => t !== null));
        const group: XHaplotypeGroup = { name: 'I', loci: [L1, L2], haplotypes: full.map((h) => ({ alleles: h.map(String), frequency: (p1[(h[0] as number) - 1] as number) * (p2[(h[1] as number) - 1] as number) })) };
        const markers = [xMarker(L1, ['1', '2'], p1), xMarker(L2, ['1', '2'], p2)];
        const kase = { ...toCase(ped, typing), markers };
        const linked = xHaplotypeKinshipLR(kase, { groups: [group] });
        const unlinked = kinshipLR(kase);
        expect(linked.total.status).toBe(unlinked.total.status);
        if (unlinked.total.status === 'ok') expect(linked.total.lnLR).toBeCloseTo(unlinked.total.lnLR, 10);
      }),
      { numRuns: 80 },
    );
  });
});

describe('X haplotype files and strkin lr --x-haplotypes', () => {
  it('reads groups with counts or frequencies; every problem with line and column', () => {
    const groups = parseXHaplotypeFrequencies('group,DXS10148,DXS10135,DXS7132,DXS10079,count\nI,18,22,,,3\nI,18,23,,,1\nII,,,13,19,5\n');
    expect(groups).toEqual([
      { name: 'I', loci: [L1, L2], haplotypes: [{ alleles: ['18', '22'], count: 3 }, { alleles: ['18', '23'], count: 1 }] },
      { name: 'II', loci: ['DXS7132', 'DXS10079'], haplotypes: [{ alleles: ['13', '19'], count: 5 }] },
    ]);
    expect(parseXHaplotypeFrequencies('DXS10148\tDXS10135\tfrequency\n18\t22\t0.75\n18\t23\t0.25\n')[0]).toMatchObject({ name: '1', haplotypes: [{ frequency: 0.75 }, { frequency: 0.25 }] });
    try {
      parseXHaplotypeFrequencies('group,DXS10148,DXS10135,TH01,count\nI,18,22,,3\nI,18,,,x\nI,18,22,,2\n', { file: 'h.csv' });
      expect.unreachable();
    } catch (error) {
      const issues = (error as { issues: { code: string; line?: number; column?: number; file?: string }[] }).issues;
      expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['x-haplotype-column', 1, 4]]);
    }
    try {
      parseXHaplotypeFrequencies('group,DXS10148,DXS10135,count\nI,18,22,3\nI,18,,x\nI,18,22,2\nII,17,q,1\n', { file: 'h.csv' });
      expect.unreachable();
    } catch (error) {
      const issues = (error as { issues: { code: string; line?: number; column?: number; file?: string }[] }).issues;
      expect(issues.map((i) => [i.code, i.line, i.column ?? null, i.file])).toEqual([
        ['x-haplotype-count', 3, 4, 'h.csv'],
        ['x-haplotype-loci', 3, null, 'h.csv'],
        ['x-haplotype-duplicate', 4, null, 'h.csv'],
        ['bad-allele', 5, 3, 'h.csv'],
      ]);
    }
    expect(() => parseXHaplotypeFrequencies('DXS10148,frequency\n18,0.5\n19,0.2\n')).toThrow(/sum to 1 within 0.5e-3 \(group = 1, sum = 0.700000\)/);
  });

  it('strkin lr --x-haplotypes replaces the group\'s loci by one haplotype marker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strkin-xh-'));
    const kase = {
      hypotheses: {
        H1: { individuals: [{ id: 'F', sex: 'male', father: null, mother: null }, { id: 'M', sex: 'female', father: null, mother: null }, { id: 'D', sex: 'female', father: 'F', mother: 'M' }] },
        H2: { individuals: [{ id: 'F', sex: 'male', father: null, mother: null }, { id: 'D', sex: 'female', father: null, mother: null }] },
      },
      markers: [
        { name: L1, chromosome: 'X', alleles: ['1', '2'], frequencies: [0.5, 0.5] },
        { name: L2, chromosome: 'X', alleles: ['1', '2'], frequencies: [0.7, 0.3] },
      ],
      genotypes: { F: { [L1]: ['1'], [L2]: ['2'] }, D: { [L1]: ['1', '1'], [L2]: ['2', '2'] } },
    };
    writeFileSync(join(dir, 'case.json'), JSON.stringify(kase));
    writeFileSync(join(dir, 'haps.csv'), 'group,DXS10148,DXS10135,count\nI,1,1,40\nI,1,2,10\nI,2,1,30\nI,2,2,20\n');
    const plain = await runCli(['lr', join(dir, 'case.json'), '--json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).total.LR).toBeCloseTo(2 * (1 / 0.3), 8);
    const run = await runCli(['lr', join(dir, 'case.json'), '--json', '--x-haplotypes', join(dir, 'haps.csv')]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { total: { LR: number }; markers: { name: string }[]; xHaplotypes: { groups: { group: string; resolutions: number }[] } };
    expect(out.total.LR).toBeCloseTo(10, 8); // 1/q(1-2), q = 10/100
    expect(out.markers.map((m) => m.name)).toEqual([`X haplotype I (${L1}+${L2})`]);
    expect(out.xHaplotypes.groups[0]).toMatchObject({ group: 'I', resolutions: 1 });
    const text = await runCli(['lr', join(dir, 'case.json'), '--x-haplotypes', join(dir, 'haps.csv')]);
    expect(text.stdout).toMatch(/X haplotype group I: loci DXS10148, DXS10135 as one haplotype marker; 1 phase resolution\(s\)/);
    const bad = await runCli(['lr', join(dir, 'case.json'), '--x-haplotypes', join(dir, 'case.json')]);
    expect(bad.code).toBe(1);
  });
});
