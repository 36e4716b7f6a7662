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
  // The figures the guide quotes: n = 100, seed 2024, Identifiler, then GlobalFiler under H1.
  it('the runnable LR-distribution example gives the figures the guide quotes', { timeout: 60_000 }, () => {
    const { builtinTable: table0, locusSet, makeRandom: mr, pedigreeFromRelations, simulateLRDistribution: sim, simulationMarkers: sm } = api;
    const table = table0();
    const refs = [{ id: 'MO', relation: 'mother' }, { id: 'SIB', relation: 'full-sibling' }];
    const h1 = pedigreeFromRelations({ id: 'POI' }, refs);
    const h2 = pedigreeFromRelations({ id: 'MISSING' }, refs);
    const run = (kit: string, truth: 'H1' | 'H2') => {
      const result = sim({ hypotheses: [h1, h2], truth, markers: sm(table, locusSet(kit)?.loci ?? []), typed: ['POI', 'MO', 'SIB'], n: 100, random: mr(2024) });
      expect(result.seed).toBe(2024);
      const s = result.summary;
      return { median: s.quantiles.find((q) => q.p === 0.5)?.log10LR ?? Number.NaN, reach: s.exceedance.find((e) => e.threshold === 1e4)?.probability, errors: s.errors };
    };
    const idH1 = run('identifiler', 'H1');
    expect(idH1.median).toBeCloseTo(7.7, 1); // LR about 50 million
    expect(idH1.reach).toBeCloseTo(0.97, 12);
    expect(idH1.errors.falseExclusion).toBeCloseTo(0.03, 12);
    const idH2 = run('identifiler', 'H2');
    expect(idH2.median).toBeCloseTo(-23, 0);
    expect(idH2.reach).toBe(0);
    const gfH1 = run('globalfiler', 'H1');
    expect(gfH1.median).toBeCloseTo(11.8, 1);
    expect(gfH1.reach).toBe(1);
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
