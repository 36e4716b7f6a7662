/**
 * Issue 7, item 5: simulate options are checked at entry, before anything is
 * drawn, with named defaults and every bad value refused.
 */
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import { makeRandom, type Random } from '../../src/simulate/random.js';
import { MAX_SIMULATIONS, simulateLRDistribution, validateSimulateOptions, type SimulateLROptions } from '../../src/simulate/simulateLRDistribution.js';
import { DEFAULT_FAMILY_STRUCTURES, DEFAULT_SEARCH_SCENARIO, simulateSearchScenario, validateSearchScenarioOptions } from '../../src/simulate/simulateSearchScenario.js';
import { refused } from '../refused.js';

const markers = [makeMarkerModel({ name: 'M1', alleles: ['a', 'b', 'c'], frequencies: [0.2, 0.3, 0.5] })];


/** A random source that fails the test if anything is drawn from it. */
const untouched = (): Random => ({ seed: 1, float: () => { throw new Error('drawn before validation'); }, int: () => { throw new Error('drawn before validation'); } });

describe('validateSimulateOptions', () => {
  const base: SimulateLROptions = { hypotheses: [relationshipPedigree('parent-child'), { persons: [] }], truth: 'H2', markers, typed: ['A', 'B'], n: 10, random: makeRandom(1) };

  it('fills in the defaults and names the simulated people', () => {
    expect(validateSimulateOptions(base)).toEqual({ theta: 0, typed: ['A', 'B'], simulated: ['A', 'B'] });
    expect(MAX_SIMULATIONS).toBe(10_000_000);
  });

  it('rejects n: NaN, negative, zero, Infinity, non-integer, too many', () => {
    expect([Number.NaN, -5, 0, Number.POSITIVE_INFINITY, 2.5, MAX_SIMULATIONS + 1].flatMap((n) => refused(() => validateSimulateOptions({ ...base, n })))).toMatchInlineSnapshot(`
      [
        "bad-n [n]: Number of simulations must be an integer in [1, 10000000] (n = NaN)",
        "bad-n [n]: Number of simulations must be an integer in [1, 10000000] (n = -5)",
        "bad-n [n]: Number of simulations must be an integer in [1, 10000000] (n = 0)",
        "bad-n [n]: Number of simulations must be an integer in [1, 10000000] (n = Infinity)",
        "bad-n [n]: Number of simulations must be an integer in [1, 10000000] (n = 2.5)",
        "bad-n [n]: Number of simulations must be an integer in [1, 10000000] (n = 10000001)",
      ]
    `);
  });

  it('rejects theta outside [0, 1), NaN and Infinity', () => {
    expect([-0.1, 1, Number.NaN, Number.NEGATIVE_INFINITY].flatMap((theta) => refused(() => validateSimulateOptions({ ...base, theta })))).toMatchInlineSnapshot(`
      [
        "bad-theta [theta]: Theta must be in [0, 1) (theta = -0.1)",
        "bad-theta [theta]: Theta must be in [0, 1) (theta = 1)",
        "bad-theta [theta]: Theta must be in [0, 1) (theta = NaN)",
        "bad-theta [theta]: Theta must be in [0, 1) (theta = -Infinity)",
      ]
    `);
  });

  it('rejects thresholds and quantiles: NaN, negative, zero, Infinity; and a missing random source', () => {
    expect(refused(() => validateSimulateOptions({ ...base, threshold: Number.NaN, thresholds: [-1, 0, Number.POSITIVE_INFINITY], quantiles: [Number.NaN, 1.5], random: undefined as unknown as Random }))).toMatchInlineSnapshot(`
      [
        "bad-threshold [thresholds.0]: Threshold must be a finite number > 0 (threshold = -1)",
        "bad-threshold [thresholds.1]: Threshold must be a finite number > 0 (threshold = 0)",
        "bad-threshold [thresholds.2]: Threshold must be a finite number > 0 (threshold = Infinity)",
        "bad-quantile [quantiles.0]: Quantile probability must be in [0, 1] (p = NaN)",
        "bad-quantile [quantiles.1]: Quantile probability must be in [0, 1] (p = 1.5)",
        "bad-threshold [threshold]: Decision threshold must be a finite number > 0 (threshold = NaN)",
        "bad-option [random]: A random source from makeRandom is needed (random = undefined)",
      ]
    `);
  });

  it('simulateLRDistribution validates before drawing anything', () => {
    expect(() => simulateLRDistribution({ ...base, random: untouched() })).toThrow('drawn before validation');
    for (const bad of [{ n: Number.NaN }, { theta: 1 }, { threshold: -1 }, { n: 1.5 }]) {
      expect(refused(() => simulateLRDistribution({ ...base, ...bad, random: untouched() }))).toHaveLength(1);
    }
  });
});

describe('validateSearchScenarioOptions', () => {
  const table = builtinTable();

  it('fills in the named defaults', () => {
    const o = validateSearchScenarioOptions({ table, seed: 7 });
    expect({ families: o.families, children: o.children, related: o.related, references: o.references, mutation: o.mutation, oldKitRate: o.oldKitRate, locusDropRate: o.locusDropRate, birthYears: o.birthYears }).toEqual(DEFAULT_SEARCH_SCENARIO);
    expect(o.structures).toBe(DEFAULT_FAMILY_STRUCTURES);
    expect([o.loci.length, o.oldKit.length, o.seed]).toEqual([21, 15, 7]);
  });

  it('rejects counts, rates and seeds that are NaN, negative, Infinity or not integers', () => {
    expect(
      refused(() =>
        validateSearchScenarioOptions({ table, seed: -1, families: Number.NaN, children: Number.POSITIVE_INFINITY, related: 1.5, references: [1, Number.NaN], oldKitRate: -0.1, locusDropRate: Number.NaN, mutation: 'custom' }),
      ),
    ).toMatchInlineSnapshot(`
      [
        "bad-seed [seed]: Seed must be an integer in [0, 4294967295] (seed = -1)",
        "bad-option [mutation]: Mutation must be none, equal, proportional, stepwise, onestep (mutation = "custom")",
        "bad-count [families]: Must be an integer ≥ 0 (families = NaN)",
        "bad-count [children]: Must be an integer ≥ 0 (children = Infinity)",
        "bad-count [related]: Must be an integer ≥ 0 (related = 1.5)",
        "bad-references [references]: References per family must be integers with 1 ≤ min ≤ max (references = [1, NaN])",
        "bad-rate [oldKitRate]: Rate must be in [0, 1] (oldKitRate = -0.1)",
        "bad-rate [locusDropRate]: Rate must be in [0, 1] (locusDropRate = NaN)",
      ]
    `);
    expect(refused(() => simulateSearchScenario({ table, seed: 2.5 }))).toMatchInlineSnapshot(`
      [
        "bad-seed [seed]: Seed must be an integer in [0, 4294967295] (seed = 2.5)",
      ]
    `);
  });
});

describe('simulateSearchScenario: years of birth', () => {
  const table = builtinTable();
  it('gives missing persons exact years in range and found children estimates within one year of the truth; genotypes do not depend on the years', () => {
    const s = simulateSearchScenario({ table, seed: 11, families: 40, children: 30, related: 20, birthYears: [2010, 2014] });
    for (const f of s.families) for (const m of f.missing) expect(f.born?.[m]).toEqual({ from: expect.any(Number), to: f.born?.[m]?.from });
    const yearOf = new Map(s.families.flatMap((f) => f.missing.map((m) => [`${f.id}/${m}`, f.born?.[m]?.from as number])));
    for (const c of s.children) {
      const b = c.born as { from: number; to: number };
      expect(b.to - b.from).toBeLessThanOrEqual(2);
      const truth = s.truth.get(c.sample);
      const y = truth === undefined ? undefined : yearOf.get(`${truth.family}/${truth.missing}`);
      if (y !== undefined) expect(b.from <= y && y <= b.to && y - b.from <= 1 && b.to - y <= 1).toBe(true);
      else expect(b.from >= 2009 && b.to <= 2015).toBe(true);
    }
    const none = simulateSearchScenario({ table, seed: 11, families: 40, children: 30, related: 20, birthYears: null });
    expect(none.children.map((c) => c.genotypes)).toEqual(s.children.map((c) => c.genotypes));
    expect(none.children.every((c) => c.born === undefined) && none.families.every((f) => f.born === undefined)).toBe(true);
    expect(refused(() => validateSearchScenarioOptions({ table, seed: 1, birthYears: [2015, 2010] })).map((i) => i.split(' ')[0])).toEqual(['bad-years']);
  });
});
