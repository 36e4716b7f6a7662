// The simulation API on the public surface, and the runnable examples of docs/simulation.md.
// (The TSDoc @example blocks of src/simulate run in test/examples.)
import { describe, expect, it } from 'vitest';
import { makeRandom } from '../../src/simulate/random.js';
import * as api from '../../src/index.js';

describe('the public surface', () => {
  it('the public surface exports the simulation API', () => {
    for (const name of ['makeRandom', 'MAX_SEED', 'simulateGenotypes', 'simulateProfile', 'simulationMarkers', 'summarizeLRs', 'simulateLRDistribution', 'simulateSearchScenario', 'DEFAULT_FAMILY_STRUCTURES', 'DEFAULT_LR_THRESHOLDS', 'DEFAULT_LR_QUANTILES', 'DEFAULT_DECISION_THRESHOLD', 'LOG10_TIE_TOLERANCE']) {
      expect(api).toHaveProperty(name);
    }
  });
});

describe('docs/simulation.md', () => {
  it('the runnable LR-distribution example (smaller n)', () => {
    const { builtinTable: table0, locusSet, makeRandom: mr, pedigreeFromRelations, simulateLRDistribution: sim, simulationMarkers: sm } = api;
    const table = table0();
    const loci = locusSet('identifiler')?.loci ?? [];
    const markers = sm(table, loci);
    const refs = [{ id: 'MO', relation: 'mother' }, { id: 'SIB', relation: 'full-sibling' }];
    const h1 = pedigreeFromRelations({ id: 'POI' }, refs);
    const h2 = pedigreeFromRelations({ id: 'MISSING' }, refs);
    const medians: number[] = [];
    for (const truth of ['H1', 'H2'] as const) {
      const result = sim({ hypotheses: [h1, h2], truth, markers, typed: ['POI', 'MO', 'SIB'], n: 20, random: mr(2024) });
      expect(result.seed).toBe(2024);
      medians.push(result.summary.quantiles.find((q) => q.p === 0.5)?.log10LR ?? Number.NaN);
      expect(truth === 'H1' ? result.summary.errors.falseExclusion : result.summary.errors.falseInclusion).not.toBeNull();
    }
    expect(medians[0]).toBeGreaterThan(4);
    expect(medians[1]).toBeLessThan(-5);
  });

  it('the conditioned example: references fixed from profiles, POI drawn', () => {
    const table = api.builtinTable();
    const markers = api.simulationMarkers(table, ['TH01', 'vWA', 'FGA']);
    const refs = [{ id: 'MO', relation: 'mother' }, { id: 'SIB', relation: 'full-sibling' }];
    const h1 = api.pedigreeFromRelations({ id: 'POI' }, refs);
    const h2 = api.pedigreeFromRelations({ id: 'MISSING' }, refs);
    const family = api.simulateGenotypes(h1, markers, makeRandom(3), { typed: ['MO', 'SIB'] }).genotypes;
    const mother = { genotypes: family['MO'] ?? {} };
    const sibling = { genotypes: family['SIB'] ?? {} };
    const result = api.simulateLRDistribution({ hypotheses: [h1, h2], truth: 'H1', markers, typed: ['POI'], poi: 'POI', conditionOn: { MO: mother.genotypes, SIB: sibling.genotypes }, n: 500, random: makeRandom(7) });
    expect(result.simulated).toEqual(['POI']);
    expect(result.summary.excluded).toBe(0);
  });

  it('the scenario example', () => {
    const scenario = api.simulateSearchScenario({ table: api.builtinTable(), seed: 1, families: 50, children: 20, related: 10 });
    expect(scenario.truth.size).toBe(10);
  });
});
