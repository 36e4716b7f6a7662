// Power figures (issue 9): exact figures against brute-force enumeration of every
// child genotype combination, the closed form of a single parent's exclusion power,
// and a seeded Monte Carlo check of the grid convolution.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import { makeFrequencyTable, type FrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { pedigreeFromRelations } from '../../src/pedigree/pedigreeFromRelations.js';
import { makeGenotype, genotypeIndex, type Genotype } from '../../src/profile/genotype.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { planSearch } from '../../src/search/plan.js';
import { familyDistributions, type TargetDistributions } from '../../src/power/locusDistributions.js';
import { identificationLR, powerFigures, validatePowerOptions, type PowerOptions } from '../../src/power/powerFigures.js';
import { databasePosterior } from '../../src/search/decide/databasePosterior.js';
import { familyPower } from '../../src/power/familyPower.js';
import { exceedance } from '../../src/power/lrGrid.js';
import { exceedanceH1H2 } from '../../src/power/pairedGrid.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateGenotypes } from '../../src/simulate/simulateGenotypes.js';
import type { MarkerModel } from '../../src/likelihood/MarkerModel.js';

// Three small loci whose frequencies sum to 1 exactly (so the family's space is the table's).
const small = makeFrequencyTable({
  name: 'small',
  n: 100,
  loci: {
    TH01: { '6': 0.1, '7': 0.2, '8': 0.3, '9': 0.4 },
    vWA: { '14': 0.25, '15': 0.25, '16': 0.5 },
    TPOX: { '8': 0.5, '9': 0.125, '10': 0.125, '11': 0.25 },
  },
});

const profile = (sample: string, genotypes: Record<string, Genotype>): Profile => ({ sample, sex: 'unknown', genotypes, skipped: [] });
const g = (a: string, b: string): Genotype => makeGenotype(a, b);

/** A family from relations of typed references to one or two missing people. */
function family(id: string, refs: readonly (readonly [string, string, Record<string, Genotype>])[], missing: readonly string[] = ['M']): Family {
  const pedigree = pedigreeFromRelations(
    missing.map((m) => ({ id: m })),
    refs.map(([rid, relation]) => ({ id: rid, relation: relation as never })),
  );
  return { id, pedigree, missing, references: Object.fromEntries(refs.map(([rid, , gs]) => [rid, profile(`${id}-${rid}`, gs)])) };
}

/** Every complete genotype of a table's locus, as labels. */
function genotypesOf(table: FrequencyTable, locus: string): Genotype[] {
  const alleles = table.loci[locus]?.alleles ?? [];
  const out: Genotype[] = [];
  for (let hi = 0; hi < alleles.length; hi++) for (let lo = 0; lo <= hi; lo++) out.push(g(alleles[lo] as string, alleles[hi] as string));
  return out;
}

interface Outcome {
  readonly p1: number;
  readonly p2: number;
  readonly log10LR: number;
  readonly inconsistent: boolean;
}

/**
 * Brute force: every combination of child genotypes over the loci the references
 * are typed at; each weighed by P(child, refs | H) from kinshipLR's likelihoods
 * (normalised over all combinations), with the LR that familyLR reports.
 */
function bruteForce(fam: Family, missing: string, options: PowerOptions, loci: readonly string[]): Outcome[] {
  const per = loci.map((l) => genotypesOf(options.frequencies, l));
  const raw: { ln1: number; ln2: number; log10LR: number; inconsistent: boolean }[] = [];
  const combo = (i: number, chosen: Record<string, Genotype>): void => {
    if (i === loci.length) {
      const r = familyLR(profile('child', chosen), fam, missing, { ...options, loci });
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

const targetOf = (fam: Family, options: PowerOptions, missing = 'M'): TargetDistributions => {
  const d = familyDistributions(fam, planSearch([fam], [], options));
  if (!d.ok) throw new Error(d.reasons.join('; '));
  const t = d.targets.find((x) => x.missing === missing);
  if (t === undefined) throw new Error('no target');
  return t;
};

/** The three kinds of brute-force check for one family and model. */
function checkAgainstBruteForce(fam: Family, options: PowerOptions, missing = 'M'): void {
  const target = targetOf(fam, options, missing);
  const loci = target.loci.map((l) => l.locus);
  const outcomes = bruteForce(fam, missing, options, loci);
  // Thresholds from 10^-3 to 10^4 in steps of 10^0.25, so that some fall on atoms and most between.
  const thresholds = Array.from({ length: 29 }, (_, i) => 10 ** (-3 + i / 4));
  // Exact on the grid (H2 convolved), the default (H2 tilted), and tilted with a tolerance.
  checkFigures(target, outcomes, thresholds, { massTolerance: 0, exactH2: true });
  checkFigures(target, outcomes, thresholds, {});
  checkFigures(target, outcomes, thresholds, { massTolerance: 1e-6 });
}

/**
 * One target's figures against brute force. H1 (and H2 with `exactH2`): within the grid's
 * bound and massError. Tilted H2 (the default): within a further factor 10^(±maxLog10Error),
 * less massError·10^(−x) (docs/statistics.md, "Power").
 */
function checkFigures(target: TargetDistributions, outcomes: readonly Outcome[], thresholds: readonly number[], grid: Pick<PowerOptions, 'massTolerance' | 'exactH2'>): void {
  // One target with identify = 100/101 and π = 0.5: the decision rule's LR* is 100, as the fixed threshold.
  const settings = validatePowerOptions({ thresholds, threshold: 100, identify: 100 / 101, databaseSize: 1, ...grid });
  expect(settings.identificationLR).toBeCloseTo(100, 10);
  const fig = powerFigures(target, settings);
  expect(fig.pAboveThreshold).toBe(fig.pIdentified);
  const mass1 = outcomes.reduce((s, o) => s + o.p1, 0);
  expect(mass1).toBeCloseTo(1, 12);
  expect(fig.expectedLog10LR).toBeCloseTo(outcomes.reduce((s, o) => s + (o.p1 > 0 ? o.p1 * o.log10LR : 0), 0), 9);
  expect(fig.exclusionPower).toBeCloseTo(outcomes.reduce((s, o) => s + (o.inconsistent ? o.p2 : 0), 0), 12);
  const err = fig.maxLog10Error + 1e-9;
  const tilt = grid.exactH2 === true ? 1 : 10 ** fig.maxLog10Error;
  let tight = 0;
  fig.pExceed.forEach((e) => {
    const x = Math.log10(e.threshold);
    for (const [key, value] of [['p1', e.h1], ['p2', e.h2]] as const) {
      const lower = exceed(outcomes, key, x + err);
      const upper = exceed(outcomes, key, x - err);
      if (key === 'p1' || tilt === 1) {
        expect(value).toBeGreaterThanOrEqual(lower - 1e-12 - fig.massError);
        expect(value).toBeLessThanOrEqual(upper + 1e-12 + fig.massError);
      } else {
        expect(value).toBeGreaterThanOrEqual(lower / tilt - 1e-12 - fig.massError * 10 ** -x);
        expect(value).toBeLessThanOrEqual(upper * tilt + 1e-12);
      }
      if (upper - lower < 1e-15) tight++;
    }
  });
  // Most thresholds sit away from every atom: there the grid must be exact.
  expect(tight).toBeGreaterThan(thresholds.length);
  if (grid.massTolerance === 0) expect(fig.massError).toBe(0);
  // The reported bounds hold the exact P(LR ≥ 100 | H1).
  const exact = exceed(outcomes, 'p1', 2);
  expect(fig.pIdentifiedBounds[0]).toBeLessThanOrEqual(exact + 1e-12);
  expect(fig.pIdentifiedBounds[1]).toBeGreaterThanOrEqual(exact - 1e-12 - fig.massError);
  expect(fig.pIdentifiedBounds[0]).toBeLessThanOrEqual(fig.pIdentified);
  expect(fig.pIdentifiedBounds[1]).toBeGreaterThanOrEqual(fig.pIdentified);
  expect(fig.pIdentified).toBeGreaterThanOrEqual(exceed(outcomes, 'p1', 2 + err) - 1e-12 - fig.massError);
  expect(fig.pIdentified).toBeLessThanOrEqual(exceed(outcomes, 'p1', 2 - err) + 1e-12);
}

describe('power figures equal brute-force enumeration over every child genotype combination', () => {
  const trioParent = family('T', [['AF', 'father', { TH01: g('6', '7'), vWA: g('15', '15'), TPOX: g('8', '11') }]]);
  const motherSib = family('S', [
    ['MO', 'mother', { TH01: g('6', '8'), vWA: g('14', '16'), TPOX: g('9', '9') }],
    ['SIB', 'full-sibling', { TH01: g('8', '9'), vWA: g('14', '14') }],
  ]);
  const grand = family('G', [
    ['GM', 'grandmother-maternal', { TH01: g('7', '7'), vWA: g('15', '16'), TPOX: g('10', '11') }],
    ['HS', 'half-sibling-paternal', { TH01: g('6', '9'), TPOX: g('8', '10') }],
  ]);
  const twoMissing = family('TWO', [['MO', 'mother', { TH01: g('6', '7'), vWA: g('14', '16'), TPOX: g('8', '10') }]], ['M1', 'M2']);
  const base = { frequencies: small } as const;

  it.each([
    ['one parent, no mutation', trioParent, { ...base, mutation: 'none' as const }],
    ['one parent, stepwise mutation', trioParent, { ...base, mutation: 'stepwise' as const }],
    ['mother and full sibling, equal mutation', motherSib, { ...base, mutation: 'equal' as const }],
    ['grandmother and half sibling, no mutation', grand, { ...base, mutation: 'none' as const }],
    ['grandmother and half sibling, proportional mutation, theta 0.02 (two loci)', grand, { ...base, mutation: 'proportional' as const, theta: 0.02, loci: ['vWA', 'TPOX'] }],
    ['one parent, no mutation, theta 0.03', trioParent, { ...base, mutation: 'none' as const, theta: 0.03 }],
  ])('%s', (_name, fam, options) => {
    checkAgainstBruteForce(fam, options);
  });

  it('two missing siblings: each one marginal over the other', () => {
    checkAgainstBruteForce(twoMissing, { ...base, mutation: 'stepwise' }, 'M1');
    checkAgainstBruteForce(twoMissing, { ...base, mutation: 'none' }, 'M2');
  });
});

describe('exclusion power of a single typed parent', () => {
  // Closed form: 1 − Π_l (1 − e_l), e_l = (1 − p_a − p_b)² (heterozygous a/b) or (1 − p_a)² (homozygous a).
  const table = builtinTable('nist1036-cauc');
  const p = (locus: string, a: string): number => {
    const e = table.loci[locus];
    return e?.frequencies[e.alleles.indexOf(a)] as number;
  };
  const parent = { TH01: g('6', '9.3'), vWA: g('17', '17'), D8S1179: g('13', '14'), FGA: g('22', '22'), D21S11: g('29', '30') };
  const closedForm = (): number => {
    let keep = 1;
    for (const [locus, [a, b]] of Object.entries(parent)) {
      const e = a === b ? (1 - p(locus, a)) ** 2 : (1 - p(locus, a) - p(locus, b as string)) ** 2;
      keep *= 1 - e;
    }
    return 1 - keep;
  };
  it.each(['none', 'stepwise'] as const)('single parent exclusion power = 1 − Π (1 − e_l), mutation %s (exclusion is without mutation)', (mutation) => {
    for (const relation of ['father', 'mother'] as const) {
      const fam = family('P', [['P', relation, parent]]);
      const r = familyPower([fam], { frequencies: table, mutation });
      expect(r.rows).toHaveLength(1);
      expect(r.rows[0]?.loci).toBe(5);
      expect(r.rows[0]?.exclusionPower).toBeCloseTo(closedForm(), 12);
    }
  });
});

describe('Monte Carlo agrees with the exact figures (seeded)', () => {
  it('mother + full sibling on 15 built-in loci with stepwise mutation: mean log10LR and P(LR ≥ t) within 4 standard errors', () => {
    const table = builtinTable('nist1036-cauc');
    const loci = ['D8S1179', 'D21S11', 'D7S820', 'CSF1PO', 'D3S1358', 'TH01', 'D13S317', 'D16S539', 'D2S1338', 'D19S433', 'vWA', 'TPOX', 'D18S51', 'D5S818', 'FGA'];
    const random = makeRandom(20261201);
    const pick = (l: string): Genotype => {
      const e = table.loci[l];
      const n = e?.alleles.length ?? 0;
      return g(e?.alleles[random.int(0, n)] as string, e?.alleles[random.int(0, n)] as string);
    };
    const mo: Record<string, Genotype> = {};
    const sib: Record<string, Genotype> = {};
    for (const l of loci) {
      mo[l] = pick(l);
      sib[l] = g((mo[l] as Genotype)[0], (pick(l) as Genotype)[1] as string);
    }
    const fam = family('MC', [['MO', 'mother', mo], ['SIB', 'full-sibling', sib]]);
    const options: PowerOptions = { frequencies: table, mutation: 'stepwise', loci };
    const target = targetOf(fam, options);
    const settings = validatePowerOptions({ thresholds: [1e-4, 1e-2, 1, 1e2, 1e4, 1e6] });
    const fig = powerFigures(target, settings);
    const markers: MarkerModel[] = target.loci.map((l) => l.marker);
    const lookup = (gs: Record<string, Genotype>): number =>
      target.loci.reduce((s, l) => {
        const gt = gs[l.locus] as Genotype;
        const i = l.marker.alleles.indexOf(gt[0]);
        const j = l.marker.alleles.indexOf(gt[1] as string);
        return s + (l.lnLR[genotypeIndex(i, j)] as number) / Math.LN10;
      }, 0);
    const N = 4000;
    const refs = { MO: mo, SIB: sib };
    const h1: number[] = [];
    const h2: number[] = [];
    for (let k = 0; k < N; k++) {
      const sim1 = simulateGenotypes(fam.pedigree, markers, random, { typed: ['M'], conditionOn: refs });
      const sim2 = simulateGenotypes(fam.pedigree, markers, random, { typed: ['UNRELATED'] });
      h1.push(lookup(sim1.genotypes['M'] as Record<string, Genotype>));
      h2.push(lookup(sim2.genotypes['UNRELATED'] as Record<string, Genotype>));
      if (k < 5) {
        // The look-up is the LR a search (familyLR) reports for that child.
        const direct = familyLR(profile('c', sim1.genotypes['M'] as Record<string, Genotype>), fam, 'M', options).total.log10LR as number;
        expect(direct).toBeCloseTo(h1[k] as number, 9);
      }
    }
    const mean = h1.reduce((s, x) => s + x, 0) / N;
    const sd = Math.sqrt(h1.reduce((s, x) => s + (x - mean) ** 2, 0) / (N - 1));
    expect(Math.abs(mean - fig.expectedLog10LR)).toBeLessThan((4 * sd) / Math.sqrt(N));
    for (const e of fig.pExceed) {
      const x = Math.log10(e.threshold);
      for (const [sample, exact] of [[h1, e.h1], [h2, e.h2]] as const) {
        const phat = sample.filter((v) => v >= x).length / N;
        const se = Math.sqrt(Math.max(exact * (1 - exact), 1 / N) / N);
        expect(Math.abs(phat - exact)).toBeLessThan(4 * se + fig.maxLog10Error);
      }
    }
    // Not a vacuous check: the figures are in the informative range.
    expect(fig.pExceed.find((e) => e.threshold === 1e4)?.h1).toBeGreaterThan(0.05);
    expect(fig.pExceed.find((e) => e.threshold === 1)?.h2).toBeLessThan(0.2);
  }, 120_000);
});

describe('exceedance (the grid convolution)', () => {
  it('two loci by hand', () => {
    const a = { log10LR: [1, -1, Number.NEGATIVE_INFINITY], probability: [0.5, 0.3, 0.2] };
    const b = { log10LR: [2, 0], probability: [0.25, 0.75] };
    // Sums: 3 (.125), 1 (.375), 1 (.075), -1 (.225), LR 0 (.2).
    const r = exceedance([a, b], [-2, 0, 1, 2, 3, 4], 0.001);
    expect(r.exceed.map((x) => Number(x.toFixed(12)))).toEqual([0.8, 0.575, 0.575, 0.125, 0.125, 0]);
    expect(r.maxLog10Error).toBeCloseTo(0.001, 15);
    expect(r.massError).toBe(0);
    // A locus where every outcome has LR 0 makes the total LR 0, whatever came before.
    const zero = { log10LR: [Number.NEGATIVE_INFINITY], probability: [1] };
    expect(exceedance([b, b, b, zero], [-1, 0, 5]).exceed).toEqual([0, 0, 0]);
    expect(exceedance([zero], [-1]).exceed).toEqual([0]);
    expect(exceedance([], [-1, 0, 1]).exceed).toEqual([1, 1, 0]);
  });
  it('the pruned and the plain convolution agree on many loci', () => {
    const random = makeRandom(7);
    const loci = Array.from({ length: 12 }, () => {
      const n = 2 + random.int(0, 6);
      const w = Array.from({ length: n }, () => random.float() + 0.01);
      const s = w.reduce((x, y) => x + y, 0);
      return { log10LR: Array.from({ length: n }, () => -3 + 5 * random.float()), probability: w.map((x) => x / s) };
    });
    const xs = [-5, -1, 0, 1, 2, 3, 5, 8];
    // Plain: one threshold far below everything, so nothing is pruned early; compare the asked ones.
    const pruned = exceedance(loci, xs, 0.01).exceed;
    const plain = xs.map((x) => exceedance(loci, [-1000, x, 1000], 0.01, 0).exceed[1] as number);
    pruned.forEach((v, i) => expect(v).toBeCloseTo(plain[i] as number, 12));
    // With a mass tolerance, the tails cut stay within it and the values within the mass cut.
    const cut = exceedance(loci, xs, 0.01, 1e-3);
    expect(cut.massError).toBeGreaterThan(0);
    expect(cut.massError).toBeLessThanOrEqual(1e-3);
    cut.exceed.forEach((v, i) => expect(Math.abs(v - (plain[i] as number))).toBeLessThanOrEqual(cut.massError + 1e-15));
  });
});

describe('exceedanceH1H2 (both hypotheses in one pass)', () => {
  const random = makeRandom(11);
  // Loci whose H2 is h1 / LR, as for a real family, with some rare low-LR outcomes.
  const loci = Array.from({ length: 14 }, () => {
    const n = 3 + random.int(0, 12);
    const v = Array.from({ length: n }, (_, i) => (i < 2 ? -6 - 4 * random.float() : -2 + 4 * random.float()));
    const w = v.map((x, i) => (i < 2 ? 1e-9 : random.float() + 0.01));
    const z = w.reduce((a, b) => a + b, 0);
    const h1 = w.map((x) => x / z);
    const h2raw = h1.map((p, i) => p / 10 ** (v[i] as number));
    const z2 = h2raw.reduce((a, b) => a + b, 0);
    return { log10LR: v, h1, h2: h2raw.map((p) => p / z2) };
  });
  const xs = [-2, 0, 1, 2, 4, 6, 8, 10];
  it('equals two separate convolutions (exceedance) to 1e-13 relative, with no tolerance', () => {
    const both = exceedanceH1H2(loci, xs, 0.01, 0);
    const one = exceedance(loci.map((l) => ({ log10LR: l.log10LR, probability: l.h1 })), xs, 0.01).exceed;
    const two = exceedance(loci.map((l) => ({ log10LR: l.log10LR, probability: l.h2 })), xs, 0.01).exceed;
    expect(both.massError).toBe(0);
    both.h1.forEach((v, i) => expect(Math.abs(v - (one[i] as number))).toBeLessThanOrEqual(1e-13 * Math.max(1e-300, one[i] as number)));
    both.h2.forEach((v, i) => expect(Math.abs(v - (two[i] as number))).toBeLessThanOrEqual(1e-13 * (two[i] as number) + 1e-300));
    expect(two[7]).toBeGreaterThan(0);
  });
  it('with a tolerance: H1 within massError, H2 within massError·10^(maxLog10Error − x), both from below', () => {
    const exact = exceedanceH1H2(loci, xs, 0.01, 0);
    const cut = exceedanceH1H2(loci, xs, 0.01, 1e-6);
    expect(cut.massError).toBeGreaterThan(0);
    expect(cut.massError).toBeLessThanOrEqual(1e-6);
    xs.forEach((x, i) => {
      const d1 = (exact.h1[i] as number) - (cut.h1[i] as number);
      const d2 = (exact.h2[i] as number) - (cut.h2[i] as number);
      expect(d1).toBeGreaterThanOrEqual(-1e-15);
      expect(d1).toBeLessThanOrEqual(cut.massError + 1e-15);
      expect(d2).toBeGreaterThanOrEqual(-1e-15 * (exact.h2[i] as number));
      expect(d2).toBeLessThanOrEqual(cut.massError * 10 ** (cut.maxLog10Error - x) + 1e-15 * (exact.h2[i] as number));
    });
  });
});

describe('exceedanceH1H2 with H2 tilted from H1 (the default of the power figures)', () => {
  const random = makeRandom(23);
  // Real-family-like loci (H2 = h1 / LR), with rare low-LR outcomes and values between grid points.
  // H1 and H2 drawn, LR = h1/h2 (as for a real family), with rare outcomes of low LR.
  const loci = Array.from({ length: 16 }, () => {
    const n = 3 + random.int(0, 14);
    const w1 = Array.from({ length: n }, (_, i) => (i < 2 ? 1e-8 * (random.float() + 0.01) : random.float() + 0.01));
    const w2 = Array.from({ length: n }, (_, i) => (i < 2 ? 0.5 + random.float() : random.float() + 0.01));
    const z1 = w1.reduce((a, b) => a + b, 0);
    const z2 = w2.reduce((a, b) => a + b, 0);
    const h1 = w1.map((x) => x / z1);
    const h2 = w2.map((x) => x / z2);
    return { log10LR: h1.map((p, i) => Math.log10(p / (h2[i] as number))), h1, h2 };
  });
  const xs = [-2, 0, 1, 2, 4, 6, 8, 10];
  it('without a tolerance: H1 bit for bit the exact pass, H2 within a factor 10^(±maxLog10Error) of it', () => {
    const exact = exceedanceH1H2(loci, xs, 0.01, 0, 'exact');
    const tilted = exceedanceH1H2(loci, xs, 0.01, 0, 'tilted');
    expect(tilted.massError).toBe(0);
    expect(tilted.h1).toEqual(exact.h1);
    const f = 10 ** tilted.maxLog10Error;
    xs.forEach((_, i) => {
      expect(tilted.h2[i]).toBeGreaterThanOrEqual((exact.h2[i] as number) / f);
      expect(tilted.h2[i]).toBeLessThanOrEqual((exact.h2[i] as number) * f);
    });
    // Not the exact values: the tilt is an approximation (else this test could not fail).
    expect(tilted.h2.some((v, i) => v !== exact.h2[i])).toBe(true);
  });
  it('many outcomes per locus (close values added in groups of 4 or 8, far ones alone): H1 bit for bit the exact pass, and a plain convolution', () => {
    const r = makeRandom(29);
    // 12 loci of 20–70 outcomes: clusters of close log10 LRs (within the grouping span at step 0.01) and isolated far values.
    const many = Array.from({ length: 12 }, () => {
      const n = 20 + r.int(0, 50);
      const v = Array.from({ length: n }, (_, i) => (i % 9 === 0 ? -6 + 12 * r.float() : Math.floor(i / 9) * 1.7 - 3 + 0.6 * r.float()));
      const h2 = Array.from({ length: n }, () => r.float() + 0.01);
      const h1 = h2.map((p, i) => p * 10 ** (v[i] as number));
      const z1 = h1.reduce((a, b) => a + b, 0);
      const z2 = h2.reduce((a, b) => a + b, 0);
      const p1 = h1.map((x) => x / z1);
      const p2 = h2.map((x) => x / z2);
      return { log10LR: p1.map((p, i) => Math.log10(p / (p2[i] as number))), h1: p1, h2: p2 };
    });
    const ks = [-3, 0, 1, 2, 5, 8, 12];
    const exact = exceedanceH1H2(many, ks, 0.01, 0, 'exact');
    const tilted = exceedanceH1H2(many, ks, 0.01, 0, 'tilted');
    expect(tilted.h1).toEqual(exact.h1);
    // A plain convolution of the rounded values (a map from grid total to H1 mass).
    let dist = new Map<number, number>([[0, 1]]);
    for (const l of many) {
      const next = new Map<number, number>();
      for (const [k, p] of dist) l.h1.forEach((q, i) => { const t = k + Math.round((l.log10LR[i] as number) / 0.01); next.set(t, (next.get(t) ?? 0) + p * q); });
      dist = next;
    }
    ks.forEach((x, i) => {
      let want = 0;
      for (const [k, p] of dist) if (k >= Math.ceil(x / 0.01 - 1e-9)) want += p;
      expect(Math.abs((tilted.h1[i] as number) - want)).toBeLessThan(1e-12);
    });
    expect(new Set(tilted.h1).size).toBeGreaterThan(3);
  });
  it('the threshold combine: partial sums passing the highest threshold whatever follows, out of reach, and a threshold asked twice, as a plain convolution', () => {
    const r = makeRandom(31);
    // 10 loci of log10 LRs 0.1–1.5 only (H2 = h1 / LR), so that after a few loci some partial sums pass
    // the highest threshold (5) whatever the rest gives (the "above" mass of both halves), with thresholds
    // that every total passes, that some partial sums of the first half cannot reach with any of the
    // second, and one asked twice (the three ranges of the combine, for each hypothesis).
    const pos = Array.from({ length: 10 }, () => {
      const n = 4 + r.int(0, 10);
      const v = Array.from({ length: n }, () => 0.1 + 1.4 * r.float());
      const w = Array.from({ length: n }, () => r.float() + 0.01);
      const z = w.reduce((a, b) => a + b, 0);
      const h1 = w.map((x) => x / z);
      return { log10LR: v, h1, h2: h1.map((p, i) => p / 10 ** (v[i] as number)) };
    });
    const ks = [0.5, 2, 3, 3, 4, 5];
    const plain = (which: 'h1' | 'h2'): Map<number, number> => {
      let dist = new Map<number, number>([[0, 1]]);
      for (const l of pos) {
        const next = new Map<number, number>();
        for (const [k, p] of dist) l[which].forEach((q, i) => { const t = k + Math.round((l.log10LR[i] as number) / 0.01); next.set(t, (next.get(t) ?? 0) + p * q); });
        dist = next;
      }
      return dist;
    };
    const d1 = plain('h1');
    const d2 = plain('h2');
    const above = (dist: Map<number, number>, x: number): number => {
      let s = 0;
      for (const [k, p] of dist) if (k >= Math.ceil(x / 0.01 - 1e-9)) s += p;
      return s;
    };
    const exact = exceedanceH1H2(pos, ks, 0.01, 0, 'exact');
    const tilted = exceedanceH1H2(pos, ks, 0.01, 0, 'tilted');
    expect(tilted.h1).toEqual(exact.h1);
    ks.forEach((x, i) => {
      expect(Math.abs((exact.h1[i] as number) - above(d1, x))).toBeLessThan(1e-12);
      expect(Math.abs((exact.h2[i] as number) - above(d2, x))).toBeLessThanOrEqual(1e-12 * above(d2, x) + 1e-300);
    });
    // Every total (at least 1) passes 0.5; the threshold asked twice gives one value; some, not all, of the mass passes 5.
    expect(exact.h1[0]).toBeCloseTo(1, 12);
    expect(exact.h1[2]).toBe(exact.h1[3]);
    expect(exact.h1[5] as number).toBeGreaterThan(0);
    expect(exact.h1[5] as number).toBeLessThan(1);
  });
  it('with a tolerance: H1 within massError below, H2 within the factor less massError·10^(−x)', () => {
    const exact = exceedanceH1H2(loci, xs, 0.01, 0, 'exact');
    const cut = exceedanceH1H2(loci, xs, 0.01, 1e-6, 'tilted');
    expect(cut.massError).toBeGreaterThan(0);
    expect(cut.massError).toBeLessThanOrEqual(1e-6);
    const f = 10 ** cut.maxLog10Error;
    xs.forEach((x, i) => {
      const d1 = (exact.h1[i] as number) - (cut.h1[i] as number);
      expect(d1).toBeGreaterThanOrEqual(-1e-15);
      expect(d1).toBeLessThanOrEqual(cut.massError + 1e-15);
      expect(cut.h2[i]).toBeGreaterThanOrEqual((exact.h2[i] as number) / f - cut.massError * 10 ** -x);
      expect(cut.h2[i]).toBeLessThanOrEqual((exact.h2[i] as number) * f);
    });
  });
  it('an outcome whose LR is not h1/h2 (a silent allele\'s blank child): the exact pass', () => {
    const odd = [...loci.slice(1), { log10LR: [0, 1], h1: [0.2, 0.8], h2: [0.5, 0.5] }];
    expect(exceedanceH1H2(odd, xs, 0.01, 0, 'tilted')).toEqual(exceedanceH1H2(odd, xs, 0.01, 0, 'exact'));
  });
  it('a total so low that 10^(−total) would overflow gives a finite H2, never NaN', () => {
    // 156 loci at log10 LR −4 with H1 mass 1e-4: each half's lowest total is −312 with H1 mass 1e-312 (subnormal).
    const h1 = [1e-4, 1 - 1e-4];
    const h2 = [1 - 1e-4, 1e-4];
    const low = Array.from({ length: 156 }, () => ({ log10LR: h1.map((p, i) => Math.log10(p / (h2[i] as number))), h1, h2 }));
    const r = exceedanceH1H2(low, [-700, 0], 1, 0, 'tilted');
    const e = exceedanceH1H2(low, [-700, 0], 1, 0, 'exact');
    for (const v of [...r.h1, ...r.h2]) expect(Number.isFinite(v)).toBe(true);
    expect(r.h2[0]).toBeCloseTo(e.h2[0] as number, 12);
  });
});

describe('pIdentified under the decision rule (docs/identification.md)', () => {
  it('identificationLR: a child with LR* against its target, the other targets summing to their H2 mean n − 1, has posterior exactly `identify`', () => {
    for (const [P, pi, n] of [[0.9999, 0.5, 1], [0.9999, 0.5, 100_000], [0.99, 0.2, 37]] as const) {
      const lr = identificationLR(P, pi, n);
      const post = databasePosterior([Math.log(lr)], Math.log(lr + n - 1), n, pi).listed[0] as number;
      expect(post).toBeCloseTo(P, 12);
      // A little less LR falls short.
      expect(databasePosterior([Math.log(lr * 0.99)], Math.log(lr * 0.99 + n - 1), n, pi).listed[0]).toBeLessThan(P);
    }
    expect(identificationLR(0.9999, 0.5, 1)).toBeCloseTo(9999, 8);
    expect(identificationLR(1, 0.5, 10)).toBe(Number.POSITIVE_INFINITY);
  });
  it('familyPower: pIdentified is P(LR ≥ LR* | H1) for the run’s targets (or --database-size), pAboveThreshold is P(LR ≥ threshold | H1)', () => {
    const a = family('A', [['AF', 'father', { TH01: g('6', '7'), vWA: g('15', '15'), TPOX: g('8', '11') }]]);
    const b = family('B', [['MO', 'mother', { TH01: g('6', '8'), vWA: g('14', '16') }]], ['M1', 'M2']);
    const options: PowerOptions = { frequencies: small, mutation: 'stepwise', threshold: 10 };
    const r = familyPower([a, b], options);
    expect(r.settings.databaseSizeUsed).toBe(3);
    const lrStar = identificationLR(0.9999, 0.5, 3);
    expect(r.settings.identificationLR).toBe(lrStar);
    for (const row of r.rows) {
      const target = targetOf(row.family === 'A' ? a : b, options, row.missing);
      const direct = powerFigures(target, validatePowerOptions({ thresholds: [lrStar, 10] }));
      expect(row.pIdentified).toBe(direct.pExceed[0]?.h1);
      expect(row.pAboveThreshold).toBe(direct.pExceed[1]?.h1);
    }
    const fixed = familyPower([a, b], { ...options, databaseSize: 1, identify: 0.99, priorInDatabase: 0.9 });
    expect(fixed.settings.identificationLR).toBeCloseTo((0.99 / 0.01) * (0.1 / 0.9), 9);
  });
});

describe('familyPower', () => {
  const fam = family('F1', [['AF', 'father', { TH01: g('6', '7'), vWA: g('15', '15') }]]);
  it('one row per (family, missing person), lowest pIdentified first; rejected families with reasons', () => {
    const weak = family('F0', [['GM', 'grandmother-maternal', { TH01: g('6', '7') }]]);
    const bad: Family = { ...fam, id: 'F2', missing: ['nobody'] };
    const r = familyPower([fam, weak, bad, fam], { frequencies: small, mutation: 'none', threshold: 10 });
    expect(r.rows.map((x) => x.family)).toEqual(['F0', 'F1']);
    expect(r.rows[0]?.pIdentified).toBeLessThanOrEqual(r.rows[1]?.pIdentified as number);
    expect(r.rejected.map((x) => x.id)).toEqual(['F1', 'F2']);
    expect(r.rejected[1]?.reasons[0]).toMatchInlineSnapshot(`"missing person is not in the pedigree (missing = nobody)"`);
    expect(r.rows[0]?.pExceed.map((e) => e.threshold)).toEqual([1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]);
    expect(r.provenance.mutationModel).toBe('none');
  });
  it('P(LR ≥ t | H2) ≤ 1/t and E[log10LR | H1] ≥ 0 (domain.md §5)', () => {
    const r = familyPower([fam], { frequencies: small, mutation: 'stepwise', thresholds: [1, 2, 5, 10, 100] });
    const row = r.rows[0];
    for (const e of row?.pExceed ?? []) expect(e.h2).toBeLessThanOrEqual(1 / e.threshold + 1e-12);
    expect(row?.expectedLog10LR).toBeGreaterThan(0);
  });
  it('rejects bad options, listing every problem', () => {
    let issues: unknown = null;
    try {
      familyPower([fam], { frequencies: small, threshold: 0, thresholds: [10, Number.NaN], gridStep: 1 });
    } catch (e) {
      issues = (e as ValidationError).issues.map((i) => `${i.code}: ${i.message}`);
    }
    expect(issues).toMatchInlineSnapshot(`
      [
        "bad-threshold: Threshold must be a finite number > 0 (threshold = 0)",
        "bad-thresholds: Each threshold must be a finite number > 0 (thresholds[1] = NaN)",
        "bad-grid-step: Grid step must be in (0, 0.1] log10 units (gridStep = 1)",
      ]
    `);
  });
  it('a reference allele outside the table joins the family space (rare-allele rule), as in the search', () => {
    const rare = family('R', [['AF', 'father', { TH01: g('6', '13'), vWA: g('15', '15') }]]);
    const r = familyPower([rare], { frequencies: small, mutation: 'none' });
    expect(r.rows).toHaveLength(1);
    // TH01's space is 6, 7, 8, 9 plus 13 at 5/(2N) = 0.025, divided by 1.025.
    const e1 = (1 - (0.1 + 0.025) / 1.025) ** 2;
    const e2 = (1 - 0.25) ** 2;
    expect(r.rows[0]?.exclusionPower).toBeCloseTo(1 - (1 - e1) * (1 - e2), 14);
    const strict = familyPower([rare], { frequencies: small, mutation: 'none', frequencyOptions: { rareAllele: { rule: 'error' } } });
    expect(strict.rows).toHaveLength(0);
    expect(strict.rejected[0]?.reasons.join('; ')).toContain('rare alleles are rejected');
  });
});
