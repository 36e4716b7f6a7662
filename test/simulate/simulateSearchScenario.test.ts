import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { FrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import type { Genotype } from '../../src/profile/genotype.js';
import { locusSet } from '../../src/profile/loci.js';
import { simulateSearchScenario, type SearchScenario } from '../../src/simulate/simulateSearchScenario.js';

let table: FrequencyTable;
let scenario: SearchScenario;
const GLOBALFILER = locusSet('globalfiler')?.loci ?? [];
const IDENTIFILER = new Set(locusSet('identifiler')?.loci ?? []);

beforeAll(() => {
  table = builtinTable();
  scenario = simulateSearchScenario({ table, seed: 77, families: 300, children: 80, related: 50 });
});

describe('simulateSearchScenario: accounting', () => {
  it('has the families, children and related children asked for, with readable unique names', () => {
    expect(scenario.families).toHaveLength(300);
    expect(scenario.children).toHaveLength(80);
    expect(scenario.truth.size).toBe(50);
    expect(scenario.families[0]?.id).toBe('FAM-0001');
    expect(scenario.families.at(-1)?.id).toBe('FAM-0300');
    expect(scenario.children.map((c) => c.sample)).toEqual(Array.from({ length: 80 }, (_, i) => `CH-${String(i + 1).padStart(4, '0')}`));
    const samples = [...scenario.children.map((c) => c.sample), ...scenario.families.flatMap((f) => Object.values(f.references).map((r) => r.sample))];
    expect(new Set(samples).size).toBe(samples.length);
    expect(scenario.seed).toBe(77);
    expect(scenario.settings.table).toEqual({ name: table.name, checksum: table.checksum });
    expect(scenario.settings.loci).toEqual(GLOBALFILER);
  });

  it('every family: 1-4 typed references named after the family and relation, missing persons in the pedigree and untyped', () => {
    for (const f of scenario.families) {
      const refs = Object.entries(f.references);
      expect(refs.length).toBeGreaterThanOrEqual(1);
      expect(refs.length).toBeLessThanOrEqual(4);
      const ids = new Set(f.pedigree.persons.map((p) => p.id));
      for (const [id, profile] of refs) {
        expect(ids.has(id)).toBe(true);
        expect(profile.sample).toBe(id);
        expect(id.startsWith(`${f.id}-${profile.relationship ?? '?'}`)).toBe(true);
        expect(profile.family).toBe(f.id);
        expect(Object.keys(profile.genotypes).length).toBeGreaterThan(5);
      }
      expect(f.missing.length).toBeGreaterThanOrEqual(1);
      for (const m of f.missing) {
        expect(ids.has(m)).toBe(true);
        expect(f.references[m]).toBeUndefined();
      }
    }
    expect(scenario.families.find((f) => f.references[`${f.id}-mother`] !== undefined)?.references).toBeDefined();
  });

  it('uses every family structure, including two missing siblings', () => {
    const names = new Set(scenario.structures.values());
    expect(names.size).toBe(8);
    const two = scenario.families.filter((f) => f.missing.length === 2);
    expect(two.length).toBeGreaterThan(5);
    expect(two[0]?.missing).toEqual([`${two[0]?.id}-missing-1`, `${two[0]?.id}-missing-2`]);
  });

  it('true children point at a real missing person, are typed, and unrelated children are not in the truth', () => {
    const byId = new Map(scenario.families.map((f) => [f.id, f]));
    const targets = new Set<string>();
    for (const child of scenario.children) {
      expect(Object.keys(child.genotypes).length).toBeGreaterThan(10);
      const t = scenario.truth.get(child.sample);
      if (t === undefined) continue;
      expect(byId.get(t.family)?.missing).toContain(t.missing);
      targets.add(t.missing);
    }
    expect(targets.size).toBe(50); // distinct missing persons
  });

  it('realism: some references with the old kit only, and a few loci dropped', () => {
    const refs = scenario.families.flatMap((f) => Object.values(f.references));
    const oldKit = refs.filter((r) => Object.keys(r.genotypes).every((l) => IDENTIFILER.has(l)));
    expect(oldKit.length / refs.length).toBeGreaterThan(0.1);
    expect(oldKit.length / refs.length).toBeLessThan(0.3);
    const children = scenario.children;
    const typedLoci = children.reduce((s, c) => s + Object.keys(c.genotypes).length, 0);
    const dropRate = 1 - typedLoci / (children.length * GLOBALFILER.length);
    expect(dropRate).toBeGreaterThan(0.005);
    expect(dropRate).toBeLessThan(0.05);
  });
});

describe('simulateSearchScenario: the truth is really related', () => {
  it('a true child and its family give larger LRs than an unrelated child with the same family', () => {
    // 10 loci with few alleles keep the peeling cheap (SE33 with stepwise mutation is slow)
    const fast = new Set(['TH01', 'TPOX', 'CSF1PO', 'D3S1358', 'vWA', 'D8S1179', 'D5S818', 'D13S317', 'D16S539', 'D7S820']);
    const markers = scenario.markers.filter((m) => fast.has(m.name));
    const byId = new Map(scenario.families.map((f) => [f.id, f]));
    const unrelated = scenario.children.filter((c) => !scenario.truth.has(c.sample));
    const lr = (familyId: string, missing: string, childGenotypes: Readonly<Record<string, Genotype>>): number => {
      const family = byId.get(familyId);
      if (family === undefined) throw new Error('missing family');
      const genotypes: Record<string, Readonly<Record<string, Genotype>>> = Object.fromEntries([...Object.entries(family.references).map(([id, p]) => [id, p.genotypes] as const), [missing, childGenotypes] as const]);
      const h2 = { persons: family.pedigree.persons.map((p) => (p.id === missing ? { ...p, id: `${missing}.unrelated` } : p)) };
      return kinshipLR({ hypotheses: [family.pedigree, h2], markers, genotypes }).total.log10LR ?? Number.NEGATIVE_INFINITY;
    };
    const related: number[] = [];
    const chance: number[] = [];
    [...scenario.truth].slice(0, 10).forEach(([sample, t], i) => {
      related.push(lr(t.family, t.missing, scenario.children.find((c) => c.sample === sample)?.genotypes ?? {}));
      chance.push(lr(t.family, t.missing, unrelated[i]?.genotypes ?? {}));
    });
    expect(related.every((x) => x > Number.NEGATIVE_INFINITY)).toBe(true); // mutation model: never excluded
    const mean = (xs: number[]): number => xs.filter(Number.isFinite).reduce((s, x) => s + x, 0) / Math.max(1, xs.filter(Number.isFinite).length);
    expect(mean(related)).toBeGreaterThan(1.5);
    expect(mean(related)).toBeGreaterThan(mean(chance) + 2);
  });

  it('a child whose family typed its mother shares an allele with her at nearly every locus', () => {
    let loci = 0;
    let inconsistent = 0;
    const byId = new Map(scenario.families.map((f) => [f.id, f]));
    for (const [sample, t] of scenario.truth) {
      const family = byId.get(t.family);
      const mother = family?.references[`${t.family}-mother`];
      if (mother === undefined || family?.missing.length !== 1) continue;
      const child = scenario.children.find((c) => c.sample === sample);
      for (const [locus, g] of Object.entries(child?.genotypes ?? {})) {
        const m = mother.genotypes[locus];
        if (m === undefined) continue;
        loci++;
        if (!g.some((a) => a !== null && m.includes(a))) inconsistent++;
      }
    }
    expect(loci).toBeGreaterThan(100);
    expect(inconsistent / loci).toBeLessThan(0.01); // mutation: ~0.1% per meiosis
  });
});

describe('simulateSearchScenario: reproducibility and options', () => {
  it('same seed gives the same scenario; a different seed another', () => {
    const small = { table, families: 40, children: 15, related: 10 };
    const a = simulateSearchScenario({ ...small, seed: 3 });
    const b = simulateSearchScenario({ ...small, seed: 3 });
    const c = simulateSearchScenario({ ...small, seed: 4 });
    expect(JSON.stringify(a.families)).toBe(JSON.stringify(b.families));
    expect(a.children).toEqual(b.children);
    expect([...a.truth]).toEqual([...b.truth]);
    expect(JSON.stringify(c.families)).not.toBe(JSON.stringify(a.families));
  });

  it('the default size (2,000 families, 500 children, 300 related) has the right counts', () => {
    const full = simulateSearchScenario({ table, seed: 1 });
    expect([full.families.length, full.children.length, full.truth.size]).toEqual([2000, 500, 300]);
  });

  it('options: loci, references, no old kit, no dropout, no mutation, one structure', () => {
    const s = simulateSearchScenario({
      table,
      seed: 5,
      families: 10,
      children: 4,
      related: 4,
      loci: ['TH01', 'vWA', 'FGA'],
      references: [2, 2],
      oldKitRate: 0,
      locusDropRate: 0,
      mutation: 'none',
      structures: [{ name: 'parents', weight: 1, missing: 1, relations: ['mother', 'father'] }],
    });
    for (const f of s.families) {
      expect(Object.keys(f.references).sort()).toEqual([`${f.id}-father`, `${f.id}-mother`]);
      for (const r of Object.values(f.references)) expect(Object.keys(r.genotypes)).toEqual(['TH01', 'vWA', 'FGA']);
    }
    expect(s.markers.every((m) => m.female === null && m.male === null)).toBe(true);
    // no mutation: every true child is consistent with both parents
    for (const [sample, t] of s.truth) {
      const family = s.families.find((f) => f.id === t.family);
      const child = s.children.find((c) => c.sample === sample);
      const result = kinshipLR({
        hypotheses: [family?.pedigree ?? { persons: [] }, { persons: [] }],
        markers: s.markers,
        genotypes: { ...Object.fromEntries(Object.entries(family?.references ?? {}).map(([id, p]) => [id, p.genotypes])), [t.missing]: child?.genotypes ?? {} },
      });
      expect(result.total.status).toBe('ok');
    }
  });

  describe('rejects bad input', () => {
    it('every problem at once', () => {
      let error: unknown;
      try {
        simulateSearchScenario({ table, seed: 1, families: -1, children: 2, related: 3, references: [0, 2], oldKitRate: 2 });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.code).sort()).toEqual(['bad-count', 'bad-rate', 'bad-references', 'related-children']);
    });
    it('more related children than missing persons', () => {
      expect(() => simulateSearchScenario({ table, seed: 1, families: 2, children: 5, related: 5, structures: [{ name: 'm', weight: 1, missing: 1, relations: ['mother'] }] })).toThrowErrorMatchingInlineSnapshot(
        `[ValidationError: related-missing: More related children asked for than there are missing persons (related = 5, missing persons = 2)]`,
      );
    });
    it('a locus not in the table, and a bad seed', () => {
      expect(() => simulateSearchScenario({ table, seed: 1, families: 1, children: 0, related: 0, loci: ['TH01', 'NOPE'] })).toThrow(ValidationError);
      expect(() => simulateSearchScenario({ table, seed: -5, families: 1, children: 0, related: 0 })).toThrow(/Seed must be/);
    });
  });
});
