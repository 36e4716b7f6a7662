/**
 * Lineage markers in synthetic searches: synthetic X frequencies, the synthetic Y
 * population, X and Y data of families and children, and that turning them on
 * leaves the autosomal data of a seed unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { FrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { BUILTIN_Y_MUTATION_RATES } from '../../src/lineage/yMutationRates.js';
import { ARGUS_X12_LINKAGE_GROUPS } from '../../src/profile/xLoci.js';
import { pedigreeFromRelations } from '../../src/pedigree/pedigreeFromRelations.js';
import { makeDropPlan } from '../../src/simulate/dropGenes.js';
import { dropMarkerX } from '../../src/simulate/dropGenesX.js';
import { makeRandom } from '../../src/simulate/random.js';
import { DEFAULT_Y_POPULATION, makeYPopulation, syntheticXTable, YFILER_PLUS_SINGLE_COPY } from '../../src/simulate/scenarioLineage.js';
import { simulateSearchScenario, type SearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import { simulationMarkers } from '../../src/simulate/simulationMarkers.js';

const ARGUS = ARGUS_X12_LINKAGE_GROUPS.flatMap((g) => g.loci);
let table: FrequencyTable;
let plain: SearchScenario;
let lineage: SearchScenario;
const SMALL_Y = { size: 2000, generations: 100, databaseSize: 500 };

beforeAll(() => {
  table = syntheticXTable(builtinTable(), 5);
  const common = { table, seed: 5, families: 200, children: 60, related: 40, mutation: 'none' as const, locusDropRate: 0 };
  plain = simulateSearchScenario(common);
  lineage = simulateSearchScenario({ ...common, xLoci: ARGUS, yLoci: YFILER_PLUS_SINGLE_COPY, yPopulation: SMALL_Y });
});

describe('syntheticXTable', () => {
  it('adds the twelve Argus X-12 loci, frequencies summing to 1, the same for a seed and another for another seed', () => {
    for (const locus of ARGUS) {
      const f = table.loci[locus];
      expect(f, locus).toBeDefined();
      expect(Math.abs((f?.frequencies ?? []).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      expect(Math.min(...(f?.frequencies ?? []))).toBeGreaterThan(0.004);
    }
    expect(Object.keys(table.loci).length).toBe(Object.keys(builtinTable().loci).length + 12);
    expect(syntheticXTable(builtinTable(), 5).checksum).toBe(table.checksum);
    expect(syntheticXTable(builtinTable(), 6).checksum).not.toBe(table.checksum);
    expect(table.loci['TH01']).toEqual(builtinTable().loci['TH01']);
  });
  it('has heterozygosities of real X-STRs (between 0.5 and 0.95)', () => {
    for (const locus of ARGUS) {
      const h = 1 - (table.loci[locus]?.frequencies ?? []).reduce((a, p) => a + p * p, 0);
      expect(h, locus).toBeGreaterThan(0.5);
      expect(h, locus).toBeLessThan(0.95);
    }
  });
  it('rejects a bad seed', () => {
    expect(() => syntheticXTable(builtinTable(), -1)).toThrow(ValidationError);
  });
});

describe('simulateSearchScenario with X and Y loci', () => {
  it('leaves the autosomal genotypes, sexes, years and truth of the seed unchanged', () => {
    expect([...lineage.truth]).toEqual([...plain.truth]);
    lineage.children.forEach((c, i) => {
      const p = plain.children[i];
      expect(c.sex).toBe(p?.sex);
      expect(c.born).toEqual(p?.born);
      for (const [locus, g] of Object.entries(p?.genotypes ?? {})) expect(c.genotypes[locus]).toEqual(g);
    });
    lineage.families.forEach((f, i) => {
      for (const [id, r] of Object.entries(plain.families[i]?.references ?? {})) {
        for (const [locus, g] of Object.entries(r.genotypes)) expect(f.references[id]?.genotypes[locus]).toEqual(g);
      }
    });
  });
  it('types every child at the X loci (a male with one allele, written a/a) and every male child at the Y loci', () => {
    for (const c of lineage.children) {
      for (const locus of ARGUS) {
        const g = c.genotypes[locus];
        expect(g, `${c.sample} ${locus}`).toBeDefined();
        if (c.sex === 'male') expect(g?.[0]).toBe(g?.[1]);
      }
      if (c.sex === 'male') expect(Object.keys(c.y?.loci ?? {}).sort()).toEqual([...YFILER_PLUS_SINGLE_COPY].sort());
      else expect(c.y).toBeUndefined();
    }
    expect(lineage.yDatabase?.size).toBe(SMALL_Y.databaseSize);
    expect(lineage.settings.xLoci).toEqual(ARGUS);
  });
  it('follows the X and Y rules in the families (no mutation at X here): a daughter carries her father\'s X, a son his father\'s Y within one step per locus, a son one of his mother\'s X alleles', () => {
    let daughters = 0;
    let sons = 0;
    let mothers = 0;
    for (const [child, truth] of lineage.truth) {
      const c = lineage.children.find((x) => x.sample === child);
      const family = lineage.families.find((f) => f.id === truth.family);
      const father = Object.values(family?.references ?? {}).find((r) => r.relationship === 'father');
      const mother = Object.values(family?.references ?? {}).find((r) => r.relationship === 'mother');
      if (c === undefined) continue;
      if (father !== undefined && c.sex === 'female') {
        daughters++;
        for (const locus of ARGUS) expect(c.genotypes[locus], locus).toContain(father.genotypes[locus]?.[0]);
      }
      if (father !== undefined && c.sex === 'male') {
        sons++;
        expect(father.y).toBeDefined();
        for (const locus of YFILER_PLUS_SINGLE_COPY) expect(Math.abs(Number(c.y?.loci[locus]?.[0]) - Number(father.y?.loci[locus]?.[0])), locus).toBeLessThanOrEqual(1);
      }
      if (mother !== undefined && c.sex === 'male') {
        mothers++;
        expect(mother.y).toBeUndefined();
        for (const locus of ARGUS) expect(mother.genotypes[locus], locus).toContain(c.genotypes[locus]?.[0]);
      }
    }
    expect(daughters).toBeGreaterThan(0);
    expect(sons).toBeGreaterThan(0);
    expect(mothers).toBeGreaterThan(0);
  });
  it('types no reference at X or Y with lineageTypedRate 0, every child still', () => {
    const s = simulateSearchScenario({ table, seed: 5, families: 40, children: 10, related: 5, xLoci: ['DXS10135'], yLoci: ['DYS19'], yPopulation: SMALL_Y, lineageTypedRate: 0, locusDropRate: 0 });
    for (const f of s.families) for (const r of Object.values(f.references)) expect(r.genotypes['DXS10135'] ?? r.y).toBeUndefined();
    for (const c of s.children) expect(c.genotypes['DXS10135']).toBeDefined();
  });
  it('rejects autosomal loci as X loci, Y loci without a built-in rate and a share outside [0, 1]', () => {
    const bad = (): unknown => simulateSearchScenario({ table, seed: 1, xLoci: ['TH01'], yLoci: ['DYS385'], lineageTypedRate: 2 });
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.code).sort()).toEqual(['bad-rate', 'bad-x-loci', 'bad-y-loci']);
    }
  });
});

describe('dropMarkerX with a segregation', () => {
  it('gives each son the mother\'s allele on the side the segregation names (complete linkage for markers dropped with one array)', () => {
    const pedigree = pedigreeFromRelations([{ id: 'S', sex: 'male' }], [{ id: 'M', relation: 'mother' }]);
    const plan = makeDropPlan(pedigree, ['M', 'S']);
    const [marker] = simulationMarkers(table, ['DXS10135'], { mutation: 'none' });
    const m = plan.ids.indexOf('M');
    const s = plan.ids.indexOf('S');
    for (const side of [0, 1]) {
      const segregation = new Uint8Array(plan.ids.length).fill(side);
      for (let k = 0; k < 20; k++) {
        const alleles = new Int32Array(2 * plan.ids.length);
        dropMarkerX(plan, marker!, makeRandom(k), 0, alleles, segregation);
        expect(alleles[2 * s]).toBe(alleles[2 * m + side]);
      }
    }
  });
});

describe('makeYPopulation', () => {
  it('gives a database of the size asked for, the same for a seed, and rejects bad settings', () => {
    const a = makeYPopulation(['DYS19', 'DYS390'], SMALL_Y, makeRandom(3));
    const b = makeYPopulation(['DYS19', 'DYS390'], SMALL_Y, makeRandom(3));
    expect(a.database.size).toBe(500);
    expect(a.database.haplotypes).toEqual(b.database.haplotypes);
    expect(() => makeYPopulation(['DYS385'], SMALL_Y, makeRandom(3))).toThrow(ValidationError);
    expect(() => makeYPopulation(['DYS19'], { ...SMALL_Y, databaseSize: 2000 }, makeRandom(3))).toThrow(ValidationError);
    expect(DEFAULT_Y_POPULATION.databaseSize).toBe(3000);
  });
  it('mutates each locus at its rate per generation (single steps): mean squared difference between two sons of one father ≈ 2μ', () => {
    const pop = makeYPopulation(['DYS518'], SMALL_Y, makeRandom(4));
    const random = makeRandom(9);
    const mu = BUILTIN_Y_MUTATION_RATES['DYS518'] as number;
    let sq = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const f = pop.draw(random);
      const d = (pop.meiosis(f, random)[0] as number) - (pop.meiosis(f, random)[0] as number);
      sq += d * d;
    }
    // Var of the difference of two independent single-step meioses: 2μ (each ±1 with probability μ); 6 standard errors.
    expect(Math.abs(sq / n - 2 * mu)).toBeLessThan(6 * Math.sqrt((2 * mu * 3) / n));
  });
});
