// LR distributions by simulation, checked against domain.md §5:
// E[LR | H2] = 1 and P(LR ≥ t | H2) ≤ 1/t (with sampling slack).
import { describe, expect, it } from 'vitest';
import { ModelError, ValidationError } from '../../src/errors/StrkinError.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { pedigreeFromRelations } from '../../src/pedigree/pedigreeFromRelations.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateLRDistribution, type SimulateLROptions } from '../../src/simulate/simulateLRDistribution.js';
import { simulationMarkers } from '../../src/simulate/simulationMarkers.js';
import { DEFAULT_LR_THRESHOLDS, summarizeLRs } from '../../src/simulate/summarizeLRs.js';

const EMPTY = { persons: [] };
const markers: MarkerModel[] = [
  makeMarkerModel({ name: 'M1', alleles: ['a', 'b', 'c'], frequencies: [0.2, 0.3, 0.5] }),
  makeMarkerModel({ name: 'M2', alleles: ['a', 'b', 'c', 'd'], frequencies: [0.1, 0.2, 0.3, 0.4] }),
  makeMarkerModel({ name: 'M3', alleles: ['a', 'b'], frequencies: [0.6, 0.4] }),
];

/** Binomial slack: the bound plus 4 standard errors of a proportion at the bound. */
const slack = (bound: number, n: number): number => bound + 4 * Math.sqrt((bound * (1 - bound)) / n) + 1 / n;

/** |mean − 1| within 4 standard errors (and a floor for tiny SEs). */
function expectMeanNearOne(summary: { meanLR: number; meanLRStandardError: number }): void {
  expect(Number.isFinite(summary.meanLR)).toBe(true);
  expect(Math.abs(summary.meanLR - 1)).toBeLessThan(4 * summary.meanLRStandardError + 0.01);
}

describe('simulateLRDistribution: domain.md §5 under H2', () => {
  it('paternity duo: mean LR ≈ 1 and P(LR ≥ t) ≤ 1/t', () => {
    const result = simulateLRDistribution({
      hypotheses: [relationshipPedigree('parent-child', { a: 'AF', b: 'C' }), EMPTY],
      truth: 'H2',
      markers,
      typed: ['AF', 'C'],
      n: 4000,
      random: makeRandom(21),
    });
    expectMeanNearOne(result.summary);
    for (const e of result.summary.exceedance) {
      expect(e.bound).toBe(1 / e.threshold);
      expect(e.probability).toBeLessThanOrEqual(slack(1 / e.threshold, result.n));
    }
    // a duo is excluded when nothing is shared: P(LR = 0 | H2) is far from 0 here
    expect(result.summary.excluded).toBeGreaterThan(0.05);
    expect(result.summary.errors.falseExclusion).toBeNull();
    expect(result.summary.errors.falseInclusionBound).toBe(1e-4);
  });

  it('full siblings with stepwise mutation and theta 0.03: mean LR ≈ 1 (simulation draws founders from the same urn)', () => {
    const mutating = [markers[0], markers[2]].map((m) => m as MarkerModel).map((m) => makeMarkerModel({ name: m.name, alleles: ['8', '9', '10', '11'].slice(0, m.alleles.length), frequencies: m.frequencies, mutation: { female: { model: 'stepwise', rate: 0.01, range: 0.5, rate2: 0 }, male: { model: 'stepwise', rate: 0.02, range: 0.5, rate2: 0 } } }));
    const result = simulateLRDistribution({
      hypotheses: [relationshipPedigree('full-siblings'), EMPTY],
      truth: 'H2',
      markers: mutating,
      typed: ['A', 'B'],
      n: 1500,
      random: makeRandom(22),
      theta: 0.03,
    });
    expectMeanNearOne(result.summary);
    for (const e of result.summary.exceedance) expect(e.probability).toBeLessThanOrEqual(slack(1 / e.threshold, result.n));
    expect(result.provenance.theta).toBe(0.03);
  });

  it('POI against fixed references (mother and full sibling known): only the POI is drawn; mean LR ≈ 1 under H2', () => {
    const h1 = pedigreeFromRelations({ id: 'POI' }, [{ id: 'MO', relation: 'mother' }, { id: 'SIB', relation: 'full-sibling' }]);
    const h2 = pedigreeFromRelations({ id: 'X' }, [{ id: 'MO', relation: 'mother' }, { id: 'SIB', relation: 'full-sibling' }]);
    const conditionOn = { MO: { M1: ['a', 'b'] as const, M2: ['c', 'd'] as const, M3: ['a', 'a'] as const }, SIB: { M1: ['a', 'c'] as const, M2: ['a', 'd'] as const, M3: ['a', 'b'] as const } };
    const base: SimulateLROptions = { hypotheses: [h1, h2], truth: 'H2', markers, typed: ['POI'], poi: 'POI', conditionOn, n: 4000, random: makeRandom(23) };
    const h2run = simulateLRDistribution(base);
    expect(h2run.simulated).toEqual(['POI']);
    expect(h2run.typed).toEqual(['POI', 'MO', 'SIB']);
    expectMeanNearOne(h2run.summary);
    for (const e of h2run.summary.exceedance) expect(e.probability).toBeLessThanOrEqual(slack(1 / e.threshold, h2run.n));
    // under H1 the POI is the mother's child: never excluded (no mutation), LR mostly > 1
    const h1run = simulateLRDistribution({ ...base, truth: 'H1', random: makeRandom(24) });
    expect(h1run.summary.excluded).toBe(0);
    expect(h1run.summary.meanLog10LR).toBeGreaterThan(0);
    expect(h1run.summary.errors.falseInclusion).toBeNull();
    expect(h1run.summary.errors.falseExclusion).toBeGreaterThan(0.5); // three markers never reach 10,000
  });

  it('conditioning with two simulated people (sequential draws) still gives mean LR ≈ 1', () => {
    const h1 = pedigreeFromRelations({ id: 'P' }, [{ id: 'MO', relation: 'mother' }, { id: 'SIB', relation: 'full-sibling' }]);
    const result = simulateLRDistribution({
      hypotheses: [h1, { persons: h1.persons.filter((p) => p.id !== 'P') }],
      truth: 'H2',
      markers: markers.slice(0, 2),
      typed: ['P', 'SIB'],
      conditionOn: { MO: { M1: ['a', 'b'], M2: ['c', 'd'] } },
      n: 1500,
      random: makeRandom(25),
    });
    expect(result.simulated).toEqual(['P', 'SIB']);
    expectMeanNearOne(result.summary);
  });
});

describe('simulateLRDistribution: under H1 and reproducibility', () => {
  it('a true father with 15 Identifiler loci and mutation: never excluded, large LRs, inconsistencies rare', () => {
    const table = builtinTable();
    const ms = simulationMarkers(table, ['CSF1PO', 'FGA', 'TH01', 'TPOX', 'vWA', 'D3S1358', 'D5S818', 'D7S820', 'D8S1179', 'D13S317', 'D16S539', 'D18S51', 'D21S11', 'D2S1338', 'D19S433']);
    const result = simulateLRDistribution({ hypotheses: [relationshipPedigree('parent-child', { a: 'AF', b: 'C' }), EMPTY], truth: 'H1', markers: ms, typed: ['AF', 'C'], n: 150, random: makeRandom(26) });
    expect(result.summary.excluded).toBe(0);
    expect(result.summary.quantiles.find((q) => q.p === 0.5)?.log10LR).toBeGreaterThan(3);
    expect(result.summary.errors.falseExclusion).toBeLessThan(0.5);
    expect([...result.inconsistentLoci].reduce((s, x) => s + x, 0)).toBeLessThan(5);
    expect(result.provenance.mutation[0]?.male).toContain('stepwise');
  });

  it('same seed, same LRs; different seeds differ; seed recorded', () => {
    const options = { hypotheses: [relationshipPedigree('half-siblings'), EMPTY] as const, truth: 'H1' as const, markers, typed: ['A', 'B'], n: 50 };
    const a = simulateLRDistribution({ ...options, random: makeRandom(5) });
    const b = simulateLRDistribution({ ...options, random: makeRandom(5) });
    const c = simulateLRDistribution({ ...options, random: makeRandom(6) });
    expect([...a.log10LR]).toEqual([...b.log10LR]);
    expect([...a.log10LR]).not.toEqual([...c.log10LR]);
    expect(a.seed).toBe(5);
    expect(a.summary.exceedance.map((e) => e.threshold)).toEqual(DEFAULT_LR_THRESHOLDS);
  });

  describe('rejects bad input', () => {
    const base: SimulateLROptions = { hypotheses: [relationshipPedigree('parent-child'), EMPTY], truth: 'H2', markers, typed: ['A', 'B'], n: 10, random: makeRandom(1) };
    it('n, thresholds, truth: every problem at once', () => {
      let error: unknown;
      try {
        simulateLRDistribution({ ...base, n: 0, thresholds: [0], truth: 'H3' as 'H1' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.code).sort()).toEqual(['bad-n', 'bad-threshold', 'bad-truth']);
      expect(() => simulateLRDistribution({ ...base, n: 0 })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-n: Number of simulations must be an integer in [1, 10000000] (n = 0)]`);
    });
    it('a POI that is not typed, or whose references are not fixed', () => {
      expect(() => simulateLRDistribution({ ...base, poi: 'Z' })).toThrow(/person of interest must be typed/);
      expect(() => simulateLRDistribution({ ...base, poi: 'B' })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: poi-references: With a person of interest, every other typed person needs fixed genotypes in conditionOn (missing = A)]`);
    });
    it('fixed references impossible under the truth', () => {
      const h1 = relationshipPedigree('parent-child', { a: 'AF', b: 'C' });
      const trio = { ...base, hypotheses: [h1, EMPTY] as const, typed: ['C'], poi: 'C', truth: 'H1' as const };
      // fine: AF fixed, C drawn as AF's child
      expect(simulateLRDistribution({ ...trio, conditionOn: { AF: { M1: ['a', 'a'] } } }).summary.excluded).toBe(0);
      expect(() => simulateLRDistribution({ ...trio, conditionOn: { AF: { M1: ['a', 'q'] } } })).toThrow(/Allele is not in the marker/);
    });
    it('impossible conditioning is a ModelError', () => {
      const sibs = pedigreeFromRelations({ id: 'P' }, [{ id: 'MO', relation: 'mother' }, { id: 'SIB', relation: 'full-sibling' }]);
      expect(() =>
        simulateLRDistribution({ ...base, hypotheses: [sibs, EMPTY], truth: 'H1', typed: ['P'], poi: 'P', conditionOn: { MO: { M3: ['a', 'a'] }, SIB: { M3: ['b', 'b'] } } }),
      ).toThrow(ModelError);
    });
  });
});

describe('summarizeLRs', () => {
  it('the mean log10 LR of the TSDoc example (its other values run in test/examples)', () => {
    const s = summarizeLRs([0, 1, 2, Number.NEGATIVE_INFINITY], { truth: 'H2', thresholds: [10], threshold: 10 });
    expect(s.meanLog10LR).toBe(1);
  });

  it('quantiles are type 1 (inverse empirical CDF) and handle LR 0 and ∞', () => {
    const s = summarizeLRs([3, 1, Number.NEGATIVE_INFINITY, 2, Number.POSITIVE_INFINITY], { truth: 'H1', quantiles: [0, 0.2, 0.21, 0.5, 0.8, 1] });
    expect(s.quantiles.map((q) => q.log10LR)).toEqual([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 1, 2, 3, Number.POSITIVE_INFINITY]);
    expect(s.meanLR).toBe(Number.POSITIVE_INFINITY);
    expect(s.meanLRStandardError).toBe(Number.POSITIVE_INFINITY);
    expect(s.errors.falseExclusion).toBeCloseTo(0.8, 12); // only +∞ reaches 10,000
  });

  it('an LR of exactly t counts as ≥ t despite rounding in log10', () => {
    const s = summarizeLRs([Math.log10(1000) - 1e-12, 2.999], { truth: 'H2', thresholds: [1000] });
    expect(s.exceedance[0]?.count).toBe(1);
  });

  it('rejects empty input and NaN', () => {
    expect(() => summarizeLRs([], { truth: 'H1' })).toThrow(/No LRs/);
    expect(() => summarizeLRs([1, Number.NaN], { truth: 'H1' })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: nan: log10 LR is NaN (index = 1)]`);
    expect(() => summarizeLRs([1], { truth: 'H1', quantiles: [1.5] })).toThrow(/Quantile probability/);
  });
});
