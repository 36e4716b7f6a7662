// The @example blocks of the simulation exports, run as written (style.md §7).
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { makePedigree } from '../../src/pedigree/validatePedigree.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateGenotypes } from '../../src/simulate/simulateGenotypes.js';
import { simulateLRDistribution } from '../../src/simulate/simulateLRDistribution.js';
import { simulateProfile } from '../../src/simulate/simulateProfile.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import { simulationMarkers } from '../../src/simulate/simulationMarkers.js';
import * as api from '../../src/index.js';

describe('TSDoc examples (simulate)', () => {
  it('makeRandom', () => {
    const random = makeRandom(42);
    expect(random.seed).toBe(42);
    const u = random.float();
    expect(u >= 0 && u < 1).toBe(true);
    const die = random.int(1, 7);
    expect(die >= 1 && die <= 6).toBe(true);
    expect(makeRandom(42).float() === u).toBe(true);
  });

  it('simulateGenotypes', () => {
    const trio = makePedigree([
      { id: 'F', sex: 'male', father: null, mother: null },
      { id: 'M', sex: 'female', father: null, mother: null },
      { id: 'C', sex: 'female', father: 'F', mother: 'M' },
    ]);
    const th01 = makeMarkerModel({ name: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.2, 0.3, 0.5] });
    const { genotypes, seed } = simulateGenotypes(trio, [th01], makeRandom(7));
    const c = genotypes['C']?.['TH01'];
    expect(c).toHaveLength(2);
    expect(genotypes['F']?.['TH01']?.some((a) => c?.includes(a))).toBe(true);
    expect(seed).toBe(7);
  });

  it('simulateProfile', () => {
    const table = makeFrequencyTable({ name: 'demo', loci: { TH01: { '6': 0.25, '9.3': 0.75 } } });
    const profile = simulateProfile(table, ['TH01'], makeRandom(1), { sample: 'U-1', sex: 'female' });
    expect(profile.sample).toBe('U-1');
    expect(profile.sex).toBe('female');
    expect(['6', '9.3']).toContain(profile.genotypes['TH01']?.[0]);
  });

  it('simulationMarkers', () => {
    const markers = simulationMarkers(builtinTable(), ['TH01', 'vWA'], { mutation: 'stepwise' });
    expect(markers.map((m) => m.name)).toEqual(['TH01', 'vWA']);
    expect(markers[1]?.mutation.male).toEqual({ model: 'stepwise', rate: 0.0017, range: 0.5, rate2: 1e-6 });
  });

  it('simulateLRDistribution', () => {
    const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b', 'c'], frequencies: [0.2, 0.3, 0.5] });
    const duo = relationshipPedigree('parent-child', { a: 'AF', b: 'C' });
    const result = simulateLRDistribution({ hypotheses: [duo, { persons: [] }], truth: 'H2', markers: [marker], typed: ['AF', 'C'], n: 1000, random: makeRandom(2024) });
    expect(Math.abs(result.summary.meanLR - 1)).toBeLessThan(4 * result.summary.meanLRStandardError);
    expect(result.seed).toBe(2024);
  });

  it('simulateSearchScenario', () => {
    const scenario = simulateSearchScenario({ table: builtinTable(), seed: 1, families: 20, children: 10, related: 6 });
    expect(scenario.families[0]?.id).toBe('FAM-0001');
    expect(scenario.children.length).toBe(10);
    expect(scenario.truth.size).toBe(6);
    const [child, truth] = [...scenario.truth][0] ?? [];
    expect(child).toMatch(/^CH-\d{4}$/);
    expect(truth?.missing.startsWith(`${truth.family}-missing`)).toBe(true);
  });

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
