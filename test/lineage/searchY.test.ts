// Y evidence in the search (src/search/lineageTerms.ts): a pair's total is its autosomal LR
// (familyLR of the pair alone) times its Y LR (yLineageLR of the pair alone), whatever
// other children and families the run holds; per-type columns in CSV and JSON.
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { paternalMeioses } from '../../src/lineage/paternalLine.js';
import { paternalLineTree } from '../../src/lineage/paternalTree.js';
import { inconsistentYLoci, yLineageLR, type YReference } from '../../src/lineage/yLineageLR.js';
import { BUILTIN_Y_MUTATION_RATES } from '../../src/lineage/yMutationRates.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { YHaplotype } from '../../src/profile/yHaplotype.js';
import { searchJsonRow, writeSearchCsv } from '../../src/report/searchReport.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { searchFamilies, type Match, type SearchOptions } from '../../src/search/searchFamilies.js';
import { simulateYLineages } from '../../src/simulate/simulateYLineages.js';
import { makeRng, randomProfile, simulateFamily } from '../arbitraries/search.js';

const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'CSF1PO', 'D8S1179', 'vWA'];
const Y_LOCI = ['DYS19', 'DYS389I', 'DYS390', 'DYS391', 'DYS392', 'DYS393', 'DYS437', 'DYS438', 'DYS439'];
const table = builtinTable('nist1036-cauc');
const pop = simulateYLineages({
  loci: Y_LOCI.map((name, i) => ({ name, founder: [10 + i], rate: BUILTIN_Y_MUTATION_RATES[name] as number })),
  populationSize: 400,
  generations: 300,
  databaseSize: 200,
  pairs: { count: 30, meioses: 1 },
  seed: 5,
});
const options: SearchOptions = { frequencies: table, minLoci: 4, topK: 5, lineage: { database: pop.database } };

/** Families with Y haplotypes on the paternal line (the reference of pair i, the same for every man of the line) and the mother typed without Y; true children carry the pair's child haplotype. */
function world(seed: number, prefix: string, n: number): { families: Family[]; children: Profile[] } {
  const rng = makeRng(seed);
  const families: Family[] = [];
  const children: Profile[] = [];
  for (let i = 0; i < n; i++) {
    const sim = simulateFamily(rng, table, LOCI, `${prefix}F${i}`, { typed: 3 });
    const pair = pop.pairs[(seed + i) % pop.pairs.length];
    if (pair === undefined) throw new Error('no pair');
    const references = Object.fromEntries(Object.entries(sim.family.references).map(([id, p]) => [id, id === 'Mo' ? p : { ...p, y: pair.reference }]));
    families.push({ ...sim.family, references });
    children.push({ ...sim.truth, sample: `${prefix}${sim.truth.sample}`, y: pair.child });
    const other = randomProfile(rng, table, LOCI, `${prefix}U${i}`);
    children.push(i % 3 === 0 ? other : { ...other, y: pop.unrelated[(seed + i) % pop.unrelated.length] as YHaplotype });
  }
  return { families, children };
}

/** The pair alone: familyLR plus the Y LR over the family's typed paternal-line references, jointly on H1's paternal-line tree. */
function alone(child: Profile, family: Family, missing: string): { auto: number; y: number | null } {
  const auto = familyLR(child, family, missing, options).total.lnLR;
  const refs: YReference[] = [];
  for (const [id, p] of Object.entries(family.references).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (p.y === undefined) continue;
    try {
      refs.push({ id, haplotype: p.y, meioses: paternalMeioses(family.pedigree, missing, id) });
    } catch {
      // not on the paternal line
    }
  }
  if (child.y === undefined || refs.length === 0) return { auto, y: null };
  const yOptions = { database: pop.database, tree: paternalLineTree(family.pedigree, missing, refs.map((r) => r.id)) };
  const y = inconsistentYLoci(refs, yOptions).length > 0 ? null : yLineageLR(child.y, refs, yOptions).total.lnLR;
  return { auto, y };
}

const key = (m: Match): string => `${m.child}\u0000${m.family}\u0000${m.missing}`;

describe('search with Y evidence', () => {
  const big = world(1, 'a', 12);
  const result = searchFamilies(big.children, big.families, options);

  it('every reported pair: total = familyLR (autosomal) + Y LR of the pair alone, with the per-type columns', () => {
    let withY = 0;
    for (const m of result.matches) {
      const child = big.children.find((c) => c.sample === m.child) as Profile;
      const family = big.families.find((f) => f.id === m.family) as Family;
      const { auto, y } = alone(child, family, m.missing);
      expect(m.lnLR).toBeCloseTo(auto + (y ?? 0), 9);
      // A Y exclusion (a difference of more than m repeats at a locus) makes the total 0; the autosomal cell is then empty.
      if (y === Number.NEGATIVE_INFINITY) expect(m.byType?.autosomal).toBeNull();
      else expect(m.byType?.autosomal).toBeCloseTo(auto / Math.LN10, 9);
      if (y === null) expect(m.byType?.Y).toBeNull();
      else {
        withY++;
        if (Number.isFinite(y)) expect(m.byType?.Y).toBeCloseTo(y / Math.LN10, 12);
        else expect(m.byType?.Y).toBeNull();
      }
      expect(Number.isNaN(m.lnLR)).toBe(false);
    }
    expect(withY).toBeGreaterThan(5);
  });

  it('a pair’s LR does not depend on the other records of the run', () => {
    const small = searchFamilies(big.children.slice(0, 8), big.families.slice(2, 7), { ...options, topK: 50 });
    const full = searchFamilies(big.children, big.families, { ...options, topK: 50 });
    const byKey = new Map(full.matches.map((m) => [key(m), m]));
    let checked = 0;
    for (const m of small.matches) {
      const other = byKey.get(key(m));
      if (other === undefined) continue;
      checked++;
      expect(other.lnLR).toBe(m.lnLR);
      expect(other.byType).toEqual(m.byType);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('writes log10LR_autosomal and log10LR_Y in CSV and JSON; without Y settings the columns are absent', () => {
    const csv = writeSearchCsv(result).split('\n');
    expect(csv[0]).toBe('child,family,missing,rank_for_child,rank_for_family,log10LR,LR,posterior,loci_compared,loci_inconsistent_without_mutation,log10LR_autosomal,log10LR_Y');
    const m = result.matches.find((x) => x.byType?.Y !== null) as Match;
    expect(searchJsonRow(m)).toMatchObject({ log10LR_autosomal: m.byType?.autosomal, log10LR_Y: m.byType?.Y });
    const { lineage: _lineage, ...autosomalOnly } = options;
    const plain = searchFamilies(big.children, big.families, autosomalOnly);
    expect(writeSearchCsv(plain).split('\n')[0]).toBe('child,family,missing,rank_for_child,rank_for_family,log10LR,LR,posterior,loci_compared,loci_inconsistent_without_mutation');
    expect(plain.matches[0]?.byType).toBeUndefined();
  });

  it('adds no Y where the missing person is female', () => {
    const fam = big.families[0] as Family;
    const female: Family = { ...fam, pedigree: { persons: fam.pedigree.persons.map((p) => (p.id === 'M' ? { ...p, sex: 'female' } : p)) } };
    const r = searchFamilies(big.children.slice(0, 2), [female], { ...options, ignoreMetadata: true });
    for (const m of r.matches) expect(m.byType?.Y).toBeNull();
  });
});
